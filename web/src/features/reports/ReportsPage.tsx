import { DownloadOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, DatePicker, Empty, Segmented, Select, Space, Statistic, Table } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";
import { useSession } from "../../api/session";
import { ErrorState } from "../../shell/Forbidden";
import { StaffGate } from "../../shell/Gate";
import { Loading } from "../../shell/Loading";
import { useLocalNames } from "../../shell/names";
import { StaffLayout } from "../../shell/StaffLayout";
import { Chart } from "../board/Chart";
import { JourneyCard } from "./JourneyCard";
import { PeakEpisodesCard } from "./PeakEpisodesCard";
import { fromText, type Kind, periodText } from "./period";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
type Summary = Ok<paths["/api/reports/summary"]["get"]>;
// The figures every row of a report has (the scope, a child, a business type, the period before).
type Figures = Omit<Summary["previous"], "period">;

const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);
const KINDS: Kind[] = ["day", "week", "month", "quarter", "range"];

/** The cards: each figure of the period beside the period before (上期). */
function Cards({ r }: { r: Summary }) {
  const { t } = useTranslation();
  const mins = (s: number | null) => (s === null ? "—" : t("reports.minutes", { m: (s / 60).toFixed(1) }));
  const cards: [string, (f: Figures) => string | number][] = [
    ["issued", (f) => f.tickets.issued],
    ["served", (f) => f.tickets.served],
    ["waitWithin", (f) => pct(f.waiting.withinLimitShare)],
    ["meanWait", (f) => mins(f.waiting.meanSeconds)],
    ["p90Wait", (f) => mins(f.waiting.p90Seconds)],
    ["handlingWithin", (f) => pct(f.handling.withinLimitShare)],
    ["breaches", (f) => `${f.breaches.waiting} / ${f.breaches.handling} / ${f.breaches.greeting}`],
    ["satisfied", (f) => pct(f.satisfaction.satisfiedShare)],
    [
      "peak",
      (f) =>
        `${f.peakWarnings.level1}/${f.peakWarnings.level2}/${f.peakWarnings.level3} · ${t("reports.minutes", { m: f.peakWarnings.minutesAtLevel3 })}`,
    ],
    ["diversion", (f) => `${f.diversion.taken} / ${f.diversion.suggested}`],
    ["complaints", (f) => `${f.complaints.received} / ${f.complaints.resolved} / ${f.complaints.overdue}`],
    ["firstReply", (f) => pct(f.complaints.firstReplyOnTimeShare)],
    ["faults", (f) => `${f.faults.reported} · ${pct(f.faults.reportedInTimeShare)} · ${f.faults.closed}`],
    ["visits", (f) => `${f.visits.done} / ${f.visits.due} / ${f.visits.overdue}`],
  ];
  const quality: [string, string | number][] = [
    ...(r.quality.kpi !== null ? ([["kpi", `${r.quality.kpi}%`]] as [string, string][]) : []),
    [
      "inspections",
      r.quality.inspectionScore === null
        ? r.quality.inspections
        : `${r.quality.inspections} · ${r.quality.inspectionScore}`,
    ],
  ];
  return (
    <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(160px, 1fr))", gap: 12 }}>
      {cards.map(([key, value]) => (
        <Card key={key} size="small">
          <Statistic title={t(`reports.cards.${key}`)} value={value(r)} />
          <span style={{ color: "#64748b", fontSize: 12 }}>
            {t("reports.vsPrevious", { period: r.previous.period, value: value(r.previous) })}
            <br />
            {t("reports.vsYearBefore", { period: r.yearBefore.period, value: value(r.yearBefore) })}
          </span>
        </Card>
      ))}
      {quality.map(([key, value]) => (
        <Card key={key} size="small">
          <Statistic title={t(`reports.cards.${key}`)} value={value} />
        </Card>
      ))}
    </div>
  );
}

function Trend({ r }: { r: Summary }) {
  const { t } = useTranslation();
  // Day by day up to a quarter; month by month for longer periods (the server decides).
  const points = useMemo(
    () =>
      r.byDay.length
        ? r.byDay.map((d) => ({ ...d, label: d.date.slice(5) }))
        : r.byMonth.map((m) => ({ ...m, label: m.month })),
    [r],
  );
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      xAxis: { type: "category", data: points.map((d) => d.label) },
      yAxis: [{ type: "value" }, { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } }],
      series: [
        { name: t("reports.trendIssued"), type: "bar", data: points.map((d) => d.tickets.issued) },
        {
          name: t("reports.trendWithin"),
          type: "line",
          yAxisIndex: 1,
          data: points.map((d) =>
            d.waiting.withinLimitShare === null ? null : d.waiting.withinLimitShare * 100,
          ),
        },
        {
          name: t("reports.trendSatisfied"),
          type: "line",
          yAxisIndex: 1,
          data: points.map((d) =>
            d.satisfaction.satisfiedShare === null ? null : d.satisfaction.satisfiedShare * 100,
          ),
        },
      ],
    }),
    [points, t],
  );
  return (
    <Card size="small" title={t("reports.trend")}>
      <Chart option={option} height={280} label={t("reports.trend")} />
    </Card>
  );
}

function HalfHours({ r }: { r: Summary }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: r.byHalfHour.map((h) => h.slot) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ name: t("reports.trendIssued"), type: "bar", data: r.byHalfHour.map((h) => h.arrivals) }],
    }),
    [r, t],
  );
  return (
    <Card size="small" title={t("reports.halfHours")}>
      <Chart option={option} height={240} label={t("reports.halfHours")} />
    </Card>
  );
}

function FiguresTable<T extends Figures & { name: string }>({
  rows,
  rowKey,
  onPick,
  inOrder = false,
}: {
  rows: T[];
  rowKey: (r: T) => string;
  onPick?: (r: T) => void;
  /** Keep the rows' own order (days) rather than the most tickets first. */
  inOrder?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<T>
      rowKey={rowKey}
      size="small"
      scroll={{ x: "max-content" }}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      dataSource={rows}
      onRow={(r) => (onPick ? { onClick: () => onPick(r), style: { cursor: "pointer" } } : {})}
      locale={{ emptyText: <Empty description={t("reports.empty")} /> }}
      columns={[
        {
          title: t("reports.name"),
          dataIndex: "name",
          sorter: (a, b) => a.name.localeCompare(b.name, "zh-CN"),
        },
        {
          title: t("reports.cards.issued"),
          key: "issued",
          align: "right",
          defaultSortOrder: inOrder ? undefined : "descend",
          sorter: (a, b) => a.tickets.issued - b.tickets.issued,
          render: (_, r) => r.tickets.issued,
        },
        {
          title: t("reports.cards.served"),
          key: "served",
          align: "right",
          render: (_, r) => r.tickets.served,
        },
        {
          title: t("reports.cards.waitWithin"),
          key: "within",
          align: "right",
          sorter: (a, b) => (a.waiting.withinLimitShare ?? -1) - (b.waiting.withinLimitShare ?? -1),
          render: (_, r) => pct(r.waiting.withinLimitShare),
        },
        {
          title: t("reports.cards.p90Wait"),
          key: "p90",
          align: "right",
          render: (_, r) =>
            r.waiting.p90Seconds === null
              ? "—"
              : t("reports.minutes", { m: (r.waiting.p90Seconds / 60).toFixed(1) }),
        },
        {
          title: t("reports.cards.complaints"),
          key: "complaints",
          align: "right",
          render: (_, r) => r.complaints.received,
        },
        {
          title: t("reports.columns.diverted"),
          key: "diverted",
          align: "right",
          render: (_, r) => `${r.diversion.taken} / ${r.diversion.suggested}`,
        },
        {
          title: t("reports.columns.faults"),
          key: "faults",
          align: "right",
          render: (_, r) => r.faults.reported,
        },
        {
          title: t("reports.cards.satisfied"),
          key: "satisfied",
          align: "right",
          render: (_, r) => pct(r.satisfaction.satisfiedShare),
        },
      ]}
    />
  );
}

function Reports() {
  const { t } = useTranslation();
  const { principal } = useSession();
  const { hallName } = useLocalNames();
  const [params, setParams] = useSearchParams();
  const user = principal?.kind === "user" ? principal : null;
  const ownScope = user?.hallId
    ? `hall:${user.hallId}`
    : user?.regionCode
      ? `region:${user.regionCode}`
      : "operator";
  const scope = params.get("scope") ?? ownScope;
  const start = fromText(params.get("period"));
  const [kind, setKind] = useState<Kind>(start.kind);
  const [day, setDay] = useState<Dayjs>(start.day);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const period = periodText(kind, day, range);
  const [trail, setTrail] = useState<string[]>([]);
  const halls = useQuery({ queryKey: ["halls"], queryFn: async () => unwrap(await api.GET("/api/halls")) });
  const report = useQuery({
    queryKey: ["reports", scope, period],
    queryFn: async () =>
      unwrap(await api.GET("/api/reports/summary", { params: { query: { scope, period } } })),
  });
  const scopes = useMemo(() => {
    const list = halls.data ?? [];
    return [
      ...(user && !user.hallId && !user.regionCode
        ? [{ value: "operator", label: t("reports.operator") }]
        : []),
      ...(user?.hallId
        ? []
        : [...new Set(list.map((h) => h.regionCode))]
            .sort()
            .map((c) => ({ value: `region:${c}`, label: t("reports.region", { code: c }) }))),
      ...list.map((h) => ({ value: `hall:${h.id}`, label: hallName(h) })),
    ];
  }, [halls.data, user, t, hallName]);
  const go = (next: string, push = true) => {
    if (push) setTrail([...trail, scope]);
    setParams({ scope: next, period });
  };
  const r = report.data;
  return (
    <StaffLayout title={t("reports.title")}>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Space wrap>
          <Select
            aria-label={t("reports.scope")}
            style={{ minWidth: 220 }}
            value={scope}
            options={scopes}
            onChange={(s) => go(s, false)}
          />
          <Segmented<Kind>
            value={kind}
            onChange={setKind}
            options={KINDS.map((k) => ({ value: k, label: t(`reports.kinds.${k}`) }))}
          />
          {kind === "range" ? (
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
          ) : (
            <DatePicker
              aria-label={t("reports.period")}
              picker={kind === "day" ? "date" : kind}
              value={day}
              allowClear={false}
              onChange={(v) => v && setDay(v)}
            />
          )}
          {trail.length > 0 && (
            <Button
              onClick={() => {
                const up = trail[trail.length - 1];
                setTrail(trail.slice(0, -1));
                go(up, false);
              }}
            >
              {t("reports.back")}
            </Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            href={`/api/reports/summary.xlsx?scope=${encodeURIComponent(scope)}&period=${encodeURIComponent(period)}`}
          >
            {t("reports.export")}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/reports/summary.csv?scope=${encodeURIComponent(scope)}&period=${encodeURIComponent(period)}`}
          >
            CSV
          </Button>
        </Space>
        {report.error ? (
          <ErrorState error={report.error} />
        ) : !r ? (
          <Loading />
        ) : (
          <>
            <h2 style={{ margin: 0 }}>
              {r.name} · {r.period}
            </h2>
            <Cards r={r} />
            {r.kind !== "day" && <Trend r={r} />}
            {r.kind !== "day" && r.byDay.length > 0 && (
              <Card
                size="small"
                title={t("reports.days")}
                extra={<span style={{ color: "#64748b" }}>{t("reports.drillDay")}</span>}
              >
                <FiguresTable
                  rows={r.byDay.map((d) => ({ ...d, name: d.date }))}
                  rowKey={(d) => d.date}
                  inOrder
                  onPick={(d) => {
                    setKind("day");
                    setDay(dayjs(d.date));
                  }}
                />
              </Card>
            )}
            {r.kind === "day" && r.byHalfHour.length > 0 && <HalfHours r={r} />}
            {/* A hall's journeys and peaks are read from its visits and episodes: a quarter at most. */}
            {scope.startsWith("hall:") && dayjs(r.to).diff(dayjs(r.from), "day") <= 92 && (
              <>
                <PeakEpisodesCard hallId={scope.slice(5)} from={r.from} to={r.to} />
                <JourneyCard hallId={scope.slice(5)} period={period} />
              </>
            )}
            {r.children.length > 0 && (
              <Card
                size="small"
                title={t("reports.children")}
                extra={<span style={{ color: "#64748b" }}>{t("reports.drill")}</span>}
              >
                <FiguresTable
                  rows={r.children}
                  rowKey={(c) => (c.own ? `${c.scope}#own` : c.scope)}
                  onPick={(c) => !c.own && go(c.scope)}
                />
              </Card>
            )}
            <Card size="small" title={t("reports.byType")}>
              <FiguresTable rows={r.byBusinessType} rowKey={(b) => b.businessType} />
            </Card>
          </>
        )}
      </Space>
    </StaffLayout>
  );
}

export default function ReportsPage() {
  return (
    <StaffGate screen="reports">
      <Reports />
    </StaffGate>
  );
}
