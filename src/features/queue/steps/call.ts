import type { Db } from "../../../core/db.js";
import { AppError, notFound } from "../../../core/errors.js";
import { run } from "../../../core/statements.js";
import type { Hall } from "../../halls/contract.js";
import { findTicket } from "../data.js";
import { nearTurnOf } from "../mutations/effects.js";
import { ticketTransitions } from "../rules.js";
import type { Actor } from "./access.js";
import {
  afterCall,
  type CallNextParams,
  type CallRow,
  callingCounterCte,
  callSql,
  counterRefusal,
  mayCallAtSql,
  refusingBusyCounter,
} from "./call-next.js";
import { named } from "./named.js";
import { ticketRefused } from "./refusal.js";

// A counter calls one particular waiting ticket out of its turn (recorded as such): call-next's
// statement (call-next.ts) with the ticket named instead of chosen. The ticket is locked (waiting, if
// need be, for a step on it to end; the lock then reads the ticket as it is now).

export type CallParams = Omit<CallNextParams, "vipWaitSeconds" | "expressTypes"> & { ticketId: string };

export const callStatement = named<CallParams>(
  `WITH ${callingCounterCte},
   n AS (
     SELECT id, called_at AS prev_called_at FROM tickets
     WHERE id = :ticketId::uuid AND hall_id = :hallId::uuid AND status = '${ticketTransitions.call.from[0]}'
       AND business_type = ANY(${mayCallAtSql})
     FOR NO KEY UPDATE),
   ${callSql(true)}`,
);

/** Calls one waiting ticket at a counter out of order; 404, 409 or 422 say why not. */
export async function callTicket(
  db: Db,
  hall: Hall,
  counterId: string,
  ticketId: string,
  actor: Actor,
  now = new Date(),
) {
  const params = {
    hallId: hall.id,
    counterId,
    ticketId,
    actorId: actor.userId,
    now,
    nearTurn: nearTurnOf(hall),
  };
  const values = callStatement.values({ ...params, supervisor: actor.supervisor === true });
  const [row] = await refusingBusyCounter(db, hall.id, counterId, () =>
    run<CallRow>(db, callStatement, values),
  );
  if (row.id !== null) return afterCall(db, hall, row);
  // Nothing changed: the counter's refusals first (as the locks are taken), then the ticket's.
  const refused = await counterRefusal(db, counterId, row, actor);
  if (refused) throw refused;
  const t = await findTicket(db, ticketId);
  if (t.hallId !== hall.id) throw notFound("Ticket");
  if (t.status !== ticketTransitions.call.from[0]) throw ticketRefused("call", t.status);
  if (!row.counter_business_types?.includes(t.businessType))
    throw new AppError("rule_violation", `Counter ${row.counter_label} does not serve ${t.businessType}`);
  throw new AppError("conflict", "The ticket changed while it was being called; try again");
}
