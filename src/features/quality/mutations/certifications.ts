import { recordAudit } from "../../../core/audit.js";
import type { DbOrTx } from "../../../core/db.js";
import type { CertOutcome, CertReason, CertThresholds } from "../cert-rules.js";
import { certifications, qualitySettings } from "../tables.js";

// R-CERT writes: a hall's evaluation of a quarter (evaluating it again replaces it), and the thresholds.

export async function saveCertification(
  db: DbOrTx,
  c: {
    hallId: string;
    quarter: string;
    outcome: CertOutcome;
    certified: boolean;
    reasons: CertReason[];
    thresholds: CertThresholds;
    evaluatedBy: string | null;
  },
) {
  const [row] = await db
    .insert(certifications)
    .values(c)
    .onConflictDoUpdate({
      target: [certifications.hallId, certifications.quarter],
      set: { ...c, evaluatedAt: new Date() },
    })
    .returning();
  return row;
}

export async function saveCertThresholds(db: DbOrTx, value: CertThresholds, actorId: string | null) {
  await db
    .insert(qualitySettings)
    .values({ id: "cert", value, updatedBy: actorId })
    .onConflictDoUpdate({
      target: qualitySettings.id,
      set: { value, updatedBy: actorId, updatedAt: new Date() },
    });
  await recordAudit(db, {
    actorId,
    action: "cert_settings",
    subjectType: "quality_settings",
    subjectId: "cert",
  });
}
