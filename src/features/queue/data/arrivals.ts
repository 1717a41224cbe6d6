import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../../core/db.js";

/** Tickets taken in one half hour of one day, for one business type (the staffing forecast's history). */
export type ArrivalCount = { date: string; startMinute: number; businessType: string; arrivals: number };

/**
 * Tickets a hall issued per service day, half hour (local time, minutes after midnight) and business
 * type, between two dates inclusive. The forecast (排班 R-ROSTER) and its accuracy read the hall's own
 * history through this; the index on (hall_id, service_date) bounds the scan to the days asked.
 */
export async function countArrivals(
  db: DbOrTx,
  hallId: string,
  from: string,
  to: string,
  timeZone: string,
): Promise<ArrivalCount[]> {
  const rows = await queryRows<{ date: string; start_minute: number; business_type: string; arrivals: number }>(
    db,
    sql`SELECT to_char(service_date, 'YYYY-MM-DD') AS date,
               (floor((extract(hour FROM issued_at AT TIME ZONE ${timeZone}) * 60
                 + extract(minute FROM issued_at AT TIME ZONE ${timeZone})) / 30) * 30)::int AS start_minute,
               business_type, count(*)::int AS arrivals
          FROM tickets
         WHERE hall_id = ${hallId} AND service_date BETWEEN ${from} AND ${to}
         GROUP BY 1, 2, 3
         ORDER BY 1, 2, 3`,
  );
  return rows.map((r) => ({
    date: r.date,
    startMinute: Number(r.start_minute),
    businessType: r.business_type,
    arrivals: Number(r.arrivals),
  }));
}

/** The mean handling time of the hall's finished tickets per business type between two dates. */
export async function meanHandlingSeconds(
  db: DbOrTx,
  hallId: string,
  from: string,
  to: string,
): Promise<Map<string, { mean: number; tickets: number }>> {
  const rows = await queryRows<{ business_type: string; mean: number; n: number }>(
    db,
    sql`SELECT business_type, avg(handling_seconds)::float8 AS mean, count(*)::int AS n
          FROM tickets
         WHERE hall_id = ${hallId} AND service_date BETWEEN ${from} AND ${to} AND handling_seconds IS NOT NULL
         GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.business_type, { mean: Number(r.mean), tickets: Number(r.n) }]));
}
