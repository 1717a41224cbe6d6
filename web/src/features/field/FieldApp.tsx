import { Segmented } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { useSession } from "../../api/session";
import { NotFound } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { StaffLayout } from "../../shell/StaffLayout";
import { mayOpen } from "../../shell/screens";
import { AgentDay } from "./AgentDay";
import { CustomerCard } from "./CustomerCard";
import { CustomerList } from "./CustomerList";
import { CustomerNew } from "./CustomerNew";
import { ManagerView } from "./ManagerView";
import { useOfflineSession } from "./offline";
import { PendingBanner } from "./PendingBanner";
import { ServiceOrderPage } from "./ServiceOrderPage";
import { VillagePage } from "./VillagePage";
import { VisitForm } from "./VisitForm";

// The field CRM on a phone: every field screen lives in this one bundle, so a page opened while online
// keeps working (and keeps typed visit records) when the village signal drops.
function FieldNav() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current =
    ["/field/manage", "/field/customers", "/field/villages"].find((p) => pathname.startsWith(p)) ?? "/field";
  const options = [
    { value: "/field", label: t("field.tabDay") },
    { value: "/field/customers", label: t("field.tabCustomers") },
    { value: "/field/villages", label: t("field.tabVillage") },
    ...(mayOpen(principal, "fieldManage") ? [{ value: "/field/manage", label: t("field.tabManage") }] : []),
  ];
  return (
    <Segmented
      block
      value={current}
      options={options}
      onChange={(v) => navigate(v)}
      style={{ marginBottom: 12 }}
    />
  );
}

function Frame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <StaffLayout compact title={title}>
      <div style={{ maxWidth: 560, margin: "0 auto" }}>
        <FieldNav />
        <PendingBanner />
        {children}
      </div>
    </StaffLayout>
  );
}

function FieldRoutes() {
  const { t } = useTranslation();
  return (
    <Routes>
      <Route
        index
        element={
          <Frame title={t("field.title")}>
            <AgentDay />
          </Frame>
        }
      />
      <Route
        path="villages"
        element={
          <Frame title={t("field.intel.title")}>
            <VillagePage />
          </Frame>
        }
      />
      <Route
        path="customers"
        element={
          <Frame title={t("field.tabCustomers")}>
            <CustomerList />
          </Frame>
        }
      />
      <Route
        path="customers/new"
        element={
          <Frame title={t("field.newCustomer")}>
            <CustomerNew />
          </Frame>
        }
      />
      <Route
        path="customers/:id"
        element={
          <Frame title={t("field.tabCustomers")}>
            <CustomerCard />
          </Frame>
        }
      />
      <Route
        path="customers/:id/visit"
        element={
          <Frame title={t("field.form.title")}>
            <VisitForm />
          </Frame>
        }
      />
      <Route
        path="customers/:id/order"
        element={
          <Frame title={t("field.orderForm.title")}>
            <ServiceOrderPage />
          </Frame>
        }
      />
      <Route
        path="manage"
        element={
          <StaffGate screen="fieldManage">
            <Frame title={t("field.manageTitle")}>
              <ManagerView />
            </Frame>
          </StaffGate>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export default function FieldApp() {
  // Opened with no signal: the remembered sign-in, not the sign-in page (offline.ts).
  if (useOfflineSession()) return <Loading />;
  return (
    <StaffGate screen="field">
      <FieldRoutes />
    </StaffGate>
  );
}
