import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../../core/db.js";

// A region's local day of complaints per hall (null: the region's own, recorded at no hall), for the
// reports' daily roll-ups (issue 15). Each figure is dated by its own event — received, first replied,
// resolved, overdue — so a closed day stays true when a complaint moves on later. Each part reads a
// (region_code, …) index over the day.

export type ComplaintDayFigures = {
  hallId: string | null;
  received: number;
  appeals: number;
  firstReplied: number;
  firstReplyOnTime: number;
  resolved: number;
  overdue: number;
};

export async function complaintDayFigures(
  db: DbOrTx,
  regionCode: string,
  day: { from: Date; to: Date },
): Promise<ComplaintDayFigures[]> {
  const from = day.from.toISOString();
  const to = day.to.toISOString();
  const rows = await queryRows<ComplaintDayFigures & { hall_id: string | null }>(
    db,
    sql`WITH r AS (
        SELECT hall_id, count(*) FILTER (WHERE kind = 'complaint')::int AS received,
               count(*) FILTER (WHERE kind = 'appeal')::int AS appeals
        FROM complaints WHERE region_code = ${regionCode} AND received_at >= ${from} AND received_at < ${to}
        GROUP BY 1),
      f AS (
        SELECT hall_id, count(*)::int AS first_replied,
               count(*) FILTER (WHERE first_reply_due_at IS NULL OR first_replied_at <= first_reply_due_at)::int AS on_time
        FROM complaints WHERE region_code = ${regionCode} AND first_replied_at >= ${from} AND first_replied_at < ${to}
        GROUP BY 1),
      s AS (
        SELECT hall_id, count(*)::int AS resolved
        FROM complaints WHERE region_code = ${regionCode} AND resolved_at >= ${from} AND resolved_at < ${to}
        GROUP BY 1),
      o AS (
        SELECT c.hall_id, count(*)::int AS overdue
        FROM complaint_alerts a JOIN complaints c ON c.id = a.complaint_id
        WHERE a.level = 'breach' AND a.at >= ${from} AND a.at < ${to} AND c.region_code = ${regionCode}
        GROUP BY 1),
      h AS (SELECT hall_id FROM r UNION SELECT hall_id FROM f UNION SELECT hall_id FROM s UNION SELECT hall_id FROM o)
      SELECT h.hall_id, coalesce(r.received, 0) AS received, coalesce(r.appeals, 0) AS appeals,
             coalesce(f.first_replied, 0) AS "firstReplied", coalesce(f.on_time, 0) AS "firstReplyOnTime",
             coalesce(s.resolved, 0) AS resolved, coalesce(o.overdue, 0) AS overdue
      FROM h LEFT JOIN r ON r.hall_id IS NOT DISTINCT FROM h.hall_id
             LEFT JOIN f ON f.hall_id IS NOT DISTINCT FROM h.hall_id
             LEFT JOIN s ON s.hall_id IS NOT DISTINCT FROM h.hall_id
             LEFT JOIN o ON o.hall_id IS NOT DISTINCT FROM h.hall_id`,
  );
  return rows.map(({ hall_id, ...r }) => ({ ...r, hallId: hall_id }));
}
