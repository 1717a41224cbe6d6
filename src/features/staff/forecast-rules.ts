import { addDays, dayInfo, type WorkCalendar, weekdayOf } from "../../core/calendar.js";

// The forecast of arrivals (排班 R-ROSTER): per half hour and business type, from the hall's own tickets
// on comparable days. A Tuesday is forecast from recent Tuesdays; a public holiday, a 调休 make-up working
// day, and the days just before and after a holiday behave unlike their weekday, so each is forecast from
// recent days of its own kind.

export type DayKind = "normal" | "holiday" | "makeup" | "eve" | "after";

const isHoliday = (cal: WorkCalendar, date: string) => {
  const info = dayInfo(cal, date);
  return !info.working && cal.exceptions.has(date);
};

export function dayKind(cal: WorkCalendar, date: string): DayKind {
  if (isHoliday(cal, date)) return "holiday";
  const info = cal.exceptions.get(date);
  // 调休: a weekend day made a working day in exchange for a holiday.
  if (info?.working && weekdayOf(date) >= 6) return "makeup";
  if (isHoliday(cal, addDays(date, 1))) return "eve";
  if (isHoliday(cal, addDays(date, -1))) return "after";
  return "normal";
}

/** How far back the forecast looks: 8 weeks for weekdays, a year for the rarer kinds of day. */
export const LOOKBACK_DAYS = { normal: 56, special: 366 } as const;
/** The most recent comparable days averaged. */
export const REFERENCE_DAYS = 4;

/**
 * The past days a day is forecast from, most recent first: the same weekday and kind over recent weeks
 * for a normal day; days of the same kind (any weekday) for a holiday, 调休 day, eve or day after. Only
 * days the hall had tickets on count (a closed day says nothing about demand). Falls back to the same
 * weekday when no day of its kind is in the history.
 */
export function referenceDays(
  cal: WorkCalendar,
  date: string,
  daysWithTickets: ReadonlySet<string>,
  count = REFERENCE_DAYS,
): string[] {
  const kind = dayKind(cal, date);
  const weekday = weekdayOf(date);
  const pick = (days: number, fits: (d: string) => boolean) => {
    const out: string[] = [];
    for (let back = 1; back <= days && out.length < count; back++) {
      const d = addDays(date, -back);
      if (daysWithTickets.has(d) && fits(d)) out.push(d);
    }
    return out;
  };
  const sameWeekday = (d: string) => weekdayOf(d) === weekday && dayKind(cal, d) === "normal";
  if (kind === "normal") return pick(LOOKBACK_DAYS.normal, sameWeekday);
  const ofKind = pick(LOOKBACK_DAYS.special, (d) => dayKind(cal, d) === kind);
  return ofKind.length > 0 ? ofKind : pick(LOOKBACK_DAYS.normal, sameWeekday);
}

export type Counts = { date: string; startMinute: number; businessType: string; arrivals: number };
/** Arrivals per half hour (minutes after midnight) and business type. */
export type ForecastCells = Map<number, Map<string, number>>;

/** The mean over the reference days of each half hour and business type (a day without any counts 0). */
export function meanOf(history: readonly Counts[], days: readonly string[]): ForecastCells {
  const cells: ForecastCells = new Map();
  if (days.length === 0) return cells;
  const wanted = new Set(days);
  for (const c of history) {
    if (!wanted.has(c.date)) continue;
    const row = cells.get(c.startMinute) ?? new Map<string, number>();
    row.set(c.businessType, (row.get(c.businessType) ?? 0) + c.arrivals / days.length);
    cells.set(c.startMinute, row);
  }
  return cells;
}

/** The manager's figures replace the forecast's, cell by cell. */
export function applyOverrides(
  cells: ForecastCells,
  overrides: readonly { startMinute: number; businessType: string; arrivals: number }[],
): ForecastCells {
  const out: ForecastCells = new Map([...cells].map(([m, row]) => [m, new Map(row)]));
  for (const o of overrides) {
    const row = out.get(o.startMinute) ?? new Map<string, number>();
    row.set(o.businessType, o.arrivals);
    out.set(o.startMinute, row);
  }
  return out;
}

/** Arrivals per hour in each half hour from opensAt to closesAt, all business types together. */
export function ratesPerHour(cells: ForecastCells, opensAt: number, closesAt: number): number[] {
  const rates: number[] = [];
  for (let m = opensAt; m < closesAt; m += 30) {
    let n = 0;
    for (const v of cells.get(m)?.values() ?? []) n += v;
    rates.push(n * 2);
  }
  return rates;
}

/**
 * Mean absolute percentage error over the half hours that had customers (a half hour with none has no
 * percentage; it is left out, as is usual), null when none had any.
 */
export function mape(pairs: readonly { forecast: number; actual: number }[]): number | null {
  const counted = pairs.filter((p) => p.actual > 0);
  if (counted.length === 0) return null;
  return counted.reduce((s, p) => s + Math.abs(p.forecast - p.actual) / p.actual, 0) / counted.length;
}
