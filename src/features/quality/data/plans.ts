import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { notFound } from "../../../core/errors.js";
import { improvementPlans } from "../tables.js";

// R-SHORTBOARD reads: a scope's improvement plans, newest first, and one plan.
export type PlanRow = typeof improvementPlans.$inferSelect;

export async function listPlans(db: DbOrTx, scope: string, period?: string): Promise<PlanRow[]> {
  return db
    .select()
    .from(improvementPlans)
    .where(and(eq(improvementPlans.scope, scope), period ? eq(improvementPlans.period, period) : undefined))
    .orderBy(desc(improvementPlans.createdAt))
    .limit(200);
}

export async function findPlan(db: DbOrTx, id: string): Promise<PlanRow> {
  const [row] = await db.select().from(improvementPlans).where(eq(improvementPlans.id, id)).limit(1);
  if (!row) throw notFound("Improvement plan");
  return row;
}
