import type { Db } from "../../core/db.js";
import type { Hall } from "../halls/contract.js";
import type { Ticket } from "./contract.js";
import { readQueue } from "./data/queue-view.js";
import { type Caller, placeFrom } from "./data.js";
import {
  allowedActions,
  countersToOpen,
  DEFAULT_PEAK_THRESHOLDS,
  DEFAULT_WAIT_LIMIT_SECONDS,
  diversionModeAt,
  peakActionsFor,
  peakLevel,
  queueRatio,
} from "./rules.js";

/**
 * What a person may do with a ticket of the queue (waiting, called, serving), from the state machine and
 * their capabilities. A no-show's take-back (its marker's, for a minute) needs its history row: such a
 * ticket is no longer in the queue, and its answer comes from GET /api/tickets/:id (presentForCaller).
 */
export const queueTicketActions = (t: Ticket, caller: Caller): Ticket => ({
  ...t,
  allowedActions: allowedActions(t, caller.may, null),
});

/**
 * GET /api/halls/:hallId/queue: the live picture a hall manager and the floor work from, read in one
 * statement (data/queue-view.ts). With a caller (a person), each ticket says what they may do with it.
 * `asOf` says where the hall's event stream stood for the read: a screen applies the later events.
 */
export async function queueView(db: Db, hall: Hall, caller?: Caller) {
  const q = await readQueue(db, hall.id);
  const waiting = q.waiting.length;
  const openCounters = q.counters.filter((c) => c.status === "open").length;
  const thresholds = hall.effectiveSettings.peakThresholds ?? DEFAULT_PEAK_THRESHOLDS;
  const level = peakLevel(waiting, openCounters, thresholds);
  const now = Date.now();
  // Each line in the order its first ticket is called, with its longest wait so far.
  const types = new Map<string, { waiting: number; longestWaitSeconds: number }>();
  for (const t of q.waiting) {
    const e = types.get(t.businessType) ?? { waiting: 0, longestWaitSeconds: 0 };
    e.waiting++;
    e.longestWaitSeconds = Math.max(
      e.longestWaitSeconds,
      Math.round((now - new Date(t.issuedAt).getTime()) / 1000),
    );
    types.set(t.businessType, e);
  }
  const lines = new Map(q.lines.map((l) => [l.businessType, l]));
  const byBusinessType = [...types].map(([businessType, e]) => {
    const l = lines.get(businessType);
    const { estimatedWaitSeconds } = placeFrom(
      { ahead: e.waiting, mean: l?.mean ?? null, serving: l?.serving ?? 0 },
      l?.handlingLimitSeconds ?? 0,
    );
    return { businessType, ...e, estimatedWaitSeconds };
  });
  const present = (ts: Ticket[]) => (caller ? ts.map((t) => queueTicketActions(t, caller)) : ts);
  return {
    hallId: hall.id,
    waiting,
    openCounters,
    ratio: queueRatio(waiting, openCounters),
    peakLevel: level,
    peakActions: peakActionsFor(level, hall.effectiveSettings),
    diversion: diversionModeAt(level),
    openMoreCounters:
      level >= 2
        ? countersToOpen({
            lines: byBusinessType.map((b) => {
              const l = lines.get(b.businessType);
              return {
                waiting: b.waiting,
                handlingSeconds: l?.mean ?? l?.handlingLimitSeconds ?? 0,
                waitLimitSeconds: l?.waitLimitSeconds ?? DEFAULT_WAIT_LIMIT_SECONDS,
              };
            }),
            open: openCounters,
            closed: q.counters.filter((c) => c.active && c.status === "closed").length,
            level1Ratio: thresholds[0],
          })
        : null,
    byBusinessType,
    tickets: present(q.waiting),
    serving: present(q.serving),
    counters: q.counters,
    asOf: q.asOf,
  };
}
