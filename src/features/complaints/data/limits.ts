import { asc } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { DEFAULT_LIMITS } from "../rules.js";
import { complaintLimits } from "../tables.js";

export type PausedState = "waiting_customer" | "waiting_third_party";
export type LimitsInput = {
  firstReplyHours: number;
  progressHours: number;
  callbackWorkingDays: number;
  pausedStates: PausedState[];
  workingHoursOnly: boolean;
};

/** The operator's limits ('*', the built-in defaults when it set none) and each category's own. */
export async function listLimits(db: DbOrTx) {
  const rows = await db.select().from(complaintLimits).orderBy(asc(complaintLimits.category));
  const present = rows.map(({ updatedAt: _u, ...r }) => ({
    ...r,
    pausedStates: r.pausedStates as PausedState[],
  }));
  return present.some((r) => r.category === "*")
    ? present
    : [
        {
          category: "*",
          ...DEFAULT_LIMITS,
          pausedStates: ["waiting_customer", "waiting_third_party"] as const,
        },
        ...present,
      ];
}

export async function saveLimits(db: DbOrTx, category: string, limits: LimitsInput) {
  const values = { category, ...limits, updatedAt: new Date() };
  await db
    .insert(complaintLimits)
    .values(values)
    .onConflictDoUpdate({ target: complaintLimits.category, set: values });
}
