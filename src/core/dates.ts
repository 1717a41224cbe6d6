import { z } from "zod";

// The date and time fields of every contract, in one place. zod's ISO formats already refuse days no
// calendar has (2026-02-30, 2026-13-01); these also keep to years Tingwu can mean. PostgreSQL has no
// year 0 and the JavaScript Date ends in 275760, so 0000-01-01 or 9999-12-31 plus a week would fail in
// the database (a 500) rather than at the door.

const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;
const inRange = (s: string) => {
  const year = Number(s.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};
const rangeMessage = `a year from ${FIRST_YEAR} to ${LAST_YEAR}`;

/** A calendar day, YYYY-MM-DD. */
export const isoDay = () => z.iso.date().refine(inRange, rangeMessage);

/** An instant with its offset, 2026-11-25T09:30:00+08:00 or …Z. */
export const isoInstant = () => z.iso.datetime({ offset: true }).refine(inRange, rangeMessage);

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]; // 29 February: a leap-day birthday

const realMonthDay = (s: string) => {
  const [month, day] = s.split("-").map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1];
};

/** A day of the year without the year, MM-DD (02-29 allowed, 02-30 not). */
export const monthDay = () =>
  z
    .string()
    .regex(/^\d{2}-\d{2}$/, "MM-DD")
    .refine(realMonthDay, "a day that exists, MM-DD");

/** MM-DD, or a whole date YYYY-MM-DD (a birthday with or without its year). */
export const monthDayOrDay = () =>
  z
    .string()
    .regex(/^(\d{4}-)?\d{2}-\d{2}$/, "MM-DD or YYYY-MM-DD")
    .refine(
      (s) => (s.length === 5 ? realMonthDay(s) : isoDay().safeParse(s).success),
      "a day that exists, MM-DD or YYYY-MM-DD",
    );
