import { eq } from "drizzle-orm";
import { recordAudit } from "../../../core/audit.js";
import { type Db, isUniqueViolation } from "../../../core/db.js";
import { AppError, notFound } from "../../../core/errors.js";
import type { ParsedResult } from "../survey-import.js";
import type { KpiSettings } from "../survey-rules.js";
import { qualitySettings, surveyImports, surveyResults } from "../tables.js";

// R-KPI writes: a checked file stored whole in one transaction, withdrawn whole, and the KPI settings.

/** Stores a checked file's results; a concurrent import of the same key loses with a 409, storing nothing. */
export async function importSurvey(
  db: Db,
  file: { name: string; results: ParsedResult[] },
  actorId: string | null,
): Promise<{ id: string }> {
  try {
    return await db.transaction(async (tx) => {
      const [imp] = await tx
        .insert(surveyImports)
        .values({
          fileName: file.name,
          rows: file.results.length,
          periods: [...new Set(file.results.map((r) => r.period))].sort(),
          importedBy: actorId,
        })
        .returning({ id: surveyImports.id });
      await tx.insert(surveyResults).values(
        file.results.map((r) => ({
          importId: imp.id,
          period: r.period,
          scope: r.scope,
          segment: r.segment,
          carrier: r.carrier,
          sampleSize: r.sampleSize,
          line: r.row,
          scores: r.scores,
        })),
      );
      await recordAudit(tx, {
        actorId,
        action: "survey_import",
        subjectType: "survey_import",
        subjectId: imp.id,
      });
      return imp;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError(
        "conflict",
        "Another import stored results for the same period, scope, segment and carrier",
      );
    throw e;
  }
}

/** Withdraws an import: its results go, the import stays listed as withdrawn (who, when). */
export async function withdrawSurvey(db: Db, id: string, actorId: string | null) {
  return db.transaction(async (tx) => {
    const [imp] = await tx.select().from(surveyImports).where(eq(surveyImports.id, id)).for("update");
    if (!imp) throw notFound("Survey import");
    if (imp.withdrawnAt) throw new AppError("conflict", "This import was withdrawn already");
    await tx.delete(surveyResults).where(eq(surveyResults.importId, id));
    await tx
      .update(surveyImports)
      .set({ withdrawnAt: new Date(), withdrawnBy: actorId })
      .where(eq(surveyImports.id, id));
    await recordAudit(tx, {
      actorId,
      action: "survey_withdraw",
      subjectType: "survey_import",
      subjectId: id,
    });
  });
}

export async function saveKpiSettings(db: Db, value: KpiSettings, actorId: string | null) {
  await db
    .insert(qualitySettings)
    .values({ id: "kpi", value, updatedBy: actorId })
    .onConflictDoUpdate({
      target: qualitySettings.id,
      set: { value, updatedBy: actorId, updatedAt: new Date() },
    });
  await recordAudit(db, {
    actorId,
    action: "kpi_settings",
    subjectType: "quality_settings",
    subjectId: "kpi",
  });
}
