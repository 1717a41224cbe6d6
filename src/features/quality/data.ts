import { and, count, eq, gte, lt } from "drizzle-orm";
import type { DbOrTx } from "../../core/db.js";
import type { Evaluation, EvaluationSummary, Rating } from "./contract.js";
import { summarize } from "./rules.js";
import { evaluations } from "./tables.js";

type EvaluationRow = typeof evaluations.$inferSelect;

// The business type and wait are for the roll-ups; the rating on the wire is the customer's answer.
export const presentEvaluation = ({
  businessType: _b,
  waitSeconds: _w,
  ...e
}: EvaluationRow): Evaluation => ({
  ...e,
  at: e.at.toISOString(),
});

export async function findEvaluation(db: DbOrTx, ticketId: string): Promise<Evaluation | null> {
  const [e] = await db.select().from(evaluations).where(eq(evaluations.ticketId, ticketId)).limit(1);
  return e ? presentEvaluation(e) : null;
}

/** A hall's ratings in [from, to): what the manager board and reports show. */
export async function evaluationSummary(
  db: DbOrTx,
  hallId: string,
  from: Date,
  to: Date,
): Promise<EvaluationSummary> {
  const rows = await db
    .select({ rating: evaluations.rating, n: count() })
    .from(evaluations)
    .where(and(eq(evaluations.hallId, hallId), gte(evaluations.at, from), lt(evaluations.at, to)))
    .groupBy(evaluations.rating);
  return summarize(
    Object.fromEntries(rows.map((r) => [r.rating, Number(r.n)])) as Partial<Record<Rating, number>>,
  );
}
