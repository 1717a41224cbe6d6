import { ticketJsonSql } from "../data.js";
import { ticketTransitions } from "../rules.js";

// Pieces of the statements that make each queue step one statement (issue, call-next, call, start,
// finish in this folder): the step's history row, the ticket's event (presentTicket in SQL, held equal
// by data.test.ts), a breach (as recordBreach in effects.ts), seconds between instants (secondsBetween).
// `source` is the CTE that returns the changed ticket.

/** secondsBetween (rules.ts) in SQL: whole seconds from `from` to `to`, never below 0. */
export const secondsBetweenSql = (from: string, to: string) =>
  `greatest(0, round(extract(epoch FROM ${to} - ${from})))::int`;

/** The CTE `h` writing the step's history row for each ticket of `source`. */
export const historyCte = (
  source: string,
  action: string,
  from: string | null,
  actor: string,
  detail = "NULL::text",
) =>
  `h AS (INSERT INTO ticket_history (hall_id, ticket_id, action, from_status, to_status, counter_id, actor_id, detail)
     SELECT hall_id, id, '${action}', ${from === null ? "NULL" : `'${from}'`}, status, counter_id, ${actor}, ${detail}
     FROM ${source})`;

/**
 * Rows for eventsCte: the ticket's event `{ticket, …also}` (`also`, a jsonb expression, adds the counter
 * where the step names one), from `from` (the source, or the source joined to what `also` reads).
 */
export const ticketEventSql = (type: string, source: string, also = "'{}'::jsonb", from = source) =>
  `SELECT ${source}.hall_id, '${type}'::text AS type,
     jsonb_build_object('ticket', ${ticketJsonSql(source)}) || ${also} AS data, 0 AS ord FROM ${from}`;

/**
 * A breach of the ticket's `kind` limit when `over` holds: the CTE `b` (once per ticket and kind, as
 * recordBreach) and the rows of its `limit.breached` event, to follow the ticket's event in eventsCte.
 */
export function breachSql(source: string, kind: "wait" | "handling", over: string) {
  const limit = `${kind}_limit_seconds`;
  return {
    cte: `b AS (INSERT INTO breaches (hall_id, ticket_id, kind, limit_seconds)
       SELECT hall_id, id, '${kind}', ${limit} FROM ${source} WHERE ${over}
       ON CONFLICT DO NOTHING RETURNING ticket_id)`,
    events: `SELECT s.hall_id, 'limit.breached'::text, jsonb_build_object('kind', '${kind}', 'ticketId', s.id,
       'number', s.number, 'businessType', s.business_type, 'counterNumber', s.counter_number,
       'limitSeconds', s.${limit}, 'actualSeconds', s.${kind}_seconds), 1
     FROM ${source} s JOIN b ON b.ticket_id = s.id`,
  };
}

/** The counter that holds the ticket (`u`), in the event of a step at it: `{counter: {id, number}}`. */
export const heldCounterSql = `CASE WHEN u.counter_number IS NULL THEN '{}'::jsonb
  ELSE jsonb_build_object('counter', jsonb_build_object('id', u.counter_id, 'number', u.counter_number)) END`;

/** The counter `c` a ticket is called at, in the call's event. */
export const callingCounterSql =
  "jsonb_build_object('counter', jsonb_build_object('id', c.id, 'number', c.number, 'label', c.label))";

/** The wait, set at the first call from the ticket `t` as it was (a recall or a call after a no-show keeps it). */
export const waitAtCallSql = (now: string) => `CASE WHEN t.called_at IS NULL
  THEN ${secondsBetweenSql("t.issued_at", now)} ELSE t.wait_seconds END`;

/**
 * The WHERE of a counter's step on one ticket (`:ticketId`), start and finish: the ticket is in the
 * step's one starting state (rules.ts), in the caller's scope (`:hallId` or `:regionCode`, both null:
 * any hall), and at no counter someone other than `:actorId` holds, unless `:supervisor` (a manager).
 */
export const counterStepGuard = (action: "start" | "finish") => {
  // The statements name the one state each step starts from; more would need ANY(…).
  if (ticketTransitions[action].from.length !== 1) throw new Error(`${action} starts from one state here`);
  const [from] = ticketTransitions[action].from;
  return `id = :ticketId::uuid AND status = '${from}'
    AND (:hallId::uuid IS NULL OR hall_id = :hallId::uuid)
    AND (:regionCode::text IS NULL OR hall_id IN (SELECT id FROM halls WHERE region_code = :regionCode::text))
    AND (:supervisor::boolean OR counter_id IS NULL OR NOT EXISTS (SELECT 1 FROM counters h
      WHERE h.id = tickets.counter_id AND h.staff_id IS NOT NULL AND h.staff_id IS DISTINCT FROM :actorId::uuid))`;
};
