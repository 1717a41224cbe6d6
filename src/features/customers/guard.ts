import type { Capability, Principal } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { type CustomerRow, findCustomer } from "./data.js";
import { authorizeField, type FieldScope } from "./scope.js";

/** The first lines of a route on one customer: load it, then check capability and region. */
export async function guardCustomer(
  db: DbOrTx,
  principal: Principal | undefined,
  capability: Capability,
  customerId: string,
): Promise<{ scope: FieldScope; customer: CustomerRow }> {
  authorizeField(principal, capability);
  const customer = await findCustomer(db, customerId);
  return { scope: authorizeField(principal, capability, customer.regionCode), customer };
}

/** Who did it: the signed-in field person (the visitor, the greeter), never a device. */
export const actorOf = (scope: FieldScope) => scope.userId;
