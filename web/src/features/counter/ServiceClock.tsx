import { Progress } from "antd";
import { useTranslation } from "react-i18next";
import { brand } from "../../app/theme";
import { clock, duration } from "../../shell/format";

// R-TIME: amber from 80 % of the type's handling limit, red beyond it.
const AMBER_AT = 0.8;

export function clockColor(elapsed: number, limit: number): string {
  if (elapsed > limit) return brand.red;
  if (elapsed >= limit * AMBER_AT) return brand.amber;
  return brand.green;
}

export function ServiceClock({ label, elapsed, limit }: { label: string; elapsed: number; limit: number }) {
  const { t } = useTranslation();
  const color = clockColor(elapsed, limit);
  const state =
    elapsed > limit ? t("counter.overLimit") : elapsed >= limit * AMBER_AT ? t("counter.nearLimit") : null;
  return (
    <div
      role="timer"
      aria-label={`${label} ${clock(elapsed)}`}
      data-testid="service-clock"
      data-color={color}
    >
      <div style={{ display: "flex", justifyContent: "space-between", color: "#64748b" }}>
        <span>{label}</span>
        <span>{t("counter.limit", { t: duration(limit, t) })}</span>
      </div>
      <div className="tw-tabular" style={{ fontSize: 44, fontWeight: 800, color, lineHeight: 1.1 }}>
        {clock(elapsed)}
        {state && <span style={{ fontSize: 18, marginLeft: 12, fontWeight: 600 }}>{state}</span>}
      </div>
      <Progress
        percent={Math.min(100, Math.round((elapsed / limit) * 100))}
        showInfo={false}
        strokeColor={color}
        aria-hidden
      />
    </div>
  );
}
