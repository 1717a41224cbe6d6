import { Card, DatePicker, Empty, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type AwayReport, useAwayReport } from "./api";

type Period = AwayReport["periods"][number];
type PersonSum = AwayReport["byStaff"][number];

const time = (iso: string) => dayjs(iso).format("HH:mm");

// 暂离: what the counters' people did away from their post, as the server recorded it, by day.
export function AwayCard({ hallId }: { hallId: string }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(() => dayjs().format("YYYY-MM-DD"));
  const report = useAwayReport(hallId, date);
  const length = (s: number) => t("staffing.away.minutes", { m: Math.floor(s / 60), s: Math.round(s % 60) });
  const who = (name: string | null) => name ?? t("staffing.away.nobody");
  return (
    <Card
      size="small"
      title={t("staffing.away.title")}
      extra={
        <DatePicker
          aria-label={t("staffing.date")}
          value={dayjs(date)}
          allowClear={false}
          onChange={(d) => d && setDate(d.format("YYYY-MM-DD"))}
        />
      }
    >
      <p style={{ color: "#64748b", marginTop: 0 }}>{t("staffing.away.hint")}</p>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Table<PersonSum>
          rowKey={(r) => r.staffId ?? "none"}
          size="small"
          title={() => t("staffing.away.byStaff")}
          loading={report.isLoading}
          dataSource={report.data?.byStaff ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t("staffing.away.empty")} /> }}
          columns={[
            { title: t("staffing.away.person"), key: "who", render: (_, r) => who(r.staffName) },
            { title: t("staffing.away.times"), dataIndex: "periods", align: "right" },
            {
              title: t("staffing.away.total"),
              key: "sum",
              align: "right",
              render: (_, r) => length(r.seconds),
            },
          ]}
        />
        <Table<Period>
          rowKey="id"
          size="small"
          loading={report.isLoading}
          dataSource={report.data?.periods ?? []}
          pagination={(report.data?.periods.length ?? 0) > 10 ? { pageSize: 10 } : false}
          locale={{ emptyText: <Empty description={t("staffing.away.empty")} /> }}
          scroll={{ x: true }}
          columns={[
            { title: t("staffing.away.person"), key: "who", render: (_, p) => who(p.staffName) },
            { title: t("staffing.away.counter"), dataIndex: "counterLabel" },
            { title: t("staffing.away.reason"), dataIndex: "reason" },
            { title: t("staffing.away.from"), key: "from", render: (_, p) => time(p.startedAt) },
            {
              title: t("staffing.away.to"),
              key: "to",
              render: (_, p) =>
                p.endedAt ? time(p.endedAt) : <Tag color="orange">{t("staffing.away.running")}</Tag>,
            },
            {
              title: t("staffing.away.length"),
              key: "len",
              align: "right",
              render: (_, p) => length(p.seconds),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
