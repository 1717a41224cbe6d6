import { Menu } from "antd";
import { useTranslation } from "react-i18next";
import { Route, Routes, useLocation, useNavigate, useParams } from "react-router-dom";
import { may, useSession } from "../../api/session";
import type { Capability } from "../../api/types";
import { Forbidden, NotFound } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { StaffLayout } from "../../shell/StaffLayout";
import { CalendarPage } from "./CalendarPage";
import { CasesPage } from "./CasesPage";
import { ComplaintDetail } from "./ComplaintDetail";
import { ComplaintForm } from "./ComplaintForm";
import { DeskPage } from "./DeskPage";
import { SlaPage } from "./SlaPage";
import { WorkOrdersPage } from "./WorkOrdersPage";

function Detail() {
  const { id = "" } = useParams();
  return <ComplaintDetail id={id} />;
}

function Screens() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  // What the server says the principal may do (GET /api/auth/me); it checks every request too.
  const can = (c: Capability) => may(principal, c);
  if (!can("complaint.read")) return <Forbidden />;
  const sub = location.pathname.split("/")[2] ?? "";
  const selected = ["new", "work-orders", "sla", "cases", "calendar"].includes(sub) ? sub : "";
  const items = [
    { key: "", label: t("complaints.desk") },
    ...(can("complaint.record") ? [{ key: "new", label: t("complaints.newComplaint") }] : []),
    ...(can("workOrder.handle") ? [{ key: "work-orders", label: t("complaints.workOrders") }] : []),
    ...(can("complaint.sla") ? [{ key: "sla", label: t("complaints.sla") }] : []),
    { key: "cases", label: t("complaints.cases.title") },
    ...(can("calendar.admin") ? [{ key: "calendar", label: t("complaints.calendar.title") }] : []),
  ];
  const title =
    {
      "": t("complaints.desk"),
      new: t("complaints.form.title"),
      "work-orders": t("complaints.wo.title"),
      sla: t("complaints.slaPage.title"),
      cases: t("complaints.cases.title"),
      calendar: t("complaints.calendar.title"),
    }[selected] ?? t("complaints.title");
  return (
    <StaffLayout title={title}>
      <Menu
        mode="horizontal"
        selectedKeys={[selected]}
        items={items}
        onClick={(e) => navigate(`/complaints${e.key ? `/${e.key}` : ""}`)}
        style={{ marginBottom: 16, background: "transparent" }}
      />
      <Routes>
        <Route index element={<DeskPage />} />
        <Route path="new" element={can("complaint.record") ? <ComplaintForm /> : <Forbidden />} />
        <Route path="work-orders" element={can("workOrder.handle") ? <WorkOrdersPage /> : <Forbidden />} />
        <Route path="sla" element={can("complaint.sla") ? <SlaPage /> : <Forbidden />} />
        <Route path="cases" element={<CasesPage />} />
        <Route path="calendar" element={can("calendar.admin") ? <CalendarPage /> : <Forbidden />} />
        <Route path=":id" element={<Detail />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </StaffLayout>
  );
}

export default function ComplaintsApp() {
  return (
    <StaffGate screen="counter" allowAny>
      <Screens />
    </StaffGate>
  );
}
