import type { DbOrTx } from "./db.js";
import { auditLog } from "./tables.js";

// R-PRIVACY: every unmasking of a customer's phone or ID number is an act on record.
export async function logUnmask(
  db: DbOrTx,
  actorId: string | null,
  subjectType: string,
  subjectId: string,
  hallId: string | null,
) {
  await db.insert(auditLog).values({ actorId, action: "unmask_phone", subjectType, subjectId, hallId });
}
