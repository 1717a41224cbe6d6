import type { HallSettings } from "../halls/contract.js";
import type { TicketStatus } from "./contract.js";

// R-PEAK (客流高峰预警, IP): waiting ÷ open counters; level 1 from 2.5, level 2 from 3.5, level 3 from 4.5.
export const DEFAULT_PEAK_THRESHOLDS: [number, number, number] = [2.5, 3.5, 4.5];

export type PeakAction = { action: string; who: string };
export const DEFAULT_PEAK_ACTIONS: Record<"1" | "2" | "3", PeakAction[]> = {
  "1": [
    { action: "开启备用台席 Open standby counters", who: "hall_manager" },
    { action: "引导客户使用自助终端 Guide customers to self-service terminals", who: "floor_staff" },
  ],
  "2": [
    { action: "流动人员转入台席 Move floor staff to counters", who: "hall_manager" },
    { action: "常规分流转为强制分流 Turn regular diversion into forced diversion", who: "floor_staff" },
  ],
  "3": [
    { action: "通知片区经理 Notify the area manager", who: "area_manager" },
    {
      action: "全员上岗、引导客户去附近网点 All hands on counters; send customers to nearby outlets",
      who: "hall_manager",
    },
  ],
};

export function queueRatio(waiting: number, openCounters: number): number | null {
  return openCounters > 0 ? waiting / openCounters : null;
}

/** Peak level 0–3; tickets waiting with no counter open is level 3. */
export function peakLevel(
  waiting: number,
  openCounters: number,
  thresholds = DEFAULT_PEAK_THRESHOLDS,
): number {
  if (waiting === 0) return 0;
  if (openCounters === 0) return 3;
  const ratio = waiting / openCounters;
  if (ratio >= thresholds[2]) return 3;
  if (ratio >= thresholds[1]) return 2;
  if (ratio >= thresholds[0]) return 1;
  return 0;
}

export function peakActionsFor(level: number, settings: HallSettings): PeakAction[] {
  if (level === 0) return [];
  const key = String(level) as "1" | "2" | "3";
  return settings.peakActions?.[key] ?? DEFAULT_PEAK_ACTIONS[key];
}

// R-CALL: the ticket state machine, one table. Each action lists the states it may start from.
export const ticketTransitions = {
  call: { from: ["waiting"], to: "called" },
  recall: { from: ["called"], to: "called" },
  start: { from: ["called"], to: "serving" },
  finish: { from: ["serving"], to: "finished" },
  no_show: { from: ["called"], to: "no_show" },
  return: { from: ["no_show"], to: "waiting" },
  cancel: { from: ["waiting", "called"], to: "cancelled" },
  transfer: { from: ["waiting", "called", "serving"], to: "waiting" },
  divert: { from: ["waiting"], to: "diverted" },
} as const satisfies Record<string, { from: readonly TicketStatus[]; to: TicketStatus }>;
export type TicketAction = keyof typeof ticketTransitions;

export function canApply(action: TicketAction, status: TicketStatus): boolean {
  return (ticketTransitions[action].from as readonly TicketStatus[]).includes(status);
}

export const FINAL_STATUSES: readonly TicketStatus[] = ["finished", "cancelled", "diverted"];

/** Ticket number: prefix + at least 3 digits (A001 … A999, then A1000). */
export function ticketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, "0")}`;
}

// 过号滞后: a no-show who comes back goes this many places behind the front (not first, not last).
export const DEFAULT_NO_SHOW_SETBACK = 3;
// R-NOTIFY: the SMS goes when this many or fewer are ahead.
export const DEFAULT_NEAR_TURN = 3;
// R-TIME: waiting for business or consultation ≤ 10 minutes (HM ch.8).
export const DEFAULT_WAIT_LIMIT_SECONDS = 600;
// R-TIME: a greeting within 1 minute of entering (HM ch.8, Z1).
export const GREETING_LIMIT_SECONDS = 60;

/**
 * The queue_at a returning no-show gets: just after the ticket now `setback` places from the front
 * (or at the end, when fewer wait). `line` is the waiting tickets' queue_at in calling order.
 */
export function returnPosition(line: Date[], setback: number, now: Date): Date {
  if (line.length === 0) return now;
  if (setback === 0) return new Date(line[0].getTime() - 1);
  if (line.length < setback) return new Date(Math.max(now.getTime(), line[line.length - 1].getTime() + 1));
  const before = line[setback - 1].getTime();
  const after = line[setback]?.getTime();
  // Midway between the two neighbours keeps the order strict; queue_at has microsecond precision.
  return new Date(after === undefined ? before + 1 : before + Math.max(0, (after - before) / 2));
}

/**
 * Estimated wait: the people ahead times the mean handling time of the type, shared among the open
 * counters that serve it (at least one, so a closed type still gets an honest, long estimate).
 */
export function estimateWaitSeconds(
  ahead: number,
  meanHandlingSeconds: number,
  servingCounters: number,
): number {
  return Math.round((ahead * meanHandlingSeconds) / Math.max(1, servingCounters));
}

export function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
}
