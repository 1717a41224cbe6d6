import { and, eq, inArray } from "drizzle-orm";
import type { Scope } from "../../../core/access.js";
import type { Db, DbOrTx } from "../../../core/db.js";
import { AppError } from "../../../core/errors.js";
import type { Counter } from "../../halls/contract.js";
import { checkHolder } from "../../halls/data/holders.js";
import { getCounter, getHall } from "../../halls/data.js";
import { findTicket } from "../data.js";
import { actionPath, canApply, refusalCode, type TicketAction, ticketTransitions } from "../rules.js";
import { tickets } from "../tables.js";
import type { TicketAccess } from "./access.js";

// A step is its statement alone: it changes the ticket or changes nothing. When it changed nothing,
// these read-only checks say why — the ticket is unknown (404), not the caller's (403), or in a state
// or at a counter the step refuses (409, with the code naming which) — and write nothing.

/** 409: the ticket's state refuses the step; the code names the state it needs. */
export const ticketRefused = (action: TicketAction, status: string) =>
  new AppError(refusalCode(action), `Cannot ${actionPath(action)} a ticket that is ${status}`, {
    state: status,
  });

/** 409 counter_busy naming the ticket a counter still has, if it has one. */
export async function counterBusy(db: DbOrTx, counter: Pick<Counter, "id" | "label">) {
  const [busy] = await db
    .select({ number: tickets.number, status: tickets.status })
    .from(tickets)
    .where(and(eq(tickets.counterId, counter.id), inArray(tickets.status, ["called", "serving"])))
    .limit(1);
  return busy
    ? new AppError(
        "counter_busy",
        `Counter ${counter.label} still has ${busy.number} (${busy.status}); finish it or mark it a no-show first`,
        { state: "busy", ticket: busy.number },
      )
    : null;
}

/** Throws why a step on a ticket was refused; returns when nothing refuses it now (it moved on since). */
async function explain(db: Db, ticketId: string, action: TicketAction, access: TicketAccess) {
  const t = await findTicket(db, ticketId);
  const hall = await getHall(db, t.hallId);
  access.authorize(hall);
  if (!canApply(action, t.status)) throw ticketRefused(action, t.status);
  if (ticketTransitions[action].capability === "counter.operate" && t.counterId)
    await checkHolder(db, await getCounter(db, hall.id, t.counterId), access.actor);
}

/**
 * Runs a step's statement (`attempt`, within the caller's scope; answering null when it changed
 * nothing) and, when it changed nothing, the diagnosis. A ticket that nothing refuses by then has
 * moved on between the two (a recall, a takeover undone): the statement is tried once more.
 */
export async function stepOnTicket<T>(
  db: Db,
  ticketId: string,
  action: TicketAction,
  access: TicketAccess,
  attempt: (scope: Scope) => Promise<T | null>,
): Promise<T> {
  for (let tries = 0; tries < 2; tries++) {
    if (access.scope) {
      const done = await attempt(access.scope);
      if (done !== null) return done;
    }
    await explain(db, ticketId, action, access);
  }
  throw new AppError("conflict", "The ticket changed while this step ran; try again");
}
