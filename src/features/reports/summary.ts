import type { Db } from "../../core/db.js";
import { daysOf, type Period } from "../../core/periods.js";
import { localParts } from "../../core/time.js";
import type { Hall } from "../halls/contract.js";
import { firstServiceDate } from "../queue/data/day-figures.js";
import { closedDays, closedRegionDays, readRegionRollups, readRollups } from "./data/rollups.js";
import { addCounts, type Counts, emptyCounts, NO_HALL } from "./figures.js";
import { closeRegionDay, computeRegionDay } from "./mutations/region-rollups.js";
import { closeHallDay, computeHallDay } from "./mutations/rollups.js";

// A report's counts for some halls over a period: the closed days from the roll-ups (a day the sweeper
// has not reached yet is closed here first), today live. Per hall, region, business type and day, so a
// scope's children and its business types add up to it. The regions' own records (complaints at no hall,
// field visits) count for a region or the operator, not for a hall.

export type Grouped = {
  total: Counts;
  /** By hall id; NO_HALL holds the regions' own records. */
  byHall: Map<string, Counts>;
  byRegion: Map<string, Counts>;
  byBusinessType: Map<string, Counts>;
  byDay: Map<string, Counts>;
};

/**
 * Where a report reads and where it closes a missing day: the same database, or a read replica
 * (TINGWU_REPORTS_DATABASE_URL) and the primary.
 */
export type ReportDbs = { read: Db; write: Db };

type Row = Counts & { hallId: string; regionCode: string; businessType: string; serviceDate: string };

/** The first local day a hall can have figures: its creation, or its first ticket when older (history). */
export async function firstDayOf(db: Db, hall: Hall, timeZone: string) {
  const created = localParts(new Date(hall.createdAt), timeZone).date;
  const first = await firstServiceDate(db, hall.id);
  return first && first < created ? first : created;
}

/** A region's first local day: its first hall's. */
export async function firstRegionDayOf(db: Db, halls: Hall[], timeZone: string) {
  const days = await Promise.all(halls.map((h) => firstDayOf(db, h, timeZone)));
  return days.sort()[0];
}

/**
 * Closes the hall-days and region-days of [from, to) that no sweeper has closed yet (on the primary);
 * returns how many it closed. Looks them up where the report reads.
 */
async function closeMissing(
  dbs: ReportDbs,
  halls: Hall[],
  regions: string[],
  from: string,
  to: string,
  tz: string,
) {
  const { read, write } = dbs;
  const ids = halls.map((h) => h.id);
  const days = daysOf(from, to).length;
  let n = 0;
  const closed = await closedDays(read, ids, from, to);
  if (closed.size < halls.length * days)
    for (const hall of halls) {
      const first = await firstDayOf(read, hall, tz);
      for (const d of daysOf(from > first ? from : first, to))
        if (!closed.has(`${hall.id}|${d}`) && (await closeHallDay(write, hall, d, tz))) n++;
    }
  const closedRegions = await closedRegionDays(read, regions, from, to);
  if (closedRegions.size < regions.length * days)
    for (const code of regions) {
      const first = await firstRegionDayOf(
        read,
        halls.filter((h) => h.regionCode === code),
        tz,
      );
      for (const d of daysOf(from > first ? from : first, to))
        if (!closedRegions.has(`${code}|${d}`) && (await closeRegionDay(write, code, d, tz))) n++;
    }
  return n;
}

export async function countsOf(
  dbs: ReportDbs,
  halls: Hall[],
  period: Period,
  timeZone: string,
  options: { withRegions: boolean },
  now = new Date(),
): Promise<Grouped> {
  const today = localParts(now, timeZone).date;
  const pastTo = period.to < today ? period.to : today;
  const ids = halls.map((h) => h.id);
  const regionOf = new Map(halls.map((h) => [h.id, h.regionCode]));
  const regions = [...new Set(halls.map((h) => h.regionCode))];
  // A hall's report holds that hall's rows of its region's roll-up; a region's, all of them.
  const keep = (hallId: string) => regionOf.has(hallId) || (options.withRegions && hallId === NO_HALL);
  let db = dbs.read;
  const rows: Row[] = [];
  if (period.from < pastTo) {
    // Days just closed on the primary may not have reached a replica yet: this report reads them there.
    if ((await closeMissing(dbs, halls, regions, period.from, pastTo, timeZone)) > 0) db = dbs.write;
    for (const r of await readRollups(db, ids, period.from, pastTo)) rows.push({ ...emptyCounts(), ...r });
    for (const r of await readRegionRollups(db, regions, period.from, pastTo))
      if (keep(r.hallId)) rows.push({ ...emptyCounts(), ...r, businessType: "" });
  }
  if (period.from <= today && today < period.to) {
    const live = await Promise.all(halls.map((hall) => computeHallDay(db, hall, today, timeZone)));
    live.forEach((dayRows, i) => {
      for (const r of dayRows)
        rows.push({ ...r, hallId: halls[i].id, regionCode: halls[i].regionCode, serviceDate: today });
    });
    const liveRegions = await Promise.all(regions.map((code) => computeRegionDay(db, code, today, timeZone)));
    liveRegions.forEach((dayRows, i) => {
      for (const r of dayRows)
        if (keep(r.hallId)) rows.push({ ...r, regionCode: regions[i], serviceDate: today });
    });
  }
  const group = (key: (r: Row) => string | null) => {
    const m = new Map<string, Row[]>();
    for (const r of rows) {
      const k = key(r);
      if (k === null) continue;
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return new Map([...m].map(([k, v]) => [k, addCounts(v)]));
  };
  return {
    total: addCounts(rows),
    byHall: group((r) => r.hallId),
    byRegion: group((r) => r.regionCode),
    byBusinessType: group((r) => (r.businessType === "" ? null : r.businessType)),
    byDay: group((r) => r.serviceDate),
  };
}
