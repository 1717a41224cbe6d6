import { addWorkingMs, type WorkCalendar, workingMsBetween } from "../../core/calendar.js";

// SLA clocks derived from a state history (pure). A clock runs while the entity is in a running state
// and stands still in the others (waiting on the customer or a third party, resolved, closed …), so a
// pause, a reopening or a change of category can neither lose nor double-count time: the history is
// the only input, and each stretch of it is counted once.

export type StateAt = { state: string; at: Date };
export type Interval = { from: Date; to: Date | null };

/** The stretches after `start` during which the state was not a stopped one; the last is open if running now. */
export function runningIntervals(
  history: readonly StateAt[],
  stopped: readonly string[],
  start: Date,
): Interval[] {
  const sorted = [...history].sort((a, b) => a.at.getTime() - b.at.getTime());
  const out: Interval[] = [];
  let current: string | null = null;
  let since = start;
  const close = (until: Date) => {
    if (current !== null && !stopped.includes(current) && until > since) out.push({ from: since, to: until });
  };
  for (const h of sorted) {
    if (h.at <= start) {
      current = h.state;
      continue;
    }
    // A change between two running states (a category change, say) is not a break in the clock.
    const runs = (s: string | null) => s !== null && !stopped.includes(s);
    if (runs(current) && runs(h.state)) {
      current = h.state;
      continue;
    }
    close(h.at);
    current = h.state;
    since = h.at;
  }
  if (current !== null && !stopped.includes(current)) out.push({ from: since, to: null });
  return out;
}

/** Working time the clock has run from `start` until `now`. */
export function clockElapsedMs(
  cal: WorkCalendar,
  history: readonly StateAt[],
  stopped: readonly string[],
  start: Date,
  now: Date,
  timeZone: string,
): number {
  let total = 0;
  for (const i of runningIntervals(history, stopped, start)) {
    if (i.from >= now) break;
    const to = i.to && i.to < now ? i.to : now;
    total += workingMsBetween(cal, i.from, to, timeZone);
  }
  return total;
}

/**
 * When a limit of `limitMs` running time after `start` passes; null while the clock stands still
 * (it gets a new due time when it runs again).
 */
export function clockDueAt(
  cal: WorkCalendar,
  history: readonly StateAt[],
  stopped: readonly string[],
  start: Date,
  limitMs: number,
  timeZone: string,
): Date | null {
  let used = 0;
  for (const i of runningIntervals(history, stopped, start)) {
    if (i.to === null) return addWorkingMs(cal, i.from, limitMs - used, timeZone);
    const w = workingMsBetween(cal, i.from, i.to, timeZone);
    if (used + w >= limitMs) return addWorkingMs(cal, i.from, limitMs - used, timeZone);
    used += w;
  }
  return null;
}

/** R-CMP-SLA escalation: warn when this share of the limit is used (the warning is a clock of its own). */
export const WARN_SHARE = 0.8;
