import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { yuan } from "../../shell/format";
import { useContracts, useFieldAction } from "./queries";
import type { Contract } from "./types";

type Values = {
  title: string;
  product?: string;
  amount?: number | null;
  startsOn: string;
  endsOn: string;
  terms?: string;
};
const text = (s?: string) => s?.trim() || null;
const today = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });

/** 协议 on the customer card: what the customer signed for, its amount and dates; active ones corrected. */
export function ContractsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const contracts = useContracts(customerId);
  const [editing, setEditing] = useState<Contract | "new" | null>(null);
  const [form] = Form.useForm<Values>();
  const save = useFieldAction(async ({ k, v }: { k: Contract | "new"; v: Values }) => {
    const fields = {
      title: v.title.trim(),
      product: text(v.product),
      amount: v.amount ?? null,
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      terms: text(v.terms),
    };
    if (k !== "new")
      return unwrap(
        await api.PATCH("/api/field/contracts/{id}", { params: { path: { id: k.id } }, body: fields }),
      );
    // A new contract leaves out what was not filled in.
    const { product, amount, terms } = fields;
    const body = {
      title: fields.title,
      startsOn: fields.startsOn,
      endsOn: fields.endsOn,
      ...(product ? { product } : {}),
      ...(amount != null ? { amount } : {}),
      ...(terms ? { terms } : {}),
    };
    return unwrap(
      await api.POST("/api/field/customers/{id}/contracts", { params: { path: { id: customerId } }, body }),
    );
  });
  const open = (k: Contract | "new") => {
    form.resetFields();
    form.setFieldsValue(
      k === "new"
        ? { startsOn: today() }
        : {
            title: k.title,
            product: k.product ?? undefined,
            amount: k.amount,
            startsOn: k.startsOn,
            endsOn: k.endsOn,
            terms: k.terms ?? undefined,
          },
    );
    setEditing(k);
  };
  const submit = (v: Values) =>
    editing &&
    save.mutate(
      { k: editing, v },
      {
        onSuccess: () => {
          setEditing(null);
          void message.success(t("field.contractForm.saved"));
        },
        onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
      },
    );
  return (
    <Card
      size="small"
      title={t("field.contracts")}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={() => open("new")}>
          {t("field.contractForm.add")}
        </Button>
      }
    >
      {contracts.data?.length ? (
        <List
          size="small"
          dataSource={contracts.data}
          renderItem={(k) => (
            <List.Item
              key={k.id}
              actions={
                k.status === "active"
                  ? [
                      <Button
                        key="edit"
                        type="text"
                        size="small"
                        icon={<EditOutlined />}
                        aria-label={`${t("field.contractForm.edit")} ${k.title}`}
                        onClick={() => open(k)}
                      />,
                    ]
                  : []
              }
            >
              <div style={{ minWidth: 0 }}>
                <b>{k.title}</b> <Tag>{t(`field.contractStatus.${k.status}`)}</Tag>
                <div style={{ color: "#475569", fontSize: 13 }}>
                  {[k.product, k.amount != null ? yuan(k.amount) : null].filter(Boolean).join(" · ")}
                </div>
                <div style={{ color: "#64748b", fontSize: 12 }}>
                  {t("field.contractForm.period", { from: k.startsOn, to: k.endsOn })}
                </div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("field.contractForm.none")} />
      )}
      <Modal
        open={editing !== null}
        title={editing === "new" ? t("field.contractForm.add") : t("field.contractForm.edit")}
        okText={t("action.save")}
        cancelText={t("action.cancel")}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        forceRender
      >
        <Form form={form} name="contract" layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item name="title" label={t("field.contractForm.title")} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="product" label={t("field.contractForm.product")}>
            <Input maxLength={80} placeholder={t("field.contractForm.productHint")} />
          </Form.Item>
          <Form.Item name="amount" label={t("field.contractForm.amount")}>
            <InputNumber min={0} precision={2} step={100} inputMode="decimal" style={{ width: "100%" }} />
          </Form.Item>
          <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}>
            <Form.Item name="startsOn" label={t("field.contractForm.startsOn")} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item
              name="endsOn"
              label={t("field.contractForm.endsOn")}
              dependencies={["startsOn"]}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: (_, v?: string) =>
                    !v || !getFieldValue("startsOn") || v > getFieldValue("startsOn")
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("field.contractForm.endsAfterStart"))),
                }),
              ]}
            >
              <Input type="date" />
            </Form.Item>
          </div>
          <Form.Item name="terms" label={t("field.contractForm.terms")}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
