import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { type improvementPlans, type PlanAction, improvementPlans as plans } from "../tables.js";

// R-SHORTBOARD writes: a plan for a short board, and its progress (actions done, closed or cancelled).

export async function createPlan(db: DbOrTx, p: typeof improvementPlans.$inferInsert) {
  const [row] = await db.insert(plans).values(p).returning();
  return row;
}

export async function updatePlan(
  db: DbOrTx,
  key: { regionCode: string; id: string },
  change: {
    actions?: PlanAction[];
    status?: "open" | "done" | "cancelled";
    ownerId?: string;
    dueDate?: string;
  },
) {
  const [row] = await db
    .update(plans)
    .set({ ...change, updatedAt: new Date() })
    .where(and(eq(plans.regionCode, key.regionCode), eq(plans.id, key.id)))
    .returning();
  return row;
}
