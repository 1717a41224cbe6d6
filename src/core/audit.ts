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

/** An act on accounts on record: a sign-in lock and who lifted it (never a password or a token). */
export async function recordAudit(
  db: DbOrTx,
  entry: { actorId: string | null; action: string; subjectType: string; subjectId: string },
) {
  await db.insert(auditLog).values({ ...entry, hallId: null });
}
