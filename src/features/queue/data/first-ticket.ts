import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../../core/db.js";

// R-SITE: the hall opened when its first ticket of the day was issued (the site check compares it with the
// posted opening). Reads the day's tickets by the (hall_id, service_date) index.
export async function firstTicketAt(db: DbOrTx, hallId: string, serviceDate: string): Promise<Date | null> {
  const [row] = await queryRows<{ first: Date | string | null }>(
    db,
    sql`SELECT min(issued_at) AS first FROM tickets WHERE hall_id = ${hallId} AND service_date = ${serviceDate}::date`,
  );
  return row?.first ? new Date(row.first) : null;
}
