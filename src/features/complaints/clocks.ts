import { ALWAYS, addWorkingDays, hoursMs, type WorkCalendar } from "../../core/calendar.js";
import { clockDueAt, type StateAt, WARN_SHARE } from "../calendar/rules.js";
import type { ClockKind, ComplaintState } from "./contract.js";
import { APPEAL, type ComplaintLimits, OPEN_STATES } from "./rules.js";

// Which SLA clock runs for a complaint now, and when it warns and falls due (pure). At most one runs
// at a time: first reply, then progress updates until resolved, then the callback; for appeals the
// acceptance decision, then the reply after complete materials, then the callback.

/** Office hours for categories limited in working hours: 09:00–12:00 and 13:30–18:00. */
export const OFFICE_HOURS: [number, number][] = [
  [540, 720],
  [810, 1080],
];

export type ClockFacts = {
  kind: "complaint" | "appeal";
  state: ComplaintState;
  receivedAt: Date;
  firstRepliedAt: Date | null;
  firstReplyDueAt: Date | null;
  lastContactAt: Date | null;
  resolvedAt: Date | null;
  materialsCompleteAt: Date | null;
};

export type Clock = {
  dueKind: ClockKind | null;
  dueAt: Date | null;
  warnAt: Date | null;
  firstReplyDueAt: Date | null;
  callbackDueAt: Date | null;
};

export function currentClock(
  c: ClockFacts,
  history: readonly StateAt[],
  limits: ComplaintLimits,
  calendar: WorkCalendar,
  timeZone: string,
): Clock {
  const hourly: WorkCalendar = limits.workingHoursOnly ? { ...calendar, hours: OFFICE_HOURS } : ALWAYS;
  const stopped = [
    ...limits.pausedStates,
    ...["resolved", "callback_done", "closed", "withdrawn", "refused"],
  ];
  const running = (start: Date, hours: number) => {
    const dueAt = clockDueAt(hourly, history, stopped, start, hoursMs(hours), timeZone);
    const warnAt = clockDueAt(hourly, history, stopped, start, hoursMs(hours) * WARN_SHARE, timeZone);
    return { dueAt, warnAt };
  };
  const byDays = (start: Date, days: number) => {
    const dueAt = addWorkingDays(calendar, start, days, timeZone);
    const warnAt = new Date(start.getTime() + (dueAt.getTime() - start.getTime()) * WARN_SHARE);
    return { dueAt, warnAt };
  };
  const firstReplyDueAt =
    c.kind === "complaint"
      ? c.firstRepliedAt
        ? c.firstReplyDueAt
        : (running(c.receivedAt, limits.firstReplyHours).dueAt ?? c.firstReplyDueAt)
      : null;
  const callbackDueAt = c.resolvedAt ? byDays(c.resolvedAt, limits.callbackWorkingDays).dueAt : null;
  const none = { dueKind: null, dueAt: null, warnAt: null, firstReplyDueAt, callbackDueAt };
  const open = OPEN_STATES.includes(c.state);

  if (c.state === "resolved" && c.resolvedAt)
    return { ...none, dueKind: "callback", ...byDays(c.resolvedAt, limits.callbackWorkingDays) };
  if (c.kind === "appeal") {
    if (c.state === "received")
      return { ...none, dueKind: "appeal_decision", ...byDays(c.receivedAt, APPEAL.decisionWorkingDays) };
    if (open && c.state !== "replied" && c.materialsCompleteAt)
      return { ...none, dueKind: "appeal_reply", ...running(c.materialsCompleteAt, APPEAL.replyDays * 24) };
    return none;
  }
  if (!open) return none;
  if (!c.firstRepliedAt)
    return { ...none, dueKind: "first_reply", ...running(c.receivedAt, limits.firstReplyHours) };
  const since = c.lastContactAt ?? c.firstRepliedAt;
  return { ...none, dueKind: "progress", ...running(since, limits.progressHours) };
}
