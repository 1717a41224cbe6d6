import { DownloadOutlined } from "@ant-design/icons";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, DatePicker, Empty, Select, Space, Table } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";
import { ErrorState } from "../../shell/Forbidden";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
type Entry = Ok<paths["/api/audit"]["get"]>["items"][number];

const ACTIONS = ["read", "unmask_phone", "sign_in_locked", "sign_in_unlocked"];
const SUBJECTS = ["ticket", "complaint", "fault", "field_customer", "field_export", "user"];

/** R-PRIVACY 审计日志: who read or unmasked which customer record, when and why; filters, more, CSV. */
export function AuditTab() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(6, "day"), dayjs()]);
  const [action, setAction] = useState<string | undefined>();
  const [subjectType, setSubjectType] = useState<string | undefined>();
  const filter = {
    from: range[0].format("YYYY-MM-DD"),
    to: range[1].format("YYYY-MM-DD"),
    ...(action ? { action } : {}),
    ...(subjectType ? { subjectType } : {}),
  };
  const log = useInfiniteQuery({
    queryKey: ["audit", filter],
    initialPageParam: undefined as number | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/audit", {
          params: { query: { ...filter, limit: 50, ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const label = (group: string, v: string) => t(`admin.audit.${group}.${v}`, { defaultValue: v });
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <DatePicker.RangePicker
          aria-label={t("admin.audit.range")}
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t("admin.audit.action")}
          value={action}
          onChange={setAction}
          options={ACTIONS.map((a) => ({ value: a, label: label("actions", a) }))}
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t("admin.audit.subject")}
          value={subjectType}
          onChange={setSubjectType}
          options={SUBJECTS.map((s) => ({ value: s, label: label("subjects", s) }))}
        />
        <Button icon={<DownloadOutlined />} href={`/api/audit.csv?${new URLSearchParams(filter).toString()}`}>
          {t("admin.audit.export")}
        </Button>
      </Space>
      {log.error ? (
        <ErrorState error={log.error} />
      ) : (
        <Table<Entry>
          size="small"
          rowKey="id"
          loading={log.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("admin.audit.none")} /> }}
          columns={[
            {
              title: t("admin.audit.at"),
              key: "at",
              render: (_, e) => dayjs(e.at).format("YYYY-MM-DD HH:mm:ss"),
            },
            { title: t("admin.audit.actor"), key: "actor", render: (_, e) => e.actorName ?? "—" },
            { title: t("admin.audit.action"), key: "action", render: (_, e) => label("actions", e.action) },
            {
              title: t("admin.audit.subject"),
              key: "subject",
              render: (_, e) => `${label("subjects", e.subjectType)} · ${e.subjectId.slice(0, 8)}`,
            },
            { title: t("admin.audit.reason"), key: "reason", render: (_, e) => e.reason ?? "—" },
          ]}
        />
      )}
      {log.hasNextPage && (
        <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
          {t("admin.audit.more")}
        </Button>
      )}
    </Space>
  );
}
