import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Statistic, Table } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";
import { ErrorState } from "../../shell/Forbidden";
import { Loading } from "../../shell/Loading";
import { Chart } from "../board/Chart";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
type Journey = Ok<paths["/api/halls/{hallId}/journey-report"]["get"]>;

const minutes = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);

/**
 * R-VISIT's journey report for a hall: where its visits spent their time — node by node, and front stage
 * (what the customer sees) against back stage (the wait in line) — over the report's period.
 */
export function JourneyCard({ hallId, period }: { hallId: string; period: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ["journey-report", hallId, period],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/halls/{hallId}/journey-report", {
          params: { path: { hallId }, query: { period } },
        }),
      ),
  });
  return (
    <Card size="small" title={t("reports.journey.title")}>
      {q.error ? <ErrorState error={q.error} /> : !q.data ? <Loading /> : <JourneyBody r={q.data} />}
    </Card>
  );
}

function JourneyBody({ r }: { r: Journey }) {
  const { t } = useTranslation();
  const mins = (s: number | null) => (s === null ? "—" : t("reports.minutes", { m: minutes(s) }));
  const stages = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      xAxis: { type: "category", data: r.byDay.map((d) => d.date.slice(5)) },
      yAxis: { type: "value", name: t("reports.journey.minutesAxis") },
      series: [
        {
          name: t("reports.journey.front"),
          type: "bar",
          stack: "visit",
          data: r.byDay.map((d) => minutes(d.meanFrontSeconds)),
        },
        {
          name: t("reports.journey.back"),
          type: "bar",
          stack: "visit",
          data: r.byDay.map((d) => minutes(d.meanBackSeconds)),
        },
      ],
    }),
    [r, t],
  );
  const nodes = useMemo(
    () => ({
      grid: { left: 96, right: 24, top: 8, bottom: 28 },
      tooltip: { trigger: "axis" },
      yAxis: { type: "category", inverse: true, data: r.nodes.map((n) => t(`node.${n.node}`)) },
      xAxis: { type: "value", name: t("reports.journey.minutesAxis") },
      series: [
        {
          name: t("reports.journey.dwell"),
          type: "bar",
          data: r.nodes.map((n) => minutes(n.meanDwellSeconds)),
        },
      ],
    }),
    [r, t],
  );
  if (r.visits === 0) return <Empty description={t("reports.journey.none")} />;
  const figures: [string, string | number][] = [
    ["visits", `${r.timedVisits} / ${r.visits}`],
    ["total", mins(r.meanTotalSeconds)],
    ["front", mins(r.meanFrontSeconds)],
    ["back", mins(r.meanBackSeconds)],
    [
      "greeting",
      r.meanGreetingSeconds === null ? "—" : t("reports.journey.seconds", { s: r.meanGreetingSeconds }),
    ],
  ];
  return (
    <div style={{ display: "grid", gap: 12 }}>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(140px, 1fr))", gap: 12 }}>
        {figures.map(([key, value]) => (
          <Statistic key={key} title={t(`reports.journey.${key}`)} value={value} />
        ))}
      </div>
      <span style={{ color: "#64748b", fontSize: 12 }}>{t("reports.journey.stagesHint")}</span>
      {r.byDay.length > 1 && <Chart option={stages} height={240} label={t("reports.journey.byDay")} />}
      <Chart option={nodes} height={40 + r.nodes.length * 28} label={t("reports.journey.byNode")} />
      <Table
        size="small"
        rowKey="node"
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={r.nodes}
        columns={[
          {
            title: t("reports.journey.node"),
            key: "node",
            render: (_, n) => `${n.node} ${t(`node.${n.node}`)}`,
          },
          { title: t("reports.journey.reached"), key: "visits", align: "right", render: (_, n) => n.visits },
          {
            title: t("reports.journey.share"),
            key: "share",
            align: "right",
            render: (_, n) => (n.share === null ? "—" : `${(n.share * 100).toFixed(1)}%`),
          },
          {
            title: t("reports.journey.dwell"),
            key: "dwell",
            align: "right",
            render: (_, n) => mins(n.meanDwellSeconds),
          },
          {
            title: t("reports.journey.fromEntry"),
            key: "fromEntry",
            align: "right",
            render: (_, n) => mins(n.meanFromEntrySeconds),
          },
        ]}
      />
    </div>
  );
}
