import { daysOf, nextMonth, splitMonths } from "../../core/periods.js";
// R-TIME: waiting for business ≤ 10 minutes (HM ch.8).
export const WAIT_TARGET_SECONDS = 600;

/** "09:30" for minute-of-day 570; the half hour a minute of the day falls in. */
export function halfHourSlot(minuteOfDay: number): string {
  const start = Math.floor(minuteOfDay / 30) * 30;
  return `${String(Math.floor(start / 60)).padStart(2, "0")}:${start % 60 === 0 ? "00" : "30"}`;
}

type SlotRow = { slot: number; arrivals: number; meanWaitSeconds: number | null };

/**
 * The day's half hours from the first arrival (or opening) to the last (or now), gaps filled with zeros,
 * so the chart's axis is continuous. `slot` is the half-hour index of the day (0–47).
 */
export function fillHalfHours(rows: SlotRow[], fromSlot: number, toSlot: number) {
  const bySlot = new Map(rows.map((r) => [r.slot, r]));
  const first = Math.min(fromSlot, ...rows.map((r) => r.slot));
  const last = Math.max(toSlot, ...rows.map((r) => r.slot));
  const out = [];
  for (let s = first; s <= last; s++) {
    const r = bySlot.get(s);
    out.push({
      slot: halfHourSlot(s * 30),
      arrivals: r?.arrivals ?? 0,
      meanWaitSeconds: r?.meanWaitSeconds ?? null,
    });
  }
  return out;
}

export const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Which roll-ups a report over local days [from, to) reads: whole months from the month rows; an edge of
 * more than half its month as that month less its other days (fewer rows); a shorter edge day by day.
 */
export function rollupPlan(from: string, to: string) {
  const { months, edges } = splitMonths(from, to);
  const plan = { months: [...months], days: [] as [string, string][], minusDays: [] as [string, string][] };
  for (const [a, b] of edges) {
    const month = `${a.slice(0, 7)}-01`;
    const end = nextMonth(month);
    if (daysOf(a, b).length * 2 > daysOf(month, end).length) {
      plan.months.push(month);
      if (month < a) plan.minusDays.push([month, a]);
      if (b < end) plan.minusDays.push([b, end]);
    } else plan.days.push([a, b]);
  }
  return plan;
}
