import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, DatePicker, Drawer, Form, Input, Radio, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import { useBusinessTypes } from "../../api/queries";
import { useSession } from "../../api/session";
import { ErrorState } from "../../shell/Forbidden";
import { useLocalNames } from "../../shell/names";
import { useHalls } from "../admin/shared";
import type { Campaign, CampaignBody } from "./api";

type Values = {
  name: string;
  period: [Dayjs, Dayjs];
  scope: "own" | "halls" | "region" | "all";
  hallIds?: string[];
  businessTypes?: string[];
  talkingPoints: string[];
  faq?: { q: string; a: string }[];
  products?: { code: string; name: string; pitch: string }[];
};

const DAY = "YYYY-MM-DD";

/** A new campaign, or a draft's changes (its scope stays as it was made). */
export function CampaignForm({ campaign, onClose }: { campaign: Campaign | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { principal } = useSession();
  const halls = useHalls();
  const types = useBusinessTypes();
  const { hallName } = useLocalNames();
  const [form] = Form.useForm<Values>();
  const scoped = principal?.kind === "user" ? principal : null;
  // What the person's own scope allows: their hall, their area's halls or area, or any hall.
  const scopes: Values["scope"][] = scoped?.hallId
    ? ["own"]
    : scoped?.regionCode
      ? ["region", "halls"]
      : ["all", "halls"];
  // A double click on 保存 makes one draft, not two.
  const intent = useIdempotencyKey();
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const common = {
        name: v.name,
        from: v.period[0].format(DAY),
        to: v.period[1].format(DAY),
        businessTypes: v.businessTypes ?? [],
        talkingPoints: v.talkingPoints.filter((p) => p?.trim()),
        faq: (v.faq ?? []).filter((f) => f?.q && f?.a),
        products: (v.products ?? []).filter((p) => p?.code),
      };
      if (campaign)
        return unwrap(
          await api.PATCH("/api/campaigns/{id}", { params: { path: { id: campaign.id } }, body: common }),
        );
      const body: CampaignBody = {
        ...common,
        ...(v.scope === "halls" ? { hallIds: v.hallIds ?? [] } : {}),
        ...(v.scope === "region" && scoped?.regionCode ? { regionCode: scoped.regionCode } : {}),
      };
      return unwrap(await api.POST("/api/campaigns", { body, ...intent.send() }));
    },
    onSuccess: (c) => {
      intent.renew();
      qc.invalidateQueries({ queryKey: ["campaigns"] });
      if (c.warnings.length) message.warning(t("campaigns.savedWithWarnings", { n: c.warnings.length }));
      else message.success(t("campaigns.saved"));
      onClose();
    },
  });
  const required = [{ required: true, message: t("campaigns.required") }];
  const initial: Partial<Values> = campaign
    ? {
        name: campaign.name,
        period: [dayjs(campaign.from), dayjs(campaign.to)],
        businessTypes: campaign.businessTypes,
        talkingPoints: campaign.talkingPoints,
        faq: campaign.faq,
        products: campaign.products,
      }
    : { scope: scopes[0], talkingPoints: [""], period: [dayjs(), dayjs().add(30, "day")] };
  const scope = Form.useWatch("scope", form);
  return (
    <Drawer
      open
      width={560}
      title={campaign ? `${t("campaigns.edit")} · ${campaign.name}` : t("campaigns.create")}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
          {t("campaigns.save")}
        </Button>
      }
    >
      {save.error && <ErrorState error={save.error} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => !intent.inFlight() && save.mutate(v)}
      >
        <Form.Item name="name" label={t("campaigns.name")} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="period" label={t("campaigns.period")} rules={required}>
          <DatePicker.RangePicker style={{ width: "100%" }} />
        </Form.Item>
        {!campaign && (
          <Form.Item name="scope" label={t("campaigns.scope")}>
            <Radio.Group
              options={scopes.map((s) => ({
                value: s,
                label:
                  s === "own"
                    ? t("campaigns.scopeOwn")
                    : s === "halls"
                      ? t("campaigns.scopeHalls")
                      : s === "region"
                        ? t("campaigns.scopeRegion", { region: scoped?.regionCode })
                        : t("campaigns.scopeAll"),
              }))}
            />
          </Form.Item>
        )}
        {!campaign && scope === "halls" && (
          <Form.Item name="hallIds" label={t("campaigns.halls")} rules={required}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(halls.data ?? []).map((h) => ({ value: h.id, label: hallName(h) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="businessTypes" label={t("campaigns.businessTypes")}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={(types.data ?? []).map((b) => ({ value: b.code, label: b.name }))}
          />
        </Form.Item>
        <Form.List name="talkingPoints">
          {(fields, { add, remove }) => (
            <Form.Item label={t("campaigns.talkingPoints")} required>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: "flex" }}>
                  <Form.Item {...f} rules={required} style={{ flex: 1, minWidth: 380 }}>
                    <Input.TextArea autoSize maxLength={300} aria-label={t("campaigns.talkingPoint")} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add("")}>
                {t("campaigns.addPoint")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="products">
          {(fields, { add, remove }) => (
            <Form.Item label={t("campaigns.products")}>
              {fields.map((f) => (
                <Space key={f.key} direction="vertical" style={{ width: "100%", marginBottom: 8 }}>
                  <Space align="baseline">
                    <Form.Item
                      name={[f.name, "code"]}
                      rules={[
                        ...required,
                        { pattern: /^[a-z0-9_]{1,60}$/, message: t("campaigns.codeRule") },
                      ]}
                    >
                      <Input
                        placeholder={t("campaigns.productCode")}
                        aria-label={t("campaigns.productCode")}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, "name"]} rules={required}>
                      <Input
                        placeholder={t("campaigns.productName")}
                        aria-label={t("campaigns.productName")}
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                  <Form.Item name={[f.name, "pitch"]} rules={required}>
                    <Input.TextArea
                      autoSize
                      maxLength={300}
                      placeholder={t("campaigns.pitch")}
                      aria-label={t("campaigns.pitch")}
                    />
                  </Form.Item>
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t("campaigns.addProduct")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="faq">
          {(fields, { add, remove }) => (
            <Form.Item label={t("campaigns.faq")}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: "flex" }}>
                  <Form.Item name={[f.name, "q"]} rules={required}>
                    <Input placeholder={t("campaigns.question")} aria-label={t("campaigns.question")} />
                  </Form.Item>
                  <Form.Item name={[f.name, "a"]} rules={required}>
                    <Input placeholder={t("campaigns.answer")} aria-label={t("campaigns.answer")} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t("campaigns.addFaq")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
