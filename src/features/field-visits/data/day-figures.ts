import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../../core/db.js";

// A region's local day of field visits, for the reports' daily roll-ups (issue 15): visits done that day,
// planned visits due (arrive-by) that day, and of those the ones not done by their time. Field work
// belongs to a region, not a hall. Each part reads a (region_code, …) index over the day.

export type VisitDayFigures = { done: number; due: number; overdue: number };

export async function visitDayFigures(
  db: DbOrTx,
  regionCode: string,
  day: { from: Date; to: Date },
): Promise<VisitDayFigures> {
  const from = day.from.toISOString();
  const to = day.to.toISOString();
  const [row] = await queryRows<VisitDayFigures>(
    db,
    sql`SELECT
        (SELECT count(*)::int FROM field_visit_records
          WHERE region_code = ${regionCode} AND at >= ${from} AND at < ${to}) AS done,
        count(*)::int AS due,
        count(*) FILTER (WHERE p.status = 'planned' OR r.at > p.arrive_by)::int AS overdue
      FROM field_visit_plans p LEFT JOIN field_visit_records r ON r.id = p.visit_record_id
      WHERE p.region_code = ${regionCode} AND p.arrive_by >= ${from} AND p.arrive_by < ${to}
        AND p.status <> 'cancelled'`,
  );
  return row;
}
