import { Card, Empty, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { Counter, Journey, QueueView, TodayStats } from "../../api/types";
import { duration, timeOf } from "../../shell/format";
import { useLocalNames } from "../../shell/names";

/** Counters, who works them, what they serve now and how many today. */
export function CounterTable({
  stats,
  queue,
  counters,
  height,
}: {
  stats: TodayStats | undefined;
  queue: QueueView;
  counters: Counter[];
  height: number;
}) {
  const { t } = useTranslation();
  const { counterLabel } = useLocalNames();
  const serving = new Map(queue.serving.map((tk) => [tk.counterId, tk]));
  // The day's figures carry the Chinese label; the counter itself knows its English one.
  const label = (c: { counterId: string; label: string }) => {
    const counter = counters.find((x) => x.id === c.counterId);
    return counter ? counterLabel(counter) : c.label;
  };
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
          {
            title: t("board.counter"),
            dataIndex: "label",
            width: 120,
            render: (_: string, c) => label(c),
          },
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
            width: 96,
            onHeaderCell: () => ({ style: { whiteSpace: "nowrap" } }),
            render: (s: number | null) => duration(s, t),
          },
        ]}
      />
    </Card>
  );
}

// The nine nodes of the service blueprint (R-VISIT, BP ch.2). Their codes stay in the data, never on screen:
// a column says what the node is, and the legend under the table says what it means.
const nodes = ["Z1", "Z2", "Z3", "Z4", "Z5", "Z6", "Z7", "Z8", "Z9"] as const;
const LEGEND = 52; // two lines of legend at 1440 px, one or two on the board's 1920 px

/** What each journey column means, under the table. */
function NodeLegend() {
  const { t } = useTranslation();
  return (
    <dl className="board-legend" aria-label={t("board.legend")}>
      {nodes.map((n) => (
        <div key={n}>
          <dt>{t(`nodeShort.${n}`)}</dt>
          <dd>{t(`nodeHint.${n}`)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** R-VISIT: each visit of the day with the time it reached each blueprint node. */
export function JourneysTable({ journeys, height }: { journeys: Journey[]; height: number }) {
  const { t } = useTranslation();
  const first = (v: Journey, n: string) => v.nodes.find((x) => x.node === n)?.at ?? null;
  return (
    <Card
      size="small"
      title={t("board.visitsTitle")}
      style={{ height }}
      styles={{
        body: {
          padding: 0,
          height: height - 40,
          overflow: "hidden",
          display: "flex",
          flexDirection: "column",
        },
      }}
    >
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        scroll={{ x: "max-content", y: height - 100 - LEGEND }}
        style={{ flex: "1 1 auto", minHeight: 0, overflow: "hidden" }}
        dataSource={journeys}
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
            title: <span title={`${t(`node.${n}`)}: ${t(`nodeHint.${n}`)}`}>{t(`nodeShort.${n}`)}</span>,
            key: n,
            align: "center" as const,
            onHeaderCell: () => ({ style: { whiteSpace: "nowrap" as const } }),
            render: (_: unknown, v: Journey) => (
              <span className="tw-tabular">{first(v, n) ? timeOf(first(v, n)) : ""}</span>
            ),
          })),
        ]}
      />
      <NodeLegend />
    </Card>
  );
}
