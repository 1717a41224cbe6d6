import { useTranslation } from "react-i18next";
import type { QueueView, TodayStats } from "../../api/types";
import { brand } from "../../app/theme";
import { duration, percent } from "../../shell/format";

const peakColors = ["#16a34a", "#f59e0b", "#ea580c", "#dc2626"];

function Kpi({
  label,
  value,
  hint,
  color,
}: {
  label: string;
  value: string | number;
  hint?: string;
  color?: string;
}) {
  return (
    <section className="board-kpi" aria-label={label}>
      <div className="board-kpi-label">{label}</div>
      <div className="board-kpi-value tw-tabular" style={{ color: color ?? brand.navy }}>
        {value}
      </div>
      {hint && <div className="board-kpi-hint">{hint}</div>}
    </section>
  );
}

/** The numbers a hall manager glances at: the queue now, and how today has gone. */
export function Kpis({ queue, stats }: { queue: QueueView; stats: TodayStats | undefined }) {
  const { t } = useTranslation();
  const ev = stats?.evaluations;
  return (
    <div className="board-kpis">
      <Kpi label={t("board.waiting")} value={queue.waiting} />
      <Kpi label={t("board.openCounters")} value={queue.openCounters} />
      <Kpi
        label={t("board.ratio")}
        value={queue.ratio == null ? "—" : queue.ratio.toFixed(1)}
        hint={t("board.ratioHint")}
      />
      <Kpi
        label={t("board.peak")}
        value={t(`peak.level${queue.peakLevel}`)}
        color={peakColors[queue.peakLevel]}
      />
      <Kpi
        label={t("board.served")}
        value={stats?.served ?? "—"}
        hint={stats ? t("board.diverted", { n: stats.diverted }) : undefined}
      />
      <Kpi label={t("board.meanWait")} value={duration(stats?.meanWaitSeconds, t)} />
      <Kpi
        label={t("board.within10")}
        value={percent(stats?.withinTenMinutesShare)}
        color={
          stats?.withinTenMinutesShare != null && stats.withinTenMinutesShare < 0.8 ? brand.red : undefined
        }
      />
      <Kpi
        label={t("board.breaches")}
        value={stats?.breaches ?? "—"}
        color={stats?.breaches ? brand.red : undefined}
      />
      <Kpi
        label={t("board.satisfaction")}
        value={percent(ev?.satisfiedShare)}
        hint={t("board.ratings", { count: ev?.count ?? 0 })}
      />
    </div>
  );
}
