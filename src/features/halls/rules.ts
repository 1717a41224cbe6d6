import { localParts, parseClock } from "../../core/time.js";
import type { HallSettings, OpeningHours } from "./contract.js";

// R-HALL: when no hours are posted, 09:00–19:00 every day (10 continuous hours).
export const DEFAULT_OPENING_HOURS: OpeningHours = [
  { weekdays: [1, 2, 3, 4, 5, 6, 7], open: "09:00", close: "19:00" },
];
export const MIN_CONTINUOUS_HOURS = 10;

/** Warnings for posted hours shorter than the 10 continuous hours a day of R-HALL (accepted, but said). */
export function openingHoursWarnings(hours: OpeningHours, minHours = MIN_CONTINUOUS_HOURS): string[] {
  const warnings: string[] = [];
  const covered = new Set(hours.flatMap((r) => r.weekdays));
  const closedDays = [1, 2, 3, 4, 5, 6, 7].filter((d) => !covered.has(d));
  if (closedDays.length) warnings.push(`Closed on weekday(s) ${closedDays.join(", ")}`);
  for (const r of hours) {
    const minutes = parseClock(r.close) - parseClock(r.open);
    if (minutes < minHours * 60) {
      warnings.push(
        `Weekdays ${r.weekdays.join(",")}: ${r.open}–${r.close} is ${(minutes / 60).toFixed(1)} h, shorter than ${minHours} continuous hours`,
      );
    }
  }
  return warnings;
}

/** Whether the hall is open at an instant, in the hall's local time. */
export function isOpenAt(hours: OpeningHours, at: Date, timeZone: string): boolean {
  const p = localParts(at, timeZone);
  return hours.some(
    (r) =>
      r.weekdays.includes(p.weekday) && p.minutes >= parseClock(r.open) && p.minutes < parseClock(r.close),
  );
}

/** Great-circle distance in km, for "the nearest hall that can do this". */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
) {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/**
 * A counter is worked by its holder. A manager (counter.admin) may act at any counter of their scope —
 * finishing what a colleague left, say — and the act is recorded and credited as theirs; a counter
 * nobody holds (never opened by a person) is anyone's.
 */
export function mayWorkCounter(
  holderId: string | null,
  actor: { userId: string | null; supervisor?: boolean },
) {
  return holderId === null || actor.supervisor === true || holderId === actor.userId;
}

/**
 * Settings inherited level by level (operator → region → hall): each key from the nearest level that sets
 * it; the per-type waiting limits and the peak actions key by key, so a hall can change one type's limit
 * and keep the region's others.
 */
export function mergeSettings(...levels: HallSettings[]): HallSettings {
  const out: HallSettings = {};
  for (const level of levels) {
    for (const [k, v] of Object.entries(level) as [keyof HallSettings, unknown][]) {
      if (v === undefined) continue;
      if (k === "waitLimitSeconds" || k === "peakActions")
        Object.assign(out, { [k]: { ...(out[k] as object | undefined), ...(v as object) } });
      else Object.assign(out, { [k]: v });
    }
  }
  return out;
}

/** A settings change in words for the audit log: each key that changed, before → after (— for unset). */
export function settingsChange(before: HallSettings, after: HallSettings): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort() as (keyof HallSettings)[];
  const shown = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `${k}: ${shown(before[k])} → ${shown(after[k])}`)
    .join("; ");
}
