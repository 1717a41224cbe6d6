import { CalendarOutlined, CloseOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Form, Input, List, Modal, Radio, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { useCustomerPlans, useFieldAction } from "./queries";
import type { VisitPlan } from "./types";

type Values = { kind: "in_person" | "phone"; at: string; purpose?: string };
const when = (iso: string) =>
  new Date(iso).toLocaleString("zh-CN", {
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "Asia/Shanghai",
  });
/** Tomorrow 09:00 on the phone's clock, as a datetime-local value: a day ahead, as the spec asks. */
function tomorrowMorning() {
  const d = new Date(Date.now() + 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T09:00`;
}

/** 拜访预约 (R-VISITPLAN): book an appointment from the customer card, see and cancel those booked. */
export function VisitPlansCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const plans = useCustomerPlans(customerId);
  const [booking, setBooking] = useState(false);
  const [form] = Form.useForm<Values>();
  const onError = (e: Error) => void message.error(e instanceof ApiError ? e.message : String(e));
  const book = useFieldAction(async (v: Values) =>
    unwrap(
      await api.POST("/api/field/customers/{id}/visit-plans", {
        params: { path: { id: customerId } },
        body: {
          kind: v.kind,
          // The datetime-local value is the phone's local time; the API takes an instant.
          plannedAt: new Date(v.at).toISOString(),
          ...(v.purpose?.trim() ? { purpose: v.purpose.trim() } : {}),
        },
      }),
    ),
  );
  const cancel = useFieldAction(async (id: string) =>
    unwrap(await api.POST("/api/field/visit-plans/{id}/cancel", { params: { path: { id } } })),
  );
  const shown = (plans.data ?? []).filter((p) => p.status !== "cancelled");
  const confirmCancel = (p: VisitPlan) =>
    modal.confirm({
      title: t("field.planForm.cancelConfirm", { at: when(p.plannedAt) }),
      okText: t("field.planForm.cancel"),
      okButtonProps: { danger: true },
      cancelText: t("action.close"),
      onOk: () =>
        cancel.mutateAsync(p.id).then(() => void message.success(t("field.planForm.cancelled")), onError),
    });
  return (
    <Card
      size="small"
      title={t("field.planForm.upcoming")}
      extra={
        <Button
          size="small"
          icon={<CalendarOutlined />}
          onClick={() => {
            form.setFieldsValue({ kind: "in_person", at: tomorrowMorning(), purpose: undefined });
            setBooking(true);
          }}
        >
          {t("field.planForm.add")}
        </Button>
      }
    >
      {shown.length ? (
        <List
          size="small"
          dataSource={shown}
          renderItem={(p) => (
            <List.Item
              key={p.id}
              actions={
                p.status === "planned"
                  ? [
                      <Button
                        key="cancel"
                        type="text"
                        size="small"
                        icon={<CloseOutlined />}
                        aria-label={`${t("field.planForm.cancel")} ${when(p.plannedAt)}`}
                        onClick={() => confirmCancel(p)}
                      />,
                    ]
                  : []
              }
            >
              <div style={{ minWidth: 0 }}>
                <b className="tw-tabular">{when(p.plannedAt)}</b> {t(`field.kind.${p.kind}`)}{" "}
                <Tag color={p.status === "planned" ? "blue" : "default"}>
                  {t(`field.planForm.status.${p.status}`)}
                </Tag>
                {p.purpose && <div style={{ color: "#64748b", fontSize: 13 }}>{p.purpose}</div>}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("field.planForm.none")} />
      )}
      <Modal
        open={booking}
        title={t("field.planForm.title")}
        okText={t("field.planForm.add")}
        cancelText={t("action.cancel")}
        confirmLoading={book.isPending}
        onCancel={() => setBooking(false)}
        onOk={() => form.submit()}
        forceRender
      >
        <Form
          form={form}
          name="plan"
          layout="vertical"
          requiredMark={false}
          onFinish={(v) =>
            book.mutate(v, {
              onSuccess: (plan) => {
                setBooking(false);
                // Less than a day ahead is allowed, with a word to confirm it with the customer.
                void message.success(
                  plan.warnings.includes("less_than_one_day_ahead")
                    ? t("field.planForm.soon")
                    : t("field.planForm.saved"),
                );
              },
              onError,
            })
          }
        >
          <Form.Item name="kind" label={t("field.planForm.kind")}>
            <Radio.Group
              optionType="button"
              options={(["in_person", "phone"] as const).map((k) => ({
                value: k,
                label: t(`field.kind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="at"
            label={t("field.planForm.at")}
            rules={[
              { required: true },
              {
                validator: (_, v?: string) =>
                  !v || new Date(v).getTime() > Date.now()
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("field.planForm.notPast"))),
              },
            ]}
          >
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item name="purpose" label={t("field.planForm.purpose")}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
