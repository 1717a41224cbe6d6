import { and, count, gte, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { evaluations } from "../tables.js";

/** Some halls' ratings (pad and SMS) in [from, to) per hall and business type: how many, how many satisfied. */
export async function ratingDayFigures(db: DbOrTx, hallIds: string[], from: Date, to: Date) {
  if (!hallIds.length) return [];
  return db
    .select({
      hallId: evaluations.hallId,
      businessType: sql<string>`coalesce(${evaluations.businessType}, '')`,
      ratings: count(),
      satisfied: sql<number>`count(*) FILTER (WHERE ${evaluations.rating} IN ('very_satisfied', 'satisfied'))`.mapWith(
        Number,
      ),
    })
    .from(evaluations)
    .where(and(inArray(evaluations.hallId, hallIds), gte(evaluations.at, from), lt(evaluations.at, to)))
    .groupBy(sql`1`, sql`2`);
}
