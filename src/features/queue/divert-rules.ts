import { nextDay } from "../../core/periods.js";
import { parseClock } from "../../core/time.js";
import type { OpeningHours } from "../halls/contract.js";

// R-DIVERT 错峰办理: "come back at a quieter hour" names the hours, from the hall's own history.

export type HourAhead = { date: string; weekday: number; hour: number };
export type OffPeakHour = { date: string; from: string; to: string; meanArrivals: number };

const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The whole open hours still ahead today (from the next full hour) and tomorrow, in order. */
export function openHoursAhead(hours: OpeningHours, now: { date: string; minutes: number }): HourAhead[] {
  const out: HourAhead[] = [];
  for (const date of [now.date, nextDay(now.date)]) {
    const weekday = isoWeekday(date);
    const open = new Set<number>();
    for (const r of hours.filter((x) => x.weekdays.includes(weekday)))
      for (let h = Math.ceil(parseClock(r.open) / 60); (h + 1) * 60 <= parseClock(r.close); h++) open.add(h);
    for (const hour of [...open].sort((a, b) => a - b))
      if (date !== now.date || hour * 60 > now.minutes) out.push({ date, weekday, hour });
  }
  return out;
}

/**
 * The quietest `count` of the hours ahead by the hall's history — mean tickets issued in that hour on the
 * same weekday, days without tickets counting as none — today's first: tomorrow is offered only when
 * fewer than `count` of today's hours remain. Nothing when the history is empty (nothing is known).
 */
export function offPeakHours(input: {
  ahead: HourAhead[];
  /** The history's tickets per local date and half hour (minutes after midnight). */
  arrivals: { date: string; startMinute: number; arrivals: number }[];
  /** Every date the history covers. */
  historyDates: string[];
  count?: number;
}): OffPeakHour[] {
  const count = input.count ?? 2;
  if (input.arrivals.length === 0) return [];
  const sums = new Map<string, number>();
  for (const a of input.arrivals) {
    const key = `${isoWeekday(a.date)}:${Math.floor(a.startMinute / 60)}`;
    sums.set(key, (sums.get(key) ?? 0) + a.arrivals);
  }
  const daysOfWeekday = new Map<number, number>();
  for (const d of input.historyDates)
    daysOfWeekday.set(isoWeekday(d), (daysOfWeekday.get(isoWeekday(d)) ?? 0) + 1);
  const today = input.ahead.filter((h) => h.date === input.ahead[0]?.date);
  const pool = today.length >= count ? today : input.ahead;
  return pool
    .map((h, order) => ({
      h,
      order,
      mean: (sums.get(`${h.weekday}:${h.hour}`) ?? 0) / (daysOfWeekday.get(h.weekday) || 1),
    }))
    .sort((a, b) => a.mean - b.mean || a.order - b.order)
    .slice(0, count)
    .sort((a, b) => a.order - b.order)
    .map(({ h, mean }) => ({
      date: h.date,
      from: hh(h.hour),
      to: hh(h.hour + 1),
      meanArrivals: Math.round(mean * 10) / 10,
    }));
}

// R-DIVERT by SMS: the channels as a text says them (the e-channels, halls/contract.ts).
const channelNames: Record<string, string> = {
  online_hall: "网上营业厅",
  sms_hall: "短信营业厅",
  hotline: "客服热线",
  self_service_terminal: "厅内自助终端",
  hall_24h: "24小时营业厅",
};
/** The channels as a text says them: 网上营业厅、短信营业厅. */
export const smsChannelText = (channels: readonly string[]) =>
  channels.map((c) => channelNames[c] ?? c).join("、");
