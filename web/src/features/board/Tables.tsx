import { Card, Empty, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { QueueView, TodayStats, Visit } from "../../api/types";
import { duration, timeOf } from "../../shell/format";

/** Counters, who works them, what they serve now and how many today. */
export function CounterTable({
  stats,
  queue,
  height,
}: {
  stats: TodayStats | undefined;
  queue: QueueView;
  height: number;
}) {
  const { t } = useTranslation();
  const serving = new Map(queue.serving.map((tk) => [tk.counterId, tk]));
  return (
    <Card
      size="small"
      title={t("board.countersTitle")}
      style={{ height }}
      styles={{ body: { padding: 0, height: height - 40, overflow: "hidden" } }}
    >
      <Table
        size="small"
        pagination={false}
        rowKey="counterId"
        scroll={{ y: height - 100 }}
        dataSource={stats?.perCounter ?? []}
        columns={[
          { title: t("board.counter"), dataIndex: "label", width: 110 },
          {
            title: t("board.status"),
            dataIndex: "status",
            width: 70,
            render: (s: "open" | "closed") => (
              <Tag color={s === "open" ? "blue" : "default"}>{t(`counterStatus.${s}`)}</Tag>
            ),
          },
          { title: t("board.staff"), dataIndex: "staffName", render: (n: string | null) => n ?? "—" },
          {
            title: t("board.current"),
            key: "current",
            render: (_: unknown, c) => {
              const tk = serving.get(c.counterId);
              return tk ? (
                <Tag color={tk.status === "serving" ? "green" : "processing"}>{tk.number}</Tag>
              ) : (
                "—"
              );
            },
          },
          { title: t("board.servedCount"), dataIndex: "served", align: "right", width: 80 },
          {
            title: t("board.meanHandling"),
            dataIndex: "meanHandlingSeconds",
            align: "right",
            render: (s: number | null) => duration(s, t),
          },
        ]}
      />
    </Card>
  );
}

const nodes = ["Z1", "Z2", "Z3", "Z4", "Z5", "Z6", "Z7", "Z8", "Z9"] as const;

/** R-VISIT: each visit of the day with the time it reached each blueprint node. */
export function VisitsTable({ visits, height }: { visits: Visit[]; height: number }) {
  const { t } = useTranslation();
  const first = (v: Visit, n: string) => v.nodes.find((x) => x.node === n)?.at ?? null;
  return (
    <Card
      size="small"
      title={t("board.visitsTitle")}
      style={{ height }}
      styles={{ body: { padding: 0, height: height - 40, overflow: "hidden" } }}
    >
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        scroll={{ y: height - 100 }}
        dataSource={visits}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("board.noVisits")} />,
        }}
        columns={[
          {
            title: t("board.entered"),
            dataIndex: "enteredAt",
            width: 84,
            render: (at: string, v) => (
              <span
                style={{ color: v.greetingBreached ? "#dc2626" : undefined }}
                title={v.greetingBreached ? t("board.greetLate") : undefined}
              >
                {timeOf(at)}
              </span>
            ),
          },
          {
            title: t("board.tickets"),
            key: "tickets",
            width: 84,
            render: (_: unknown, v) => v.tickets.map((x) => x.number).join(" ") || "—",
          },
          ...nodes.map((n) => ({
            title: <span title={t(`node.${n}`)}>{n}</span>,
            key: n,
            align: "center" as const,
            render: (_: unknown, v: Visit) => (
              <span className="tw-tabular">{first(v, n) ? timeOf(first(v, n)) : ""}</span>
            ),
          })),
        ]}
      />
    </Card>
  );
}
