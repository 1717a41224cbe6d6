import { Alert, Card, Space, Statistic, Tag } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Chart } from "../board/Chart";
import { useForecast, usePlan } from "./api";

// The day's counters (排班 R-ROSTER): the least counter-hours whose simulation keeps the day's customers
// within the 10-minute limit (R-TIME), from the forecast above.
export function PlanTab({ hallId, date }: { hallId: string; date: string }) {
  const { t } = useTranslation();
  const forecast = useForecast(hallId, date);
  const plan = usePlan(forecast.data);
  const f = forecast.data;
  const p = plan.data;
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 40, top: 36, bottom: 28 },
      xAxis: { type: "category", data: (f?.intervals ?? []).map((i) => i.start) },
      yAxis: [
        { type: "value", name: t("staffing.counters"), minInterval: 1 },
        { type: "value", name: "/30′" },
      ],
      series: [
        { name: t("staffing.counters"), type: "bar", step: "start", data: p?.counters ?? [] },
        {
          name: t("staffing.forecastSeries"),
          type: "line",
          yAxisIndex: 1,
          data: (f?.intervals ?? []).map((i) => i.total),
        },
      ],
    }),
    [f, p, t],
  );
  if (f && !f.opensAt) return <Alert type="info" message={t("staffing.closed")} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      {plan.error && <Alert type="error" message={String(plan.error.message)} />}
      <Space wrap size="large">
        <Statistic
          title={t("staffing.counterHours")}
          value={p?.counterHours ?? "—"}
          loading={plan.isLoading}
        />
        <Statistic
          title={t("staffing.simulated")}
          value={p ? `${(p.simulatedServiceLevel * 100).toFixed(1)}%` : "—"}
          loading={plan.isLoading}
        />
        {p && <Tag color={p.met ? "green" : "red"}>{p.met ? t("staffing.met") : t("staffing.notMet")}</Tag>}
      </Space>
      <Card size="small" title={`${t("staffing.planChart")} · ${date}`}>
        <Chart option={option} height={300} label={t("staffing.planChart")} />
      </Card>
    </Space>
  );
}
