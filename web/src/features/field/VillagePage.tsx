import { LoadingOutlined } from "@ant-design/icons";
import { App, Button, Card, Form, Input, InputNumber, Radio, Space } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import { useSession } from "../../api/session";
import { useFieldAction } from "./queries";

type VillageValues = {
  town: string;
  village: string;
  population?: number;
  households?: number;
  ourProducts?: string;
  competitorProducts?: string;
  channels?: string;
  competitorPrices?: string;
  competitorTactics?: string;
};
type SpotValues = {
  town?: string;
  village: string;
  place: string;
  kind: "no_signal" | "weak_signal";
  description?: string;
};

/** 信息收集 (R-INTEL, RA 2.2): what a village is like, and blind spots reported on the spot. */
export function VillagePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { principal } = useSession();
  const areaCode = principal?.kind === "user" ? (principal.regionCode ?? "") : "";
  const [villageForm] = Form.useForm<VillageValues>();
  const [spotForm] = Form.useForm<SpotValues>();
  const onError = (e: Error) => void message.error(e instanceof ApiError ? e.message : String(e));
  const saveVillage = useFieldAction(async (v: VillageValues) =>
    unwrap(await api.PUT("/api/field/villages", { body: { ...v, areaCode } })),
  );
  // One key per blind spot reported: a double tap or a retry reports it once.
  const spot = useIdempotencyKey();
  const report = useFieldAction(async (v: SpotValues) =>
    unwrap(await api.POST("/api/field/blind-spots", { body: { ...v, areaCode }, ...spot.send() })),
  );
  const text = (name: keyof VillageValues) => (
    <Form.Item name={name} label={t(`field.intel.${name}`)}>
      <Input.TextArea rows={2} maxLength={1000} />
    </Form.Item>
  );
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card size="small" title={t("field.intel.blindSpot")}>
        <Form<SpotValues>
          form={spotForm}
          layout="vertical"
          initialValues={{ kind: "weak_signal" }}
          onFinish={(v) =>
            !spot.inFlight() &&
            report.mutate(v, {
              onError,
              onSuccess: () => {
                spot.renew();
                void message.success(t("field.intel.reported"));
                spotForm.resetFields(["place", "description"]);
              },
            })
          }
        >
          <Space.Compact block>
            <Form.Item name="town" noStyle>
              <Input aria-label={t("field.intel.town")} placeholder={t("field.intel.town")} />
            </Form.Item>
            <Form.Item name="village" noStyle rules={[{ required: true }]}>
              <Input aria-label={t("field.intel.village")} placeholder={t("field.intel.village")} />
            </Form.Item>
          </Space.Compact>
          <Form.Item
            name="place"
            label={t("field.manage.place")}
            rules={[{ required: true }]}
            style={{ marginTop: 12 }}
          >
            <Input placeholder={t("field.intel.placeHint")} />
          </Form.Item>
          <Form.Item name="kind">
            <Radio.Group
              optionType="button"
              options={(["weak_signal", "no_signal"] as const).map((k) => ({
                value: k,
                label: t(`field.manage.blindKind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="description" label={t("field.intel.description")}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            disabled={report.isPending}
            icon={report.isPending ? <LoadingOutlined /> : undefined}
          >
            {t("field.intel.report")}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t("field.intel.title")}>
        <Form<VillageValues>
          form={villageForm}
          layout="vertical"
          onFinish={(v) =>
            saveVillage.mutate(v, { onError, onSuccess: () => void message.success(t("field.intel.saved")) })
          }
        >
          <Space.Compact block>
            <Form.Item name="town" noStyle rules={[{ required: true }]}>
              <Input
                aria-label={`${t("field.intel.title")} ${t("field.intel.town")}`}
                placeholder={t("field.intel.town")}
              />
            </Form.Item>
            <Form.Item name="village" noStyle rules={[{ required: true }]}>
              <Input
                aria-label={`${t("field.intel.title")} ${t("field.intel.village")}`}
                placeholder={t("field.intel.village")}
              />
            </Form.Item>
          </Space.Compact>
          <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8, marginTop: 12 }}>
            <Form.Item name="population" label={t("field.intel.population")}>
              <InputNumber min={0} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item name="households" label={t("field.intel.households")}>
              <InputNumber min={0} style={{ width: "100%" }} />
            </Form.Item>
          </div>
          {text("ourProducts")}
          {text("competitorProducts")}
          {text("channels")}
          {text("competitorPrices")}
          {text("competitorTactics")}
          <Button
            htmlType="submit"
            block
            disabled={saveVillage.isPending}
            icon={saveVillage.isPending ? <LoadingOutlined /> : undefined}
          >
            {t("field.intel.save")}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
