import { ticketJsonSql } from "./data.js";

// Pieces of the statements that make a queue step in one statement — issue and call-next
// (mutations.ts), start and finish (transitions.ts) — each the SQL twin of what a withEvents
// transaction does in TypeScript: history (`history` in mutations.ts), the ticket's event
// (presentTicket), a breach (recordBreach in effects.ts), seconds between instants (secondsBetween).
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
  `h AS (INSERT INTO ticket_history (ticket_id, action, from_status, to_status, counter_id, actor_id, detail)
     SELECT id, '${action}', ${from === null ? "NULL" : `'${from}'`}, status, counter_id, ${actor}, ${detail}
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
