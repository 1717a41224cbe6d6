import { and, desc, eq, gte, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { hallDayRollups, regionDayRollups, regionRollupDays, rollupDays } from "../tables.js";

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

/** The closed days' roll-ups of some regions over local days [from, to), as counts per hall (or NO_HALL). */
export async function readRegionRollups(db: DbOrTx, regionCodes: string[], from: string, to: string) {
  if (!regionCodes.length) return [];
  return db
    .select()
    .from(regionDayRollups)
    .where(
      and(
        inArray(regionDayRollups.regionCode, regionCodes),
        gte(regionDayRollups.serviceDate, from),
        lt(regionDayRollups.serviceDate, to),
      ),
    );
}

/** regionCode|date of every closed day of these regions in [from, to). */
export async function closedRegionDays(db: DbOrTx, regionCodes: string[], from: string, to: string) {
  if (!regionCodes.length) return new Set<string>();
  const rows = await db
    .select({ regionCode: regionRollupDays.regionCode, date: regionRollupDays.serviceDate })
    .from(regionRollupDays)
    .where(
      and(
        inArray(regionRollupDays.regionCode, regionCodes),
        gte(regionRollupDays.serviceDate, from),
        lt(regionRollupDays.serviceDate, to),
      ),
    );
  return new Set(rows.map((r) => `${r.regionCode}|${r.date}`));
}

export async function lastClosedRegionDay(db: DbOrTx, regionCode: string): Promise<string | null> {
  const [row] = await db
    .select({ date: regionRollupDays.serviceDate })
    .from(regionRollupDays)
    .where(eq(regionRollupDays.regionCode, regionCode))
    .orderBy(desc(regionRollupDays.serviceDate))
    .limit(1);
  return row?.date ?? null;
}
