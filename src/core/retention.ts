import { type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { type Db, queryRows } from "./db.js";
import type { Env } from "./env.js";

// R-PRIVACY retention: a closed record keeps its customer's phone number TINGWU_PHONE_RETENTION_DAYS days,
// then loses it (tickets, appointments, complaints, faults, the outbox's SMS recipients). Each feature
// erases its own rows with eraseOldest, a batch at a time, walking a partial index of the rows that still
// hold a number — so a pass with nothing to erase reads one index entry.

export const ERASE_BATCH = 500;
/** How often each feature looks for phone numbers to erase. */
export const ERASE_EVERY_MS = 10 * 60_000;

/** The instant before which closed records lose their phone numbers. */
export const retentionCutoff = (env: Env, now = new Date()) =>
  new Date(now.getTime() - env.TINGWU_PHONE_RETENTION_DAYS * 86_400_000);

/**
 * Sets `column` to `value` (null or '') on the oldest ERASE_BATCH rows of `table` that match `where`,
 * oldest by `oldest`; returns how many. The table's key is `id`.
 */
export async function eraseOldest(
  db: Db,
  table: PgTable,
  erase: { column: PgColumn; value: null | ""; where: SQL | undefined; oldest: PgColumn },
) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`WITH e AS (
          UPDATE ${table} SET ${sql.identifier(erase.column.name)} = ${erase.value}
          WHERE id IN (SELECT id FROM ${table} WHERE ${erase.where} ORDER BY ${erase.oldest} LIMIT ${ERASE_BATCH})
          RETURNING 1)
        SELECT count(*)::int AS n FROM e`,
  );
  return row.n;
}
