import { CoffeeOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Modal, Radio } from "antd";
import { useTranslation } from "react-i18next";
import type { Counter } from "../../api/types";
import { useNow } from "../../shell/useNow";

const REASONS = ["meal", "restroom", "materials", "meeting", "other"] as const;

/** 暂离: asks why, so the period on record says what the clerk was doing (the manual forbids 脱岗 unrecorded). */
export function AwayModal({
  open,
  busy,
  onCancel,
  onOk,
}: {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onOk: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: (typeof REASONS)[number]; other?: string }>();
  const kind = Form.useWatch("kind", form);
  return (
    <Modal
      open={open}
      title={t("counter.awayTitle")}
      okText={t("counter.awayOk")}
      cancelText={t("action.cancel")}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      <p style={{ color: "#64748b" }}>{t("counter.awayHint")}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: "meal" }}
        onFinish={(v) =>
          onOk(v.kind === "other" ? (v.other ?? "").trim() : t(`counter.awayReasons.${v.kind}`))
        }
      >
        <Form.Item name="kind" label={t("counter.awayReason")}>
          <Radio.Group
            optionType="button"
            options={REASONS.map((r) => ({ value: r, label: t(`counter.awayReasons.${r}`) }))}
          />
        </Form.Item>
        {kind === "other" && (
          <Form.Item
            name="other"
            label={t("counter.awayOther")}
            rules={[
              { required: true, whitespace: true, message: t("counter.awayOtherRequired") },
              { max: 100 },
            ]}
          >
            <Input maxLength={100} autoFocus />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The counter is paused: why and for how long, and the way back. */
export function AwayBanner({
  away,
  busy,
  onBack,
}: {
  away: NonNullable<Counter["away"]>;
  busy: boolean;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const now = useNow(15_000);
  const minutes = Math.max(0, Math.floor((now - new Date(away.since).getTime()) / 60_000));
  return (
    <Alert
      type="info"
      showIcon
      icon={<CoffeeOutlined aria-hidden />}
      title={t("counter.awayNow", { reason: away.reason })}
      description={t("counter.awaySince", { m: minutes })}
      action={
        <Button type="primary" loading={busy} onClick={onBack}>
          {t("counter.back")}
        </Button>
      }
      style={{ marginBottom: 20 }}
    />
  );
}
