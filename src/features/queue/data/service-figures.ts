import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { tickets } from "../tables.js";

/**
 * A hall's tickets over local days [from, to): how many were issued, how many were called (a wait that
 * ended), and of those how many waited within their limit — the certification's "waiting within limit".
 * Reads the (hall_id, service_date) index; the reports issue will move this onto its daily roll-ups.
 */
export async function serviceFigures(db: DbOrTx, hallId: string, from: string, to: string) {
  const [row] = await db
    .select({
      issued: count(),
      waited: sql<number>`count(*) FILTER (WHERE ${tickets.waitSeconds} IS NOT NULL)`.mapWith(Number),
      withinLimit: sql<number>`count(*) FILTER (WHERE ${tickets.waitSeconds} IS NOT NULL AND NOT ${tickets.waitBreached})`.mapWith(
        Number,
      ),
    })
    .from(tickets)
    .where(and(eq(tickets.hallId, hallId), gte(tickets.serviceDate, from), lt(tickets.serviceDate, to)));
  return row;
}
