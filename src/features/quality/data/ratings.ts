import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import type { Rating } from "../contract.js";
import { summarize } from "../rules.js";
import { evaluations } from "../tables.js";

// R-EVAL roll-ups: a hall's pad ratings grouped by counter, staff member, business type or by local day,
// month or quarter, in [from, to). Each group is counted per rating in one statement.

export const ratingGroupings = ["counter", "staff", "business_type", "day", "month", "quarter"] as const;
export type RatingGrouping = (typeof ratingGroupings)[number];

const keyOf = (by: RatingGrouping, tz: string) => {
  const local = sql`(${evaluations.at} AT TIME ZONE ${tz})`;
  switch (by) {
    case "counter":
      return sql<string | null>`${evaluations.counterId}::text`;
    case "staff":
      return sql<string | null>`${evaluations.staffId}::text`;
    case "business_type":
      return sql<string | null>`${evaluations.businessType}`;
    case "day":
      return sql<string>`to_char(${local}, 'YYYY-MM-DD')`;
    case "month":
      return sql<string>`to_char(${local}, 'YYYY-MM')`;
    case "quarter":
      return sql<string>`to_char(${local}, 'YYYY-"Q"Q')`;
  }
};

/** The groups of a hall's ratings (optionally one staff member's only), each with its counts per rating. */
export async function ratingGroups(
  db: DbOrTx,
  f: { hallId?: string; staffId?: string; by: RatingGrouping; from: Date; to: Date; timeZone: string },
) {
  const key = keyOf(f.by, f.timeZone);
  const rows = await db
    .select({ key, rating: evaluations.rating, n: count() })
    .from(evaluations)
    .where(
      and(
        f.hallId ? eq(evaluations.hallId, f.hallId) : undefined,
        f.staffId ? eq(evaluations.staffId, f.staffId) : undefined,
        gte(evaluations.at, f.from),
        lt(evaluations.at, f.to),
      ),
    )
    // By position: the key's time zone is a parameter, and a second copy of it would not match the first.
    .groupBy(sql`1`, sql`2`);
  const byKey = new Map<string | null, Partial<Record<Rating, number>>>();
  for (const r of rows) {
    const counts = byKey.get(r.key) ?? {};
    counts[r.rating] = Number(r.n);
    byKey.set(r.key, counts);
  }
  return [...byKey].map(([k, counts]) => ({ key: k, ...summarize(counts) }));
}
