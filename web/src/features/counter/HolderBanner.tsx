import { UserSwitchOutlined } from "@ant-design/icons";
import { Alert, App, Button } from "antd";
import { useTranslation } from "react-i18next";
import type { Counter } from "../../api/types";
import { useLocalNames } from "../../shell/names";

/**
 * 台席归属: the counter is held by someone else. Their name, and a takeover (接管) that is confirmed
 * first and recorded by the server with both people; until then this screen only watches.
 */
export function HolderBanner({
  counter,
  busy,
  onTakeOver,
}: {
  counter: Counter;
  busy: boolean;
  onTakeOver: () => void;
}) {
  const { t } = useTranslation();
  const { counterLabel } = useLocalNames();
  const { modal } = App.useApp();
  const name = counter.staffName ?? t("counter.someoneElse");
  const confirm = () =>
    modal.confirm({
      title: t("counter.takeOverTitle", { label: counterLabel(counter) }),
      content: t("counter.takeOverBody", { name }),
      okText: t("counter.takeOver"),
      cancelText: t("action.cancel"),
      onOk: onTakeOver,
    });
  return (
    <Alert
      type="warning"
      showIcon
      icon={<UserSwitchOutlined aria-hidden />}
      title={t("counter.heldBy", { name })}
      description={t("counter.heldHint")}
      action={
        <Button type="primary" loading={busy} onClick={confirm}>
          {t("counter.takeOver")}
        </Button>
      }
      style={{ marginBottom: 20 }}
    />
  );
}
