import type { HallSettings } from "../halls/contract.js";
import type { JourneyNode, TicketStatus } from "./contract.js";

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

// R-PEAK level 2 (IP: 常规分流转为强制分流): from level 2 diversion of divertible business is forced — the
// kiosk offers the e-channel before a ticket, the floor diverts first — and suggested below it.
export type DiversionMode = "suggested" | "forced";
export const diversionModeAt = (level: number): DiversionMode => (level >= 2 ? "forced" : "suggested");

/**
 * R-PEAK level 2: how many more counters the hall manager should open — enough that each line, at its
 * recent handling times, is served within its own waiting limit (R-TIME, per business type) and the
 * ratio falls below level 1 — and never more than the closed counters the hall has. A line of w people at
 * h seconds each to be served within L seconds keeps w·h / L counters busy; the lines add up.
 */
export function countersToOpen(q: {
  /** Each waiting line: how many wait, the recent mean handling time (or the type's limit), its wait limit. */
  lines: { waiting: number; handlingSeconds: number; waitLimitSeconds: number }[];
  open: number;
  closed: number;
  level1Ratio: number;
}): number {
  const waiting = q.lines.reduce((n, l) => n + l.waiting, 0);
  if (waiting === 0) return 0;
  const busy = q.lines.reduce(
    (s, l) => s + (l.waiting * l.handlingSeconds) / Math.max(1, l.waitLimitSeconds),
    0,
  );
  // Rounded to a millionth first, so 3.0000000001 from float division does not ask for a fourth counter.
  const byWork = Math.ceil(Math.round(busy * 1e6) / 1e6);
  // Strictly below the level-1 ratio: waiting / n < ratio.
  const byRatio = Math.floor(waiting / q.level1Ratio) + 1;
  return Math.max(0, Math.min(q.closed, Math.max(byWork, byRatio) - q.open));
}

export function peakActionsFor(level: number, settings: HallSettings): PeakAction[] {
  if (level === 0) return [];
  const key = String(level) as "1" | "2" | "3";
  return settings.peakActions?.[key] ?? DEFAULT_PEAK_ACTIONS[key];
}

/** The capabilities a ticket's steps ask for (core/access.ts). */
export type TicketCapability = "counter.operate" | "ticket.floor" | "ticket.divert";

// R-CALL: the ticket state machine, one table. Each action lists the states it may start from, and the
// capability it asks of the caller: the counter's own steps, or the floor's and consult desk's.
export const ticketTransitions = {
  call: { from: ["waiting"], to: "called", capability: "counter.operate" },
  recall: { from: ["called"], to: "called", capability: "counter.operate" },
  start: { from: ["called"], to: "serving", capability: "counter.operate" },
  finish: { from: ["serving"], to: "finished", capability: "counter.operate" },
  no_show: { from: ["called"], to: "no_show", capability: "counter.operate" },
  // 过号撤销: the counter that marked it takes it back, as it was, within UNDO_NO_SHOW_SECONDS.
  undo_no_show: { from: ["no_show"], to: "called", capability: "counter.operate" },
  return: { from: ["no_show"], to: "waiting", capability: "ticket.floor" },
  cancel: { from: ["waiting", "called"], to: "cancelled", capability: "ticket.floor" },
  transfer: { from: ["waiting", "called", "serving"], to: "waiting", capability: "ticket.floor" },
  divert: { from: ["waiting"], to: "diverted", capability: "ticket.divert" },
} as const satisfies Record<
  string,
  { from: readonly TicketStatus[]; to: TicketStatus; capability: TicketCapability }
>;
export type TicketAction = keyof typeof ticketTransitions;

export function canApply(action: TicketAction, status: TicketStatus): boolean {
  return (ticketTransitions[action].from as readonly TicketStatus[]).includes(status);
}

/**
 * The 409 code of a step the ticket's state refuses: the state the step needs when it needs one, or
 * what the ticket no longer is (a cancel or a transfer of a ticket that has left the queue).
 */
export function refusalCode(action: TicketAction) {
  const from: readonly TicketStatus[] = ticketTransitions[action].from;
  if (from.length > 1) return action === "cancel" ? "ticket_not_cancellable" : "ticket_not_transferable";
  switch (from[0]) {
    case "waiting":
      return "ticket_not_waiting";
    case "called":
      return "ticket_not_called";
    case "serving":
      return "ticket_not_serving";
    default:
      return "ticket_not_no_show";
  }
}

/** The action as the API names it: POST /api/tickets/:id/<path> (no_show → no-show). */
export const actionPath = (action: TicketAction) => action.replaceAll("_", "-");

// A no-show can be taken back for this long after it was marked (a customer who was just slow).
export const UNDO_NO_SHOW_SECONDS = 60;

/** The no-show as its history row recorded it: when, by whom, at which counter. */
export type NoShowMark = { at: Date; actorId: string | null; counterId: string | null };

/** Why `userId` may not take back this no-show now (null: they may): the same person, within the minute. */
export function undoNoShowRefusal(
  mark: NoShowMark | null,
  userId: string | null,
  now: Date,
): { code: "no_show_not_undoable" | "undo_window_passed" | "forbidden"; message: string } | null {
  if (!mark?.counterId)
    return { code: "no_show_not_undoable", message: "This ticket has no no-show at a counter to take back" };
  if (userId === null || mark.actorId !== userId)
    return { code: "forbidden", message: "Only the staff member who marked the no-show may take it back" };
  if (now.getTime() - mark.at.getTime() > UNDO_NO_SHOW_SECONDS * 1000)
    return {
      code: "undo_window_passed",
      message: `A no-show can be taken back within ${UNDO_NO_SHOW_SECONDS} seconds only; return it to the queue instead`,
    };
  return null;
}

/**
 * What the caller may do with a ticket now, as the API's action names (the web app shows a button for
 * each and keeps no state machine of its own): every transition the status allows and the caller's
 * capabilities cover — except call, which is the counter's own route — and "reprint" while it waits.
 */
export function allowedActions(
  t: { status: TicketStatus },
  may: (capability: TicketCapability) => boolean,
  undo: { mark: NoShowMark | null; userId: string | null; now: Date } | null,
): string[] {
  const actions = (Object.keys(ticketTransitions) as TicketAction[])
    .filter((a) => a !== "call" && canApply(a, t.status) && may(ticketTransitions[a].capability))
    .filter((a) => a !== "undo_no_show" || (undo && !undoNoShowRefusal(undo.mark, undo.userId, undo.now)))
    .map(actionPath);
  // A slip shows the place in line, so only a waiting ticket's slip is worth printing again.
  if (t.status === "waiting" && may("ticket.floor")) actions.push("reprint");
  return actions;
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

// R-CALL 贵宾窗口: how long a VIP waits for a VIP counter before a regular counter calls them.
export const DEFAULT_VIP_WAIT_BEFORE_REGULAR_SECONDS = 300;
export const vipWaitBeforeRegularOf = (hall: { effectiveSettings: HallSettings }) =>
  hall.effectiveSettings.vipWaitBeforeRegularSeconds ?? DEFAULT_VIP_WAIT_BEFORE_REGULAR_SECONDS;
// R-TIME: waiting for business or consultation ≤ 10 minutes (HM ch.8).
export const DEFAULT_WAIT_LIMIT_SECONDS = 600;

// 快速通道: the quick single transactions (HM ch.8: a payment in 3 minutes) an express counter calls first.
export const DEFAULT_EXPRESS_BUSINESS_TYPES = ["payment", "balance_query", "bill_printing"];
export const expressTypesOf = (hall: { effectiveSettings: HallSettings }) =>
  hall.effectiveSettings.expressBusinessTypes ?? DEFAULT_EXPRESS_BUSINESS_TYPES;
// R-TIME: a greeting within 1 minute of entering (HM ch.8, Z1); a hall may set its own (greetingLimitSeconds).
export const GREETING_LIMIT_SECONDS = 60;
export const greetingLimitOf = (hall: { effectiveSettings: HallSettings }) =>
  hall.effectiveSettings.greetingLimitSeconds ?? GREETING_LIMIT_SECONDS;
/** Whether a visit entered at `enteredAt` and not greeted by `now` has passed the hall's greeting limit. */
export const greetingOverdue = (enteredAt: Date, now: Date, limitSeconds: number) =>
  now.getTime() - enteredAt.getTime() > limitSeconds * 1000;
// 在线预约: check-in opens this long before the slot and closes at its end.
export const APPOINTMENT_EARLY_MINUTES = 15;
// A floor reception with no node for this long is no longer "in progress" for the screen.
export const RECEPTION_IDLE_MINUTES = 30;
// R-EVAL: an evaluation pad asks about a finished service for this long (again after a reload too).
export const RATING_PROMPT_SECONDS = 120;

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

// R-VISIT journey report. The blueprint (BP ch.1) puts above the line of visibility everything the
// customer sees — the staff at each node Z1–Z9 — and below it what they don't: scheduling, staffing,
// the back office. Within a visit the part decided below the line is the time its tickets waited
// between issue and the counter's start (the queue moves as fast as the hall is staffed), so a visit's
// back stage is that wait and its front stage the rest of the visit, entry to last node.
export type JourneyNodeSums = {
  node: JourneyNode;
  visits: number;
  dwellSeconds: number;
  dwellCount: number;
  entries: number; // a node recorded twice in a visit (two Z2s) counts twice here, once in visits
  fromEntrySeconds: number;
};
export type JourneyDaySums = {
  date: string;
  visits: number;
  timedVisits: number;
  totalSeconds: number;
  backSeconds: number;
  greetedVisits: number;
  greetingSeconds: number;
};

const mean = (sum: number, count: number) => (count > 0 ? Math.round(sum / count) : null);

/** A day's (or the period's) means: visit length, front and back stage, entry to greeting (Z1). */
export function journeyMeans(d: Omit<JourneyDaySums, "date">) {
  return {
    visits: d.visits,
    timedVisits: d.timedVisits,
    meanTotalSeconds: mean(d.totalSeconds, d.timedVisits),
    meanFrontSeconds: mean(d.totalSeconds - d.backSeconds, d.timedVisits),
    meanBackSeconds: mean(d.backSeconds, d.timedVisits),
    meanGreetingSeconds: mean(d.greetingSeconds, d.greetedVisits),
  };
}

/** The period's sums from its days' (every figure adds up). */
export function sumJourneyDays(days: JourneyDaySums[]): Omit<JourneyDaySums, "date"> {
  const total = {
    visits: 0,
    timedVisits: 0,
    totalSeconds: 0,
    backSeconds: 0,
    greetedVisits: 0,
    greetingSeconds: 0,
  };
  for (const d of days) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += d[k];
  return total;
}

/** Each node's share of the visits and its means (time at the node until the next one, from entry). */
export function journeyNodeMeans(nodes: JourneyNodeSums[], visits: number) {
  return nodes.map((n) => ({
    node: n.node,
    visits: n.visits,
    share: visits > 0 ? n.visits / visits : null,
    meanDwellSeconds: mean(n.dwellSeconds, n.dwellCount),
    meanFromEntrySeconds: mean(n.fromEntrySeconds, n.entries),
  }));
}
