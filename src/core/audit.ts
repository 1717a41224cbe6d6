import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "./db.js";
import { auditLog } from "./tables.js";

// R-PRIVACY: every unmasking of a customer's phone or ID number is an act on record, with the reason the
// person gave; every read of a customer record (a complaint, a fault, a field customer) too.

/** The query every unmasking asks: why the full number is needed (客户回访, 核实身份 …). */
export const unmaskQuery = z.object({
  reason: z.string().trim().min(2, "say why the full number is needed").max(200),
});

export async function logUnmask(
  db: DbOrTx,
  actorId: string | null,
  subjectType: string,
  subjectId: string,
  hallId: string | null,
  reason: string,
) {
  await db
    .insert(auditLog)
    .values({ actorId, action: "unmask_phone", subjectType, subjectId, hallId, reason });
}

/** A customer record was read (its detail, masked): who and when. */
export async function logRead(
  db: DbOrTx,
  actorId: string | null,
  subjectType: string,
  subjectId: string,
  hallId: string | null,
) {
  await db.insert(auditLog).values({ actorId, action: "read", subjectType, subjectId, hallId });
}

/** An act on accounts on record: a sign-in lock and who lifted it (never a password or a token). */
export async function recordAudit(
  db: DbOrTx,
  entry: {
    actorId: string | null;
    action: string;
    subjectType: string;
    subjectId: string;
    /** What changed, in words (a settings change: "greetingLimitSeconds: 60 → 90"). */
    reason?: string;
    hallId?: string | null;
  },
) {
  await db.insert(auditLog).values({ ...entry, hallId: entry.hallId ?? null });
}

export type AuditFilter = {
  from: Date;
  to: Date;
  actorId?: string;
  action?: string;
  subjectType?: string;
  hallId?: string;
  /** Rows older than this id (keyset: ids grow with time). */
  before?: number;
};

/** The audit log newest first, filtered, one page (audit_log_at_idx walks the range). */
export async function listAudit(db: DbOrTx, f: AuditFilter, limit: number) {
  const where: (SQL | undefined)[] = [
    gte(auditLog.at, f.from),
    lt(auditLog.at, f.to),
    f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.subjectType ? eq(auditLog.subjectType, f.subjectType) : undefined,
    f.hallId ? eq(auditLog.hallId, f.hallId) : undefined,
    f.before !== undefined ? lt(auditLog.id, f.before) : undefined,
  ];
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
