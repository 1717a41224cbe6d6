import { useQuery } from "@tanstack/react-query";
import { Card } from "antd";
import { MarkLineComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { Chart } from "../board/Chart";

echarts.use([MarkLineComponent]);

const FACTORS = ["environment", "waiting", "staff", "speed"] as const;

// R-KPI over time: the scope's satisfaction period by period against its target, with the four factors.
export function TrendCard({ scope }: { scope: string }) {
  const { t } = useTranslation();
  const trend = useQuery({
    queryKey: ["quality", "trend", scope],
    queryFn: async () => unwrap(await api.GET("/api/quality/kpi/trend", { params: { query: { scope } } })),
  });
  const d = trend.data;
  const option = useMemo(
    () =>
      d && {
        grid: { left: 44, right: 16, top: 36, bottom: 28 },
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        xAxis: { type: "category", data: d.points.map((p) => p.period) },
        yAxis: {
          type: "value",
          min: (v: { min: number }) => Math.floor(Math.min(v.min, d.target) - 5),
          max: 100,
        },
        series: [
          {
            name: t("quality.kpi"),
            type: "line",
            data: d.points.map((p) => p.satisfaction),
            lineStyle: { width: 3 },
            markLine: {
              silent: true,
              symbol: "none",
              data: [{ yAxis: d.target, name: t("quality.target", { t: d.target }) }],
            },
          },
          ...FACTORS.map((f) => ({
            name: t(`quality.factor.${f}`),
            type: "line",
            data: d.points.map((p) => p.factors[f]),
            lineStyle: { type: "dashed" },
          })),
        ],
      },
    [d, t],
  );
  if (!d || d.points.length < 2 || !option) return null;
  return (
    <Card size="small" title={t("quality.trend")}>
      <Chart option={option} height={280} label={t("quality.trend")} />
    </Card>
  );
}
