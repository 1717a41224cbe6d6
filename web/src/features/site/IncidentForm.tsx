import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Radio, Select, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import { ErrorState } from "../../shell/Forbidden";
import type { Incident, IncidentBody } from "./api";

const kinds = ["disturbance", "medical", "power", "system_outage", "fire", "theft", "other"] as const;
const roles = ["customer", "staff", "other"] as const;
const services = ["broadband", "fixed_line", "mobile"] as const;

type Values = Omit<IncidentBody, "occurredAt"> & { occurredAt: Dayjs };

/** 记录突发事件: what happened, who, what was done at once; an outage names its line and a number. */
export function IncidentForm({ hallId, onDone }: { hallId: string; onDone: (i: Incident | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const intent = useIdempotencyKey();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form);
  const save = useMutation({
    mutationFn: async (v: Values) =>
      unwrap(
        await api.POST("/api/halls/{hallId}/incidents", {
          params: { path: { hallId } },
          body: {
            ...v,
            occurredAt: v.occurredAt.toISOString(),
            people: v.people ?? [],
            actions: (v.actions ?? []).filter((a) => a?.trim()),
            ...(v.kind === "system_outage" ? {} : { outage: undefined }),
          },
          ...intent.send(),
        }),
      ),
    onSuccess: (i) => {
      intent.renew();
      message.success(t("site.incident.saved"));
      qc.invalidateQueries({ queryKey: ["incidents", hallId] });
      onDone(i);
    },
  });
  return (
    <Drawer open width={560} title={t("site.incident.record")} onClose={() => onDone(null)} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          kind: "disturbance",
          severity: "ordinary",
          occurredAt: dayjs(),
          people: [],
          actions: [],
        }}
        onFinish={(v) => !intent.inFlight() && save.mutate(v)}
      >
        <Form.Item name="kind" label={t("site.incident.kind")} rules={[{ required: true }]}>
          <Select options={kinds.map((k) => ({ value: k, label: t(`site.incident.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="severity" label={t("site.incident.severity")}>
          <Radio.Group
            optionType="button"
            options={(["ordinary", "serious"] as const).map((s) => ({
              value: s,
              label: t(`site.incident.severities.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="occurredAt" label={t("site.incident.occurredAt")} rules={[{ required: true }]}>
          <DatePicker
            showTime={{ format: "HH:mm" }}
            format="YYYY-MM-DD HH:mm"
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(), "day")}
            style={{ width: "100%" }}
          />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t("site.incident.summary")}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        {kind === "system_outage" && (
          <>
            <Alert
              type="info"
              showIcon
              message={t("site.incident.outageHint")}
              style={{ marginBottom: 12 }}
            />
            <Form.Item
              name={["outage", "service"]}
              label={t("site.incident.outageService")}
              rules={[{ required: true }]}
            >
              <Select
                options={services.map((s) => ({ value: s, label: t(`site.incident.services.${s}`) }))}
              />
            </Form.Item>
            <Form.Item
              name={["outage", "contactPhone"]}
              label={t("site.incident.contactPhone")}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </>
        )}
        <Form.List name="people">
          {(fields, { add, remove }) => (
            <Form.Item label={t("site.incident.people")}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, "name"]} rules={[{ required: true, whitespace: true }]}>
                    <Input
                      placeholder={t("site.incident.person")}
                      aria-label={t("site.incident.person")}
                      maxLength={60}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, "role"]} initialValue="customer">
                    <Select
                      style={{ width: 100 }}
                      aria-label={t("site.incident.personRole")}
                      options={roles.map((r) => ({ value: r, label: t(`site.incident.roles.${r}`) }))}
                    />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t("site.incident.addPerson")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="actions">
          {(fields, { add, remove }) => (
            <Form.Item label={t("site.incident.actions")}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: "flex" }}>
                  <Form.Item name={f.name} style={{ flex: 1, minWidth: 240 }}>
                    <Input maxLength={500} aria-label={t("site.incident.actions")} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add("")}>
                {t("site.incident.addAction")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        {save.error && <ErrorState error={save.error} />}
        <Button type="primary" htmlType="submit" block loading={save.isPending}>
          {t("site.incident.record")}
        </Button>
      </Form>
    </Drawer>
  );
}
