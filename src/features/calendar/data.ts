import { and, asc, between, eq } from "drizzle-orm";
import {
  addDays,
  addWorkingDays as addWorkingDaysPure,
  dayInfo,
  type WorkCalendar,
  weekdayOf,
} from "../../core/calendar.js";
import type { DbOrTx } from "../../core/db.js";
import type { CalendarYear } from "./contract.js";
import { calendarDays, calendarYears } from "./tables.js";

/** The operator's calendar as data: its holidays and make-up days, with optional working hours. */
export async function loadCalendar(db: DbOrTx, hours: WorkCalendar["hours"] = null): Promise<WorkCalendar> {
  const rows = await db.select().from(calendarDays);
  return { exceptions: new Map(rows.map((r) => [r.date, { working: r.working, name: r.name }])), hours };
}

/**
 * "Within n working days" of `from` (R-CMP-SLA): from the first working day after the day of `from`,
 * due at 24:00 local of the n-th working day. Every working-day limit in Tingwu uses this.
 */
export async function addWorkingDays(db: DbOrTx, from: Date, days: number, timeZone: string): Promise<Date> {
  return addWorkingDaysPure(await loadCalendar(db), from, days, timeZone);
}

export async function listDays(db: DbOrTx, from: string, to: string) {
  const rows = await db
    .select()
    .from(calendarDays)
    .where(between(calendarDays.date, from, to));
  const cal: WorkCalendar = {
    exceptions: new Map(rows.map((r) => [r.date, { working: r.working, name: r.name }])),
    hours: null,
  };
  const days = [];
  for (let d = from; d <= to; d = addDays(d, 1))
    days.push({ date: d, weekday: weekdayOf(d), ...dayInfo(cal, d) });
  return days;
}

export async function listYears(db: DbOrTx, year?: number): Promise<CalendarYear[]> {
  const years = await db
    .select()
    .from(calendarYears)
    .where(year ? eq(calendarYears.year, year) : undefined)
    .orderBy(asc(calendarYears.year));
  const days = await db
    .select()
    .from(calendarDays)
    .where(year ? and(eq(calendarDays.year, year)) : undefined)
    .orderBy(asc(calendarDays.date));
  return years.map((y) => ({
    year: y.year,
    source: y.source,
    updatedAt: y.updatedAt.toISOString(),
    days: days
      .filter((d) => d.year === y.year)
      .map((d) => ({ date: d.date, working: d.working, name: d.name })),
  }));
}
