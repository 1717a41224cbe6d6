import { Card, Empty, List, Tag } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { StaffLayout } from "../../shell/StaffLayout";
import { useMyShifts } from "./api";

// A person's own shifts on the phone (排班 R-ROSTER): the published rosters only, from today on.
function MyShifts() {
  const { t } = useTranslation();
  const mine = useMyShifts();
  if (mine.isLoading) return <Loading />;
  const shifts = mine.data?.shifts ?? [];
  return (
    <div style={{ maxWidth: 480, margin: "0 auto" }}>
      {shifts.length === 0 ? (
        <Empty description={t("staffing.mine.empty")} />
      ) : (
        <List
          dataSource={shifts}
          renderItem={(s) => {
            const d = dayjs(s.date);
            const wd = d.day() === 0 ? 7 : d.day();
            return (
              <Card size="small" style={{ marginBottom: 8 }}>
                <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
                  <div>
                    <div style={{ fontWeight: 600 }}>
                      {s.date} {t(`staffing.weekday.${wd}`)}
                    </div>
                    <div style={{ fontSize: 20 }}>
                      {s.start}–{s.end}
                    </div>
                  </div>
                  <Tag color="blue">{t("staffing.mine.hours", { n: s.lengthMinutes / 60 })}</Tag>
                </div>
              </Card>
            );
          }}
        />
      )}
    </div>
  );
}

export default function MyShiftsPage() {
  const { t } = useTranslation();
  return (
    <StaffGate screen="myShifts">
      <StaffLayout title={t("staffing.mine.title")} compact>
        <MyShifts />
      </StaffLayout>
    </StaffGate>
  );
}
