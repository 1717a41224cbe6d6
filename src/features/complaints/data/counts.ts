import { and, count, eq, gte, lt } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { complaints } from "../tables.js";

/** How many complaints a hall received in [from, to) (the certification's complaints per 1,000 tickets). */
export async function complaintCount(db: DbOrTx, hallId: string, from: Date, to: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(complaints)
    .where(and(eq(complaints.hallId, hallId), gte(complaints.receivedAt, from), lt(complaints.receivedAt, to)));
  return row.n;
}
