import { firstDayOfLunarMonthNear } from "./moon.js";

// Chinese-calendar (农历) festivals from the runtime's ICU: Node 20 ships full ICU with the Chinese
// calendar, so no table of dates needs maintaining. A civil date is formatted at UTC midnight in UTC,
// so the time zone of the server never shifts a day.
const chinese = new Intl.DateTimeFormat("en-u-ca-chinese", {
  timeZone: "UTC",
  month: "numeric",
  day: "numeric",
});

export type LunarDate = { month: number; day: number; leap: boolean };

/** The Chinese-calendar month and day of a Gregorian date (YYYY-MM-DD); leap months ("6bis") flagged. */
export function lunarOf(date: string): LunarDate {
  let month = "";
  let day = "";
  for (const p of chinese.formatToParts(new Date(`${date}T00:00:00Z`))) {
    if (p.type === "month") month = p.value;
    if (p.type === "day") day = p.value;
  }
  return { month: Number.parseInt(month, 10), day: Number(day), leap: month.endsWith("bis") };
}

const cache = new Map<string, string>();

/** The Gregorian date in `year` on which a (non-leap) lunar month/day falls, by scanning the year. */
export function gregorianOfLunar(year: number, month: number, day: number): string {
  const key = `${year}-${month}-${day}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const start = Date.UTC(year, 0, 1);
  for (let i = 0; i < 366; i++) {
    const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    if (!date.startsWith(String(year))) break;
    const l = lunarOf(date);
    if (l.month === month && l.day === day && !l.leap) {
      cache.set(key, date);
      return date;
    }
  }
  throw new Error(`lunar ${month}/${day} not found in ${year}`);
}

/**
 * 春节 (正月初一): ICU finds the month; the precise new moon fixes its first day (see moon.ts).
 */
export const springFestival = (year: number) => firstDayOfLunarMonthNear(gregorianOfLunar(year, 1, 1));
/** 中秋 (八月十五): the 15th day of the eighth month, counted from its true first day. */
export const midAutumn = (year: number) => {
  const first = firstDayOfLunarMonthNear(gregorianOfLunar(year, 8, 1));
  return new Date(Date.parse(`${first}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
};
