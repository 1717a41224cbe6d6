import { LoadingOutlined } from "@ant-design/icons";
import { App, Button, Card, Checkbox, Form, Input, Radio } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ApiError, api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import { useSession } from "../../api/session";
import { useFieldAction } from "./queries";
import type { Tier } from "./types";

type Values = {
  name: string;
  tier: Tier;
  town?: string;
  village?: string;
  address?: string;
  phone?: string;
  contactName?: string;
  contactTitle?: string;
  contactPhone?: string;
  idNumber?: string;
  contactBirthday?: string;
  decisionMaker?: boolean;
};
const opt = (s?: string) => (s?.trim() ? s.trim() : undefined);

/** A new customer in the agent's own area (R-CUST); the first due visits follow from its tier. */
export function CustomerNew() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { principal } = useSession();
  const areaCode = principal?.kind === "user" ? (principal.regionCode ?? "") : "";
  // One key per new customer: a double tap or a retry creates one.
  const intent = useIdempotencyKey();
  const create = useFieldAction(async (v: Values) =>
    unwrap(
      await api.POST("/api/field/customers", {
        body: {
          name: v.name.trim(),
          tier: v.tier,
          areaCode,
          town: opt(v.town),
          village: opt(v.village),
          address: opt(v.address),
          phone: opt(v.phone),
          idNumber: opt(v.idNumber),
          contacts: opt(v.contactName)
            ? [
                {
                  name: v.contactName!.trim(),
                  title: opt(v.contactTitle),
                  phone: opt(v.contactPhone),
                  birthday: opt(v.contactBirthday),
                  decisionMaker: v.decisionMaker ?? false,
                },
              ]
            : [],
        },
        ...intent.send(),
      }),
    ),
  );
  const onFinish = (v: Values) =>
    !intent.inFlight() &&
    create.mutate(v, {
      onSuccess: (c) => {
        intent.renew();
        navigate(`/field/customers/${c.id}`);
      },
      onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
    });
  return (
    <Card size="small" title={t("field.newCustomer")}>
      <Form<Values> layout="vertical" initialValues={{ tier: "household" }} onFinish={onFinish}>
        <Form.Item
          name="name"
          label={t("field.manage.customer")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input size="large" maxLength={100} />
        </Form.Item>
        <Form.Item name="tier" label={t("field.orderForm.field.tier")}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(["gov_enterprise", "key", "household"] as const).map((v) => ({
              value: v,
              label: t(`field.tier.${v}`),
            }))}
          />
        </Form.Item>
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}>
          <Form.Item name="town" label={t("field.intel.town")}>
            <Input />
          </Form.Item>
          <Form.Item name="village" label={t("field.intel.village")}>
            <Input />
          </Form.Item>
        </div>
        <Form.Item name="address" label={t("field.orderForm.field.address")}>
          <Input />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("field.phone")}
          rules={[{ pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: t("field.phoneInvalid") }]}
        >
          <Input inputMode="tel" />
        </Form.Item>
        {/* The server checks the check character (GB 11643) and keeps it masked; households only. */}
        <Form.Item name="idNumber" label={t("field.idNumber")} extra={t("field.idNumberHint")}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}>
          <Form.Item name="contactName" label={t("field.contacts")}>
            <Input />
          </Form.Item>
          <Form.Item name="contactTitle" label={t("field.contactTitle")}>
            <Input />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={t("field.contactPhone")}
            rules={[{ pattern: /^1\d{10}$/, message: t("field.phoneInvalid") }]}
          >
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item
            name="contactBirthday"
            label={t("field.contactBirthday")}
            rules={[{ pattern: /^(\d{4}-)?\d{2}-\d{2}$/, message: "MM-DD" }]}
          >
            <Input placeholder="MM-DD" />
          </Form.Item>
        </div>
        <Form.Item name="decisionMaker" valuePropName="checked">
          <Checkbox>{t("field.decisionMaker")}</Checkbox>
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          disabled={create.isPending}
          icon={create.isPending ? <LoadingOutlined /> : undefined}
        >
          {t("action.save")}
        </Button>
      </Form>
    </Card>
  );
}
