import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { yuan } from "../../shell/format";
import { moveStageCall, useFieldAction, useOpportunities } from "./queries";
import type { Opportunity, Stage } from "./types";

const stages: Stage[] = ["new", "qualified", "proposal", "negotiation", "won", "lost"];
type Values = { title: string; product?: string; amount?: number | null };
// The server says what may be done with each opportunity (allowedActions) and where it may move
// (allowedStages); the picker offers its current stage and those, in the pipeline's order.
const stageOptions = (o: Opportunity) => stages.filter((s) => s === o.stage || o.allowedStages.includes(s));

/** 商机 on the customer card: added with an expected amount, corrected while open, moved through stages. */
export function OpportunitiesCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const opps = useOpportunities(customerId);
  const [editing, setEditing] = useState<Opportunity | "new" | null>(null);
  const [form] = Form.useForm<Values>();
  const onError = (e: Error) => void message.error(e instanceof ApiError ? e.message : String(e));
  const move = useFieldAction(moveStageCall);
  const save = useFieldAction(async ({ o, v }: { o: Opportunity | "new"; v: Values }) => {
    const product = v.product?.trim() || null;
    const amount = v.amount ?? null;
    if (o !== "new")
      return unwrap(
        await api.PATCH("/api/field/opportunities/{id}", {
          params: { path: { id: o.id } },
          body: { title: v.title.trim(), product, amount },
        }),
      );
    return unwrap(
      await api.POST("/api/field/customers/{id}/opportunities", {
        params: { path: { id: customerId } },
        body: {
          title: v.title.trim(),
          ...(product ? { product } : {}),
          ...(amount != null ? { amount } : {}),
        },
      }),
    );
  });
  const open = (o: Opportunity | "new") => {
    form.resetFields();
    if (o !== "new")
      form.setFieldsValue({ title: o.title, product: o.product ?? undefined, amount: o.amount });
    setEditing(o);
  };
  return (
    <Card
      size="small"
      title={t("field.opportunities")}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => open("new")}>
          {t("field.oppForm.add")}
        </Button>
      }
    >
      {opps.data?.length ? (
        <List
          size="small"
          dataSource={opps.data}
          renderItem={(o) => (
            <List.Item key={o.id}>
              <div style={{ minWidth: 0, flex: 1 }}>
                <div>{o.title}</div>
                <div style={{ color: "#475569", fontSize: 13 }}>
                  {[o.product, o.amount != null ? yuan(o.amount) : null].filter(Boolean).join(" · ")}
                </div>
              </div>
              <div style={{ display: "flex", gap: 4, alignItems: "center" }}>
                {o.allowedActions.includes("edit") && (
                  <Button
                    type="text"
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t("field.oppForm.editOf", { title: o.title })}
                    onClick={() => open(o)}
                  />
                )}
                <Select<Stage>
                  size="small"
                  aria-label={t("field.oppForm.stageOf", { title: o.title })}
                  value={o.stage}
                  disabled={!o.allowedActions.includes("move")}
                  style={{ width: 104 }}
                  options={stageOptions(o).map((s) => ({ value: s, label: t(`field.stage.${s}`) }))}
                  onChange={(stage) => move.mutate({ id: o.id, stage }, { onError })}
                />
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("field.oppForm.none")} />
      )}
      <Modal
        open={editing !== null}
        title={editing === "new" ? t("field.oppForm.add") : t("field.oppForm.edit")}
        okText={t("action.save")}
        cancelText={t("action.cancel")}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        forceRender
      >
        <Form
          form={form}
          name="opportunity"
          layout="vertical"
          requiredMark={false}
          onFinish={(v) =>
            editing &&
            save.mutate(
              { o: editing, v },
              {
                onSuccess: () => {
                  setEditing(null);
                  void message.success(t("field.oppForm.saved"));
                },
                onError,
              },
            )
          }
        >
          <Form.Item name="title" label={t("field.oppForm.title")} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="product" label={t("field.oppForm.product")}>
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="amount" label={t("field.oppForm.amount")}>
            <InputNumber min={0} precision={2} step={100} inputMode="decimal" style={{ width: "100%" }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
