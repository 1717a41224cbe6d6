import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { may, useSession } from "../../api/session";
import { StaffGate } from "../../shell/Gate";
import { StaffLayout } from "../../shell/StaffLayout";
import { BankTab } from "./BankTab";
import { PlansTab } from "./PlansTab";
import { TakeTab } from "./TakeTab";
import { TestsTab } from "./TestsTab";

// 培训与测试 (R-TRAIN): staff take their tests on a phone; managers set tests, read the analysis and
// follow the plans; the bank is kept by the region and the operator. Tabs by capability, from the server.
function Screens() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const [params, setParams] = useSearchParams();
  const items = [
    ...(may(principal, "training.take")
      ? [{ key: "take", label: t("training.tab.take"), children: <TakeTab /> }]
      : []),
    ...(may(principal, "training.manage")
      ? [
          { key: "tests", label: t("training.tab.tests"), children: <TestsTab /> },
          { key: "bank", label: t("training.tab.bank"), children: <BankTab /> },
          { key: "plans", label: t("training.tab.plans"), children: <PlansTab /> },
        ]
      : []),
  ];
  const tab = params.get("tab") ?? items[0]?.key;
  return (
    <StaffLayout title={t("training.title")}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={items}
        destroyOnHidden
      />
    </StaffLayout>
  );
}

export default function TrainingPage() {
  return (
    <StaffGate screen="training">
      <Screens />
    </StaffGate>
  );
}
