import { localParts, zonedInstant } from "./time.js";

// Working-day arithmetic on a calendar given as data (pure: the calendar feature loads it from the
// database, tests pass it in). Dates are local YYYY-MM-DD strings in the operator's time zone.

export type DayException = { working: boolean; name: string | null };

export type WorkCalendar = {
  /** Holidays and make-up working days (调休) that differ from the Monday–Friday week. */
  exceptions: ReadonlyMap<string, DayException>;
  /** Working time of a working day as [start, end) minute pairs, e.g. a lunch break; null = all day. */
  hours: readonly (readonly [number, number])[] | null;
  /** 24×7 (fault repair limits): every day works, all day; exceptions are ignored. */
  allDays?: boolean;
};

export const ALWAYS: WorkCalendar = { exceptions: new Map(), hours: null, allDays: true };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function dayInfo(cal: WorkCalendar, date: string): DayException {
  if (cal.allDays) return { working: true, name: null };
  const exception = cal.exceptions.get(date);
  if (exception) return exception;
  return { working: weekdayOf(date) <= 5, name: null };
}

export const isWorkingDay = (cal: WorkCalendar, date: string) => dayInfo(cal, date).working;

/**
 * "Within n working days": counted from the first working day after the day of `from`, due at the end
 * (24:00 local) of the n-th working day. n = 0 is the end of the day of `from`.
 */
export function addWorkingDays(cal: WorkCalendar, from: Date, days: number, timeZone: string): Date {
  let date = localParts(from, timeZone).date;
  for (let counted = 0; counted < days; ) {
    date = addDays(date, 1);
    if (isWorkingDay(cal, date)) counted++;
  }
  return zonedInstant(addDays(date, 1), 0, timeZone);
}

/** The working periods of one local day as instants (none on a non-working day). */
function periodsOf(cal: WorkCalendar, date: string, timeZone: string): [number, number][] {
  if (!isWorkingDay(cal, date)) return [];
  const hours = cal.hours ?? [[0, 24 * 60]];
  return hours.map(([a, b]) => [
    zonedInstant(date, a, timeZone).getTime(),
    zonedInstant(date, b, timeZone).getTime(),
  ]);
}

/** Working milliseconds between two instants (0 when `to` is not after `from`). */
export function workingMsBetween(cal: WorkCalendar, from: Date, to: Date, timeZone: string): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (cal.allDays && !cal.hours) return b - a;
  let total = 0;
  const last = localParts(to, timeZone).date;
  for (let date = localParts(from, timeZone).date; date <= last; date = addDays(date, 1)) {
    for (const [s, e] of periodsOf(cal, date, timeZone))
      total += Math.max(0, Math.min(e, b) - Math.max(s, a));
  }
  return total;
}

/** The instant at which `ms` working milliseconds have passed after `from`. */
export function addWorkingMs(cal: WorkCalendar, from: Date, ms: number, timeZone: string): Date {
  if (cal.allDays && !cal.hours) return new Date(from.getTime() + ms);
  let left = ms;
  const start = from.getTime();
  // A calendar without any working day ahead would loop forever; ten years is the honest limit.
  for (let date = localParts(from, timeZone).date, i = 0; i < 3660; date = addDays(date, 1), i++) {
    for (const [s, e] of periodsOf(cal, date, timeZone)) {
      const begin = Math.max(s, start);
      if (e <= begin) continue;
      if (left <= e - begin) return new Date(begin + left);
      left -= e - begin;
    }
  }
  throw new Error("No working time within ten years of the start");
}

export const hoursMs = (hours: number) => hours * 60 * MINUTE_MS;
