import { App, Button, Card, Form, Input, Modal, Radio, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { type Fault, useFaultAction } from "./api";
import { FaultClock } from "./FaultClock";

// The order the card shows the steps in, the likely next first; which of them a fault offers its reader
// is the server's (allowedActions, src/features/faults/rules.ts).
const shown: Fault["allowedActions"] = ["report", "confirm", "callback", "progress", "repaired"];

function ActionForm({ action }: { action: string }) {
  const { t } = useTranslation();
  const req = [{ required: true }];
  const ways = (["phone", "sms", "in_person"] as const).map((c) => ({
    value: c,
    label: t(`faults.channel.${c}`),
  }));
  if (action === "report")
    return (
      <Form.Item name="reference" label={t("faults.field.reference")}>
        <Input inputMode="numeric" />
      </Form.Item>
    );
  if (action === "progress")
    return (
      <>
        <Form.Item name="note" label={t("faults.field.note")} rules={req}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="channel" label={t("faults.field.channel")} initialValue="phone">
          <Radio.Group optionType="button" options={ways} />
        </Form.Item>
      </>
    );
  if (action === "repaired")
    return (
      <Form.Item name="note" label={t("faults.field.note")}>
        <Input.TextArea rows={2} />
      </Form.Item>
    );
  if (action === "confirm")
    return (
      <>
        <Form.Item name="confirmedBy" label={t("faults.field.confirmedBy")} rules={req}>
          <Input />
        </Form.Item>
        <Form.Item name="method" label={t("faults.field.method")} rules={req}>
          <Radio.Group optionType="button" options={ways} />
        </Form.Item>
      </>
    );
  return (
    <>
      <Form.Item name="satisfaction" label={t("faults.field.satisfaction")} rules={req}>
        <Radio.Group
          optionType="button"
          options={["satisfied", "dissatisfied"].map((s) => ({ value: s, label: t(`faults.field.${s}`) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t("faults.field.note")}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}

/** One fault on the agent's phone: customer, symptom, its clocks and the next step. */
export function FaultCard({ f }: { f: Fault }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = useFaultAction();
  const [action, setAction] = useState<string | null>(null);
  const [form] = Form.useForm();
  const submit = async () => {
    if (!action) return;
    const v = Object.fromEntries(
      Object.entries(await form.validateFields()).filter(([, x]) => x !== undefined && x !== ""),
    );
    try {
      await act.mutateAsync({ id: f.id, action, body: v });
      message.success(t("faults.doneMsg", { a: t(`faults.action.${action}`) }));
      setAction(null);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card
      size="small"
      aria-label={`${f.customer.name} ${t(`faults.service.${f.service}`)}`}
      style={{ marginBottom: 12 }}
    >
      <Space wrap size={4} style={{ marginBottom: 6 }}>
        <b>{f.customer.name}</b>
        <Tag>{t(`faults.service.${f.service}`)}</Tag>
        <Tag color="blue">{t(`faults.state.${f.state}`)}</Tag>
        {f.keyCustomer && <Tag color="gold">{t("faults.key")}</Tag>}
        {f.major && <Tag color="red">{t("faults.major")}</Tag>}
      </Space>
      <div style={{ color: "#475569", fontSize: 13 }}>
        {f.customer.address} · {f.customer.phone}
      </div>
      <div style={{ margin: "6px 0" }}>{f.symptom}</div>
      <Space wrap size={4}>
        {(f.state === "recorded" || f.reportedAt) && (
          <FaultClock
            kind="report"
            from={f.recordedAt}
            due={f.reportDueAt}
            metAt={f.reportedAt ?? (f.state !== "recorded" ? f.repairedAt : null)}
            late={f.reportLate}
          />
        )}
        {f.progressDueAt && (
          <FaultClock
            kind="progress"
            from={f.recordedAt}
            due={f.progressDueAt}
            metAt={f.progressContactedAt}
            late={f.progressLate}
          />
        )}
        <FaultClock
          kind="repair"
          from={f.recordedAt}
          due={f.repairDueAt}
          metAt={f.repairedAt}
          late={f.repairBreached}
        />
      </Space>
      {f.agreedRepairAt && (
        <div style={{ fontSize: 12, color: "#64748b", marginTop: 4 }}>
          {t("faults.agreed")} {new Date(f.agreedRepairAt).toLocaleString("zh-CN", { hour12: false })}
        </div>
      )}
      {f.allowedActions.length > 0 && (
        <div style={{ display: "flex", gap: 8, marginTop: 10, flexWrap: "wrap" }}>
          {shown
            .filter((a) => f.allowedActions.includes(a))
            .map((a, i) => (
              <Button key={a} type={i === 0 ? "primary" : "default"} onClick={() => setAction(a)}>
                {t(`faults.action.${a}`)}
              </Button>
            ))}
        </div>
      )}
      <Modal
        open={action !== null}
        title={action ? t(`faults.action.${action}`) : ""}
        okText={action ? t(`faults.action.${action}`) : ""}
        onOk={submit}
        onCancel={() => setAction(null)}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {action && <ActionForm action={action} />}
        </Form>
      </Modal>
    </Card>
  );
}
