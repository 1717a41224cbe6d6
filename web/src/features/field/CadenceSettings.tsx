import { Alert, App, Button, Card, Checkbox, Form, InputNumber, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, unwrap } from "../../api/client";
import { may, useSession } from "../../api/session";
import { Loading } from "../../shell/Loading";
import { useCadence, useFieldAction } from "./queries";
import type { Cadence, Tier } from "./types";

type Days = number | null | undefined; // null: as needed (按需); undefined: not filled in yet
type Values = Record<Tier, { inPersonDays: Days; phoneDays: Days }>;
const tiers: Tier[] = ["gov_enterprise", "key", "household"];
const kinds = ["inPersonDays", "phoneDays"] as const;
// R-VISITPLAN: 政企 and key customers at least every half month in person and weekly by phone.
const specMax = { inPersonDays: 15, phoneDays: 7 } as const;

/** A number of days, or "as needed" ticked instead. */
function DaysInput({
  value,
  onChange,
  label,
}: {
  value?: Days;
  onChange?: (v: Days) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const [last, setLast] = useState<number | undefined>(value ?? undefined);
  return (
    <Space size={8} wrap>
      <InputNumber
        aria-label={label}
        value={value ?? null}
        disabled={value === null}
        inputMode="numeric"
        style={{ width: 96 }}
        suffix={t("field.cadence.days")}
        onChange={(v) => {
          const n = typeof v === "number" ? v : undefined;
          setLast(n);
          onChange?.(n);
        }}
      />
      <Checkbox
        aria-label={`${label} ${t("field.cadence.asNeeded")}`}
        checked={value === null}
        onChange={(e) => onChange?.(e.target.checked ? null : last)}
      >
        {t("field.cadence.asNeeded")}
      </Checkbox>
    </Space>
  );
}

const validDays = (v: Days) =>
  v === null || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 365);

/**
 * 拜访周期 (R-VISITPLAN): operator-wide days between visits per tier. Everyone in the area management
 * view reads it; only the operator admin changes it (the API refuses anyone else).
 */
export function CadenceSettings() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { principal } = useSession();
  const mayEdit = may(principal, "field.cadence");
  const cadence = useCadence();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<Values>();
  const save = useFieldAction(async (rows: Cadence[]) =>
    unwrap(await api.PUT("/api/field/cadence", { body: rows })),
  );
  if (!cadence.data) return <Loading />;
  const current = cadence.data;
  const text = (d: number | null) =>
    d === null ? t("field.cadence.asNeeded") : t("field.cadence.every", { count: d });
  const name = (tier: Tier, kind: (typeof kinds)[number]) =>
    `${t(`field.tier.${tier}`)} ${t(`field.cadence.${kind}`)}`;

  const start = () => {
    const values: Partial<Values> = {};
    for (const c of current) values[c.tier] = { inPersonDays: c.inPersonDays, phoneDays: c.phoneDays };
    form.setFieldsValue(values);
    setEditing(true);
  };
  const confirm = (v: Values) => {
    const rows: Cadence[] = tiers.map((tier) => ({
      tier,
      inPersonDays: v[tier].inPersonDays ?? null,
      phoneDays: v[tier].phoneDays ?? null,
    }));
    const changes = rows.flatMap((r) => {
      const was = current.find((c) => c.tier === r.tier);
      return kinds
        .filter((k) => was?.[k] !== r[k])
        .map((k) => `${name(r.tier, k)}${t("punct.colon")}${text(was?.[k] ?? null)} → ${text(r[k])}`);
    });
    if (changes.length === 0) {
      setEditing(false);
      return;
    }
    const belowSpec = rows.some(
      (r) => r.tier !== "household" && kinds.some((k) => r[k] === null || (r[k] as number) > specMax[k]),
    );
    modal.confirm({
      title: t("field.cadence.confirm"),
      okText: t("action.save"),
      cancelText: t("action.cancel"),
      content: (
        <>
          {changes.map((c) => (
            <div key={c}>{c}</div>
          ))}
          <div style={{ marginTop: 8, color: "#64748b" }}>{t("field.cadence.appliesNext")}</div>
          {belowSpec && (
            <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t("field.cadence.belowSpec")} />
          )}
        </>
      ),
      onOk: () =>
        save.mutateAsync(rows).then(
          () => {
            setEditing(false);
            void message.success(t("field.cadence.saved"));
          },
          (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
        ),
    });
  };

  return (
    <Card
      size="small"
      title={t("field.cadence.title")}
      extra={
        mayEdit &&
        !editing && (
          <Button size="small" onClick={start}>
            {t("action.edit")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t("field.cadence.hint")}
        {!mayEdit && ` ${t("field.cadence.adminOnly")}`}
      </Typography.Paragraph>
      <Form<Values> form={form} onFinish={confirm}>
        {tiers.map((tier) => {
          const c = current.find((x) => x.tier === tier)!;
          return (
            <section key={tier} style={{ borderTop: "1px solid #f0f0f0", padding: "8px 0" }}>
              <Typography.Text strong>{t(`field.tier.${tier}`)}</Typography.Text>
              {kinds.map((kind) => (
                <div
                  key={kind}
                  style={{
                    display: "grid",
                    gridTemplateColumns: "72px 1fr",
                    alignItems: "center",
                    marginTop: 6,
                  }}
                >
                  <span style={{ color: "#64748b" }}>{t(`field.cadence.${kind}`)}</span>
                  {editing ? (
                    <Form.Item
                      name={[tier, kind]}
                      style={{ marginBottom: 0 }}
                      rules={[
                        {
                          validator: (_, v: Days) =>
                            validDays(v)
                              ? Promise.resolve()
                              : Promise.reject(new Error(t("field.cadence.invalid"))),
                        },
                      ]}
                    >
                      <DaysInput label={name(tier, kind)} />
                    </Form.Item>
                  ) : (
                    <span>{text(c[kind])}</span>
                  )}
                </div>
              ))}
            </section>
          );
        })}
        {editing && (
          <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8, marginTop: 8 }}>
            <Button onClick={() => setEditing(false)}>{t("action.cancel")}</Button>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t("action.save")}
            </Button>
          </div>
        )}
      </Form>
    </Card>
  );
}
