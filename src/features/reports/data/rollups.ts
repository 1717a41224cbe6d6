import { and, desc, eq, gte, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { hallDayRollups, rollupDays } from "../tables.js";

// Issue 15 reads: the closed days' roll-ups of some halls over local days [from, to), and the bookmarks.

export async function readRollups(db: DbOrTx, hallIds: string[], from: string, to: string) {
  if (!hallIds.length) return [];
  return db
    .select()
    .from(hallDayRollups)
    .where(
      and(
        inArray(hallDayRollups.hallId, hallIds),
        gte(hallDayRollups.serviceDate, from),
        lt(hallDayRollups.serviceDate, to),
      ),
    );
}

/** hallId|date of every closed day of these halls in [from, to). */
export async function closedDays(db: DbOrTx, hallIds: string[], from: string, to: string) {
  if (!hallIds.length) return new Set<string>();
  const rows = await db
    .select({ hallId: rollupDays.hallId, date: rollupDays.serviceDate })
    .from(rollupDays)
    .where(and(inArray(rollupDays.hallId, hallIds), gte(rollupDays.serviceDate, from), lt(rollupDays.serviceDate, to)));
  return new Set(rows.map((r) => `${r.hallId}|${r.date}`));
}

export async function lastClosedDay(db: DbOrTx, hallId: string): Promise<string | null> {
  const [row] = await db
    .select({ date: rollupDays.serviceDate })
    .from(rollupDays)
    .where(eq(rollupDays.hallId, hallId))
    .orderBy(desc(rollupDays.serviceDate))
    .limit(1);
  return row?.date ?? null;
}
