import type { Db } from "../../core/db.js";
import { daysOf, type Period, splitMonths } from "../../core/periods.js";
import { localParts } from "../../core/time.js";
import type { Hall } from "../halls/contract.js";
import { firstServiceDate } from "../queue/data/day-figures.js";
import {
  closedDays,
  closedRegionDays,
  readDayRows,
  readMonthRows,
  readRegionDays,
  readRegionSums,
} from "./data/rollups.js";
import { addCounts, type Counts, emptyCounts, NO_HALL } from "./figures.js";
import { closeRegionDay, computeRegionDay } from "./mutations/region-rollups.js";
import { closeHallDay, computeHallsDay } from "./mutations/rollups.js";

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
  /** By local day (YYYY-MM-DD), or for periods longer than a quarter by month (YYYY-MM). */
  trendUnit: "day" | "month";
  trend: Map<string, Counts>;
};

/**
 * Where a report reads and where it closes a missing day: the same database, or a read replica
 * (TINGWU_REPORTS_DATABASE_URL) and the primary.
 */
export type ReportDbs = { read: Db; write: Db };

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

/** Longer periods trend by month, not by day. */
const DAILY_TREND_DAYS = 92;

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
  const inScope = new Set(ids);
  const regions = [...new Set(halls.map((h) => h.regionCode))];
  const daily = daysOf(period.from, period.to).length <= DAILY_TREND_DAYS;
  const trendKey = (date: string) => (daily ? date : date.slice(0, 7));
  // Per hall and business type (the children and the types), and per day or month (the trend).
  const typed = new Map<string, Counts[]>();
  const own = new Map<string, Counts[]>();
  const trend = new Map<string, Counts[]>();
  const push = (m: Map<string, Counts[]>, k: string, c: Counts) => {
    const list = m.get(k);
    if (list) list.push(c);
    else m.set(k, [c]);
  };
  const add = (hallId: string, businessType: string, c: Counts) =>
    push(typed, `${hallId}|${businessType}`, c);
  if (period.from < pastTo) {
    let db = dbs.read;
    // Days just closed on the primary may not have reached a replica yet: this report reads them there.
    if ((await closeMissing(dbs, halls, regions, period.from, pastTo, timeZone)) > 0) db = dbs.write;
    // Whole months from the month roll-ups, the days around them from the day roll-ups.
    const { months, edges } = splitMonths(period.from, pastTo);
    const [monthRows, dayRows, trendRows, monthTrend, regionSums] = await Promise.all([
      readMonthRows(db, ids, months, false),
      readDayRows(db, ids, edges, false),
      readDayRows(db, ids, daily ? [[period.from, pastTo]] : edges, true),
      daily ? [] : readMonthRows(db, ids, months, true),
      readRegionSums(db, regions, period.from, pastTo),
    ]);
    for (const r of monthRows) add(r.hallId, r.businessType, { ...emptyCounts(), ...r });
    for (const r of dayRows) add(r.hallId, r.businessType, { ...emptyCounts(), ...r });
    for (const r of trendRows) push(trend, trendKey(r.serviceDate), { ...emptyCounts(), ...r });
    for (const r of monthTrend) push(trend, r.month.slice(0, 7), { ...emptyCounts(), ...r });
    for (const r of regionSums) {
      if (r.serviceDate) {
        // The day's sums are of the whole regions: a hall's report takes none of its region's own.
        if (options.withRegions) push(trend, trendKey(r.serviceDate), r.counts);
      } else if (r.hallId && inScope.has(r.hallId)) add(r.hallId, "", r.counts);
      else if (r.hallId === NO_HALL && r.regionCode && options.withRegions) push(own, r.regionCode, r.counts);
    }
    // A hall's report counts its complaints and faults by day too.
    if (!options.withRegions) {
      const hallDays = await readRegionDays(db, regions, ids, period.from, pastTo);
      for (const r of hallDays) push(trend, trendKey(r.serviceDate), r.counts);
    }
  }
  if (period.from <= today && today < period.to) {
    const live = await computeHallsDay(dbs.read, halls, today, timeZone);
    for (const [hallId, dayRows] of live)
      for (const r of dayRows) {
        add(hallId, r.businessType, r);
        push(trend, trendKey(today), r);
      }
    const liveRegions = await Promise.all(
      regions.map((code) => computeRegionDay(dbs.read, code, today, timeZone)),
    );
    liveRegions.forEach((dayRows, i) => {
      for (const r of dayRows) {
        if (inScope.has(r.hallId)) add(r.hallId, "", r);
        else if (r.hallId === NO_HALL && options.withRegions) push(own, regions[i], r);
        else continue;
        push(trend, trendKey(today), r);
      }
    });
  }
  // Each row once per grouping: by hall (then regions and the total from the halls), by business type.
  const byHallRows = new Map<string, Counts[]>();
  const byTypeRows = new Map<string, Counts[]>();
  for (const [key, list] of typed) {
    const [hallId, businessType] = key.split("|");
    const sum = addCounts(list);
    push(byHallRows, hallId, sum);
    if (businessType !== "") push(byTypeRows, businessType, sum);
  }
  const sumAll = (m: Map<string, Counts[]>) => new Map([...m].map(([k, v]) => [k, addCounts(v)]));
  const byHall = sumAll(byHallRows);
  const ownByRegion = sumAll(own);
  const byRegion = new Map<string, Counts>();
  for (const code of regions)
    byRegion.set(
      code,
      addCounts([
        ...halls.filter((h) => h.regionCode === code).flatMap((h) => byHall.get(h.id) ?? []),
        ...[ownByRegion.get(code)].filter((c) => c !== undefined),
      ]),
    );
  if (ownByRegion.size) byHall.set(NO_HALL, addCounts([...ownByRegion.values()]));
  return {
    total: addCounts([...byRegion.values()]),
    byHall,
    byRegion,
    byBusinessType: sumAll(byTypeRows),
    trendUnit: daily ? "day" : "month",
    trend: sumAll(trend),
  };
}
