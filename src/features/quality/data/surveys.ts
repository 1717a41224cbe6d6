import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { staffNames } from "../../users/data.js";
import { DEFAULT_KPI_SETTINGS, type KpiSettings, type SurveyRow } from "../survey-rules.js";
import { qualitySettings, surveyImports, surveyResults } from "../tables.js";

// R-KPI reads: the stored results of one period and scope, the imports, the operator's KPI settings.

/** period|scope|segment|carrier of every stored result: a second import of one is refused. */
export async function storedSurveyKeys(db: DbOrTx): Promise<Set<string>> {
  const rows = await db
    .select({
      period: surveyResults.period,
      scope: surveyResults.scope,
      segment: surveyResults.segment,
      carrier: surveyResults.carrier,
    })
    .from(surveyResults);
  return new Set(rows.map((r) => [r.period, r.scope, r.segment, r.carrier].join("|")));
}

export async function surveyRowsOf(db: DbOrTx, scope: string, period: string): Promise<SurveyRow[]> {
  return db
    .select({
      segment: surveyResults.segment,
      carrier: surveyResults.carrier,
      sampleSize: surveyResults.sampleSize,
      scores: surveyResults.scores,
    })
    .from(surveyResults)
    .where(and(eq(surveyResults.scope, scope), eq(surveyResults.period, period)))
    .orderBy(surveyResults.line);
}

/** The periods with results for a scope, newest first (the KPI screen's choice). */
export async function surveyPeriodsOf(db: DbOrTx, scope: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ period: surveyResults.period })
    .from(surveyResults)
    .where(eq(surveyResults.scope, scope))
    .orderBy(desc(surveyResults.period));
  return rows.map((r) => r.period);
}

export async function kpiSettings(db: DbOrTx): Promise<KpiSettings> {
  const [row] = await db.select().from(qualitySettings).where(eq(qualitySettings.id, "kpi")).limit(1);
  return (row?.value as KpiSettings | undefined) ?? DEFAULT_KPI_SETTINGS;
}

export async function listSurveyImports(db: DbOrTx, withdrawn: boolean) {
  const rows = await db
    .select()
    .from(surveyImports)
    .where(withdrawn ? undefined : isNull(surveyImports.withdrawnAt))
    .orderBy(desc(surveyImports.importedAt))
    .limit(200);
  const names = await staffNames(
    db,
    rows.flatMap((r) => [r.importedBy, r.withdrawnBy]).filter((x): x is string => !!x),
  );
  return rows.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    rows: r.rows,
    periods: r.periods,
    importedBy: r.importedBy ? (names.get(r.importedBy) ?? null) : null,
    importedAt: r.importedAt.toISOString(),
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    withdrawnBy: r.withdrawnBy ? (names.get(r.withdrawnBy) ?? null) : null,
  }));
}

/** The stored results of many scopes in one period, by scope (each hall's KPI, for the alignment). */
export async function surveyRowsByScope(
  db: DbOrTx,
  scopes: string[],
  period: string,
): Promise<Map<string, SurveyRow[]>> {
  const out = new Map<string, SurveyRow[]>();
  if (!scopes.length) return out;
  const rows = await db
    .select({
      scope: surveyResults.scope,
      segment: surveyResults.segment,
      carrier: surveyResults.carrier,
      sampleSize: surveyResults.sampleSize,
      scores: surveyResults.scores,
    })
    .from(surveyResults)
    .where(and(inArray(surveyResults.scope, scopes), eq(surveyResults.period, period)))
    .orderBy(surveyResults.line);
  for (const { scope, ...r } of rows) out.set(scope, [...(out.get(scope) ?? []), r]);
  return out;
}
