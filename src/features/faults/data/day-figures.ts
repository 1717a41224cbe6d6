import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../../core/db.js";

// A region's local day of faults per hall (null: recorded at no hall), for the reports' daily roll-ups
// (issue 15): reported to the back office (and of those within the report clock), and closed. Dated by
// their own events; each part reads a (region_code, …) index over the day.

export type FaultDayFigures = {
  hallId: string | null;
  reported: number;
  reportedInTime: number;
  closed: number;
};

export async function faultDayFigures(
  db: DbOrTx,
  regionCode: string,
  day: { from: Date; to: Date },
): Promise<FaultDayFigures[]> {
  const from = day.from.toISOString();
  const to = day.to.toISOString();
  const rows = await queryRows<FaultDayFigures & { hall_id: string | null }>(
    db,
    sql`WITH r AS (
        SELECT hall_id, count(*)::int AS reported, count(*) FILTER (WHERE NOT report_late)::int AS in_time
        FROM faults WHERE region_code = ${regionCode} AND reported_at >= ${from} AND reported_at < ${to}
        GROUP BY 1),
      c AS (
        SELECT hall_id, count(*)::int AS closed
        FROM faults WHERE region_code = ${regionCode} AND closed_at >= ${from} AND closed_at < ${to}
        GROUP BY 1),
      h AS (SELECT hall_id FROM r UNION SELECT hall_id FROM c)
      SELECT h.hall_id, coalesce(r.reported, 0) AS reported, coalesce(r.in_time, 0) AS "reportedInTime",
             coalesce(c.closed, 0) AS closed
      FROM h LEFT JOIN r ON r.hall_id IS NOT DISTINCT FROM h.hall_id
             LEFT JOIN c ON c.hall_id IS NOT DISTINCT FROM h.hall_id`,
  );
  return rows.map(({ hall_id, ...r }) => ({ ...r, hallId: hall_id }));
}
