import { App, Button, Card, Empty, Form, Input, Modal, Space, Tabs, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/client";
import { useSession } from "../../api/session";
import { DEPARTMENTS, type Department, useWorkOrderAction, useWorkOrders, type WorkOrder } from "./api";
import { DueClock } from "./DueClock";

/** 工单队列: a back-office department's orders — claim, reply with the customer-facing text, or return. */
export function WorkOrdersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { principal } = useSession();
  const me = principal?.kind === "user" ? principal.id : null;
  const [department, setDepartment] = useState<Department>("billing");
  const orders = useWorkOrders(department);
  const act = useWorkOrderAction();
  const [dialog, setDialog] = useState<{ order: WorkOrder; action: "reply" | "return" } | null>(null);
  const [form] = Form.useForm();
  const run = async (order: WorkOrder, action: "claim" | "reply" | "return", body?: object) => {
    try {
      await act.mutateAsync({ id: order.id, action, body });
      message.success(t("complaints.done", { action: t(`complaints.wo.${action}`) }));
      setDialog(null);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const list = orders.data ?? [];
  return (
    <>
      <Tabs
        activeKey={department}
        onChange={(k) => setDepartment(k as Department)}
        items={DEPARTMENTS.map((d) => ({ key: d, label: t(`complaints.department.${d}`) }))}
      />
      {!orders.isLoading && list.length === 0 && <Empty description={t("complaints.wo.empty")} />}
      <div style={{ display: "grid", gap: 12, gridTemplateColumns: "repeat(auto-fill, minmax(340px, 1fr))" }}>
        {list.map((w) => (
          <Card
            key={w.id}
            size="small"
            title={
              <Space>
                <span>{w.complaint?.customerName}</span>
                <Tag>
                  {t(`complaints.category.${w.complaint?.category}`, { defaultValue: w.complaint?.category })}
                </Tag>
                {w.complaint?.severity !== "normal" && (
                  <Tag color="red">{t(`complaints.severity.${w.complaint?.severity}`)}</Tag>
                )}
              </Space>
            }
            extra={
              <Tag color={w.state === "queued" ? "blue" : w.state === "returned" ? "orange" : "purple"}>
                {t(`complaints.wo.${w.state}`)}
                {w.claimedBy === me && w.state === "claimed" ? ` · ${t("complaints.wo.claimed_by_me")}` : ""}
              </Tag>
            }
          >
            <div style={{ whiteSpace: "pre-wrap", marginBottom: 8 }}>{w.brief}</div>
            {w.complaint?.dueKind && (
              <DueClock dueKind={w.complaint.dueKind} dueAt={w.complaint.dueAt} warnAt={w.complaint.warnAt} />
            )}
            {w.replyText && <div style={{ color: "#166534", marginTop: 8 }}>↳ {w.replyText}</div>}
            <Space style={{ marginTop: 12 }}>
              {/* Only the steps the server says this order allows the reader now (allowedActions). */}
              {w.allowedActions.includes("claim") && (
                <Button
                  type="primary"
                  onClick={() => run(w, "claim")}
                  aria-label={`${t("complaints.wo.claim")} ${w.complaint?.customerName}`}
                >
                  {t("complaints.wo.claim")}
                </Button>
              )}
              {w.allowedActions.includes("reply") && (
                <Button type="primary" onClick={() => setDialog({ order: w, action: "reply" })}>
                  {t("complaints.wo.reply")}
                </Button>
              )}
              {w.allowedActions.includes("return") && (
                <Button onClick={() => setDialog({ order: w, action: "return" })}>
                  {t("complaints.wo.return")}
                </Button>
              )}
            </Space>
          </Card>
        ))}
      </div>
      <Modal
        open={dialog !== null}
        title={dialog ? t(`complaints.wo.${dialog.action}`) : ""}
        okText={dialog ? t(`complaints.wo.${dialog.action}`) : ""}
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        onOk={async () => {
          if (!dialog) return;
          const v = await form.validateFields();
          await run(
            dialog.order,
            dialog.action,
            dialog.action === "reply" ? { text: v.text } : { reason: v.text },
          );
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="text"
            label={
              dialog?.action === "reply" ? t("complaints.wo.replyText") : t("complaints.wo.returnReason")
            }
            rules={[{ required: true }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
