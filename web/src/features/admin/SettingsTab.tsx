import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Descriptions, Form, InputNumber, Select, Space, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useBusinessTypes } from "../../api/queries";
import { may, useSession } from "../../api/session";
import { useTypeName } from "../../shell/catalog";
import { ErrorState } from "../../shell/Forbidden";
import { Loading } from "../../shell/Loading";
import { useFail } from "./shared";

// The numbers a level may set; each left empty is inherited (from the operator, or the built-in default).
const NUMBERS = [
  "greetingLimitSeconds",
  "vipWaitBeforeRegularSeconds",
  "noShowSetback",
  "nearTurnNotice",
  "minOpeningHours",
  "faultReportMinutes",
  "faultKeyProgressMinutes",
  "maxOverlappingCampaigns",
] as const;
const SERVICES = ["fixed_line", "broadband", "mobile"] as const;
type Values = Partial<Record<(typeof NUMBERS)[number], number | null>> & {
  level1?: number | null;
  level2?: number | null;
  level3?: number | null;
  expressBusinessTypes?: string[];
  repair?: Partial<Record<(typeof SERVICES)[number], number | null>>;
};

/** Issue 16: the operator's and the regions' settings, each key inherited unless set; changes are audited. */
export function SettingsTab() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const halls = useQuery({ queryKey: ["halls"], queryFn: async () => unwrap(await api.GET("/api/halls")) });
  const scopes = useMemo(() => {
    const regions = [...new Set((halls.data ?? []).map((h) => h.regionCode))].sort();
    return [
      ...(may(principal, "settings.operator")
        ? [{ value: "operator", label: t("admin.settings.operator") }]
        : []),
      ...regions.map((r) => ({ value: `region:${r}`, label: t("admin.settings.region", { code: r }) })),
    ];
  }, [halls.data, principal, t]);
  const [scope, setScope] = useState<string | null>(null);
  const current = scope ?? scopes[0]?.value ?? null;
  if (halls.error) return <ErrorState error={halls.error} />;
  if (!current) return <Loading />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Select
        aria-label={t("admin.settings.scope")}
        style={{ minWidth: 220 }}
        value={current}
        options={scopes}
        onChange={setScope}
      />
      <Typography.Text type="secondary">{t("admin.settings.hint")}</Typography.Text>
      <LevelForm key={current} scope={current} />
    </Space>
  );
}

function LevelForm({ scope }: { scope: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFail();
  const qc = useQueryClient();
  const types = useBusinessTypes();
  const typeName = useTypeName();
  const [form] = Form.useForm<Values>();
  const level = useQuery({
    queryKey: ["settings-level", scope],
    queryFn: async () => unwrap(await api.GET("/api/settings/levels", { params: { query: { scope } } })),
  });
  useEffect(() => {
    if (!level.data) return;
    const s = level.data.settings;
    form.setFieldsValue({
      ...Object.fromEntries(NUMBERS.map((k) => [k, s[k] ?? null])),
      level1: s.peakThresholds?.[0] ?? null,
      level2: s.peakThresholds?.[1] ?? null,
      level3: s.peakThresholds?.[2] ?? null,
      expressBusinessTypes: s.expressBusinessTypes ?? [],
      repair: Object.fromEntries(SERVICES.map((k) => [k, s.faultRepairHours?.[k] ?? null])),
    });
  }, [level.data, form]);
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const settings: Record<string, unknown> = { ...level.data!.settings };
      for (const k of NUMBERS) {
        if (v[k] == null) delete settings[k];
        else settings[k] = v[k];
      }
      if (v.level1 != null && v.level2 != null && v.level3 != null)
        settings.peakThresholds = [v.level1, v.level2, v.level3];
      else delete settings.peakThresholds;
      if (v.expressBusinessTypes?.length) settings.expressBusinessTypes = v.expressBusinessTypes;
      else delete settings.expressBusinessTypes;
      const repair = Object.fromEntries(
        SERVICES.filter((k) => v.repair?.[k] != null).map((k) => [k, v.repair?.[k]]),
      );
      if (Object.keys(repair).length) settings.faultRepairHours = repair;
      else delete settings.faultRepairHours;
      return unwrap(await api.PUT("/api/settings/levels", { body: { scope, settings } }));
    },
    onSuccess: () => {
      void message.success(t("admin.saved"));
      void qc.invalidateQueries({ queryKey: ["settings-level"] });
      void qc.invalidateQueries({ queryKey: ["hall"] });
    },
    onError: fail,
  });
  if (level.error) return <ErrorState error={level.error} />;
  if (!level.data) return <Loading />;
  const inherited = level.data.inherited;
  const from = (v: unknown) =>
    v === undefined ? t("admin.settings.builtIn") : t("admin.settings.inherits", { value: String(v) });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 640 }}>
      {NUMBERS.map((k) => (
        <Form.Item key={k} name={k} label={t(`admin.settings.keys.${k}`)} extra={from(inherited[k])}>
          <InputNumber min={0} style={{ width: 200 }} placeholder={t("admin.settings.inherit")} />
        </Form.Item>
      ))}
      <Form.Item
        label={t("admin.settings.keys.peakThresholds")}
        extra={from(inherited.peakThresholds?.join(" / "))}
      >
        <Space>
          {(["level1", "level2", "level3"] as const).map((l) => (
            <Form.Item key={l} name={l} noStyle>
              <InputNumber
                min={0.5}
                step={0.5}
                aria-label={t(`admin.settings.${l}`)}
                placeholder={t(`admin.settings.${l}`)}
              />
            </Form.Item>
          ))}
        </Space>
      </Form.Item>
      <Form.Item
        label={t("admin.settings.keys.faultRepairHours")}
        extra={from(
          inherited.faultRepairHours &&
            SERVICES.filter((k) => inherited.faultRepairHours?.[k] !== undefined)
              .map((k) => `${t(`admin.settings.services.${k}`)} ${inherited.faultRepairHours?.[k]}`)
              .join(" / "),
        )}
      >
        <Space wrap>
          {SERVICES.map((k) => (
            <Form.Item key={k} name={["repair", k]} noStyle>
              <InputNumber
                min={1}
                max={720}
                aria-label={t(`admin.settings.services.${k}`)}
                placeholder={t(`admin.settings.services.${k}`)}
              />
            </Form.Item>
          ))}
        </Space>
      </Form.Item>
      <Form.Item
        name="expressBusinessTypes"
        label={t("admin.settings.keys.expressBusinessTypes")}
        extra={from(inherited.expressBusinessTypes?.map(typeName).join("、"))}
      >
        <Select
          mode="multiple"
          allowClear
          placeholder={t("admin.settings.inherit")}
          options={(types.data ?? []).map((b) => ({ value: b.code, label: typeName(b.code) }))}
        />
      </Form.Item>
      {level.data.updatedAt && (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t("admin.settings.updated")}>
            {new Date(level.data.updatedAt).toLocaleString()} · {level.data.updatedBy ?? "—"}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t("admin.settings.save")}
      </Button>
    </Form>
  );
}
