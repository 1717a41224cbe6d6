import { Menu } from "antd";
import { useTranslation } from "react-i18next";
import { Route, Routes, useLocation, useNavigate, useParams } from "react-router-dom";
import { useSession } from "../../api/session";
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

// Mirrors the server's capabilities (src/core/access.ts): who records, who works orders, who reads SLA.
const RECORD = [
  "consult_desk",
  "floor_staff",
  "counter_staff",
  "hall_manager",
  "area_manager",
  "operator_admin",
  "rural_agent",
];
const READ = [...RECORD, "inspector"];
const ORDERS = ["hall_manager", "area_manager", "operator_admin"];
const SLA = ["hall_manager", "area_manager", "operator_admin", "inspector"];
export const complaintRoles = { RECORD, READ, ORDERS, SLA };

function Detail() {
  const { id = "" } = useParams();
  return <ComplaintDetail id={id} />;
}

function Screens() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const role = principal?.kind === "user" ? principal.role : "";
  if (!READ.includes(role)) return <Forbidden />;
  const sub = location.pathname.split("/")[2] ?? "";
  const selected = ["new", "work-orders", "sla", "cases", "calendar"].includes(sub) ? sub : "";
  const items = [
    { key: "", label: t("complaints.desk") },
    ...(RECORD.includes(role) ? [{ key: "new", label: t("complaints.newComplaint") }] : []),
    ...(ORDERS.includes(role) ? [{ key: "work-orders", label: t("complaints.workOrders") }] : []),
    ...(SLA.includes(role) ? [{ key: "sla", label: t("complaints.sla") }] : []),
    { key: "cases", label: t("complaints.cases.title") },
    ...(role === "operator_admin" ? [{ key: "calendar", label: t("complaints.calendar.title") }] : []),
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
        <Route path="new" element={RECORD.includes(role) ? <ComplaintForm /> : <Forbidden />} />
        <Route path="work-orders" element={ORDERS.includes(role) ? <WorkOrdersPage /> : <Forbidden />} />
        <Route path="sla" element={SLA.includes(role) ? <SlaPage /> : <Forbidden />} />
        <Route path="cases" element={<CasesPage />} />
        <Route path="calendar" element={role === "operator_admin" ? <CalendarPage /> : <Forbidden />} />
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
