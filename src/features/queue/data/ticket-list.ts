import { and, count, desc, eq, getTableColumns, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { COUNT_CAP, decodeCursor, pageOf } from "../../../core/paging.js";
import type { TicketStatus } from "../contract.js";
import { tickets } from "../tables.js";

/**
 * A hall's tickets, newest first. `number` (A012, any case) and `phone` (the whole number) find one
 * customer's tickets — the consult desk's look-up — and are meant with a `date`, a number being unique
 * only within its day.
 */
export async function listTickets(
  db: DbOrTx,
  hallId: string,
  f: {
    status?: TicketStatus;
    businessType?: string;
    date?: string;
    number?: string;
    phone?: string;
    limit: number;
    cursor?: string;
  },
) {
  const where = and(
    eq(tickets.hallId, hallId),
    f.status ? eq(tickets.status, f.status) : undefined,
    f.businessType ? eq(tickets.businessType, f.businessType) : undefined,
    f.date ? eq(tickets.serviceDate, f.date) : undefined,
    f.number ? eq(tickets.number, f.number.toUpperCase()) : undefined,
    f.phone ? eq(tickets.phone, f.phone) : undefined,
  );
  // Keyset on (issued_at, id), newest first: the next page starts below the last row's key.
  const after = f.cursor ? decodeCursor(f.cursor, ["string", "string"]) : null;
  const below = after
    ? sql`(${tickets.issuedAt}, ${tickets.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
    : undefined;
  const [rows, [{ n }]] = await Promise.all([
    db
      // The key as the database holds it (microseconds): a Date's milliseconds would skip rows.
      .select({ ...getTableColumns(tickets), key: sql<string>`${tickets.issuedAt}::text` })
      .from(tickets)
      .where(and(where, below))
      .orderBy(desc(tickets.issuedAt), desc(tickets.id))
      .limit(f.limit + 1),
    // Counted up to a cap: a hall's whole history is not counted again for every page.
    db.select({ n: count() }).from(
      db
        .select({ one: sql`1` })
        .from(tickets)
        .where(where)
        .limit(COUNT_CAP + 1)
        .as("c"),
    ),
  ]);
  const { items, nextCursor } = pageOf(rows, f.limit, (t) => [t.key, t.id]);
  return {
    rows: items.map(({ key: _, ...t }) => t),
    nextCursor,
    total: Math.min(Number(n), COUNT_CAP),
    totalCapped: Number(n) > COUNT_CAP,
  };
}

