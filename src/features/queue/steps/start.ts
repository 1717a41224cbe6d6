import type { Db } from "../../../core/db.js";
import { announceCommitted, eventsCte } from "../../../core/events/write.js";
import { rowOf, run } from "../../../core/statements.js";
import type { TicketRow } from "../data.js";
import { ticketTransitions } from "../rules.js";
import { tickets } from "../tables.js";
import type { TicketAccess } from "./access.js";
import { named } from "./named.js";
import { counterStepGuard, heldCounterSql, historyCte, ticketEventSql } from "./parts.js";
import { stepOnTicket } from "./refusal.js";

// start — the counter begins serving a called ticket — in one statement, with no transaction around
// it: the guarded change of the ticket, its history row, its blueprint node (Z5) and its event. One
// statement is one write to PostgreSQL and one commit; on this machine each write costs more than the
// statement (bench/README.md). Whoever starts is credited with the service (staff_id).

export type StartParams = {
  ticketId: string;
  hallId: string | null;
  regionCode: string | null;
  now: Date;
  actorId: string | null;
  supervisor: boolean;
};

export const startStatement = named<StartParams>(
  `WITH u AS (
     UPDATE tickets SET status = '${ticketTransitions.start.to}', started_at = :now::timestamptz,
       staff_id = coalesce(:actorId::uuid, staff_id)
     WHERE ${counterStepGuard("start")} RETURNING *),
   ${historyCte("u", "start", ticketTransitions.start.from[0], ":actorId::uuid")},
   v AS (INSERT INTO visit_nodes (visit_id, hall_id, node, ticket_id, actor_id)
     SELECT visit_id, hall_id, 'Z5', id, :actorId::uuid FROM u),
   ${eventsCte(ticketEventSql("ticket.started", "u", heldCounterSql))}
   SELECT * FROM u`,
);

/** R-CALL: the counter starts serving the ticket it called; 404, 403 or 409 when it may not. */
export async function startTicket(
  db: Db,
  ticketId: string,
  access: TicketAccess,
  now = new Date(),
): Promise<TicketRow> {
  const { userId, supervisor } = access.actor;
  return stepOnTicket(db, ticketId, "start", access, async (scope) => {
    const params = { ticketId, ...scope, now, actorId: userId, supervisor: supervisor === true };
    const [row] = await run(db, startStatement, startStatement.values(params));
    if (!row) return null;
    const t = rowOf(tickets)(row);
    await announceCommitted(db, [t.hallId]);
    return t;
  });
}
