import type { Scope } from "../../core/access.js";
import type { Db } from "../../core/db.js";
import { announceCommitted, eventsCte } from "../../core/events.js";
import { rowOf, run, statement } from "../../core/statements.js";
import type { TicketRow } from "./data.js";
import { ticketTransitions } from "./rules.js";
import { breachSql, historyCte, secondsBetweenSql, ticketEventSql } from "./step-sql.js";
import { tickets } from "./tables.js";

// start and finish — a counter's two steps in every service — each in one statement, with no
// transaction around it: the guarded change of the ticket, its history row, its blueprint nodes (Z5;
// Z6, Z7), a too-long handling's breach and the hall's events (built by ticketJsonSql). One statement
// is one write to PostgreSQL and one commit; on this machine each write costs more than the statement
// (bench/README.md), and these two steps were half of a lifecycle's writes.
//
// The statement changes nothing unless the ticket is in the step's starting state and in the caller's
// scope; then it answers no row, and actOnTicket, which tried it first, goes on with its transaction:
// it reads the ticket and says why — 404, 403 or 409 — or makes the change if the ticket moved on.

export type StartOrFinish =
  | { action: "start" }
  | { action: "finish"; outcome: string; recommended?: string[]; accepted?: string[] };

// $1 ticket, $2 hall or null, $3 region or null (both null: any hall), $4 now, $5 actor.
const guard = (action: "start" | "finish") => {
  // The statements below name the one state each step starts from (rules.ts); more would need ANY(…).
  if (ticketTransitions[action].from.length !== 1) throw new Error(`${action} starts from one state here`);
  const [from] = ticketTransitions[action].from;
  return `id = $1 AND status = '${from}'
    AND ($2::uuid IS NULL OR hall_id = $2::uuid)
    AND ($3::text IS NULL OR hall_id IN (SELECT id FROM halls WHERE region_code = $3::text))`;
};

// The counter that holds the ticket, in its event as actOnTicket writes it.
const heldCounter = `CASE WHEN u.counter_number IS NULL THEN '{}'::jsonb
  ELSE jsonb_build_object('counter', jsonb_build_object('id', u.counter_id, 'number', u.counter_number)) END`;

const startTicket = statement(
  `WITH u AS (
     UPDATE tickets SET status = '${ticketTransitions.start.to}', started_at = $4::timestamptz
     WHERE ${guard("start")} RETURNING *),
   ${historyCte("u", "start", ticketTransitions.start.from[0], "$5::uuid")},
   v AS (INSERT INTO visit_nodes (visit_id, hall_id, node, ticket_id, actor_id)
     SELECT visit_id, hall_id, 'Z5', id, $5::uuid FROM u),
   ${eventsCte(ticketEventSql("ticket.started", "u", heldCounter))}
   SELECT * FROM u`,
);

// The handling time, from the old started_at (as SET reads it).
const handlingSeconds = secondsBetweenSql("coalesce(started_at, $4::timestamptz)", "$4::timestamptz");
const handlingBreach = breachSql("u", "handling", "handling_seconds > handling_limit_seconds");

// $6 outcome, $7 recommended, $8 accepted (only what was recommended).
const finishTicket = statement(
  `WITH u AS (
     UPDATE tickets SET status = '${ticketTransitions.finish.to}', finished_at = $4::timestamptz, outcome = $6::text,
       recommended = $7::text[], accepted = $8::text[], handling_seconds = ${handlingSeconds},
       handling_breached = handling_breached OR ${handlingSeconds} > handling_limit_seconds
     WHERE ${guard("finish")} RETURNING *),
   ${historyCte("u", "finish", ticketTransitions.finish.from[0], "$5::uuid")},
   v AS (INSERT INTO visit_nodes (visit_id, hall_id, node, ticket_id, actor_id, note)
     SELECT visit_id, hall_id, 'Z6', id, $5::uuid, array_to_string($7::text[], ',') FROM u
       WHERE cardinality($7::text[]) > 0
     UNION ALL SELECT visit_id, hall_id, 'Z7', id, $5::uuid, $6::text FROM u),
   ${handlingBreach.cte},
   ${eventsCte(`${ticketEventSql("ticket.finished", "u", heldCounter)} UNION ALL ${handlingBreach.events}`)}
   SELECT * FROM u`,
);

/**
 * Starts or finishes a ticket in one statement, within `scope`; null when that changed nothing (the
 * ticket is unknown, elsewhere, or not in the step's starting state).
 */
export async function startOrFinish(
  db: Db,
  ticketId: string,
  input: StartOrFinish,
  scope: Scope,
  actorId: string | null,
  now = new Date(),
): Promise<TicketRow | null> {
  const common = [ticketId, scope.hallId, scope.regionCode, now, actorId];
  const rows =
    input.action === "start"
      ? await run(db, startTicket, common)
      : await run(db, finishTicket, [
          ...common,
          input.outcome,
          input.recommended ?? [],
          (input.accepted ?? []).filter((a) => (input.recommended ?? []).includes(a)),
        ]);
  if (!rows.length) return null;
  const t = rowOf(tickets)(rows[0]);
  await announceCommitted(db, [t.hallId]);
  return t;
}
