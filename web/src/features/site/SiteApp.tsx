import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router-dom";
import { StaffGate } from "../../shell/Gate";
import { StaffLayout } from "../../shell/StaffLayout";
import { CheckTab } from "./CheckTab";
import { IncidentsTab } from "./IncidentsTab";
import { TasksTab } from "./TasksTab";

// 现场检查 (R-SITE) for one hall: the opening check, the tasks it raised, the hall's incidents. The tab
// is kept in the address (?tab=) so a task's SMS link or a refresh lands where it was.
function Screens() {
  const { t } = useTranslation();
  const { hallId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "check";
  return (
    <StaffLayout title={t("site.title")}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: "check", label: t("site.tab.check"), children: <CheckTab hallId={hallId} /> },
          { key: "tasks", label: t("site.tab.tasks"), children: <TasksTab hallId={hallId} /> },
          { key: "incidents", label: t("site.tab.incidents"), children: <IncidentsTab hallId={hallId} /> },
        ]}
      />
    </StaffLayout>
  );
}

export default function SiteApp() {
  return (
    <StaffGate screen="site">
      <Screens />
    </StaffGate>
  );
}
