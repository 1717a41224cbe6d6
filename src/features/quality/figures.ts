import type { DbOrTx } from "../../core/db.js";
import { zonedInstant } from "../../core/time.js";
import { inspectionScoresOf, listChecklists } from "./data/inspections.js";
import { kpiSettings, surveyRowsOf } from "./data/surveys.js";
import { meanItemScores, periodDays } from "./inspection-rules.js";
import { kpiAnswer } from "./survey-kpi.js";

/** The inspections of a scope as a filter: one hall's, a region's, or (operator) all. */
const inspectionFilterOf = (scope: string) =>
  scope.startsWith("hall:")
    ? { hallIds: [scope.slice(5)] }
    : scope.startsWith("region:")
      ? { regionCode: scope.slice(7) }
      : {};

// A scope's quality figures of one period, as the short boards and the certification read them: the KPI
// answer (null without survey results) and the mean score of each inspection item in the period.
export async function scopeFigures(db: DbOrTx, scope: string, period: string, timeZone: string) {
  const days = periodDays(period);
  const where = inspectionFilterOf(scope);
  const [rows, settings, scores, lists] = await Promise.all([
    surveyRowsOf(db, scope, period),
    kpiSettings(db),
    inspectionScoresOf(db, {
      ...where,
      from: zonedInstant(days.from, 0, timeZone),
      to: zonedInstant(days.to, 0, timeZone),
    }),
    listChecklists(db),
  ]);
  const labels = new Map(
    lists.filter((c) => c.current).flatMap((c) => c.items.map((i) => [i.code, i.label])),
  );
  return {
    settings,
    kpi: kpiAnswer(scope, period, rows, settings),
    inspections: scores.length,
    inspectionMeans: meanItemScores(scores.map((r) => r.scores)),
    inspectionScore: scores.length > 0 ? scores.reduce((s, r) => s + r.score, 0) / scores.length : null,
    itemLabel: (code: string) => labels.get(code) ?? code,
  };
}

/** A scope's inspections between two instants: how many, and their mean score (a report's "inspections"). */
export async function inspectionsBetween(db: DbOrTx, scope: string, from: Date, to: Date) {
  const where = inspectionFilterOf(scope);
  const rows = await inspectionScoresOf(db, { ...where, from, to });
  return {
    count: rows.length,
    meanScore: rows.length
      ? Math.round((rows.reduce((s, r) => s + r.score, 0) / rows.length) * 100) / 100
      : null,
  };
}
