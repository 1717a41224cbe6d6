import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { diversions, peakChanges } from "../tables.js";

// A hall's local day of peak warnings and diversions, for the reports' daily roll-ups (issue 15). Both read
// their table's (hall_id, at) index over the day.

export type PeakDayFigures = { level1: number; level2: number; level3: number; minutesAtLevel3: number };

/**
 * The warnings of a day: each rise to a level counts once for that level (3 → 2 is no new warning), and the
 * minutes the hall spent at level 3, from the level it had at midnight to the day's end (or `now`).
 */
export async function peakDayFigures(
  db: DbOrTx,
  hallId: string,
  day: { from: Date; to: Date },
  now = new Date(),
): Promise<PeakDayFigures> {
  const [before] = await db
    .select({ level: peakChanges.level })
    .from(peakChanges)
    .where(and(eq(peakChanges.hallId, hallId), lt(peakChanges.at, day.from)))
    .orderBy(desc(peakChanges.at))
    .limit(1);
  const changes = await db
    .select({ level: peakChanges.level, previous: peakChanges.previousLevel, at: peakChanges.at })
    .from(peakChanges)
    .where(and(eq(peakChanges.hallId, hallId), gte(peakChanges.at, day.from), lt(peakChanges.at, day.to)))
    .orderBy(asc(peakChanges.at), asc(peakChanges.id));
  const out: PeakDayFigures = { level1: 0, level2: 0, level3: 0, minutesAtLevel3: 0 };
  const end = Math.min(day.to.getTime(), Math.max(day.from.getTime(), now.getTime()));
  let level = before?.level ?? 0;
  let since = day.from.getTime();
  const atLevel3 = (until: number) => {
    if (level >= 3) out.minutesAtLevel3 += Math.max(0, Math.min(until, end) - since) / 60_000;
  };
  for (const c of changes) {
    atLevel3(c.at.getTime());
    if (c.level > c.previous && c.level >= 1 && c.level <= 3) out[`level${c.level as 1 | 2 | 3}`]++;
    level = c.level;
    since = c.at.getTime();
  }
  atLevel3(end);
  out.minutesAtLevel3 = Math.round(out.minutesAtLevel3 * 10) / 10;
  return out;
}

export type DiversionDayFigures = {
  businessType: string;
  suggested: number;
  taken: number;
  /** channel → [suggested, taken] */
  byChannel: Record<string, [number, number]>;
};

/** The diversions offered in a day and those taken, per business type and channel. */
export async function diversionDayFigures(
  db: DbOrTx,
  hallId: string,
  day: { from: Date; to: Date },
): Promise<DiversionDayFigures[]> {
  const rows = await db
    .select({
      businessType: diversions.businessType,
      channel: diversions.channel,
      suggested: sql<number>`count(*)::int`,
      taken: sql<number>`count(*) FILTER (WHERE ${diversions.accepted})::int`,
    })
    .from(diversions)
    .where(and(eq(diversions.hallId, hallId), gte(diversions.at, day.from), lt(diversions.at, day.to)))
    .groupBy(diversions.businessType, diversions.channel);
  const byType = new Map<string, DiversionDayFigures>();
  for (const r of rows) {
    let f = byType.get(r.businessType);
    if (!f) {
      f = { businessType: r.businessType, suggested: 0, taken: 0, byChannel: {} };
      byType.set(r.businessType, f);
    }
    f.suggested += r.suggested;
    f.taken += r.taken;
    f.byChannel[r.channel] = [r.suggested, r.taken];
  }
  return [...byType.values()];
}
