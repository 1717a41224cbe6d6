import { authorize, can, type Principal, type Scope, scopeOf, userOf } from "../../../core/access.js";
import { notFound } from "../../../core/errors.js";
import type { Hall } from "../../halls/contract.js";
import type { Caller } from "../data.js";
import type { TicketCapability } from "../rules.js";

// supervisor: a manager (counter.admin), who may act at a counter someone else holds (mayWorkCounter).
export type Actor = { userId: string | null; supervisor?: boolean };

/**
 * Who asks for a step on a ticket known only by its id, said once: the halls whose tickets the step's
 * statement may change (`scope`, null: none), and, for the diagnosis when it changed nothing, the
 * check that says why not (403) once the ticket's hall is known.
 */
export type TicketAccess = { scope: Scope | null; authorize(hall: Hall): void; actor: Actor };

/** Who reads a ticket: what they may see of it (presentForCaller). */
export const callerOf = (p: Principal): Caller => ({ may: (c) => can(p, c), userId: userOf(p) });

export const actorOf = (p: Principal): Actor => ({ userId: userOf(p), supervisor: can(p, "counter.admin") });

/** The access of a request's principal to a step that asks `capability` (rules.ts, ticketTransitions). */
export function accessOf(principal: Principal | undefined, capability: TicketCapability): TicketAccess {
  return {
    scope: principal && can(principal, capability) ? scopeOf(principal) : null,
    authorize: (hall) => void authorize(principal, capability, hall),
    actor: principal ? actorOf(principal) : { userId: null },
  };
}

/** A caller already allowed in `hall` (the simulation, tests): another hall's ticket is unknown to it. */
export const withinHall = (hall: Hall, actor: Actor): TicketAccess => ({
  scope: { hallId: hall.id, regionCode: null },
  authorize: (h) => {
    if (h.id !== hall.id) throw notFound("Ticket");
  },
  actor,
});
