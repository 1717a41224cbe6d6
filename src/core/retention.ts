import type { Env } from "./env.js";

// R-PRIVACY retention: a closed record keeps its customer's phone number TINGWU_PHONE_RETENTION_DAYS days,
// then loses it (tickets, appointments, complaints, faults, the outbox's SMS recipients). Each feature
// erases its own rows, a batch at a time, walking a partial index of the rows that still hold a number —
// so a pass with nothing to erase reads one index entry.

export const ERASE_BATCH = 500;
const EVERY_MS = 10 * 60_000;

/** The instant before which closed records lose their phone numbers. */
export const retentionCutoff = (env: Env, now = new Date()) =>
  new Date(now.getTime() - env.TINGWU_PHONE_RETENTION_DAYS * 86_400_000);

/** A sweep task that runs `erase` at most every ten minutes (the first pass at once). */
export function everyTenMinutes(erase: () => Promise<number>) {
  let last = 0;
  return async () => {
    if (Date.now() - last < EVERY_MS) return 0;
    last = Date.now();
    return erase();
  };
}
