import { and, count, desc, eq, getTableColumns, gte, inArray, lt, min, sql } from "drizzle-orm";
import { type DbOrTx, queryRows, sqlArray } from "../../../core/db.js";
import { emptyCounts, WHOLE } from "../figures.js";
import { hallDayRollups, hallMonthRollups, regionDayRollups, regionRollupDays, rollupDays } from "../tables.js";

// Issue 15 reads: the closed days' and months' roll-ups of some halls, the regions' sums, the bookmarks.
// Reports read tens of thousands of figures: plain statements (queryRows), not the query builder's per-row
// mapping, which cost more than the reading; sums are taken in the database where a report needs no row.

type DayRow = typeof hallDayRollups.$inferSelect;
type MonthRow = typeof hallMonthRollups.$inferSelect;
type RollupTable = typeof hallDayRollups | typeof hallMonthRollups | typeof regionDayRollups;

/** A roll-up table's summed figures: its integer and double columns, [property, column name]. */
const figuresOf = (table: RollupTable) =>
  Object.entries(getTableColumns(table))
    .filter(([, c]) => c.columnType === "PgInteger" || c.columnType === "PgDoublePrecision")
    .map(([key, c]) => [key, c.name] as const);

/** `sum(<column>) AS "<property>"` for each figure of a table, each row times `sign` when given. */
const sumsOf = (table: RollupTable, signed = false) =>
  sql.raw(
    figuresOf(table)
      .map(([key, name]) => `sum(${signed ? "sign * " : ""}"${name}")::float8 AS "${key}"`)
      .join(", "),
  );

/** A table's columns as a select list under their property names (dates as text), arrivals if asked. */
function selectList(table: typeof hallDayRollups | typeof hallMonthRollups, arrivals: boolean) {
  return sql.raw(
    Object.entries(getTableColumns(table))
      .filter(([key]) => arrivals || key !== "arrivals")
      .map(([key, c]) => (c.columnType === "PgDateString" ? `"${c.name}"::text AS "${key}"` : `"${c.name}" AS "${key}"`))
      .join(", "),
  );
}

const ranges = (list: [string, string][]) =>
  list.length
    ? sql.join(
        list.map(([from, to]) => sql`(service_date >= ${from}::date AND service_date < ${to}::date)`),
        sql` OR `,
      )
    : sql`false`;

/**
 * The whole-day rows ('*': every business type and none) of these halls over local-day ranges [from, to);
 * with their arrivals by half hour for a day report.
 */
export async function readWholeDays(
  db: DbOrTx,
  hallIds: string[],
  list: [string, string][],
  arrivals = false,
): Promise<DayRow[]> {
  if (!hallIds.length || !list.length) return [];
  return queryRows<DayRow>(
    db,
    sql`SELECT ${selectList(hallDayRollups, arrivals)} FROM hall_day_rollups
        WHERE hall_id = ANY(${sqlArray(hallIds, "uuid")}) AND (${ranges(list)}) AND business_type = ${WHOLE}`,
  );
}

/** The whole-month rows of these halls for these months (their first days). */
export async function readWholeMonths(db: DbOrTx, hallIds: string[], months: string[]): Promise<MonthRow[]> {
  if (!hallIds.length || !months.length) return [];
  return queryRows<MonthRow>(
    db,
    sql`SELECT ${selectList(hallMonthRollups, false)} FROM hall_month_rollups
        WHERE hall_id = ANY(${sqlArray(hallIds, "uuid")}) AND month = ANY(${sqlArray(months, "date")})
          AND business_type = ${WHOLE}`,
  );
}

/**
 * The whole-day rows of these halls over [from, to) summed per day in the database — a quarter's trend
 * of a hundred halls is ninety rows, not nine thousand. The waits' histograms are summed bucket by bucket
 * (each stored one is dense from its first bucket), so a day's p90 stays exact to its bucket.
 */
export async function readDayTrend(db: DbOrTx, hallIds: string[], from: string, to: string) {
  if (!hallIds.length || from >= to) return [];
  return queryRows<Partial<DayRow> & { serviceDate: string }>(
    db,
    sql`WITH r AS (
          SELECT * FROM hall_day_rollups
          WHERE hall_id = ANY(${sqlArray(hallIds, "uuid")}) AND service_date >= ${from}::date
            AND service_date < ${to}::date AND business_type = ${WHOLE}),
        s AS (SELECT service_date, ${sumsOf(hallDayRollups)} FROM r GROUP BY 1),
        h AS (SELECT service_date, array_agg(n ORDER BY i) AS hist FROM (
          SELECT service_date, i, sum(v)::int AS n FROM r, unnest(r.wait_hist) WITH ORDINALITY AS u(v, i) GROUP BY 1, 2
        ) x GROUP BY 1)
        SELECT s.*, s.service_date::text AS "serviceDate", coalesce(h.hist, '{}') AS "waitHist"
        FROM s LEFT JOIN h USING (service_date)`,
  );
}

/**
 * Some halls' figures per business type over a roll-up plan (whole months, days, and days taken away),
 * summed in the database: a region's year is a dozen rows, not twelve thousand. Histograms bucket by bucket
 * and diversions channel by channel, as addCounts would.
 */
export async function readTypeSums(
  db: DbOrTx,
  hallIds: string[],
  plan: { months: string[]; days: [string, string][]; minusDays: [string, string][] },
) {
  if (!hallIds.length) return [];
  const cols = sql.raw(
    ["business_type", "wait_hist", "diversion_channels", ...figuresOf(hallDayRollups).map(([, name]) => name)]
      .map((n) => `"${n}"`)
      .join(", "),
  );
  const types = sql`business_type <> ${WHOLE} AND business_type <> ''`;
  const inHalls = sql`hall_id = ANY(${sqlArray(hallIds, "uuid")})`;
  const months = plan.months.length ? sql`month = ANY(${sqlArray(plan.months, "date")})` : sql`false`;
  return queryRows<Partial<DayRow> & { businessType: string }>(
    db,
    sql`WITH r AS (
          SELECT 1 AS sign, ${cols} FROM hall_month_rollups WHERE ${inHalls} AND (${months}) AND ${types}
          UNION ALL
          SELECT 1, ${cols} FROM hall_day_rollups WHERE ${inHalls} AND (${ranges(plan.days)}) AND ${types}
          UNION ALL
          SELECT -1, ${cols} FROM hall_day_rollups WHERE ${inHalls} AND (${ranges(plan.minusDays)}) AND ${types}),
        s AS (SELECT business_type, ${sumsOf(hallDayRollups, true)} FROM r GROUP BY 1),
        h AS (SELECT business_type, array_agg(n ORDER BY i) AS hist FROM (
          SELECT business_type, i, sum(sign * v)::int AS n FROM r, unnest(r.wait_hist) WITH ORDINALITY AS u(v, i)
          GROUP BY 1, 2) x GROUP BY 1),
        c AS (SELECT business_type, jsonb_object_agg(channel, jsonb_build_array(sg, tk)) AS channels FROM (
          SELECT business_type, e.key AS channel, sum(sign * (e.value->>0)::int) AS sg, sum(sign * (e.value->>1)::int) AS tk
          FROM r, jsonb_each(r.diversion_channels) AS e GROUP BY 1, 2) y GROUP BY 1)
        SELECT s.*, s.business_type AS "businessType", coalesce(h.hist, '{}') AS "waitHist",
               coalesce(c.channels, '{}') AS "diversionChannels"
        FROM s LEFT JOIN h USING (business_type) LEFT JOIN c USING (business_type)`,
  );
}

/**
 * The regions' closed days summed in the database: per region and hall (NO_HALL: the region's own), and
 * per day — a dozen integers per row, so a year of a region is one small answer. With `hallIds` (a hall's
 * report) only those halls' rows, so the days are theirs too.
 */
export async function readRegionSums(
  db: DbOrTx,
  regionCodes: string[],
  from: string,
  to: string,
  hallIds?: string[],
) {
  if (!regionCodes.length) return [];
  const rows = await queryRows<Record<string, number> & { region: string | null; hall: string | null; day: string | null }>(
    db,
    sql`SELECT region_code AS region, hall_id::text AS hall, service_date::text AS day, ${sumsOf(regionDayRollups)}
        FROM region_day_rollups
        WHERE region_code = ANY(${sqlArray(regionCodes, "text")})
          AND service_date >= ${from}::date AND service_date < ${to}::date
          ${hallIds ? sql`AND hall_id = ANY(${sqlArray(hallIds, "uuid")})` : sql``}
        GROUP BY GROUPING SETS ((region_code, hall_id), (service_date))`,
  );
  return rows.map(({ region, hall, day, ...n }) => ({
    regionCode: region,
    hallId: hall,
    serviceDate: day,
    counts: { ...emptyCounts(), ...n },
  }));
}

/** Per hall, how many of its days in [from, to) are closed and the first of them. */
export async function closedDayStats(db: DbOrTx, hallIds: string[], from: string, to: string) {
  if (!hallIds.length) return new Map<string, { n: number; first: string }>();
  const rows = await db
    .select({ hallId: rollupDays.hallId, n: count(), first: min(rollupDays.serviceDate) })
    .from(rollupDays)
    .where(
      and(inArray(rollupDays.hallId, hallIds), gte(rollupDays.serviceDate, from), lt(rollupDays.serviceDate, to)),
    )
    .groupBy(rollupDays.hallId);
  return new Map(rows.map((r) => [r.hallId, { n: r.n, first: r.first as string }]));
}

/** hallId|date of every closed day of these halls in [from, to). */
export async function closedDays(db: DbOrTx, hallIds: string[], from: string, to: string) {
  if (!hallIds.length) return new Set<string>();
  const rows = await db
    .select({ hallId: rollupDays.hallId, date: rollupDays.serviceDate })
    .from(rollupDays)
    .where(
      and(inArray(rollupDays.hallId, hallIds), gte(rollupDays.serviceDate, from), lt(rollupDays.serviceDate, to)),
    );
  return new Set(rows.map((r) => `${r.hallId}|${r.date}`));
}

/** Each hall's last closed day (halls never closed are absent), in one statement: a probe per hall. */
export const lastClosedDays = (db: DbOrTx, hallIds: string[]) =>
  lastDayPer(db, "rollup_days", "hall_id", hallIds, "uuid");

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

/** lastClosedDays of regions. */
export const lastClosedRegionDays = (db: DbOrTx, regionCodes: string[]) =>
  lastDayPer(db, "region_rollup_days", "region_code", regionCodes, "text");

/** The latest service_date of a bookmark table for each key, by an index probe per key. */
async function lastDayPer(
  db: DbOrTx,
  table: "rollup_days" | "region_rollup_days",
  column: "hall_id" | "region_code",
  keys: string[],
  type: "uuid" | "text",
): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const rows = await queryRows<{ key: string; d: string | null }>(
    db,
    sql`SELECT k.key, (SELECT max(service_date)::text FROM ${sql.raw(table)} WHERE ${sql.raw(column)} = k.key) AS d
        FROM unnest(${sqlArray(keys, type)}) AS k(key)`,
  );
  return new Map(rows.filter((r) => r.d).map((r) => [r.key, r.d as string]));
}
