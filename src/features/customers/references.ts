import { mustBelong, referenced } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { forbidden } from "../../core/errors.js";
import { findPlan, findVisitRecord } from "../field-visits/data.js";
import { findUser } from "../users/data.js";
import { type CustomerRow, findCustomer } from "./data.js";
import { covers, type FieldScope } from "./scope.js";

// Ids a field request names in its body or query. A record outside the caller's region is answered as
// unknown (404); one that exists but belongs elsewhere (another customer's visit, an agent of another
// area) is a 422. The route's own customer (the path) is guarded by guard.ts instead.

const FIELD_ROLES = ["rural_agent", "area_manager"];

/** A customer's responsible agent (代理人员): an active rural agent or area manager of its area. */
export async function checkAgent(db: DbOrTx, agentId: string, regionCode: string) {
  const u = await referenced(
    "Agent",
    () => findUser(db, agentId),
    (x) => x.active,
  );
  mustBelong(
    FIELD_ROLES.includes(u.role) && u.regionCode === regionCode,
    "The agent must be a rural agent or area manager of the customer's area",
    { agentId },
  );
}

/** A customer's manager: an active area manager (片区经理) of its area. */
export async function checkManager(db: DbOrTx, managerId: string, regionCode: string) {
  const u = await referenced(
    "Manager",
    () => findUser(db, managerId),
    (x) => x.active,
  );
  mustBelong(
    u.role === "area_manager" && u.regionCode === regionCode,
    "The manager must be an area manager of the customer's area",
    { managerId },
  );
}

/** An agent a query filters by: a field person of a region the caller sees (else 404). */
export async function agentInScope(db: DbOrTx, scope: FieldScope, agentId: string | undefined) {
  if (!agentId) return;
  await referenced(
    "Agent",
    () => findUser(db, agentId),
    (u) => FIELD_ROLES.includes(u.role) && u.regionCode !== null && covers(scope, u.regionCode),
  );
}

/**
 * Whose day (my-day, greetings due) a request asks for: an agent's own, always; naming another agent is
 * refused rather than quietly answered with their own. A manager names any agent they see, or none.
 */
export async function dayAgent(db: DbOrTx, scope: FieldScope, agentId: string | undefined) {
  if (scope.role === "rural_agent") {
    if (agentId && agentId !== scope.userId) throw forbidden("An agent sees their own day only");
    return scope.userId ?? undefined;
  }
  await agentInScope(db, scope, agentId);
  return agentId;
}

/** A customer named in a body or query: unknown or of another region is a 404. */
export async function customerInScope(db: DbOrTx, scope: FieldScope, customerId: string) {
  return referenced(
    "Customer",
    () => findCustomer(db, customerId),
    (c) => covers(scope, c.regionCode),
  );
}

/** The visit an opportunity came from: seen by the caller (404) and the same customer's (422). */
export async function checkVisitOf(
  db: DbOrTx,
  scope: FieldScope,
  visitRecordId: string,
  customer: CustomerRow,
) {
  const r = await referenced(
    "Visit record",
    () => findVisitRecord(db, visitRecordId),
    (x) => covers(scope, x.regionCode),
  );
  mustBelong(r.customerId === customer.id, "The visit is another customer's", { visitRecordId });
}

/** The appointment a visit record fulfils: seen by the caller (404) and the same customer's (422). */
export async function checkPlanOf(db: DbOrTx, scope: FieldScope, planId: string, customer: CustomerRow) {
  const plan = await referenced(
    "Visit plan",
    () => findPlan(db, planId),
    (x) => covers(scope, x.regionCode),
  );
  mustBelong(plan.customerId === customer.id, "The plan is for another customer", { planId });
}
