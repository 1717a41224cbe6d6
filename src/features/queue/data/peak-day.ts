import { and, asc, gte, inArray, lt, sql } from "drizzle-orm";
import { type DbOrTx, queryRows, sqlArray } from "../../../core/db.js";
import { diversions, peakChanges } from "../tables.js";

// A hall's local day of peak warnings and diversions, for the reports' daily roll-ups (issue 15). Both read
// their table's (hall_id, at) index over the day.

export type PeakDayFigures = { level1: number; level2: number; level3: number; minutesAtLevel3: number };

/**
 * The warnings of a day per hall: each rise to a level counts once for that level (3 → 2 is no new
 * warning), and the minutes spent at level 3, from the level at midnight to the day's end (or `now`).
 */
export async function peakDayFigures(
  db: DbOrTx,
  hallIds: string[],
  day: { from: Date; to: Date },
  now = new Date(),
): Promise<Map<string, PeakDayFigures>> {
  const out = new Map<string, PeakDayFigures>();
  if (!hallIds.length) return out;
  // Each hall's level at midnight: its last change before, one index probe per hall.
  const before = await queryRows<{ hall_id: string; level: number | null }>(
    db,
    sql`SELECT h.id AS hall_id,
          (SELECT level FROM peak_changes WHERE hall_id = h.id AND at < ${day.from.toISOString()}::timestamptz
           ORDER BY at DESC LIMIT 1) AS level
        FROM unnest(${sqlArray(hallIds, "uuid")}) AS h(id)`,
  );
  const changes = await db
    .select({
      hallId: peakChanges.hallId,
      level: peakChanges.level,
      previous: peakChanges.previousLevel,
      at: peakChanges.at,
    })
    .from(peakChanges)
    .where(and(inArray(peakChanges.hallId, hallIds), gte(peakChanges.at, day.from), lt(peakChanges.at, day.to)))
    .orderBy(asc(peakChanges.hallId), asc(peakChanges.at), asc(peakChanges.id));
  const end = Math.min(day.to.getTime(), Math.max(day.from.getTime(), now.getTime()));
  const byHall = new Map<string, typeof changes>();
  for (const c of changes) byHall.set(c.hallId, [...(byHall.get(c.hallId) ?? []), c]);
  for (const { hall_id, level: start } of before) {
    const f: PeakDayFigures = { level1: 0, level2: 0, level3: 0, minutesAtLevel3: 0 };
    let level = start ?? 0;
    let since = day.from.getTime();
    const atLevel3 = (until: number) => {
      if (level >= 3) f.minutesAtLevel3 += Math.max(0, Math.min(until, end) - since) / 60_000;
    };
    for (const c of byHall.get(hall_id) ?? []) {
      atLevel3(c.at.getTime());
      if (c.level > c.previous && c.level >= 1 && c.level <= 3) f[`level${c.level as 1 | 2 | 3}`]++;
      level = c.level;
      since = c.at.getTime();
    }
    atLevel3(end);
    f.minutesAtLevel3 = Math.round(f.minutesAtLevel3 * 10) / 10;
    out.set(hall_id, f);
  }
  return out;
}

export type DiversionDayFigures = {
  hallId: string;
  businessType: string;
  suggested: number;
  taken: number;
  /** channel → [suggested, taken] */
  byChannel: Record<string, [number, number]>;
};

/** The diversions offered in a day and those taken, per hall, business type and channel. */
export async function diversionDayFigures(
  db: DbOrTx,
  hallIds: string[],
  day: { from: Date; to: Date },
): Promise<DiversionDayFigures[]> {
  if (!hallIds.length) return [];
  const rows = await db
    .select({
      hallId: diversions.hallId,
      businessType: diversions.businessType,
      channel: diversions.channel,
      suggested: sql<number>`count(*)::int`,
      taken: sql<number>`count(*) FILTER (WHERE ${diversions.accepted})::int`,
    })
    .from(diversions)
    .where(and(inArray(diversions.hallId, hallIds), gte(diversions.at, day.from), lt(diversions.at, day.to)))
    .groupBy(diversions.hallId, diversions.businessType, diversions.channel);
  const byType = new Map<string, DiversionDayFigures>();
  for (const r of rows) {
    const key = `${r.hallId}|${r.businessType}`;
    let f = byType.get(key);
    if (!f) {
      f = { hallId: r.hallId, businessType: r.businessType, suggested: 0, taken: 0, byChannel: {} };
      byType.set(key, f);
    }
    f.suggested += r.suggested;
    f.taken += r.taken;
    f.byChannel[r.channel] = [r.suggested, r.taken];
  }
  return [...byType.values()];
}
