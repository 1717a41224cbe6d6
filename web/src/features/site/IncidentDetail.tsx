import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  Timeline,
} from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { actions, api, unwrap } from "../../api/client";
import { ErrorState } from "../../shell/Forbidden";
import { Loading } from "../../shell/Loading";
import type { Incident } from "./api";

const when = (iso: string | null) => (iso ? dayjs(iso).format("MM-DD HH:mm") : "—");
const entryColor = {
  opened: "red",
  action: "blue",
  note: "gray",
  notified: "orange",
  closed: "green",
} as const;

/** One incident: its time line, who was told, and the forms its allowed actions open. */
export function IncidentDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [entryForm] = Form.useForm<{ kind: "action" | "note"; text: string }>();
  const [notifyForm] = Form.useForm<{ party: "police" | "security"; reference?: string }>();
  const [closeForm] = Form.useForm<{ summary: string; causes?: string; followUp?: string }>();
  const detail = useQuery({
    queryKey: ["incident", id],
    queryFn: async () => unwrap(await api.GET("/api/incidents/{id}", { params: { path: { id } } })),
  });
  const done = (i: Incident) => {
    message.success(t("site.incident.saved"));
    qc.setQueryData(["incident", id], i);
    qc.invalidateQueries({ queryKey: ["incidents", i.hallId] });
  };
  const post = useMutation({
    mutationFn: async ({ action, body }: { action: "entries" | "notify" | "close"; body: object }) =>
      unwrap(
        await actions.POST(`/api/incidents/{id}/${action}`, { params: { path: { id } }, body }),
      ) as Incident,
    onSuccess: (i, v) => {
      done(i);
      if (v.action === "entries") entryForm.resetFields();
      // The next party still to be told, if any.
      if (v.action === "notify")
        notifyForm.setFieldsValue({ party: i.missing[0] ?? "security", reference: "" });
    },
  });
  const i = detail.data;
  const parties = (ps: readonly string[]) => ps.map((p) => t(`site.incident.parties.${p}`)).join("、");
  return (
    <Drawer open width={600} title={t("site.incident.detail")} onClose={onClose}>
      {detail.isLoading && <Loading />}
      {detail.error && <ErrorState error={detail.error} onRetry={() => detail.refetch()} />}
      {i && (
        <Space direction="vertical" style={{ width: "100%" }} size="middle">
          <Space wrap>
            <Tag color={i.severity === "serious" ? "red" : "blue"}>
              {t(`site.incident.severities.${i.severity}`)}
            </Tag>
            <Tag>{t(`site.incident.kinds.${i.kind}`)}</Tag>
            <Tag color={i.state === "open" ? "gold" : "green"}>{t(`site.incident.states.${i.state}`)}</Tag>
            {i.faultId && (
              <Link to="/faults">
                <Tag color="purple">{t("site.incident.fault")}</Tag>
              </Link>
            )}
          </Space>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("site.incident.occurredAt")}>{when(i.occurredAt)}</Descriptions.Item>
            <Descriptions.Item label={t("site.incident.summary")}>{i.summary}</Descriptions.Item>
            {i.people.length > 0 && (
              <Descriptions.Item label={t("site.incident.people")}>
                {i.people
                  .map((p) => `${p.name}（${t(`site.incident.roles.${p.role}`, { defaultValue: p.role })}）`)
                  .join("、")}
              </Descriptions.Item>
            )}
            {(["police", "security"] as const).map((p) => {
              const at = p === "police" ? i.policeNotifiedAt : i.securityNotifiedAt;
              const ref = p === "police" ? i.policeReference : i.securityReference;
              return at ? (
                <Descriptions.Item key={p} label={t(`site.incident.parties.${p}`)}>
                  {when(at)}
                  {ref ? ` · ${ref}` : ""}
                </Descriptions.Item>
              ) : null;
            })}
            {i.closure && (
              <Descriptions.Item label={t("site.incident.closeSummary")}>
                {i.closure.summary}
                {i.closure.causes && (
                  <div>{`${t("site.incident.causes")}${t("punct.colon")}${i.closure.causes}`}</div>
                )}
                {i.closure.followUp && (
                  <div>{`${t("site.incident.followUp")}${t("punct.colon")}${i.closure.followUp}`}</div>
                )}
              </Descriptions.Item>
            )}
          </Descriptions>
          {i.missing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              message={t("site.incident.mustNotify", { parties: parties(i.missing) })}
            />
          )}
          <div>
            <h4>{t("site.incident.timeline")}</h4>
            <Timeline
              items={i.timeline.map((l) => ({
                color: entryColor[l.kind],
                children: (
                  <div>
                    <div style={{ color: "#64748b", fontSize: 12 }}>
                      {when(l.at)} · {t(`site.incident.entry.${l.kind}`)} · {l.byName ?? "—"}
                    </div>
                    <div>{l.text}</div>
                  </div>
                ),
              }))}
            />
          </div>
          {post.error && <ErrorState error={post.error} />}
          {i.allowedActions.includes("note") && (
            <Form
              form={entryForm}
              layout="vertical"
              initialValues={{ kind: "action" }}
              onFinish={(v) => post.mutate({ action: "entries", body: v })}
            >
              <Form.Item name="kind" label={t("site.incident.entryKind")}>
                <Select
                  options={(["action", "note"] as const).map((k) => ({
                    value: k,
                    label: t(`site.incident.entry.${k}`),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="text"
                label={t("site.incident.entryText")}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
              <Button htmlType="submit" loading={post.isPending}>
                {t("site.incident.addEntry")}
              </Button>
            </Form>
          )}
          {i.allowedActions.includes("notify") && (
            <Form
              form={notifyForm}
              layout="inline"
              initialValues={{ party: i.missing[0] ?? "security" }}
              onFinish={(v) =>
                post.mutate({ action: "notify", body: { ...v, reference: v.reference?.trim() || undefined } })
              }
              style={{ rowGap: 8 }}
            >
              <Form.Item name="party" label={t("site.incident.notify")}>
                <Select
                  style={{ width: 140 }}
                  options={(["police", "security"] as const).map((p) => ({
                    value: p,
                    label: t(`site.incident.parties.${p}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="reference">
                <Input
                  placeholder={t("site.incident.reference")}
                  aria-label={t("site.incident.reference")}
                  maxLength={60}
                />
              </Form.Item>
              <Button htmlType="submit" loading={post.isPending}>
                {t("site.incident.notify")}
              </Button>
            </Form>
          )}
          {i.allowedActions.includes("close") && (
            <Form
              form={closeForm}
              layout="vertical"
              onFinish={(v) => post.mutate({ action: "close", body: v })}
            >
              <Form.Item
                name="summary"
                label={t("site.incident.closeSummary")}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item name="causes" label={t("site.incident.causes")}>
                <Input maxLength={1000} />
              </Form.Item>
              <Form.Item name="followUp" label={t("site.incident.followUp")}>
                <Input maxLength={1000} />
              </Form.Item>
              <Popconfirm title={t("site.incident.closeConfirm")} onConfirm={() => closeForm.submit()}>
                <Button type="primary" danger disabled={i.missing.length > 0} loading={post.isPending}>
                  {t("site.incident.close")}
                </Button>
              </Popconfirm>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
