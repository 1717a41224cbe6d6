import { arrayLiteral, type Db, isUniqueViolation } from "../../../core/db.js";
import { AppError, notFound } from "../../../core/errors.js";
import { announceCommitted, eventsCte, withEvents } from "../../../core/events/write.js";
import { rowOf, run } from "../../../core/statements.js";
import type { Hall } from "../../halls/contract.js";
import { counterHeld } from "../../halls/data/holders.js";
import { getCounter, lockedCounterSql, openVipCounterSql } from "../../halls/data.js";
import { awayError } from "../../halls/mutations/away.js";
import { mayWorkCounter } from "../../halls/rules.js";
import type { TicketRow } from "../data.js";
import {
  afterQueueChange,
  nearTurnOf,
  owesEffects,
  type QueueState,
  queueStateSql,
} from "../mutations/effects.js";
import { expressTypesOf, ticketTransitions, vipWaitBeforeRegularOf } from "../rules.js";
import { tickets } from "../tables.js";
import type { Actor } from "./access.js";
import { named } from "./named.js";
import { breachSql, callingCounterSql, historyCte, ticketEventSql, waitAtCallSql } from "./parts.js";
import { counterBusy } from "./refusal.js";

// The whole call in one statement. The counter is locked first (one call at a time per counter); then
// the next ticket it may serve — VIP first, then by place in line, only its business types and tickets
// sent to it; at a regular counter a VIP only once they have waited vipWaitBeforeRegularSeconds or no VIP
// counter (贵宾窗口) is open, so the VIP zone serves its own; at an express counter (快速通道) the hall's quick
// business types before the rest — is taken and marked called, with its wait, history row, a first call's wait breach and
// the events; and where the queue stands is read in the same statement, leaving out the ticket taken
// (its snapshot still sees it waiting). NO KEY UPDATE, not UPDATE: rows that reference the ticket
// (notices, history, breaches) take KEY SHARE on it, which must neither wait behind this lock nor make
// call-next skip the ticket. A row with no ticket says why: no such counter, a closed one, one held by
// someone else (who alone calls there), or nothing waits that it may serve.

export type CallNextParams = {
  hallId: string;
  counterId: string;
  actorId: string | null;
  now: Date;
  /** Near-turn places (R-NOTIFY), for the queue state read with the call. */
  nearTurn: number;
  /** The actor may call at a counter someone else holds (a manager). */
  supervisor: boolean;
  /** How long a VIP waits for a VIP counter before a regular counter may call them (R-CALL). */
  vipWaitSeconds: number;
  /** The hall's quick business types (an array literal), which an express counter (快速通道) calls first. */
  expressTypes: string;
};

/** The counter's columns every call answers, with the queue state; the ticket's columns when one was called. */
export type CallRow = Record<string, unknown> &
  QueueState & {
    id: string | null;
    counter_status: string | null;
    counter_label: string | null;
    counter_staff_id: string | null;
    counter_business_types: string[] | null;
    counter_away: boolean | null;
    counter_away_reason: string | null;
  };

const wait = waitAtCallSql(":now::timestamptz");
/** Shared by call-next and call: the ticket `n` marked called at the counter `c`, and what that writes. */
export const callSql = (outOfOrder: boolean) => {
  const waitBreach = breachSql("u", "wait", "prev_called_at IS NULL AND wait_seconds > wait_limit_seconds");
  const detail = outOfOrder ? "'called out of order'::text" : "NULL::text";
  return `u AS (
     UPDATE tickets t SET status = '${ticketTransitions.call.to}', counter_id = :counterId::uuid,
       counter_number = c.number, staff_id = :actorId::uuid, called_at = :now::timestamptz,
       target_counter_id = NULL, wait_seconds = ${wait},
       wait_breached = t.wait_breached OR coalesce(${wait}, 0) > t.wait_limit_seconds${outOfOrder ? ", called_out_of_order = true" : ""}
     FROM c, n WHERE t.id = n.id
     RETURNING t.*, n.prev_called_at),
   ${historyCte("u", "call", ticketTransitions.call.from[0], ":actorId::uuid", detail)},
   ${waitBreach.cte},
   ${eventsCte(`${ticketEventSql("ticket.called", "u", callingCounterSql, "u, c")} UNION ALL ${waitBreach.events}`)}
   SELECT c.status AS counter_status, c.label AS counter_label, c.staff_id AS counter_staff_id,
     c.away_reason AS counter_away_reason, c.away_since IS NOT NULL AS counter_away,
     c.business_types AS counter_business_types, u.*,
     ${queueStateSql(":hallId::uuid", ":nearTurn::int", "(SELECT id FROM n)")}
   FROM (SELECT 1) one LEFT JOIN c ON true LEFT JOIN u ON true`;
};

/** The counter `c`, locked, and whether the actor may call there (open, and theirs or a manager's). */
export const callingCounterCte = `c AS (${lockedCounterSql(":hallId::uuid", ":counterId::uuid")})`;
export const mayCallAtSql = `(SELECT business_types FROM c WHERE status = 'open' AND away_since IS NULL
  AND (:supervisor::boolean OR staff_id IS NULL OR staff_id = :actorId::uuid))::text[]`;

export const callNextStatement = named<CallNextParams>(
  `WITH ${callingCounterCte},
   n AS (
     SELECT id, called_at AS prev_called_at FROM tickets
     WHERE hall_id = :hallId::uuid AND status = '${ticketTransitions.call.from[0]}'
       AND business_type = ANY(${mayCallAtSql})
       AND (target_counter_id IS NULL OR target_counter_id = :counterId::uuid)
       AND (NOT vip OR (SELECT vip FROM c) OR NOT ${openVipCounterSql(":hallId::uuid")}
         OR queue_at <= :now::timestamptz - make_interval(secs => :vipWaitSeconds::int))
     ORDER BY vip DESC, ((SELECT express FROM c) AND business_type = ANY(:expressTypes::text[])) DESC,
       queue_at, id LIMIT 1
     FOR NO KEY UPDATE SKIP LOCKED),
   ${callSql(false)}`,
);

/**
 * The refusals of a call the counter's columns tell (404, counter_closed, counter_held); a counter
 * still holding a ticket refuses every call (the unique index tickets_counter_active_uq): counter_busy.
 */
export async function counterRefusal(db: Db, counterId: string, row: CallRow, actor: Actor) {
  if (row.counter_status === null) return notFound("Counter");
  if (row.counter_status !== "open")
    return new AppError("counter_closed", `Counter ${row.counter_label} is closed`, { state: "closed" });
  if (!mayWorkCounter(row.counter_staff_id, actor))
    return counterHeld(db, { id: counterId, label: row.counter_label!, staffId: row.counter_staff_id });
  if (row.counter_away) return awayError(row.counter_label!, row.counter_away_reason);
  return counterBusy(db, { id: counterId, label: row.counter_label! });
}

/** A call whose write the unique index refused: counter_busy, worked out only then, not before each call. */
export async function refusingBusyCounter<T>(
  db: Db,
  hallId: string,
  counterId: string,
  call: () => Promise<T>,
) {
  try {
    return await call();
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const busy = await counterBusy(db, await getCounter(db, hallId, counterId));
    throw busy ?? e;
  }
}

/** After a call: this instance's screens are told, and the queue's effects, when it owes any, run. */
export async function afterCall(db: Db, hall: Hall, row: CallRow): Promise<TicketRow> {
  await announceCommitted(db, [hall.id]);
  if (owesEffects(hall, row)) await withEvents(db, (work) => afterQueueChange(work, hall));
  return rowOf(tickets)(row);
}

/**
 * R-CALL: the next ticket this counter may serve — VIP first, then by place in line, only its business
 * types; null when nothing waits for it. SKIP LOCKED lets twenty counters call at once without two of
 * them getting the same ticket.
 */
export async function callNext(db: Db, hall: Hall, counterId: string, actor: Actor, now = new Date()) {
  const params = { hallId: hall.id, counterId, actorId: actor.userId, now, nearTurn: nearTurnOf(hall) };
  const values = callNextStatement.values({
    ...params,
    supervisor: actor.supervisor === true,
    vipWaitSeconds: vipWaitBeforeRegularOf(hall),
    expressTypes: arrayLiteral(expressTypesOf(hall)),
  });
  const [row] = await refusingBusyCounter(db, hall.id, counterId, () =>
    run<CallRow>(db, callNextStatement, values),
  );
  if (row.id !== null) return afterCall(db, hall, row);
  const refused = await counterRefusal(db, counterId, row, actor);
  if (refused) throw refused;
  return null;
}
