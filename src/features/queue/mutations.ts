import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Scope } from "../../core/access.js";
import { type Db, type DbOrTx, isUniqueViolation } from "../../core/db.js";
import { AppError, illegalState, notFound } from "../../core/errors.js";
import { announceCommitted, appendRow, eventsCte, publishEvent, withEvents } from "../../core/events.js";
import { rowOf, run, statement, updateById } from "../../core/statements.js";
import { localParts } from "../../core/time.js";
import { sendTogether } from "../../core/transaction.js";
import { VIP_PREFIX } from "../halls/catalog.js";
import type { BusinessType, Counter, Hall } from "../halls/contract.js";
import { getBusinessType, getCounter, listHalls, lockedCounterSql } from "../halls/data.js";
import { lockCounter } from "../halls/mutations.js";
import { distanceKm, isOpenAt } from "../halls/rules.js";
import { type PlaceColumns, placeFrom, placeSql, presentTicket, type TicketRow } from "./data.js";
import {
  addVisitNode,
  afterQueueChange,
  nearTurnOf,
  owesEffects,
  type QueueState,
  queueStateAfter,
  queueStateSql,
  recordBreach,
} from "./effects.js";
import { recordDiversion, returnQueueAt } from "./line.js";
import { canApply, secondsBetween, type TicketAction, ticketTransitions } from "./rules.js";
import { breachSql, historyCte, secondsBetweenSql, ticketEventSql } from "./step-sql.js";
import { ticketHistory, tickets, visits } from "./tables.js";
import { type StartOrFinish, startOrFinish } from "./transitions.js";

export type Actor = { userId: string | null };

/** R-CATALOG: a type this hall may not perform is refused, naming the nearest hall of the region that may. */
export async function checkBusinessAllowed(db: DbOrTx, hall: Hall, bt: BusinessType) {
  if (!bt.active) throw new AppError("rule_violation", `${bt.name} is not offered at the moment`);
  if (!bt.forbiddenHallTypes.includes(hall.type)) return;
  const others = (await listHalls(db, { regionCode: hall.regionCode, excludeId: hall.id })).filter(
    (h) => !bt.forbiddenHallTypes.includes(h.type),
  );
  const withDistance = others.map((h) => ({
    h,
    km:
      hall.latitude != null && hall.longitude != null && h.latitude != null && h.longitude != null
        ? distanceKm(
            hall as { latitude: number; longitude: number },
            h as { latitude: number; longitude: number },
          )
        : Number.POSITIVE_INFINITY,
  }));
  withDistance.sort((a, b) => a.km - b.km);
  const nearest = withDistance[0];
  throw new AppError(
    "business_not_allowed_here",
    nearest
      ? `${bt.name}不能在${hall.name}办理，请到${nearest.h.name}（${nearest.h.address}） / ${bt.nameEn} is not available here; nearest: ${nearest.h.name}`
      : `${bt.name}不能在${hall.name}办理 / ${bt.nameEn} is not available at this hall`,
    {
      businessType: bt.code,
      nearestHall: nearest
        ? {
            id: nearest.h.id,
            name: nearest.h.name,
            address: nearest.h.address,
            distanceKm: Number.isFinite(nearest.km) ? Math.round(nearest.km * 10) / 10 : null,
          }
        : null,
    },
  );
}

type IssueInput = {
  businessType: string;
  vip?: boolean;
  phone?: string;
  channel?: TicketRow["channel"];
  visitId?: string;
  queueAt?: Date;
  appointmentId?: string;
  vipCard?: string;
};

// The whole issue in one statement: the day's next number of the prefix, the visit (unless the ticket
// joins one), the ticket, its history row and its event; and, read in the same statement, the ticket's
// place and where the queue stands. The statement's snapshot does not see its own ticket: the queue's
// waiting count is one more, and the ticket itself is due a near-turn SMS when it has a phone and few
// enough are ahead (see issueTicket).
//
// $1 hall, $2 service date, $3 prefix, $4 ticket id, $5 visit id, $6 new visit?, $7 business type,
// $8 vip, $9 channel, $10 phone, $11 queue_at, $12 now, $13 appointment, $14 wait limit,
// $15 handling limit, $16 actor, $17 history detail, $18 near-turn places.
const issueSql = (number: string) =>
  `WITH n AS (${number}),
   v AS (INSERT INTO visits (id, hall_id, entered_at) SELECT $5::uuid, $1::uuid, $12::timestamptz WHERE $6::boolean),
   t AS (
     INSERT INTO tickets (id, hall_id, visit_id, service_date, prefix, seq, number, business_type, vip, channel,
       phone, queue_at, issued_at, appointment_id, wait_limit_seconds, handling_limit_seconds)
     SELECT $4::uuid, $1::uuid, $5::uuid, $2::date, $3::text, n.last,
       $3::text || lpad(n.last::text, greatest(3, length(n.last::text)), '0'), $7::text, $8::boolean, $9::text,
       $10::text, $11::timestamptz, $12::timestamptz, $13::uuid, $14::int, $15::int
     FROM n RETURNING *),
   ${historyCte("t", "issue", null, "$16::uuid", "$17::text")},
   ${eventsCte(ticketEventSql("ticket.issued", "t"))}
   SELECT t.*,
     ${placeSql({ hall: "$1::uuid", type: "$7::text", vip: "$8::boolean", queueAt: "$11::timestamptz", id: "$4::uuid" })},
     ${queueStateSql("$1::uuid", "$18::int")}
   FROM t`;

const nextNumberSql = `INSERT INTO ticket_sequences (hall_id, service_date, prefix, last) VALUES ($1::uuid, $2::date, $3::text, 1)
  ON CONFLICT (hall_id, service_date, prefix) DO UPDATE SET last = ticket_sequences.last + 1
  RETURNING last`;

// The sequence row is the one thing every issue of a prefix shares, and a row stays locked until its
// transaction's commit, WAL flush included. So on PostgreSQL the number is taken by a statement of its
// own, sent in the same write just before the issue, whose commit does not wait for the flush
// (synchronous_commit off for that transaction alone): the row is free again at once, and issues of a
// prefix no longer take turns at one flush each. Nothing acknowledged can be lost by it: the ticket's
// own commit is synchronous and flushes the WAL up to it, the number's commit included. A number taken
// for a ticket that never committed may be lost in a crash and given out again, never having been seen.
// The number reaches the issue through the session, tagged with the ticket's id, so a stale one from an
// earlier issue on the connection is never used (the issue then inserts nothing and fails).
const takeNumber = statement(
  `WITH n AS (${nextNumberSql})
   SELECT set_config('synchronous_commit', 'off', true), set_config('tingwu.number', $4::text || ':' || last, false)
   FROM n`,
);
const issueWithTakenNumber = statement(
  issueSql(`SELECT split_part(current_setting('tingwu.number', true), ':', 2)::int AS last
    WHERE split_part(current_setting('tingwu.number', true), ':', 1) = $4::text`),
);
// PGlite (its one connection is shared between statements) and inside a caller's transaction: in one.
const issueStatement = statement(issueSql(nextNumberSql));

/**
 * R-TICKET: issue a numbered ticket (prefix + 3 digits, per hall and prefix, restarting each local day).
 * The answer carries the ticket's place: people ahead in its line and the estimated wait.
 */
export async function issueTicket(
  db: Db,
  hall: Hall,
  input: IssueInput,
  actor: Actor,
  timeZone: string,
  now = new Date(),
) {
  const bt = await getBusinessType(db, input.businessType).catch(() => {
    throw new AppError("invalid_input", `Unknown business type ${input.businessType}`);
  });
  await checkBusinessAllowed(db, hall, bt);
  if (!isOpenAt(hall.openingHours, now, timeZone)) {
    throw new AppError("hall_closed", `${hall.name}现在不在营业时间 / The hall is closed now`, {
      openingHours: hall.openingHours,
    });
  }
  if (input.visitId) {
    const [v] = await db
      .select({ id: visits.id })
      .from(visits)
      .where(and(eq(visits.id, input.visitId), eq(visits.hallId, hall.id)));
    if (!v) throw notFound("Visit");
  }
  const vip = input.vip ?? false;
  const phone = input.phone ?? null;
  const nearTurn = nearTurnOf(hall);
  const params = [
    hall.id,
    localParts(now, timeZone).date,
    vip ? VIP_PREFIX : bt.prefix,
    randomUUID(),
    input.visitId ?? randomUUID(),
    !input.visitId,
    bt.code,
    vip,
    input.channel ?? "kiosk",
    phone,
    input.queueAt ?? now,
    now,
    input.appointmentId ?? null,
    hall.settings.waitLimitSeconds?.[bt.code] ?? bt.waitLimitSeconds,
    bt.handlingLimitSeconds,
    actor.userId,
    input.vipCard ? `VIP card ****${input.vipCard.slice(-4)}` : vip ? "VIP by phone" : null,
    nearTurn,
  ];
  const together = await sendTogether(db, [
    [takeNumber, params.slice(0, 4)],
    [issueWithTakenNumber, params],
  ]);
  const [row] = (together?.[1] ?? (await run(db, issueStatement, params))) as IssueRow[];
  if (!row) throw new Error("The ticket was not issued: its number did not reach the issuing statement");
  await announceCommitted(db, [hall.id]);
  const t = rowOf(tickets)(row);
  const place = placeFrom(row, t.handlingLimitSeconds);
  const state: QueueState = {
    waiting: row.waiting + 1,
    level: row.level,
    open: row.open,
    due:
      phone && place.ahead < nearTurn
        ? [...row.due, { id: t.id, phone, number: t.number, ahead: place.ahead }]
        : row.due,
  };
  if (owesEffects(hall, state)) await withEvents(db, (tx) => afterQueueChange(tx, hall));
  return Object.assign(t, place);
}

async function history(
  tx: DbOrTx,
  t: TicketRow,
  action: string,
  from: string | null,
  actor: Actor,
  detail?: string,
) {
  await appendRow(tx, ticketHistory, {
    ticketId: t.id,
    action,
    fromStatus: from,
    toStatus: t.status,
    counterId: t.counterId,
    actorId: actor.userId,
    detail: detail ?? null,
  });
}

const counterInfo = (c: Counter) => ({ id: c.id, number: c.number, label: c.label });

/** Locks the counter (one call at a time per counter) and checks it is open. */
async function lockOpenCounter(tx: DbOrTx, hallId: string, counterId: string): Promise<Counter> {
  const counter = await lockCounter(tx, hallId, counterId);
  if (counter.status !== "open") throw illegalState("counter", "closed", "call at");
  return counter;
}

/** 409 naming the ticket a counter still holds, if it holds one. */
async function checkCounterFree(db: DbOrTx, counter: Pick<Counter, "id" | "label">) {
  const [busy] = await db
    .select({ number: tickets.number, status: tickets.status })
    .from(tickets)
    .where(and(eq(tickets.counterId, counter.id), inArray(tickets.status, ["called", "serving"])))
    .limit(1);
  if (busy) {
    throw new AppError(
      "illegal_state",
      `Counter ${counter.label} still has ${busy.number} (${busy.status}); finish it or mark it a no-show first`,
      { state: "busy", ticket: busy.number },
    );
  }
}

/**
 * A call at a counter that still holds a ticket is refused by the unique index tickets_counter_active_uq
 * when the called ticket is written; the friendly 409 is worked out only then (and when nothing waits),
 * not asked before every call.
 */
async function refusingBusyCounter<T>(db: Db, hallId: string, counterId: string, call: () => Promise<T>) {
  try {
    return await call();
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    await checkCounterFree(db, await getCounter(db, hallId, counterId));
    throw e;
  }
}

/** Marks a waiting ticket called at a counter out of its turn: wait, history, event, a wait breach, effects. */
async function markCalledOutOfOrder(
  tx: DbOrTx,
  hall: Hall,
  t: TicketRow,
  counter: Counter,
  actor: Actor,
  now: Date,
) {
  const update = updateById(tx, tickets, t.id, {
    ...waitAtCall(t, now),
    status: ticketTransitions.call.to,
    counterId: counter.id,
    counterNumber: counter.number,
    staffId: actor.userId,
    calledAt: now,
    calledOutOfOrder: true,
    targetCounterId: null,
  });
  const state = queueStateAfter(tx, hall);
  const called = (await update)!;
  await history(tx, called, "call", t.status, actor, "called out of order");
  await publishEvent(tx, hall.id, "ticket.called", {
    ticket: presentTicket(called),
    counter: counterInfo(counter),
  });
  const { waitSeconds } = called;
  if (t.calledAt === null && waitSeconds !== null && waitSeconds > t.waitLimitSeconds) {
    await recordBreach(tx, hall.id, called, "wait", t.waitLimitSeconds, waitSeconds);
  }
  await afterQueueChange(tx, hall, state);
  return called;
}

/** The wait, set at the first call (a recall or a call after a no-show keeps it). */
function waitAtCall(t: TicketRow, now: Date) {
  const waitSeconds = t.calledAt === null ? secondsBetween(t.issuedAt, now) : t.waitSeconds;
  return { waitSeconds, waitBreached: t.waitBreached || (waitSeconds ?? 0) > t.waitLimitSeconds };
}

// waitAtCall in SQL, from the row as it was; $4 is now.
const waitSecondsSql = `CASE WHEN t.called_at IS NULL
  THEN ${secondsBetweenSql("t.issued_at", "$4::timestamptz")} ELSE t.wait_seconds END`;
const waitBreach = breachSql("u", "wait", "prev_called_at IS NULL AND wait_seconds > wait_limit_seconds");

// The whole call in one statement. The counter is locked first (one call at a time per counter); then
// the next ticket it may serve — VIP first, then by place in line, only its business types and tickets
// sent to it — is taken and marked called, with its wait, history row, a first call's wait breach and
// the events; and where the queue stands is read in the same statement, leaving out the ticket taken
// (its snapshot still sees it waiting). NO KEY UPDATE, not UPDATE: rows that reference the ticket
// (notices, history, breaches) take KEY SHARE on it, which must neither wait behind this lock nor make
// call-next skip the ticket. A row with no ticket says why: no such counter, a closed one, or nothing
// waits that it may serve.
//
// $1 hall, $2 counter, $3 actor, $4 now, $5 near-turn places.
const callNextStatement = statement(
  `WITH c AS (${lockedCounterSql("$1::uuid", "$2::uuid")}),
   n AS (
     SELECT id, called_at AS prev_called_at FROM tickets
     WHERE hall_id = $1::uuid AND status = '${ticketTransitions.call.from[0]}'
       AND business_type = ANY((SELECT business_types FROM c WHERE status = 'open')::text[])
       AND (target_counter_id IS NULL OR target_counter_id = $2::uuid)
     ORDER BY vip DESC, queue_at, id LIMIT 1
     FOR NO KEY UPDATE SKIP LOCKED),
   u AS (
     UPDATE tickets t SET status = '${ticketTransitions.call.to}', counter_id = $2::uuid, counter_number = c.number, staff_id = $3::uuid,
       called_at = $4::timestamptz, target_counter_id = NULL, wait_seconds = ${waitSecondsSql},
       wait_breached = t.wait_breached OR coalesce(${waitSecondsSql}, 0) > t.wait_limit_seconds
     FROM c, n WHERE t.id = n.id
     RETURNING t.*, n.prev_called_at),
   ${historyCte("u", "call", ticketTransitions.call.from[0], "$3::uuid")},
   ${waitBreach.cte},
   ${eventsCte(
     `${ticketEventSql(
       "ticket.called",
       "u",
       "jsonb_build_object('counter', jsonb_build_object('id', c.id, 'number', c.number, 'label', c.label))",
       "u, c",
     )} UNION ALL ${waitBreach.events}`,
   )}
   SELECT c.status AS counter_status, c.label AS counter_label, u.*,
     ${queueStateSql("$1::uuid", "$5::int", "(SELECT id FROM n)")}
   FROM (SELECT 1) one LEFT JOIN c ON true LEFT JOIN u ON true`,
);

/**
 * R-CALL: the next ticket this counter may serve — VIP first, then by place in line, only its business
 * types. SKIP LOCKED lets twenty counters call at once without two of them getting the same ticket.
 */
export async function callNext(db: Db, hall: Hall, counterId: string, actor: Actor, now = new Date()) {
  const nearTurn = nearTurnOf(hall);
  const call = () =>
    run<CallNextRow>(db, callNextStatement, [hall.id, counterId, actor.userId, now, nearTurn]);
  const [row] = await refusingBusyCounter(db, hall.id, counterId, call);
  if (row.counter_status === null) throw notFound("Counter");
  if (row.counter_status !== "open") throw illegalState("counter", "closed", "call at");
  if (row.id === null) {
    await checkCounterFree(db, { id: counterId, label: row.counter_label! });
    return null;
  }
  await announceCommitted(db, [hall.id]);
  if (owesEffects(hall, row)) await withEvents(db, (tx) => afterQueueChange(tx, hall));
  return rowOf(tickets)(row);
}

type IssueRow = Record<string, unknown> & PlaceColumns & QueueState;

type CallNextRow = Record<string, unknown> &
  QueueState & { id: string | null; counter_status: string | null; counter_label: string | null };

/** A counter calls one particular waiting ticket out of order; recorded as such. */
export async function callTicket(
  db: Db,
  hall: Hall,
  counterId: string,
  ticketId: string,
  actor: Actor,
  now = new Date(),
) {
  const call = () =>
    withEvents(db, async (tx) => {
      const counter = await lockOpenCounter(tx, hall.id, counterId);
      await checkCounterFree(tx, counter);
      const t = await lockTicket(tx, hall.id, ticketId);
      if (!canApply("call", t.status)) throw illegalState("ticket", t.status, "call");
      if (!counter.businessTypes.includes(t.businessType)) {
        throw new AppError("rule_violation", `Counter ${counter.label} does not serve ${t.businessType}`);
      }
      return markCalledOutOfOrder(tx, hall, t, counter, actor, now);
    });
  return refusingBusyCounter(db, hall.id, counterId, call);
}

const selectTicketByIdForUpdate = statement("SELECT * FROM tickets WHERE id = $1 FOR NO KEY UPDATE");
const selectTicketForUpdate = statement(
  "SELECT * FROM tickets WHERE id = $1 AND hall_id = $2 FOR NO KEY UPDATE",
);

async function lockTicket(tx: DbOrTx, hallId: string, ticketId: string): Promise<TicketRow> {
  const [t] = await run(tx, selectTicketForUpdate, [ticketId, hallId]);
  if (!t) throw notFound("Ticket");
  return rowOf(tickets)(t);
}

export type ActionInput =
  | { action: "recall" | "no_show" | "cancel" }
  | StartOrFinish
  | { action: "return"; setback: number }
  | { action: "transfer"; businessType?: string; counterId?: string }
  | { action: "divert"; channel: string; accepted: boolean };

const eventFor: Record<TicketAction, Parameters<typeof publishEvent>[2]> = {
  call: "ticket.called",
  recall: "ticket.recalled",
  start: "ticket.started",
  finish: "ticket.finished",
  no_show: "ticket.no_show",
  return: "ticket.returned",
  cancel: "ticket.cancelled",
  transfer: "ticket.transferred",
  divert: "ticket.diverted",
};

/** Applies one transition of the ticket state machine in a transaction, with its history and event. */
export async function applyTicketAction(
  db: Db,
  hall: Hall,
  ticketId: string,
  input: ActionInput,
  actor: Actor,
  now = new Date(),
) {
  const oneStatement =
    input.action === "start" || input.action === "finish"
      ? { input, within: { hallId: hall.id, regionCode: null }, actorId: actor.userId }
      : undefined;
  return actOnTicket(
    db,
    ticketId,
    async (t) => {
      if (t.hallId !== hall.id) throw notFound("Ticket");
      return { hall, input, actor };
    },
    now,
    oneStatement,
  );
}

export type TicketScope = (
  t: TicketRow,
  tx: DbOrTx,
) => Promise<{ hall: Hall; input: ActionInput; actor: Actor }>;

/**
 * The same, for a caller that knows only the ticket's id: `scope` sees the locked ticket, checks the
 * caller may act in its hall (throwing 403 rolls everything back) and says what to do — one read fewer
 * than looking the ticket up first and locking it again.
 * `oneStatement` (start and finish, when the caller's scope is known): tried first as one statement
 * (startOrFinish in transitions.ts); when that changes nothing, the transaction below says why.
 */
export async function actOnTicket(
  db: Db,
  ticketId: string,
  scope: TicketScope,
  now = new Date(),
  oneStatement?: { input: StartOrFinish; within: Scope; actorId: string | null },
) {
  if (oneStatement) {
    const { input, within, actorId } = oneStatement;
    const done = await startOrFinish(db, ticketId, input, within, actorId, now);
    if (done) return done;
  }
  return withEvents(db, async (tx) => {
    const [row] = await run(tx, selectTicketByIdForUpdate, [ticketId]);
    if (!row) throw notFound("Ticket");
    const t = rowOf(tickets)(row);
    const { hall, input, actor } = await scope(t, tx);
    if (!canApply(input.action, t.status))
      throw illegalState("ticket", t.status, input.action.replace("_", "-"));
    const { changes, detail } = await changesFor(tx, hall, t, input, now);
    if (input.action === "divert" && !input.accepted) {
      // Offered but declined: recorded, the ticket keeps its place.
      return t;
    }
    const update = updateById(tx, tickets, t.id, { ...changes, status: ticketTransitions[input.action].to });
    // Only a ticket that leaves or joins the waiting line moves the peak ratio and the near-turn places.
    const movesQueue = t.status === "waiting" || ticketTransitions[input.action].to === "waiting";
    const state = movesQueue ? queueStateAfter(tx, hall) : null;
    const updated = (await update)!;
    await history(tx, updated, input.action, t.status, actor, detail);
    await publishEvent(tx, hall.id, eventFor[input.action], {
      ticket: presentTicket(updated),
      ...(t.counterNumber !== null ? { counter: { id: t.counterId, number: t.counterNumber } } : {}),
    });
    await visitNodesFor(tx, updated, input, actor);
    if (input.action === "finish" && updated.handlingSeconds! > updated.handlingLimitSeconds) {
      await recordBreach(
        tx,
        hall.id,
        updated,
        "handling",
        updated.handlingLimitSeconds,
        updated.handlingSeconds!,
      );
    }
    if (state) await afterQueueChange(tx, hall, state);
    return updated;
  });
}

async function changesFor(tx: DbOrTx, hall: Hall, t: TicketRow, input: ActionInput, now: Date) {
  const release = { counterId: null, counterNumber: null, staffId: null };
  switch (input.action) {
    case "recall":
      return { changes: { recallCount: t.recallCount + 1, calledAt: now } };
    case "start":
      return { changes: { startedAt: now } };
    case "finish": {
      const handlingSeconds = secondsBetween(t.startedAt ?? now, now);
      return {
        changes: {
          finishedAt: now,
          outcome: input.outcome,
          recommended: input.recommended ?? [],
          accepted: (input.accepted ?? []).filter((a) => (input.recommended ?? []).includes(a)),
          handlingSeconds,
          handlingBreached: t.handlingBreached || handlingSeconds > t.handlingLimitSeconds,
        },
      };
    }
    case "no_show":
      return { changes: { ...release } };
    case "cancel":
      return { changes: { ...release, finishedAt: now } };
    case "return": {
      return {
        changes: { queueAt: await returnQueueAt(tx, t, input.setback, now) },
        detail: `setback ${input.setback}`,
      };
    }
    case "transfer": {
      const businessType = input.businessType ?? t.businessType;
      if (input.businessType) {
        const bt = await getBusinessType(tx, input.businessType).catch(() => {
          throw new AppError("invalid_input", `Unknown business type ${input.businessType}`);
        });
        await checkBusinessAllowed(tx, hall, bt);
      }
      if (input.counterId) {
        const c = await getCounter(tx, hall.id, input.counterId);
        if (!c.businessTypes.includes(businessType)) {
          throw new AppError("rule_violation", `Counter ${c.label} does not serve ${businessType}`);
        }
      }
      // Keeps queue_at: the customer keeps the place earned by the original issue time.
      return {
        changes: { ...release, businessType, targetCounterId: input.counterId ?? null, startedAt: null },
        detail: `to ${businessType}${input.counterId ? ` at counter ${input.counterId}` : ""}`,
      };
    }
    case "divert": {
      await recordDiversion(tx, t, input.channel, input.accepted);
      return { changes: { divertChannel: input.channel, finishedAt: now }, detail: input.channel };
    }
  }
}

/** R-VISIT: the queue's own steps mark blueprint nodes Z5 (handling), Z6 (recommendation), Z7 (completion). */
async function visitNodesFor(tx: DbOrTx, t: TicketRow, input: ActionInput, actor: Actor) {
  const base = { visitId: t.visitId, hallId: t.hallId, ticketId: t.id, actorId: actor.userId };
  if (input.action === "start") await addVisitNode(tx, { ...base, node: "Z5" }, false);
  if (input.action === "finish") {
    if (input.recommended?.length)
      await addVisitNode(tx, { ...base, node: "Z6", note: input.recommended.join(",") }, false);
    await addVisitNode(tx, { ...base, node: "Z7", note: input.outcome }, false);
  }
}
