import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { type CertThresholds, DEFAULT_CERT } from "../cert-rules.js";
import { certifications, qualitySettings } from "../tables.js";

// R-CERT reads: the thresholds, each hall's evaluations, and whether a hall holds the certificate now.
export type CertificationRow = typeof certifications.$inferSelect;

export async function certThresholds(db: DbOrTx): Promise<CertThresholds> {
  const [row] = await db.select().from(qualitySettings).where(eq(qualitySettings.id, "cert")).limit(1);
  return (row?.value as CertThresholds | undefined) ?? DEFAULT_CERT;
}

/** The hall's evaluation before a quarter, if any (does it hold the certificate going in?). */
export async function previousCertification(db: DbOrTx, hallId: string, quarter: string) {
  const [row] = await db
    .select()
    .from(certifications)
    .where(and(eq(certifications.hallId, hallId), lt(certifications.quarter, quarter)))
    .orderBy(desc(certifications.quarter))
    .limit(1);
  return row ?? null;
}

/** Each of these halls' latest evaluation (their standing now), newest quarter first per hall. */
export async function latestCertifications(db: DbOrTx, hallIds: string[]): Promise<Map<string, CertificationRow>> {
  if (!hallIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([certifications.hallId])
    .from(certifications)
    .where(inArray(certifications.hallId, hallIds))
    .orderBy(certifications.hallId, desc(certifications.quarter));
  return new Map(rows.map((r) => [r.hallId, r]));
}

export async function certificationsOf(db: DbOrTx, hallIds: string[], quarter: string) {
  if (!hallIds.length) return [];
  return db
    .select()
    .from(certifications)
    .where(and(inArray(certifications.hallId, hallIds), eq(certifications.quarter, quarter)));
}
