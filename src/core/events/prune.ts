import type { Db } from "../db.js";
import { runCount, statement } from "../statements.js";

// Oldest first by the primary key, so each batch reads only the rows it deletes.
const deleteOldEvents = statement(
  `DELETE FROM hall_events WHERE id IN (
     SELECT id FROM hall_events WHERE at < $1 ORDER BY id LIMIT $2)`,
);

/**
 * Deletes the live events older than `before`, in batches. They exist for screens that reconnect and
 * replay what they missed (minutes, or a night); nothing else reads them, and every queue change adds
 * some. Returns how many went.
 */
export async function pruneEvents(db: Db, before: Date, batch = 5_000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const n = await runCount(db, deleteOldEvents, [before, batch]);
    deleted += n;
    if (n < batch) return deleted;
  }
}

/** A sweep task that prunes at most once an hour in each instance (the sweeper runs every few seconds). */
export function pruneEventsHourly(db: Db, retentionDays: number, log: { info(o: object, m: string): void }) {
  let last = 0;
  return async () => {
    if (Date.now() - last < 3_600_000) return;
    last = Date.now();
    const deleted = await pruneEvents(db, new Date(Date.now() - retentionDays * 86_400_000));
    if (deleted) log.info({ deleted, retentionDays }, "pruned old hall events");
  };
}
