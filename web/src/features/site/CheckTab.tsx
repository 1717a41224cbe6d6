import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  InputNumber,
  List,
  Radio,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useIdempotencyKey } from "../../api/idempotency";
import { ErrorState } from "../../shell/Forbidden";
import { timeOf } from "../../shell/format";
import { Loading } from "../../shell/Loading";
import type { DeviceState, SiteCheck, SiteCheckBody, SiteForm } from "./api";

type Entry = { ok?: boolean; value?: number; note?: string };
type Item = SiteForm["items"][number];

const ranged = (i: Item) => i.min != null || i.max != null;
const outside = (i: Item, v: number | undefined) =>
  v !== undefined && ((i.min != null && v < i.min) || (i.max != null && v > i.max));

function DeviceList({ devices }: { devices: DeviceState[] }) {
  const { t } = useTranslation();
  if (!devices.length) return <span style={{ color: "#64748b" }}>{t("site.check.noDevices")}</span>;
  return (
    <Space wrap size={[6, 6]}>
      {devices.map((d) => (
        <Tag
          key={d.id}
          color={d.silent ? "red" : "green"}
          title={
            d.lastSeenAt
              ? t("site.check.lastSeen", { time: timeOf(d.lastSeenAt) })
              : t("site.check.neverSeen")
          }
        >
          {d.label} · {d.silent ? t("site.check.silent") : t("site.check.online")}
        </Tag>
      ))}
    </Space>
  );
}

/** One item of the form: a tick for most, a measured value for a ranged one, the server's word for auto. */
function ItemRow({
  item,
  entry,
  devices,
  onChange,
}: {
  item: Item;
  entry: Entry;
  devices: DeviceState[];
  onChange: (e: Entry) => void;
}) {
  const { t, i18n } = useTranslation();
  const label = i18n.language === "en" && item.labelEn ? item.labelEn : item.label;
  const bad = entry.ok === false || (ranged(item) && outside(item, entry.value));
  return (
    <List.Item>
      <Space direction="vertical" style={{ width: "100%" }} size={6}>
        <div style={{ display: "flex", justifyContent: "space-between", gap: 8, flexWrap: "wrap" }}>
          <strong>{label}</strong>
          {item.code === "devices" ? (
            <Tag color="blue">{t("site.check.auto")}</Tag>
          ) : ranged(item) ? (
            <InputNumber
              aria-label={label}
              value={entry.value}
              step={0.5}
              status={bad ? "error" : undefined}
              addonAfter={item.unit ?? undefined}
              placeholder={t("site.check.value")}
              onChange={(v) => onChange({ ...entry, value: v ?? undefined })}
            />
          ) : (
            <Radio.Group
              aria-label={label}
              optionType="button"
              buttonStyle="solid"
              value={entry.ok !== false}
              onChange={(e) => onChange({ ...entry, ok: e.target.value })}
              options={[
                { value: true, label: t("site.check.ok") },
                { value: false, label: t("site.check.notOk") },
              ]}
            />
          )}
        </div>
        {item.code === "opening" && (
          <Typography.Text type="secondary">{t("site.check.autoOpening")}</Typography.Text>
        )}
        {ranged(item) && (
          <Typography.Text type={bad ? "danger" : "secondary"}>
            {t("site.check.range", { min: item.min ?? "", max: item.max ?? "", unit: item.unit ?? "" })}
          </Typography.Text>
        )}
        {item.code === "devices" && <DeviceList devices={devices} />}
        {bad && (
          <Input
            aria-label={`${label} ${t("site.check.note")}`}
            placeholder={t("site.check.notePlaceholder")}
            value={entry.note}
            maxLength={500}
            onChange={(e) => onChange({ ...entry, note: e.target.value })}
          />
        )}
      </Space>
    </List.Item>
  );
}

function Result({ check }: { check: SiteCheck }) {
  const { t } = useTranslation();
  const failed = check.items.filter((i) => !i.ok);
  return (
    <Alert
      type={failed.length ? "warning" : "success"}
      showIcon
      message={failed.length ? t("site.check.failed", { count: failed.length }) : t("site.check.passed")}
      description={
        failed.length > 0 && (
          <Space direction="vertical" size={2}>
            {failed.map((i) => (
              <span key={i.code}>
                {i.label}
                {i.reason || i.note ? `${t("punct.colon")}${i.reason ?? i.note}` : ""}
              </span>
            ))}
            {check.tasks.length > 0 && (
              <strong>{t("site.check.tasksRaised", { count: check.tasks.length })}</strong>
            )}
          </Space>
        )
      }
    />
  );
}

function History({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: ["site-checks", hallId],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/halls/{hallId}/site-checks", {
          params: { path: { hallId }, query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card size="small" title={t("site.check.history")}>
      {list.error && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
      <List
        loading={list.isLoading}
        dataSource={rows}
        locale={{ emptyText: <Empty description={t("site.check.empty")} /> }}
        renderItem={(c) => (
          <List.Item>
            <Space wrap>
              <span>
                {c.serviceDate} {timeOf(c.at)}
              </span>
              <span style={{ color: "#64748b" }}>
                {t("site.check.by")}
                {t("punct.colon")}
                {c.byName ?? "—"}
              </span>
              <Tag color={c.failed ? "orange" : "green"}>
                {c.failed ? t("site.check.failed", { count: c.failed }) : t("site.check.passed")}
              </Tag>
              {c.items
                .filter((i) => !i.ok)
                .map((i) => (
                  <Tag key={i.code}>{i.label}</Tag>
                ))}
            </Space>
          </List.Item>
        )}
      />
      {list.hasNextPage && (
        <Button block onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t("site.check.more")}
        </Button>
      )}
    </Card>
  );
}

/** 开门检查: walk the items on a phone, submit, see what failed and which tasks it raised. */
export function CheckTab({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const intent = useIdempotencyKey();
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [result, setResult] = useState<SiteCheck | null>(null);
  const form = useQuery({
    queryKey: ["site-form", hallId],
    queryFn: async () =>
      unwrap(await api.GET("/api/halls/{hallId}/site-checks/form", { params: { path: { hallId } } })),
  });
  const submit = useMutation({
    mutationFn: async (body: SiteCheckBody) =>
      unwrap(
        await api.POST("/api/halls/{hallId}/site-checks", {
          params: { path: { hallId } },
          body,
          ...intent.send(),
        }),
      ),
    onSuccess: (c) => {
      intent.renew();
      setResult(c);
      setEntries({});
      message.success(t("site.check.submitted"));
      for (const key of ["site-form", "site-checks", "site-tasks"])
        qc.invalidateQueries({ queryKey: [key, hallId] });
    },
  });
  if (form.isLoading) return <Loading />;
  if (form.error) return <ErrorState error={form.error} onRetry={() => form.refetch()} />;
  const f = form.data;
  if (!f) return null;
  const entryOf = (code: string) => entries[code] ?? {};
  const missing = f.items.filter((i) => ranged(i) && entryOf(i.code).value === undefined);
  const send = () => {
    if (intent.inFlight()) return;
    const items = f.items
      .filter((i) => i.code !== "devices")
      .map((i) => {
        const e = entryOf(i.code);
        const note = e.note?.trim() || undefined;
        return ranged(i)
          ? { code: i.code, value: e.value, note }
          : { code: i.code, ok: e.ok !== false, note };
      });
    submit.mutate({ items });
  };
  const last = f.today[0];
  return (
    <Space direction="vertical" style={{ width: "100%", maxWidth: 720 }}>
      <Alert
        type={last ? (last.failed ? "warning" : "success") : "info"}
        showIcon
        message={
          last
            ? t("site.check.todayDone", { count: f.today.length, time: timeOf(last.at), failed: last.failed })
            : t("site.check.todayNone")
        }
      />
      {result && <Result check={result} />}
      <Card size="small" title={t("site.tab.check")}>
        <List
          dataSource={f.items}
          renderItem={(item) => (
            <ItemRow
              item={item}
              entry={entryOf(item.code)}
              devices={f.devices}
              onChange={(e) => setEntries((all) => ({ ...all, [item.code]: e }))}
            />
          )}
        />
        {submit.error && <ErrorState error={submit.error} />}
        <Button
          type="primary"
          block
          size="large"
          disabled={missing.length > 0}
          loading={submit.isPending}
          onClick={send}
        >
          {t("site.check.submit")}
        </Button>
      </Card>
      <History hallId={hallId} />
    </Space>
  );
}
