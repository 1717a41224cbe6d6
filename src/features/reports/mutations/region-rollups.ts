import { and, eq, sql } from "drizzle-orm";
import { type Db, type DbOrTx, queryRows } from "../../../core/db.js";
import { complaintDayFigures } from "../../complaints/data/day-figures.js";
import { faultDayFigures } from "../../faults/data/day-figures.js";
import { visitDayFigures } from "../../field-visits/data/day-figures.js";
import { emptyCounts, NO_HALL } from "../figures.js";
import { regionDayRollups, regionRollupDays } from "../tables.js";
import { type DayRow, dayOf } from "./rollups.js";

// Issue 15: a region's local day of the records that belong to a region first — complaints and faults
// (each under its hall, or the region's own), field visits (the region's own) — from those features' own
// figures. The same function gives today live and closes a past day, like the halls' days.

export type RegionDayRow = DayRow & { hallId: string };

export async function computeRegionDay(
  db: DbOrTx,
  regionCode: string,
  date: string,
  timeZone: string,
): Promise<RegionDayRow[]> {
  const day = dayOf(date, timeZone);
  const complaints = await complaintDayFigures(db, regionCode, day);
  const faults = await faultDayFigures(db, regionCode, day);
  const visits = await visitDayFigures(db, regionCode, day);
  const rows = new Map<string, RegionDayRow>();
  const rowOf = (hallId: string | null) => {
    const key = hallId ?? NO_HALL;
    let r = rows.get(key);
    if (!r) {
      r = { ...emptyCounts(), businessType: "", hallId: key };
      rows.set(key, r);
    }
    return r;
  };
  for (const c of complaints)
    Object.assign(rowOf(c.hallId), {
      complaints: c.received,
      complaintAppeals: c.appeals,
      complaintFirstReplied: c.firstReplied,
      complaintFirstReplyOnTime: c.firstReplyOnTime,
      complaintResolved: c.resolved,
      complaintOverdue: c.overdue,
    });
  for (const f of faults)
    Object.assign(rowOf(f.hallId), {
      faultsReported: f.reported,
      faultsReportedInTime: f.reportedInTime,
      faultsClosed: f.closed,
    });
  if (visits.done || visits.due)
    Object.assign(rowOf(null), {
      visitsDone: visits.done,
      visitsDue: visits.due,
      visitsOverdue: visits.overdue,
    });
  return [...rows.values()];
}

/** Closes a region's local day as closeHallDay closes a hall's: replaced whole, once, under a lock. */
export async function closeRegionDay(
  db: Db,
  regionCode: string,
  date: string,
  timeZone: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(
      tx,
      sql`SELECT pg_try_advisory_xact_lock(hashtext(${`rollup-region:${regionCode}:${date}`})) AS ok`,
    );
    if (!lock.ok) return false;
    const rows = await computeRegionDay(tx, regionCode, date, timeZone);
    await tx
      .delete(regionDayRollups)
      .where(and(eq(regionDayRollups.regionCode, regionCode), eq(regionDayRollups.serviceDate, date)));
    if (rows.length)
      await tx.insert(regionDayRollups).values(
        rows.map((r) => ({
          regionCode,
          serviceDate: date,
          hallId: r.hallId,
          complaints: r.complaints,
          complaintAppeals: r.complaintAppeals,
          complaintFirstReplied: r.complaintFirstReplied,
          complaintFirstReplyOnTime: r.complaintFirstReplyOnTime,
          complaintResolved: r.complaintResolved,
          complaintOverdue: r.complaintOverdue,
          faultsReported: r.faultsReported,
          faultsReportedInTime: r.faultsReportedInTime,
          faultsClosed: r.faultsClosed,
          visitsDone: r.visitsDone,
          visitsDue: r.visitsDue,
          visitsOverdue: r.visitsOverdue,
        })),
      );
    await tx
      .insert(regionRollupDays)
      .values({ regionCode, serviceDate: date })
      .onConflictDoUpdate({
        target: [regionRollupDays.regionCode, regionRollupDays.serviceDate],
        set: { closedAt: new Date() },
      });
    return true;
  });
}
