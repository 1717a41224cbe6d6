import { and, eq, gte, lt, sql } from "drizzle-orm";
import { type Db, type DbOrTx, queryRows, type Tx } from "../../../core/db.js";
import { nextDay, nextMonth } from "../../../core/periods.js";
import { zonedInstant } from "../../../core/time.js";
import type { Hall } from "../../halls/contract.js";
import { ratingDayFigures } from "../../quality/data/rating-day.js";
import { greetingBreachCounts, ticketDayFigures } from "../../queue/data/day-figures.js";
import { diversionDayFigures, peakDayFigures } from "../../queue/data/peak-day.js";
import { addCounts, type Counts, emptyCounts, WHOLE } from "../figures.js";
import { hallDayRollups, hallMonthRollups, rollupDays } from "../tables.js";

// Issue 15: a hall's local day summed per business type from every feature's own figures. The same
// function gives today's live figures (not stored) and closes a past day (stored with its bookmark).

export type DayRow = Counts & { businessType: string };

/** A hall's local day as instants, [from, to). */
export const dayOf = (date: string, timeZone: string) => ({
  from: zonedInstant(date, 0, timeZone),
  to: zonedInstant(nextDay(date), 0, timeZone),
});

/**
 * Some halls' local day per business type, from every feature's own figures — one statement per feature
 * for all of them (a region's live day is as many statements as a hall's).
 */
export async function computeHallsDay(
  db: DbOrTx,
  halls: Hall[],
  date: string,
  timeZone: string,
): Promise<Map<string, DayRow[]>> {
  const day = dayOf(date, timeZone);
  const ids = halls.map((h) => h.id);
  // One after another: inside closeHallDay these share one transaction's connection.
  const tickets = await ticketDayFigures(db, ids, date, day);
  const greetings = await greetingBreachCounts(db, ids, day);
  const ratings = await ratingDayFigures(db, ids, day.from, day.to);
  const peaks = await peakDayFigures(db, ids, day);
  const diverted = await diversionDayFigures(db, ids, day);
  const rows = new Map<string, Map<string, DayRow>>(ids.map((id) => [id, new Map()]));
  const rowOf = (hallId: string, businessType: string) => {
    const hall = rows.get(hallId) as Map<string, DayRow>;
    let r = hall.get(businessType);
    if (!r) {
      r = { ...emptyCounts(), businessType };
      hall.set(businessType, r);
    }
    return r;
  };
  for (const { hallId, ...t } of tickets) Object.assign(rowOf(hallId, t.businessType), t);
  for (const r of ratings)
    Object.assign(rowOf(r.hallId, r.businessType), { ratings: r.ratings, satisfied: r.satisfied });
  for (const d of diverted)
    Object.assign(rowOf(d.hallId, d.businessType), {
      diversionSuggested: d.suggested,
      diversionTaken: d.taken,
      diversionChannels: d.byChannel,
    });
  for (const id of ids) {
    const greeting = greetings.get(id) ?? 0;
    const peak = peaks.get(id);
    if (greeting || (peak && (peak.level1 || peak.level2 || peak.level3 || peak.minutesAtLevel3)))
      Object.assign(rowOf(id, ""), {
        greetingBreaches: greeting,
        peakLevel1: peak?.level1 ?? 0,
        peakLevel2: peak?.level2 ?? 0,
        peakLevel3: peak?.level3 ?? 0,
        peakMinutes3: peak?.minutesAtLevel3 ?? 0,
      });
  }
  return new Map([...rows].map(([id, m]) => [id, [...m.values()]]));
}

/** One hall's local day per business type (computeHallsDay of one). */
export async function computeHallDay(db: DbOrTx, hall: Hall, date: string, timeZone: string) {
  return (await computeHallsDay(db, [hall], date, timeZone)).get(hall.id) ?? [];
}

// Trailing empty buckets are not kept: most waits fill the first few dozen of the 121, and a report
// reads (and parses) every row's histogram.
const stored = <T extends Counts>(r: T): T => ({
  ...r,
  waitHist: r.waitHist.slice(0, r.waitHist.findLastIndex((n) => n > 0) + 1),
});

/** The month of a closed day summed again from its closed days (at most 31 × the business types). */
async function closeMonth(tx: Tx, hall: Hall, date: string) {
  const month = `${date.slice(0, 7)}-01`;
  const days = await tx
    .select()
    .from(hallDayRollups)
    .where(
      and(
        eq(hallDayRollups.hallId, hall.id),
        gte(hallDayRollups.serviceDate, month),
        lt(hallDayRollups.serviceDate, nextMonth(month)),
      ),
    );
  const byType = new Map<string, Counts[]>();
  for (const d of days)
    byType.set(d.businessType, [...(byType.get(d.businessType) ?? []), { ...emptyCounts(), ...d }]);
  await tx
    .delete(hallMonthRollups)
    .where(and(eq(hallMonthRollups.hallId, hall.id), eq(hallMonthRollups.month, month)));
  if (byType.size)
    await tx.insert(hallMonthRollups).values(
      [...byType].map(([businessType, list]) => ({
        ...stored(addCounts(list)),
        // A month's arrivals by half hour are no report's figure.
        arrivals: [],
        hallId: hall.id,
        month,
        businessType,
        regionCode: hall.regionCode,
      })),
    );
}

/**
 * Closes a hall's local day: its roll-up rows replaced and its bookmark set, in one transaction under an
 * advisory lock of the hall-day, so several instances (or a recompute racing the sweeper) write it once.
 * Returns false when another instance holds the day right now.
 */
export async function closeHallDay(db: Db, hall: Hall, date: string, timeZone: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(
      tx,
      sql`SELECT pg_try_advisory_xact_lock(hashtext(${`rollup:${hall.id}:${date}`})) AS ok`,
    );
    if (!lock.ok) return false;
    const rows = await computeHallDay(tx, hall, date, timeZone);
    await tx
      .delete(hallDayRollups)
      .where(and(eq(hallDayRollups.hallId, hall.id), eq(hallDayRollups.serviceDate, date)));
    if (rows.length)
      await tx.insert(hallDayRollups).values(
        [...rows, { ...addCounts(rows), businessType: WHOLE }].map((r) => ({
          ...stored(r),
          hallId: hall.id,
          serviceDate: date,
          regionCode: hall.regionCode,
        })),
      );
    await closeMonth(tx, hall, date);
    await tx
      .insert(rollupDays)
      .values({ hallId: hall.id, serviceDate: date })
      .onConflictDoUpdate({
        target: [rollupDays.hallId, rollupDays.serviceDate],
        set: { closedAt: new Date() },
      });
    return true;
  });
}
