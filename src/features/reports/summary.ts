import type { Db } from "../../core/db.js";
import { daysOf, type Period } from "../../core/periods.js";
import { localParts } from "../../core/time.js";
import type { Hall } from "../halls/contract.js";
import { firstServiceDates } from "../queue/data/day-figures.js";
import {
  closedDayStats,
  closedDays,
  closedRegionDays,
  readDayTrend,
  readRegionSums,
  readTypeSums,
  readWholeDays,
  readWholeMonths,
} from "./data/rollups.js";
import { type Counts, NO_HALL, Sum } from "./figures.js";
import { closeRegionDay, computeRegionDay } from "./mutations/region-rollups.js";
import { closeHallDay, computeHallsDay } from "./mutations/rollups.js";
import { rollupPlan } from "./rules.js";

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

/** Each hall's first local day (its first ticket's, or the day it was made if earlier), in one statement. */
export async function firstDaysOf(db: Db, halls: Hall[], timeZone: string) {
  const tickets = await firstServiceDates(
    db,
    halls.map((h) => h.id),
  );
  return new Map(
    halls.map((h) => {
      const created = localParts(new Date(h.createdAt), timeZone).date;
      const first = tickets.get(h.id);
      return [h.id, first && first < created ? first : created];
    }),
  );
}

/** A region's first local day: its first hall's. */
export async function firstRegionDayOf(db: Db, halls: Hall[], timeZone: string) {
  return [...(await firstDaysOf(db, halls, timeZone)).values()].sort()[0];
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
  const days = daysOf(from, to);
  let n = 0;
  // Usually every day is closed: one grouped count tells, without listing them.
  const stats = await closedDayStats(
    read,
    halls.map((h) => h.id),
    from,
    to,
  );
  const open = halls.filter((h) => stats.get(h.id)?.n !== days.length);
  const firsts = await firstDaysOf(read, open, tz);
  for (const hall of open) {
    const s = stats.get(hall.id);
    const first = firsts.get(hall.id) as string;
    const need = daysOf(from > first ? from : first, to);
    if (need.length === 0 || (s && s.n === need.length && s.first === need[0])) continue;
    const closed = await closedDays(read, [hall.id], from, to);
    for (const d of need) if (!closed.has(`${hall.id}|${d}`) && (await closeHallDay(write, hall, d, tz))) n++;
  }
  const closedRegions = await closedRegionDays(read, regions, from, to);
  if (closedRegions.size < regions.length * days.length)
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

/** A roll-up row, or a part of one (a hall's rows lack the region figures, a month's its arrivals). */
type Part = Partial<Counts>;

/** Longer periods trend by month, not by day. */
const DAILY_TREND_DAYS = 92;

export async function countsOf(
  dbs: ReportDbs,
  halls: Hall[],
  period: Period,
  timeZone: string,
  options: { withRegions: boolean; totalOnly?: boolean },
  now = new Date(),
): Promise<Grouped> {
  // The period before needs its total alone: each hall's whole-day and whole-month rows ('*'), not its
  // business types, and no trend — a tenth of the rows.
  const whole = options.totalOnly === true;
  const today = localParts(now, timeZone).date;
  const pastTo = period.to < today ? period.to : today;
  const ids = halls.map((h) => h.id);
  const inScope = new Set(ids);
  const regions = [...new Set(halls.map((h) => h.regionCode))];
  const daily = daysOf(period.from, period.to).length <= DAILY_TREND_DAYS;
  const trendKey = (date: string) => (daily ? date : date.slice(0, 7));
  // Per hall (the children; NO_HALL keyed by region in `own`), per business type, per day or month (the
  // trend): each row is added once to each, and regions and the total merge the halls.
  const byHall = new Map<string, Sum>();
  const byType = new Map<string, Sum>();
  const own = new Map<string, Sum>();
  const trend = new Map<string, Sum>();
  const push = (m: Map<string, Sum>, k: string, c: Part, sign = 1) => {
    let sum = m.get(k);
    if (!sum) {
      sum = new Sum();
      m.set(k, sum);
    }
    sum.add(c, sign);
  };
  if (period.from < pastTo) {
    let db = dbs.read;
    // Days just closed on the primary may not have reached a replica yet: this report reads them there.
    if ((await closeMissing(dbs, halls, regions, period.from, pastTo, timeZone)) > 0) db = dbs.write;
    // Whole months from the month roll-ups, the edges from days or as their month less its other days;
    // each hall from its whole-day and whole-month rows ('*'), the business types summed in the database.
    const plan = rollupPlan(period.from, pastTo);
    const [monthRows, dayRows, minusRows, typeSums, dayTrend, regionSums] = await Promise.all([
      readWholeMonths(db, ids, plan.months),
      readWholeDays(db, ids, plan.days, period.kind === "day"),
      readWholeDays(db, ids, plan.minusDays),
      whole ? [] : readTypeSums(db, ids, plan),
      whole || !daily ? [] : readDayTrend(db, ids, period.from, pastTo),
      readRegionSums(db, regions, period.from, pastTo, options.withRegions ? undefined : ids),
    ]);
    for (const r of monthRows) push(byHall, r.hallId, r);
    for (const r of dayRows) push(byHall, r.hallId, r);
    for (const r of minusRows) push(byHall, r.hallId, r, -1);
    for (const r of typeSums) push(byType, r.businessType, r);
    for (const r of dayTrend) push(trend, r.serviceDate, r);
    // A longer period's trend by month from the same rows.
    if (!daily && !whole) {
      for (const r of monthRows) push(trend, r.month.slice(0, 7), r);
      for (const r of dayRows) push(trend, trendKey(r.serviceDate), r);
      for (const r of minusRows) push(trend, trendKey(r.serviceDate), r, -1);
    }
    for (const r of regionSums) {
      if (r.serviceDate) push(trend, trendKey(r.serviceDate), r.counts);
      else if (r.hallId && inScope.has(r.hallId)) push(byHall, r.hallId, r.counts);
      else if (r.hallId === NO_HALL && r.regionCode && options.withRegions) push(own, r.regionCode, r.counts);
    }
  }
  if (period.from <= today && today < period.to) {
    const live = await computeHallsDay(dbs.read, halls, today, timeZone);
    for (const [hallId, dayRows] of live)
      for (const r of dayRows) {
        push(byHall, hallId, r);
        if (r.businessType !== "") push(byType, r.businessType, r);
        push(trend, trendKey(today), r);
      }
    const liveRegions = await Promise.all(
      regions.map((code) => computeRegionDay(dbs.read, code, today, timeZone)),
    );
    liveRegions.forEach((dayRows, i) => {
      for (const r of dayRows) {
        if (inScope.has(r.hallId)) push(byHall, r.hallId, r);
        else if (r.hallId === NO_HALL && options.withRegions) push(own, regions[i], r);
        else continue;
        push(trend, trendKey(today), r);
      }
    });
  }
  const byRegion = new Map<string, Sum>();
  for (const code of regions) byRegion.set(code, new Sum());
  for (const h of halls) {
    const sum = byHall.get(h.id);
    if (sum) byRegion.get(h.regionCode)?.merge(sum);
  }
  for (const [code, sum] of own) byRegion.get(code)?.merge(sum);
  const total = new Sum();
  for (const sum of byRegion.values()) total.merge(sum);
  const countsOfAll = (m: Map<string, Sum>) => new Map([...m].map(([k, v]) => [k, v.counts()]));
  const hallCounts = countsOfAll(byHall);
  if (own.size) {
    const ownSum = new Sum();
    for (const sum of own.values()) ownSum.merge(sum);
    hallCounts.set(NO_HALL, ownSum.counts());
  }
  return {
    total: total.counts(),
    byHall: hallCounts,
    byRegion: countsOfAll(byRegion),
    byBusinessType: countsOfAll(byType),
    trendUnit: daily ? "day" : "month",
    trend: countsOfAll(trend),
  };
}
