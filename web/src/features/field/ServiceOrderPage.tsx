import { LoadingOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Result, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ApiError, api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import { Loading } from "../../shell/Loading";
import { useCustomer } from "./queries";
import { SignaturePad } from "./SignaturePad";
import type { ServiceOrder, Tier } from "./types";

const notices = ["10000", "10001", "114", "online"] as const;
const tiers: Tier[] = ["gov_enterprise", "key", "household"];

/** 上门装/移/修 (RA 1.3.4): open the order, check the customer's data on site, four notices, signature. */
export function ServiceOrderPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = "" } = useParams();
  const customer = useCustomer(id);
  const [order, setOrder] = useState<ServiceOrder | null>(null);
  const [signature, setSignature] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The order is opened once however often its button is pressed.
  const opening = useIdempotencyKey();
  const run = async (f: () => Promise<ServiceOrder>) => {
    setBusy(true);
    try {
      setOrder(await f());
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  if (!customer.data) return <Loading />;
  const c = customer.data;
  const tierOptions = tiers.map((v) => ({ value: v, label: t(`field.tier.${v}`) }));
  const orderPath = (o: ServiceOrder) => ({ params: { path: { id: o.id } } });

  if (order?.status === "signed") {
    return (
      <Result
        status="success"
        title={t("field.orderForm.signed")}
        subTitle={`${c.name} · ${t(`field.orderForm.kind.${order.kind}`)}`}
      />
    );
  }
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      {!order && (
        <Card size="small" title={`${t("field.orderForm.title")} · ${c.name}`}>
          <Form
            layout="vertical"
            initialValues={{
              kind: "install",
              orderName: c.name,
              orderAddress: c.address ?? "",
              orderTier: c.tier,
            }}
            onFinish={(v) =>
              !opening.inFlight() &&
              void run(async () =>
                unwrap(
                  await api.POST("/api/field/customers/{id}/service-orders", {
                    params: { path: { id } },
                    body: v,
                    ...opening.send(),
                  }),
                ),
              )
            }
          >
            <Form.Item name="kind" label={t("field.orderForm.title")}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={(["install", "move", "repair"] as const).map((k) => ({
                  value: k,
                  label: t(`field.orderForm.kind.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="orderName" label={t("field.orderForm.orderName")} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="orderAddress"
              label={t("field.orderForm.orderAddress")}
              rules={[{ required: true }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="orderTier" label={t("field.orderForm.orderTier")}>
              <Select options={tierOptions} />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              disabled={busy}
              icon={busy ? <LoadingOutlined /> : undefined}
            >
              {t("field.orderForm.create")}
            </Button>
          </Form>
        </Card>
      )}
      {order && (
        <Card size="small" title={t("field.orderForm.check")}>
          <Form
            layout="vertical"
            initialValues={{ name: c.name, address: c.address ?? "", tier: c.tier }}
            onFinish={(v) =>
              void run(async () =>
                unwrap(
                  await api.POST("/api/field/service-orders/{id}/check", { ...orderPath(order), body: v }),
                ),
              )
            }
          >
            <Form.Item name="name" label={t("field.orderForm.foundName")} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="address" label={t("field.orderForm.foundAddress")} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="tier" label={t("field.orderForm.foundTier")}>
              <Select options={tierOptions} />
            </Form.Item>
            <Button htmlType="submit" block disabled={busy} icon={busy ? <LoadingOutlined /> : undefined}>
              {t("field.orderForm.check")}
            </Button>
          </Form>
          {order.status === "checked" && (
            <Alert
              style={{ marginTop: 12 }}
              type={order.mismatches.length ? "warning" : "success"}
              showIcon
              title={
                order.mismatches.length
                  ? t("field.orderForm.mismatch", {
                      fields: order.mismatches
                        .map((m) => t(`field.orderForm.field.${m}`))
                        .join(t("punct.list")),
                    })
                  : t("field.orderForm.matched")
              }
            />
          )}
        </Card>
      )}
      {order?.status === "checked" && (
        <Card size="small" title={t("field.orderForm.sign")}>
          <Form
            layout="vertical"
            initialValues={{ form: "work_sheet", noticesTold: [] }}
            onFinish={(v: { form: "work_sheet" | "quality_form"; noticesTold: (typeof notices)[number][] }) =>
              signature &&
              void run(async () =>
                unwrap(
                  await api.POST("/api/field/service-orders/{id}/sign", {
                    ...orderPath(order),
                    body: { ...v, signature },
                  }),
                ),
              )
            }
          >
            <Form.Item
              name="noticesTold"
              label={t("field.orderForm.notices")}
              rules={[
                {
                  validator: (_, v: string[]) =>
                    v?.length === 4
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("field.orderForm.notices"))),
                },
              ]}
            >
              <Checkbox.Group
                style={{ display: "grid", gap: 6 }}
                options={notices.map((n) => ({ value: n, label: t(`field.orderForm.notice.${n}`) }))}
              />
            </Form.Item>
            <Form.Item name="form" label={t("field.orderForm.form")}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: "work_sheet", label: t("field.orderForm.work_sheet") },
                  { value: "quality_form", label: t("field.orderForm.quality_form") },
                ]}
              />
            </Form.Item>
            <SignaturePad label={t("field.orderForm.sign")} onChange={setSignature} />
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              disabled={!signature || busy}
              icon={busy ? <LoadingOutlined /> : undefined}
              style={{ marginTop: 12 }}
            >
              {t("field.orderForm.submit")}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
