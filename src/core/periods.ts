import dayjs from "dayjs";
import isoWeek from "dayjs/plugin/isoWeek.js";
import utc from "dayjs/plugin/utc.js";
import { AppError } from "./errors.js";

dayjs.extend(utc);
dayjs.extend(isoWeek);

// Report periods (issue 15): a local day, an ISO week, a month, a quarter, or a range of days — each as
// the local days [from, to) it covers, its label, and the period before it (上期). Calendar arithmetic is
// dayjs's (isoWeek plugin), on dates alone: the hall's time zone turns them into instants elsewhere.

export type Period = {
  kind: "day" | "week" | "month" | "quarter" | "range";
  label: string;
  from: string;
  to: string;
};

const MAX_RANGE_DAYS = 400;
const bad = (why: string) => new AppError("invalid_input", `period: ${why}`, { field: "period" });
const d = (s: string) => dayjs.utc(s);
const fmt = (x: dayjs.Dayjs) => x.format("YYYY-MM-DD");

export function parsePeriod(text: string): Period {
  const [kind, value = ""] = text.split(":");
  if (kind === "day" && /^\d{4}-\d{2}-\d{2}$/.test(value) && d(value).isValid() && fmt(d(value)) === value)
    return { kind, label: value, from: value, to: fmt(d(value).add(1, "day")) };
  const week = /^(\d{4})-W(\d{2})$/.exec(value);
  if (kind === "week" && week) {
    const [y, w] = [Number(week[1]), Number(week[2])];
    // ISO week 1 holds 4 January.
    const monday = d(`${y}-01-04`).isoWeek(w).isoWeekday(1);
    if (w < 1 || monday.isoWeekYear() !== y) throw bad(`${value} is not a week of ${y}`);
    return { kind, label: value, from: fmt(monday), to: fmt(monday.add(7, "day")) };
  }
  if (kind === "month" && /^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
    const first = d(`${value}-01`);
    return { kind, label: value, from: fmt(first), to: fmt(first.add(1, "month")) };
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(value);
  if (kind === "quarter" && quarter) {
    const first = d(`${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, "0")}-01`);
    return { kind, label: value, from: fmt(first), to: fmt(first.add(3, "month")) };
  }
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (kind === "range" && range && d(range[1]).isValid() && d(range[2]).isValid()) {
    const days = d(range[2]).diff(d(range[1]), "day") + 1;
    if (days < 1) throw bad("a range ends on or after its first day");
    if (days > MAX_RANGE_DAYS) throw bad(`at most ${MAX_RANGE_DAYS} days`);
    return { kind, label: value, from: range[1], to: fmt(d(range[2]).add(1, "day")) };
  }
  throw bad("day:YYYY-MM-DD, week:YYYY-Www, month:YYYY-MM, quarter:YYYY-Qn or range:YYYY-MM-DD..YYYY-MM-DD");
}

/** The period before: the day, week, month or quarter before, or a range as long ending the day before. */
export function previousPeriod(p: Period): Period {
  const from = d(p.from);
  if (p.kind === "day") return parsePeriod(`day:${fmt(from.subtract(1, "day"))}`);
  if (p.kind === "week") {
    const prev = from.subtract(7, "day");
    return parsePeriod(`week:${prev.isoWeekYear()}-W${String(prev.isoWeek()).padStart(2, "0")}`);
  }
  if (p.kind === "month") return parsePeriod(`month:${from.subtract(1, "month").format("YYYY-MM")}`);
  if (p.kind === "quarter") {
    const prev = from.subtract(3, "month");
    return parsePeriod(`quarter:${prev.year()}-Q${Math.floor(prev.month() / 3) + 1}`);
  }
  const days = d(p.to).diff(from, "day");
  return parsePeriod(`range:${fmt(from.subtract(days, "day"))}..${fmt(from.subtract(1, "day"))}`);
}

/** Every local day of [from, to). */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let x = d(from); fmt(x) < to; x = x.add(1, "day")) out.push(fmt(x));
  return out;
}

export const nextDay = (date: string) => fmt(d(date).add(1, "day"));
/** The first day of the month after the one that holds this date. */
export const nextMonth = (date: string) => fmt(d(date).startOf("month").add(1, "month"));

/** The day, ISO week or month that holds a date. */
export function periodContaining(kind: "day" | "week" | "month", date: string): Period {
  const x = d(date);
  if (kind === "day") return parsePeriod(`day:${date}`);
  if (kind === "week") return parsePeriod(`week:${x.isoWeekYear()}-W${String(x.isoWeek()).padStart(2, "0")}`);
  return parsePeriod(`month:${x.format("YYYY-MM")}`);
}

/**
 * Local days [from, to) as the whole months inside them (their first days) and the days around those
 * (at most two ranges): a long period reads month roll-ups, its ragged edges day roll-ups.
 */
export function splitMonths(from: string, to: string): { months: string[]; edges: [string, string][] } {
  const firstWhole = from.endsWith("-01") ? from : nextMonth(from);
  const months: string[] = [];
  let m = firstWhole;
  while (nextMonth(m) <= to) {
    months.push(m);
    m = nextMonth(m);
  }
  if (!months.length) return { months, edges: from < to ? [[from, to]] : [] };
  const edges: [string, string][] = [];
  if (from < months[0]) edges.push([from, months[0]]);
  const end = nextMonth(months[months.length - 1]);
  if (end < to) edges.push([end, to]);
  return { months, edges };
}

/** The same period a year before (同比): the same day, ISO week, month or quarter of the year before. */
export function yearBefore(p: Period): Period {
  const back = (date: string) => fmt(d(date).subtract(1, "year"));
  if (p.kind === "day") return parsePeriod(`day:${back(p.from)}`);
  if (p.kind === "week") {
    const [y, w] = p.label.split("-W").map(Number);
    // A 53rd week the year before lacks becomes its last, the 52nd.
    const weeks = d(`${y - 1}-12-28`).isoWeek();
    return parsePeriod(`week:${y - 1}-W${String(Math.min(w, weeks)).padStart(2, "0")}`);
  }
  if (p.kind === "month") return parsePeriod(`month:${back(p.from).slice(0, 7)}`);
  if (p.kind === "quarter")
    return parsePeriod(`quarter:${Number(p.label.slice(0, 4)) - 1}${p.label.slice(4)}`);
  return parsePeriod(`range:${back(p.from)}..${back(fmt(d(p.to).subtract(1, "day")))}`);
}
