import { coversHall, mustBelong, type Principal, referenced } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { findHall } from "../halls/data.js";
import type { Place } from "../halls/place.js";
import { findTicket } from "../queue/data.js";
import type { CreateComplaintInput } from "./contract.js";
import { findComplaint } from "./data.js";

/** A hall named in a query: unknown or outside the caller's scope is a 404, not an empty list. */
export async function hallInScope(db: DbOrTx, p: Principal, hallId: string) {
  return referenced(
    "Hall",
    () => findHall(db, hallId),
    (h) => coversHall(p, h),
  );
}

/**
 * The records a new complaint names: the customer's ticket must be one the caller may see (else 404)
 * and of the complaint's own hall (else 422); an appeal's earlier complaint one the caller may see and
 * of the same customer (the same phone).
 */
export async function checkComplaintReferences(
  db: DbOrTx,
  p: Principal,
  where: Place,
  input: Pick<CreateComplaintInput, "ticketId" | "appeal" | "customer">,
) {
  if (input.ticketId) {
    const id = input.ticketId;
    const ticket = await referenced("Ticket", async () => {
      const t = await findTicket(db, id);
      const hall = await findHall(db, t.hallId);
      return hall && coversHall(p, hall) ? t : null;
    });
    mustBelong(ticket.hallId === where.hallId, "The ticket is from another hall than the complaint", {
      ticketId: id,
    });
  }
  const priorId = input.appeal?.priorComplaintId;
  if (priorId) {
    const prior = await referenced(
      "Complaint",
      () => findComplaint(db, priorId),
      (c) => coversHall(p, { id: c.hallId ?? "", regionCode: c.regionCode }),
    );
    mustBelong(prior.customerPhone === input.customer.phone, "The earlier complaint is another customer's", {
      priorComplaintId: priorId,
    });
  }
}
