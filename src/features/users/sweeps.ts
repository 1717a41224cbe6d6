import { and, isNull, lt, or } from "drizzle-orm";
import type { AppContext } from "../../core/context.js";
import type { Db } from "../../core/db.js";
import { signInPolicy } from "./sign-in-rules.js";
import { signInFailures } from "./tables.js";

/** Forgets keys that are not locked and have had no attempt for a day (unknown usernames pile up). */
export async function pruneSignInFailures(db: Db, now = new Date()) {
  const before = new Date(now.getTime() - signInPolicy.forgetMs);
  await db
    .delete(signInFailures)
    .where(
      and(
        or(isNull(signInFailures.lastAttemptAt), lt(signInFailures.lastAttemptAt, before)),
        or(isNull(signInFailures.lockedUntil), lt(signInFailures.lockedUntil, now)),
      ),
    );
}

export function registerUserSweeps(ctx: AppContext) {
  let lastPrune = 0;
  ctx.sweeper.add({
    name: "prune-sign-in-failures",
    run: async () => {
      if (Date.now() - lastPrune < 3_600_000) return;
      lastPrune = Date.now();
      await pruneSignInFailures(ctx.db);
    },
  });
}
