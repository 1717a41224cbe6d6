import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { evaluations } from "../tables.js";

/** A hall's ratings (pad and SMS) in [from, to) per business type: how many, how many satisfied. */
export async function ratingDayFigures(db: DbOrTx, hallId: string, from: Date, to: Date) {
  return db
    .select({
      businessType: sql<string>`coalesce(${evaluations.businessType}, '')`,
      ratings: count(),
      satisfied: sql<number>`count(*) FILTER (WHERE ${evaluations.rating} IN ('very_satisfied', 'satisfied'))`.mapWith(
        Number,
      ),
    })
    .from(evaluations)
    .where(and(eq(evaluations.hallId, hallId), gte(evaluations.at, from), lt(evaluations.at, to)))
    .groupBy(sql`1`);
}
