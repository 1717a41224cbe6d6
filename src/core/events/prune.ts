import type { Db } from "../db.js";
import { run, runCount, statement } from "../statements.js";

// Ids grow with time, so the oldest events are the first of the primary key. Each batch is the next
// `batch` ids and deletes those of them that are old; asking the index for "at < $1 ORDER BY id" instead
// walked every retained event when none was old (0.8 s an hour on a province's 2.4 M, for nothing).
const oldestEvent = statement("SELECT at FROM hall_events ORDER BY id LIMIT 1");
const deleteOldEvents = statement(
  `DELETE FROM hall_events WHERE id IN (
     SELECT id FROM (SELECT id, at FROM hall_events ORDER BY id LIMIT $2) first WHERE at < $1)`,
);

/**
 * Deletes the live events older than `before`, in batches. They exist for screens that reconnect and
 * replay what they missed (minutes, or a night); nothing else reads them, and every queue change adds
 * some. Returns how many went.
 */
export async function pruneEvents(db: Db, before: Date, batch = 5_000): Promise<number> {
  // Nothing old: one row read, and done.
  const [oldest] = await run<{ at: Date }>(db, oldestEvent, []);
  if (!oldest || new Date(oldest.at) >= before) return 0;
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
