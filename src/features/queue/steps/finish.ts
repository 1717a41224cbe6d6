import type { Db } from "../../../core/db.js";
import { announceCommitted, eventsCte } from "../../../core/events/write.js";
import { rowOf, run } from "../../../core/statements.js";
import { newRatingLink, type RatingLinkParams, ratingLinkCtes } from "../../quality/steps/rating-link.js";
import type { TicketRow } from "../data.js";
import { ticketTransitions } from "../rules.js";
import { tickets } from "../tables.js";
import type { TicketAccess } from "./access.js";
import { named } from "./named.js";
import {
  breachSql,
  counterStepGuard,
  heldCounterSql,
  historyCte,
  secondsBetweenSql,
  ticketEventSql,
} from "./parts.js";
import { stepOnTicket } from "./refusal.js";

// finish — the end of a service — in one statement, as start (start.ts): the guarded change with the
// outcome and the handling time, its history row, the blueprint nodes Z6 (recommendations, when any)
// and Z7, a too-long handling's breach (R-TIME), the rating link and its SMS when the customer left a
// phone number (R-EVAL, the quality feature's CTEs) and the hall's events.

export type FinishInput = { outcome: string; recommended?: string[]; accepted?: string[] };

export type FinishParams = RatingLinkParams & {
  ticketId: string;
  hallId: string | null;
  regionCode: string | null;
  now: Date;
  actorId: string | null;
  supervisor: boolean;
  outcome: string;
  recommended: string[];
  /** Only what was recommended. */
  accepted: string[];
};

// The handling time, from the old started_at (as SET reads it).
const handlingSeconds = secondsBetweenSql("coalesce(started_at, :now::timestamptz)", ":now::timestamptz");
const handlingBreach = breachSql("u", "handling", "handling_seconds > handling_limit_seconds");

export const finishStatement = named<FinishParams>(
  `WITH u AS (
     UPDATE tickets SET status = '${ticketTransitions.finish.to}', finished_at = :now::timestamptz,
       outcome = :outcome::text, recommended = :recommended::text[], accepted = :accepted::text[],
       handling_seconds = ${handlingSeconds}, staff_id = coalesce(:actorId::uuid, staff_id),
       handling_breached = handling_breached OR ${handlingSeconds} > handling_limit_seconds
     WHERE ${counterStepGuard("finish")} RETURNING *),
   ${historyCte("u", "finish", ticketTransitions.finish.from[0], ":actorId::uuid")},
   v AS (INSERT INTO visit_nodes (visit_id, hall_id, node, ticket_id, actor_id, note)
     SELECT visit_id, hall_id, 'Z6', id, :actorId::uuid, array_to_string(:recommended::text[], ',') FROM u
       WHERE cardinality(:recommended::text[]) > 0
     UNION ALL SELECT visit_id, hall_id, 'Z7', id, :actorId::uuid, :outcome::text FROM u),
   ${handlingBreach.cte},
   ${ratingLinkCtes("u")},
   ${eventsCte(`${ticketEventSql("ticket.finished", "u", heldCounterSql)} UNION ALL ${handlingBreach.events}`)}
   SELECT * FROM u`,
);

/**
 * R-CALL: the counter finishes the service it started; 404, 403 or 409 when it may not. `publicUrl` is
 * where the customer's rating link points (TINGWU_PUBLIC_URL).
 */
export async function finishTicket(
  db: Db,
  ticketId: string,
  input: FinishInput,
  access: TicketAccess,
  now = new Date(),
  publicUrl = "http://localhost:3000",
): Promise<TicketRow> {
  const { userId, supervisor } = access.actor;
  const recommended = input.recommended ?? [];
  const accepted = (input.accepted ?? []).filter((a) => recommended.includes(a));
  const link = newRatingLink(publicUrl);
  return stepOnTicket(db, ticketId, "finish", access, async (scope) => {
    const params = {
      ...{ ratingTokenHash: link.tokenHash, ratingUrl: link.url },
      ...{ ticketId, ...scope, now, actorId: userId, supervisor: supervisor === true },
      ...{ outcome: input.outcome, recommended, accepted },
    };
    const [row] = await run(db, finishStatement, finishStatement.values(params));
    if (!row) return null;
    const t = rowOf(tickets)(row);
    await announceCommitted(db, [t.hallId]);
    return t;
  });
}
