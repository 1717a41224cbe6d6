import { addDays, weekdayOf } from "../../core/calendar.js";
import type { DbOrTx } from "../../core/db.js";
import { loadCalendar } from "../calendar/data.js";
import type { Hall } from "../halls/contract.js";
import { countArrivals, meanHandlingSeconds } from "../queue/data/arrivals.js";
import { listOverrides } from "./data.js";
import type { ForecastView } from "./forecast-contract.js";
import {
  applyOverrides,
  dayKind,
  LOOKBACK_DAYS,
  mape,
  meanOf,
  ratesPerHour,
  referenceDays,
} from "./forecast-rules.js";
import { clockOf, minutesOf } from "./roster-contract.js";

// The forecast of one day for one hall (排班 R-ROSTER): the hall's own tickets on comparable days
// (forecast-rules.ts), the manager's overrides on top.

/** Opening and closing minute of a date by the hall's weekly hours, null when closed. */
export function hoursOn(
  hall: Pick<Hall, "openingHours">,
  date: string,
): { opensAt: number; closesAt: number } | null {
  const row = hall.openingHours.find((r) => r.weekdays.includes(weekdayOf(date)));
  if (!row) return null;
  // Half-hour steps: a hall opening 08:45 is planned from 08:30.
  const opensAt = Math.floor(minutesOf(row.open) / 30) * 30;
  const closesAt = Math.ceil(minutesOf(row.close) / 30) * 30;
  return { opensAt, closesAt };
}

type Computed = ForecastView & {
  cells: ReturnType<typeof meanOf>;
  arrivalsPerHour: number[];
  meanServiceSeconds: number;
};

export async function forecastDay(
  db: DbOrTx,
  hall: Pick<Hall, "id" | "openingHours">,
  date: string,
  timeZone: string,
  withOverrides = true,
): Promise<Computed> {
  const cal = await loadCalendar(db);
  const from = addDays(date, -LOOKBACK_DAYS.special);
  const history = await countArrivals(db, hall.id, from, addDays(date, -1), timeZone);
  const days = referenceDays(cal, date, new Set(history.map((h) => h.date)));
  const base = meanOf(history, days);
  const overrides = withOverrides ? await listOverrides(db, hall.id, date) : [];
  const cells = applyOverrides(base, overrides);
  const hours = hoursOn(hall, date);
  const types = [...new Set([...cells.values()].flatMap((row) => [...row.keys()]))].sort();
  const intervals = [];
  if (hours) {
    for (let m = hours.opensAt; m < hours.closesAt; m += 30) {
      const row = cells.get(m) ?? new Map<string, number>();
      const byType = Object.fromEntries(types.map((t) => [t, round(row.get(t) ?? 0)]));
      intervals.push({
        start: clockOf(m),
        total: round([...row.values()].reduce((a, b) => a + b, 0)),
        byType,
        overridden: overrides.filter((o) => o.startMinute === m).map((o) => o.businessType),
      });
    }
  }
  const handling = await meanHandlingSeconds(
    db,
    hall.id,
    addDays(date, -LOOKBACK_DAYS.normal),
    addDays(date, -1),
  );
  let weighted = 0;
  let weight = 0;
  for (const row of cells.values()) {
    for (const [t, n] of row) {
      weighted += n * (handling.get(t)?.mean ?? DEFAULT_SERVICE_SECONDS);
      weight += n;
    }
  }
  return {
    date,
    dayKind: dayKind(cal, date),
    basedOn: days,
    opensAt: hours ? clockOf(hours.opensAt) : null,
    closesAt: hours ? clockOf(hours.closesAt) : null,
    businessTypes: types,
    intervals,
    cells,
    arrivalsPerHour: hours ? ratesPerHour(cells, hours.opensAt, hours.closesAt) : [],
    meanServiceSeconds: weight > 0 ? Math.max(30, weighted / weight) : DEFAULT_SERVICE_SECONDS,
  };
}

/** A counter's mean service when the hall has no handling history yet (5 minutes). */
export const DEFAULT_SERVICE_SECONDS = 300;

const round = (n: number) => Math.round(n * 100) / 100;

/** How the day's forecast (as it stood, with overrides) compared with the tickets taken. */
export async function accuracyOf(
  db: DbOrTx,
  hall: Pick<Hall, "id" | "openingHours">,
  date: string,
  timeZone: string,
) {
  const f = await forecastDay(db, hall, date, timeZone);
  const actual = await countArrivals(db, hall.id, date, date, timeZone);
  const byMinute = new Map<number, number>();
  for (const a of actual) byMinute.set(a.startMinute, (byMinute.get(a.startMinute) ?? 0) + a.arrivals);
  const intervals = f.intervals.map((i) => ({
    start: i.start,
    forecast: i.total,
    actual: byMinute.get(minutesOf(i.start)) ?? 0,
  }));
  const m = mape(intervals);
  return { date, mape: m === null ? null : round(m), intervals };
}
