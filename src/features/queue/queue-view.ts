import type { Db } from "../../core/db.js";
import type { Hall } from "../halls/contract.js";
import { listCounters } from "../halls/data.js";
import { activeTickets, estimateFor, presentTicket, waitingTickets } from "./data.js";
import { DEFAULT_PEAK_THRESHOLDS, peakActionsFor, peakLevel, queueRatio } from "./rules.js";

/** GET /api/halls/:hallId/queue: the live picture a hall manager and the floor work from. */
export async function queueView(db: Db, hall: Hall) {
  const [waiting, serving, counters] = await Promise.all([
    waitingTickets(db, hall.id),
    activeTickets(db, hall.id),
    listCounters(db, hall.id),
  ]);
  const openCounters = counters.filter((c) => c.status === "open").length;
  const level = peakLevel(
    waiting.length,
    openCounters,
    hall.settings.peakThresholds ?? DEFAULT_PEAK_THRESHOLDS,
  );
  const now = Date.now();
  const types = new Map<string, { waiting: number; longestWaitSeconds: number }>();
  for (const t of waiting) {
    const e = types.get(t.businessType) ?? { waiting: 0, longestWaitSeconds: 0 };
    e.waiting++;
    e.longestWaitSeconds = Math.max(e.longestWaitSeconds, Math.round((now - t.issuedAt.getTime()) / 1000));
    types.set(t.businessType, e);
  }
  const byBusinessType = await Promise.all(
    [...types].map(async ([businessType, e]) => ({
      businessType,
      ...e,
      estimatedWaitSeconds: await estimateFor(db, hall.id, businessType, e.waiting),
    })),
  );
  return {
    hallId: hall.id,
    waiting: waiting.length,
    openCounters,
    ratio: queueRatio(waiting.length, openCounters),
    peakLevel: level,
    peakActions: peakActionsFor(level, hall.settings),
    byBusinessType,
    tickets: waiting.map((t) => presentTicket(t)),
    serving: serving.map((t) => presentTicket(t)),
    counters,
  };
}
