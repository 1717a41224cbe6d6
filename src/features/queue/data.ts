import { and, asc, desc, eq, gt, inArray, isNotNull, lt } from "drizzle-orm";
import { maskPhone } from "../../core/access.js";
import { arrayLiteral, type DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { rowOf, run, statement } from "../../core/statements.js";
import type { Hall } from "../halls/contract.js";
import { openCountersServingSql } from "../halls/data.js";
import type { Ticket, TicketStatus } from "./contract.js";
import { allowedActions, estimateWaitSeconds, type NoShowMark, type TicketCapability } from "./rules.js";
import { appointments, breaches, journeyNodes, journeys, ticketHistory, tickets } from "./tables.js";

export type TicketRow = typeof tickets.$inferSelect;

/** The API's view of a ticket; the phone is masked unless the caller may see it whole (R-PRIVACY). */
export function presentTicket(t: TicketRow, unmask = false): Ticket {
  return {
    id: t.id,
    hallId: t.hallId,
    visitId: t.visitId,
    number: t.number,
    businessType: t.businessType,
    vip: t.vip,
    channel: t.channel,
    status: t.status,
    phone: unmask ? t.phone : maskPhone(t.phone),
    counterId: t.counterId,
    counterNumber: t.counterNumber,
    targetCounterId: t.targetCounterId,
    issuedAt: t.issuedAt.toISOString(),
    queueAt: t.queueAt.toISOString(),
    calledAt: t.calledAt?.toISOString() ?? null,
    startedAt: t.startedAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
    recallCount: t.recallCount,
    calledOutOfOrder: t.calledOutOfOrder,
    outcome: t.outcome as Ticket["outcome"],
    recommended: t.recommended,
    divertChannel: t.divertChannel as Ticket["divertChannel"],
    waitSeconds: t.waitSeconds,
    handlingSeconds: t.handlingSeconds,
    // Until the call, a waiting ticket's breach is derived from the clock (the row is not written while it waits).
    waitBreached:
      t.waitBreached ||
      (t.status === "waiting" && Date.now() - t.issuedAt.getTime() > t.waitLimitSeconds * 1000),
    handlingBreached: t.handlingBreached,
  };
}

/** Who is asking, as allowedActions needs it: their capabilities and who they are. */
export type Caller = {
  may: (capability: TicketCapability) => boolean;
  userId: string | null;
};

/** presentTicket with what the caller may do with each ticket now (allowedActions, rules.ts). */
export async function presentForCaller(
  db: DbOrTx,
  rows: TicketRow[],
  caller: Caller,
  now = new Date(),
): Promise<Ticket[]> {
  const marks = await lastNoShows(
    db,
    rows.filter((t) => t.status === "no_show").map((t) => t.id),
  );
  return rows.map((t) => ({
    ...presentTicket(t),
    allowedActions: allowedActions(t, caller.may, {
      mark: marks.get(t.id) ?? null,
      userId: caller.userId,
      now,
    }),
  }));
}

/** An ISO instant as `Date.toISOString` writes it (stored instants have millisecond precision). */
const isoSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** maskPhone (src/core/access.ts) in SQL. */
const maskedPhoneSql = (column: string) =>
  `CASE WHEN ${column} IS NULL OR ${column} = '' THEN NULL
     WHEN length(${column}) < 7 THEN repeat('*', length(${column}))
     ELSE left(${column}, 3) || repeat('*', length(${column}) - 7) || right(${column}, 4) END`;

/**
 * presentTicket (masked) in SQL, as jsonb, for the row `t` of a statement: a change made in one
 * statement writes its event from it. data.test.ts holds the two to the same answer.
 */
export const ticketJsonSql = (t: string) =>
  `jsonb_build_object('id', ${t}.id, 'hallId', ${t}.hall_id, 'visitId', ${t}.visit_id, 'number', ${t}.number,
     'businessType', ${t}.business_type, 'vip', ${t}.vip, 'channel', ${t}.channel, 'status', ${t}.status,
     'phone', ${maskedPhoneSql(`${t}.phone`)}, 'counterId', ${t}.counter_id, 'counterNumber', ${t}.counter_number,
     'targetCounterId', ${t}.target_counter_id, 'issuedAt', ${isoSql(`${t}.issued_at`)}, 'queueAt', ${isoSql(`${t}.queue_at`)},
     'calledAt', ${isoSql(`${t}.called_at`)}, 'startedAt', ${isoSql(`${t}.started_at`)},
     'finishedAt', ${isoSql(`${t}.finished_at`)}, 'recallCount', ${t}.recall_count,
     'calledOutOfOrder', ${t}.called_out_of_order, 'outcome', ${t}.outcome, 'recommended', ${t}.recommended,
     'divertChannel', ${t}.divert_channel, 'waitSeconds', ${t}.wait_seconds,
     'handlingSeconds', ${t}.handling_seconds,
     'waitBreached', ${t}.wait_breached OR (${t}.status = 'waiting'
       AND clock_timestamp() - ${t}.issued_at > ${t}.wait_limit_seconds * interval '1 second'),
     'handlingBreached', ${t}.handling_breached)`;

const selectTicket = statement("SELECT * FROM tickets WHERE id = $1");

export async function findTicket(db: DbOrTx, id: string): Promise<TicketRow> {
  const [t] = await run(db, selectTicket, [id]);
  if (!t) throw notFound("Ticket");
  return rowOf(tickets)(t);
}

/** Waiting tickets in calling order: VIP first, then by place in line (R-CALL). */
export async function waitingTickets(db: DbOrTx, hallId: string): Promise<TicketRow[]> {
  return db
    .select()
    .from(tickets)
    .where(and(eq(tickets.hallId, hallId), eq(tickets.status, "waiting")))
    .orderBy(desc(tickets.vip), asc(tickets.queueAt), asc(tickets.id));
}

export async function activeTickets(db: DbOrTx, hallId: string): Promise<TicketRow[]> {
  return db
    .select()
    .from(tickets)
    .where(and(eq(tickets.hallId, hallId), inArray(tickets.status, ["called", "serving"])))
    .orderBy(asc(tickets.counterNumber));
}

// The mean handling time of a type in a hall over its last 20 services (null before any).
export const recentMeanSql = (hall: string, type: string) =>
  `(SELECT avg(handling_seconds)::float8 FROM (
     SELECT handling_seconds FROM tickets
     WHERE hall_id = ${hall} AND business_type = ${type} AND handling_seconds IS NOT NULL
     ORDER BY finished_at DESC LIMIT 20) recent)`;

/**
 * A waiting ticket's place, as columns of a statement: `ahead` in its own line (same business type),
 * the type's recent `mean` handling time and the open counters `serving` it. Read them with placeFrom.
 */
export const placeSql = (t: { hall: string; type: string; vip: string; queueAt: string; id: string }) =>
  `(SELECT count(*)::int FROM tickets o
     WHERE o.hall_id = ${t.hall} AND o.status = 'waiting' AND o.business_type = ${t.type}
       AND (o.vip > ${t.vip} OR (o.vip = ${t.vip} AND (o.queue_at, o.id) < (${t.queueAt}, ${t.id})))) AS ahead,
   ${recentMeanSql(t.hall, t.type)} AS mean,
   ${openCountersServingSql(t.hall, t.type)} AS serving`;

export type PlaceColumns = { ahead: number; mean: number | null; serving: number };

/** People ahead and the estimated wait, from placeSql's columns. */
export function placeFrom(r: PlaceColumns, handlingLimitSeconds: number) {
  const mean = r.mean ?? handlingLimitSeconds * DEFAULT_HANDLING_SHARE;
  return { ahead: r.ahead, estimatedWaitSeconds: estimateWaitSeconds(r.ahead, mean, r.serving) };
}

const selectPlace = statement(
  `SELECT ${placeSql({ hall: "$1::uuid", type: "$2::text", vip: "$3::boolean", queueAt: "$4::timestamptz", id: "$5::uuid" })}`,
);

/** People ahead of a waiting ticket in its own line (same business type) and the estimated wait. */
export async function positionOf(
  db: DbOrTx,
  t: Pick<TicketRow, "id" | "hallId" | "businessType" | "vip" | "queueAt" | "handlingLimitSeconds">,
): Promise<{ ahead: number; estimatedWaitSeconds: number }> {
  const [r] = await run<PlaceColumns>(db, selectPlace, [t.hallId, t.businessType, t.vip, t.queueAt, t.id]);
  return placeFrom(r, t.handlingLimitSeconds);
}

// Before a type has any finished service in the hall, its handling time is taken as 70 % of its limit.
const DEFAULT_HANDLING_SHARE = 0.7;

/**
 * The waiting lines of the halls `hallFilter` picks (a condition on tickets), one row per hall and business
 * type, with what a line's estimate needs: how many wait, the type's recent mean handling time, the open
 * counters serving it, its handling limit, and the strictest waiting limit of its tickets. One definition
 * for the queue view (one hall, data/queue-view.ts) and the public hall list (a region's hundred halls in
 * one statement). Read a line's estimate with placeFrom.
 */
export const waitingLinesSql = (hallFilter: string) =>
  `SELECT l.hall_id, l.business_type, l.n, l.wait_limit,
          ${recentMeanSql("l.hall_id", "l.business_type")} AS mean,
          ${openCountersServingSql("l.hall_id", "l.business_type")} AS serving,
          coalesce(b.handling_limit_seconds, 0) AS handling_limit
     FROM (SELECT hall_id, business_type, count(*)::int AS n, min(wait_limit_seconds) AS wait_limit
             FROM tickets WHERE ${hallFilter} AND status = 'waiting' GROUP BY hall_id, business_type) l
     LEFT JOIN business_types b ON b.code = l.business_type`;

const selectWaitingLines = statement(
  `SELECT hall_id AS "hallId", business_type AS "businessType", n AS ahead, mean, serving,
          handling_limit AS "handlingLimitSeconds", wait_limit AS "waitLimitSeconds"
     FROM (${waitingLinesSql("hall_id = ANY($1::uuid[])")}) x`,
);

export type WaitingLine = PlaceColumns & {
  hallId: string;
  businessType: string;
  handlingLimitSeconds: number;
  waitLimitSeconds: number;
};

/** The waiting lines of some halls (waitingLinesSql), in one statement. */
export async function waitingLines(db: DbOrTx, hallIds: string[]): Promise<WaitingLine[]> {
  if (!hallIds.length) return [];
  return run<WaitingLine>(db, selectWaitingLines, [arrayLiteral(hallIds)]);
}

/** Each ticket's latest no-show as its history row recorded it (who, when, at which counter). */
export async function lastNoShows(db: DbOrTx, ticketIds: string[]): Promise<Map<string, NoShowMark>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([ticketHistory.ticketId], {
      ticketId: ticketHistory.ticketId,
      at: ticketHistory.at,
      actorId: ticketHistory.actorId,
      counterId: ticketHistory.counterId,
    })
    .from(ticketHistory)
    .where(and(inArray(ticketHistory.ticketId, ticketIds), eq(ticketHistory.action, "no_show")))
    .orderBy(ticketHistory.ticketId, desc(ticketHistory.at), desc(ticketHistory.id));
  return new Map(rows.map(({ ticketId, ...mark }) => [ticketId, mark]));
}

/**
 * The calling display's recent calls: the day's tickets last called at a counter, latest call first —
 * what a display shows again after a reload. Only what a display shows: number, type, counter, time.
 */
export async function recentCalls(db: DbOrTx, hallId: string, serviceDate: string, limit: number) {
  const rows = await db
    .select({
      ticketId: tickets.id,
      number: tickets.number,
      businessType: tickets.businessType,
      counterNumber: tickets.counterNumber,
      calledAt: tickets.calledAt,
      recallCount: tickets.recallCount,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.hallId, hallId),
        eq(tickets.serviceDate, serviceDate),
        isNotNull(tickets.calledAt),
        isNotNull(tickets.counterNumber),
      ),
    )
    .orderBy(desc(tickets.calledAt), desc(tickets.id))
    .limit(limit);
  return rows.map((r) => ({
    ticketId: r.ticketId,
    number: r.number,
    businessType: r.businessType,
    counterNumber: r.counterNumber!,
    calledAt: r.calledAt!.toISOString(),
    recall: r.recallCount > 0,
  }));
}

/**
 * The ticket a counter finished last, if it finished after `since`; `serviceDates` (the days `since`
 * and now fall on) keep the read to the hall's recent tickets.
 */
export async function lastFinishedAt(
  db: DbOrTx,
  hallId: string,
  counterId: string,
  since: Date,
  serviceDates: string[],
) {
  const [t] = await db
    .select()
    .from(tickets)
    .where(
      and(
        eq(tickets.hallId, hallId),
        inArray(tickets.serviceDate, serviceDates),
        eq(tickets.counterId, counterId),
        eq(tickets.status, "finished"),
        gt(tickets.finishedAt, since),
      ),
    )
    .orderBy(desc(tickets.finishedAt))
    .limit(1);
  return t ?? null;
}

export async function listBreaches(db: DbOrTx, hallId: string, since: Date, until: Date) {
  return db
    .select({ breach: breaches, number: tickets.number, businessType: tickets.businessType })
    .from(breaches)
    .leftJoin(tickets, eq(tickets.id, breaches.ticketId))
    .where(and(eq(breaches.hallId, hallId), gt(breaches.at, since), lt(breaches.at, until)))
    .orderBy(desc(breaches.at));
}

export async function getJourney(db: DbOrTx, hallId: string, visitId: string) {
  const [v] = await db
    .select()
    .from(journeys)
    .where(and(eq(journeys.id, visitId), eq(journeys.hallId, hallId)))
    .limit(1);
  if (!v) throw notFound("Visit");
  return v;
}

/** Rows by their visit (Map.groupBy, which Node 20 lacks). */
function byVisit<T extends { visitId: string | null }>(rows: T[]) {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    if (!r.visitId) continue;
    const list = m.get(r.visitId);
    if (list) list.push(r);
    else m.set(r.visitId, [r]);
  }
  return m;
}

export async function listJourneys(db: DbOrTx, hallId: string, from: Date, to: Date) {
  const vs = await db
    .select()
    .from(journeys)
    .where(and(eq(journeys.hallId, hallId), gt(journeys.enteredAt, from), lt(journeys.enteredAt, to)))
    .orderBy(desc(journeys.enteredAt))
    .limit(500);
  if (vs.length === 0) return [];
  const ids = vs.map((v) => v.id);
  const [nodes, ts] = await Promise.all([
    db.select().from(journeyNodes).where(inArray(journeyNodes.visitId, ids)).orderBy(asc(journeyNodes.at)),
    db
      .select({ id: tickets.id, number: tickets.number, status: tickets.status, visitId: tickets.visitId })
      .from(tickets)
      .where(inArray(tickets.visitId, ids)),
  ]);
  // Grouped once: a filter per visit was 500 × 1,500 comparisons for a busy day.
  const nodesOf = byVisit(nodes);
  const ticketsOf = byVisit(ts);
  return vs.map((v) => presentJourney(v, nodesOf.get(v.id) ?? [], ticketsOf.get(v.id) ?? []));
}

export function presentJourney(
  v: typeof journeys.$inferSelect,
  nodes: (typeof journeyNodes.$inferSelect)[],
  ts: { id: string; number: string; status: TicketStatus }[],
) {
  return {
    id: v.id,
    hallId: v.hallId,
    enteredAt: v.enteredAt.toISOString(),
    greetingBreached: v.greetingBreached,
    nodes: nodes.map((n) => ({
      node: n.node as "Z1",
      at: n.at.toISOString(),
      actorId: n.actorId,
      note: n.note,
    })),
    tickets: ts.map(({ id, number, status }) => ({ id, number, status })),
  };
}

export async function findAppointment(db: DbOrTx, id: string) {
  const [a] = await db.select().from(appointments).where(eq(appointments.id, id)).limit(1);
  if (!a) throw notFound("Appointment");
  return a;
}

export async function listAppointments(db: DbOrTx, hallId: string, from: Date, to: Date) {
  return db
    .select()
    .from(appointments)
    .where(
      and(eq(appointments.hallId, hallId), gt(appointments.slotStart, from), lt(appointments.slotStart, to)),
    )
    .orderBy(asc(appointments.slotStart));
}

export const hallForTicket = (t: TicketRow, hall: Hall) => t.hallId === hall.id;
