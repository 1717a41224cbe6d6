import { Alert, Space } from "antd";
import { useTranslation } from "react-i18next";
import { StaffGate } from "../../shell/Gate";
import { StaffLayout } from "../../shell/StaffLayout";
import { RatingsCard } from "./RatingsCard";

// 我的评价 (R-EVAL): the person customers rate sees their own ratings, on a phone or at the counter.
export default function MyRatingsPage() {
  const { t } = useTranslation();
  return (
    <StaffGate screen="myRatings">
      <StaffLayout title={t("quality.ratings.mine")}>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Alert type="info" showIcon message={t("quality.ratings.mineHint")} />
          <RatingsCard />
        </Space>
      </StaffLayout>
    </StaffGate>
  );
}
