import { Tabs } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { may, useSession } from "../../api/session";
import { StaffGate } from "../../shell/Gate";
import { StaffLayout } from "../../shell/StaffLayout";
import { ForecastTab } from "./ForecastTab";
import { PeopleTab } from "./PeopleTab";
import { PlanTab } from "./PlanTab";
import { RosterTab } from "./RosterTab";

// 排班 (R-ROSTER) for one hall: the forecast, the day's counter plan, the week's roster, its people.
function Screens() {
  const { t } = useTranslation();
  const { hallId = "" } = useParams();
  const { principal } = useSession();
  const [date, setDate] = useState(dayjs().format("YYYY-MM-DD"));
  const [weekStart, setWeekStart] = useState(dayjs().format("YYYY-MM-DD"));
  return (
    <StaffLayout title={t("staffing.title")}>
      <Tabs
        items={[
          {
            key: "forecast",
            label: t("staffing.tab.forecast"),
            children: (
              <ForecastTab
                hallId={hallId}
                date={date}
                onDate={setDate}
                mayEdit={may(principal, "staffing.manage")}
              />
            ),
          },
          { key: "plan", label: t("staffing.tab.plan"), children: <PlanTab hallId={hallId} date={date} /> },
          {
            key: "roster",
            label: t("staffing.tab.roster"),
            children: <RosterTab hallId={hallId} weekStart={weekStart} onWeek={setWeekStart} />,
          },
          ...(may(principal, "staffing.manage")
            ? [{ key: "people", label: t("staffing.tab.people"), children: <PeopleTab hallId={hallId} /> }]
            : []),
        ]}
      />
    </StaffLayout>
  );
}

export default function StaffingApp() {
  return (
    <StaffGate screen="staffing">
      <Screens />
    </StaffGate>
  );
}
