import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { TodayStats } from "../../api/types";
import { brand } from "../../app/theme";
import { Chart } from "./Chart";

/** Arrivals (bars) and mean wait in minutes (line) per half hour of today. */
export function ArrivalsChart({ stats, height }: { stats: TodayStats; height: number }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: [t("board.arrivals"), t("board.meanWaitMin")] },
      grid: { left: 40, right: 44, top: 36, bottom: 28 },
      xAxis: { type: "category", data: stats.byHalfHour.map((s) => s.slot) },
      yAxis: [
        { type: "value", name: t("board.arrivals"), minInterval: 1, nameTextStyle: { align: "left" } },
        {
          type: "value",
          name: t("board.meanWaitMin"),
          splitLine: { show: false },
          nameTextStyle: { align: "right" },
        },
      ],
      series: [
        {
          name: t("board.arrivals"),
          type: "bar",
          data: stats.byHalfHour.map((s) => s.arrivals),
          itemStyle: { color: brand.primary, borderRadius: [4, 4, 0, 0] },
          barMaxWidth: 28,
        },
        {
          name: t("board.meanWaitMin"),
          type: "line",
          yAxisIndex: 1,
          smooth: true,
          connectNulls: true,
          data: stats.byHalfHour.map((s) =>
            s.meanWaitSeconds == null ? null : Math.round((s.meanWaitSeconds / 60) * 10) / 10,
          ),
          itemStyle: { color: brand.amber },
          lineStyle: { width: 3 },
        },
      ],
    }),
    [stats, t],
  );
  return <Chart option={option} height={height} label={t("board.chartTitle")} />;
}
