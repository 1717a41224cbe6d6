import type { Database } from "../core/db.js";
import { sweepRollups } from "../features/reports/sweeps.js";

/**
 * Closes every past hall-day and region-day of a seeded history into the reports' roll-ups, as the
 * sweeper would have closed them each night, so a database seeded with a year of history stands where a
 * year-old deployment stands (nothing left to catch up) and a benchmark on it measures the steady state.
 * Returns how many days it closed.
 */
export async function closeHistoryDays(
  database: Database,
  timeZone: string,
  onProgress?: (closed: number) => void,
  now = new Date(),
): Promise<number> {
  let closed = 0;
  for (;;) {
    // A pass closes up to a month per hall; the passes go on until one finds nothing to close.
    const n = await sweepRollups(database.db, timeZone, now, 2_000);
    if (!n) return closed;
    closed += n;
    onProgress?.(closed);
  }
}
