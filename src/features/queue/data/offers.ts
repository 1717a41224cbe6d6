import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows, sqlArray } from "../../../core/db.js";

// Z6 counter recommendations (柜台推荐), as the finish recorded them: per person and product code, how many
// customers were offered it and how many took it — for a campaign's halls and days (R-CAMPAIGN report).
// Reads each hall's days by the (hall_id, service_date) index.

export type OfferTally = { staffId: string | null; code: string; offered: number; accepted: number };

export async function offerTallies(
  db: DbOrTx,
  q: { hallIds: string[]; from: string; to: string; codes: string[] },
): Promise<OfferTally[]> {
  if (!q.hallIds.length || !q.codes.length) return [];
  const rows = await queryRows<{ staff_id: string | null; code: string; offered: string; accepted: string }>(
    db,
    sql`SELECT t.staff_id, r.code, count(*) AS offered, count(*) FILTER (WHERE r.code = ANY (t.accepted)) AS accepted
        FROM tickets t CROSS JOIN LATERAL unnest(t.recommended) AS r(code)
        WHERE t.hall_id = ANY (${sqlArray(q.hallIds, "uuid")}) AND t.service_date BETWEEN ${q.from}::date AND ${q.to}::date
          AND t.recommended && ${sqlArray(q.codes, "text")} AND r.code = ANY (${sqlArray(q.codes, "text")})
        GROUP BY t.staff_id, r.code`,
  );
  return rows.map((r) => ({
    staffId: r.staff_id,
    code: r.code,
    offered: Number(r.offered),
    accepted: Number(r.accepted),
  }));
}
