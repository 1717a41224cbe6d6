import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import type { Work } from "../../../core/events/write.js";
import { enqueueMessage } from "../../../core/outbox.js";
import { run, statement } from "../../../core/statements.js";
import { templateFor } from "../../../core/templates.js";
import type { Hall } from "../../halls/contract.js";
import { openCountersSql } from "../../halls/data.js";
import {
  DEFAULT_NEAR_TURN,
  DEFAULT_PEAK_THRESHOLDS,
  diversionModeAt,
  peakActionsFor,
  peakLevel,
  queueRatio,
} from "../rules.js";
import {
  breaches,
  journeyNodes,
  journeys,
  peakChanges,
  peakStates,
  ticketNotices,
  tickets,
} from "../tables.js";
import { advanceEpisode } from "./peak-episodes.js";

// Side effects shared by every change to a hall's queue: the peak warning and the near-turn SMS.

export type QueueState = {
  waiting: number;
  level: number | null;
  open: number;
  due: { id: string; phone: string; number: string; ahead: number }[];
};

/**
 * Where a hall's queue stands, as columns of a statement: waiting tickets, the recorded peak level, open
 * counters, and the tickets due a near-turn SMS (`nearTurn` places from the front; 0 = none asked). Only
 * candidates (a phone, not yet told) are ranked, each by counting at most `nearTurn` tickets ahead of it.
 * `without`: a ticket the same statement takes out of the line, which its own snapshot still sees waiting.
 */
export const queueStateSql = (hall: string, nearTurn: string, without = "NULL::uuid") =>
  `(SELECT count(*)::int FROM tickets WHERE hall_id = ${hall} AND status = 'waiting'
      AND id IS DISTINCT FROM ${without}) AS waiting,
   (SELECT level FROM peak_states WHERE hall_id = ${hall}) AS level,
   ${openCountersSql(hall)} AS open,
   (SELECT coalesce(json_agg(json_build_object('id', t.id, 'phone', t.phone, 'number', t.number, 'ahead', a.ahead)), '[]')
    FROM tickets t
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS ahead FROM (
        SELECT 1 FROM tickets o
        WHERE o.hall_id = t.hall_id AND o.status = 'waiting' AND o.business_type = t.business_type
          AND (o.vip > t.vip OR (o.vip = t.vip AND (o.queue_at, o.id) < (t.queue_at, t.id)))
          AND o.id IS DISTINCT FROM ${without}
        LIMIT ${nearTurn}
      ) x
    ) a
    WHERE ${nearTurn} > 0 AND t.hall_id = ${hall} AND t.status = 'waiting' AND t.phone IS NOT NULL
      AND t.id IS DISTINCT FROM ${without}
      AND NOT EXISTS (SELECT 1 FROM ticket_notices n WHERE n.ticket_id = t.id AND n.kind = 'near_turn')
      AND a.ahead < ${nearTurn}) AS due`;

const selectQueueState = statement(`SELECT ${queueStateSql("$1::uuid", "$2::int")}`);

async function readQueueState(tx: DbOrTx, hall: Hall, nearTurn: number): Promise<QueueState> {
  const [state] = await run<QueueState>(tx, selectQueueState, [hall.id, nearTurn]);
  return { ...state, waiting: Number(state.waiting), open: Number(state.open) };
}

/** R-PEAK: recompute the level; announce it only when it changes (a row lock only then). */
export async function refreshPeak(work: Work, hall: Hall) {
  return applyPeak(work, hall, await readQueueState(work.tx, hall, 0));
}

/** R-PEAK: the level this queue state calls for, by the hall's thresholds. */
const levelOf = (hall: Hall, state: QueueState) =>
  peakLevel(state.waiting, state.open, hall.effectiveSettings.peakThresholds ?? DEFAULT_PEAK_THRESHOLDS);

async function applyPeak(work: Work, hall: Hall, state: QueueState) {
  const { tx } = work;
  const { waiting, open } = state;
  const level = levelOf(hall, state);
  const previous = state.level ?? 0;
  if (previous === level) return level;
  const changed =
    state.level !== null
      ? await tx
          .update(peakStates)
          .set({ level, changedAt: new Date() })
          .where(and(eq(peakStates.hallId, hall.id), eq(peakStates.level, previous)))
          .returning()
      : await tx.insert(peakStates).values({ hallId: hall.id, level }).onConflictDoNothing().returning();
  if (changed.length === 0) return level; // another transaction announced it first
  await tx
    .insert(peakChanges)
    .values({ hallId: hall.id, level, previousLevel: previous, waiting, openCounters: open });
  await advanceEpisode(tx, hall, { previous, level, waiting });
  work.publish(hall.id, "peak.changed", {
    level,
    previousLevel: previous,
    waiting,
    openCounters: open,
    ratio: queueRatio(waiting, open),
    actions: peakActionsFor(level, hall.effectiveSettings),
    diversion: diversionModeAt(level),
  });
  return level;
}

/**
 * R-NOTIFY: one SMS, once, when a ticket with a phone number comes within N places of the front of its
 * line. The notice row and the outbox row are written together; the outbox's dedupe key makes "once"
 * hold even when two transactions race.
 */
async function notifyNearTurn(tx: DbOrTx, hall: Hall, due: QueueState["due"]) {
  if (due.length === 0) return;
  // The notice is its own row, not a flag on the ticket: updating waiting tickets here would lock them,
  // and a concurrent call-next (SKIP LOCKED) would pass over them and break first-come-first-served.
  // In id order: changes racing to claim overlapping sets then wait for each other, never deadlock.
  const ordered = [...due].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const claimed = await tx
    .insert(ticketNotices)
    .values(ordered.map((r) => ({ ticketId: r.id, hallId: hall.id, kind: "near_turn" })))
    .onConflictDoNothing()
    .returning({ ticketId: ticketNotices.ticketId });
  const mine = new Set(claimed.map((c) => c.ticketId));
  if (mine.size === 0) return;
  const text = await templateFor(tx, "near_turn");
  for (const r of due.filter((d) => mine.has(d.id))) {
    await enqueueMessage(tx, {
      channel: "sms",
      recipient: r.phone,
      hallId: hall.id,
      dedupeKey: `near-turn:${r.id}`,
      body: text({ hall: hall.name, number: r.number, ahead: r.ahead }),
      payload: { ticketId: r.id, kind: "near_turn" },
    });
  }
}

/**
 * Asks where the queue stands now, without waiting for the answer: issued right behind the change it
 * follows, both go to PostgreSQL in one write (the server runs them in order). Pass it to afterQueueChange.
 */
export function queueStateAfter(tx: DbOrTx, hall: Hall): Promise<QueueState> {
  const state = readQueueState(tx, hall, nearTurnOf(hall));
  // Awaited later; if the change before it failed, that error is the one reported.
  state.catch(() => {});
  return state;
}

/** The near-turn distance of a hall (R-NOTIFY). */
export const nearTurnOf = (hall: Hall) => hall.effectiveSettings.nearTurnNotice ?? DEFAULT_NEAR_TURN;

/**
 * Whether a queue in this state owes anything: a peak level other than the recorded one, or a near-turn
 * SMS. A change made in one statement reads its state there and, only then, runs afterQueueChange in
 * a transaction of its own (see issueTicket, callNext).
 */
export function owesEffects(hall: Hall, state: QueueState): boolean {
  return levelOf(hall, state) !== (state.level ?? 0) || state.due.length > 0;
}

/** After any change to who waits: the peak warning and the near-turn SMS, from one read. */
export async function afterQueueChange(work: Work, hall: Hall, state = queueStateAfter(work.tx, hall)) {
  const s = await state;
  await applyPeak(work, hall, s);
  await notifyNearTurn(work.tx, hall, s.due);
}

/** R-TIME: record a breach once per ticket and kind, and say so live. */
/**
 * R-TIME: nobody greeted the visit (Z1) within the hall's limit — from a late Z1, or from the sweep when no
 * Z1 came at all. Once per visit (the breach's unique (visit, kind) index decides), marked on the visit and
 * announced, so the board shows it as it happens.
 */
export async function recordGreetingBreach(
  work: Work,
  hallId: string,
  visitId: string,
  limitSeconds: number,
) {
  return (await recordGreetingBreaches(work, hallId, [visitId], limitSeconds)) > 0;
}

/**
 * Greeting breaches of some of a hall's visits at once — a statement to record them, one to flag their
 * visits and one for their events, however many there are (the sweep finds a hall's overdue visits
 * together). Under the unique (visit, kind) index a breach already recorded is left alone; returns how
 * many were new.
 */
export async function recordGreetingBreaches(
  work: Work,
  hallId: string,
  visitIds: string[],
  limitSeconds: number,
) {
  if (!visitIds.length) return 0;
  const inserted = await work.tx
    .insert(breaches)
    .values(visitIds.map((visitId) => ({ hallId, visitId, kind: "greeting" as const, limitSeconds })))
    .onConflictDoNothing()
    .returning({ visitId: breaches.visitId });
  const fresh = inserted.map((r) => r.visitId as string);
  if (!fresh.length) return 0;
  await work.tx.update(journeys).set({ greetingBreached: true }).where(inArray(journeys.id, fresh));
  for (const visitId of fresh)
    work.publish(hallId, "limit.breached", { kind: "greeting", visitId, limitSeconds });
  return fresh.length;
}

export async function recordBreach(
  work: Work,
  hallId: string,
  t: { id: string; number: string; businessType: string; counterNumber: number | null },
  kind: "wait" | "handling",
  limitSeconds: number,
  actualSeconds: number,
) {
  const { tx } = work;
  const inserted = await tx
    .insert(breaches)
    .values({ hallId, ticketId: t.id, kind, limitSeconds })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) return;
  // A waiting ticket's flag is derived until it is called (see presentTicket): writing it here would lock
  // a waiting row that call-next must be free to take. A serving ticket is no candidate, so it is written.
  if (kind === "handling")
    await tx.update(tickets).set({ handlingBreached: true }).where(eq(tickets.id, t.id));
  work.publish(hallId, "limit.breached", {
    kind,
    ticketId: t.id,
    number: t.number,
    businessType: t.businessType,
    counterNumber: t.counterNumber,
    limitSeconds,
    actualSeconds,
  });
}

/** R-VISIT: a staff action marks a blueprint node, read back at once (the answer shows the visit) and announced. */
export async function addJourneyNode(
  work: Work,
  node: {
    visitId: string;
    hallId: string;
    node: string;
    ticketId?: string | null;
    actorId?: string | null;
    note?: string | null;
  },
) {
  await work.tx.insert(journeyNodes).values(node);
  work.publish(node.hallId, "visit.node", {
    visitId: node.visitId,
    node: node.node,
    ticketId: node.ticketId ?? null,
  });
}
