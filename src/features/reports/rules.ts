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
