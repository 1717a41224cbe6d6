import type { Db } from "../../core/db.js";
import { daysOf, parsePeriod, previousPeriod, yearBefore } from "../../core/periods.js";
import { zonedInstant } from "../../core/time.js";
import type { Hall } from "../halls/contract.js";
import { getHall, listBusinessTypes, listHalls } from "../halls/data.js";
import { inspectionsBetween, scopeFigures } from "../quality/figures.js";
import { shortBoards } from "../quality/shortboard-rules.js";
import { emptyCounts, figuresOf, halfHoursOf, NO_HALL } from "./figures.js";
import { countsOf, type ReportDbs } from "./summary.js";
import type { Summary } from "./summary-contract.js";

// Issue 15 (SPEC §7): a scope's report of a period — hall, region or operator; day, ISO week, month,
// quarter or a range — from the daily roll-ups, with its children, its business types and the period
// before. The caller has checked the scope (the route: the caller's access; the schedule: the recipient's own).

/** The operator's own name in a report (the one operator a Tingwu instance serves). */
const OPERATOR_NAME = "全省";

async function hallsOf(
  db: Db,
  scope: string,
): Promise<{ name: string; halls: Hall[]; children: "regions" | "halls" | null }> {
  if (scope === "operator")
    return { name: OPERATOR_NAME, halls: await listHalls(db, {}), children: "regions" };
  if (scope.startsWith("region:")) {
    const code = scope.slice(7);
    return { name: code, halls: await listHalls(db, { regionCode: code }), children: "halls" };
  }
  const hall = await getHall(db, scope.slice(5));
  return { name: hall.name, halls: [hall], children: null };
}

export async function buildReport(
  dbs: ReportDbs,
  scope: string,
  periodText: string,
  tz: string,
): Promise<Summary> {
  const db = dbs.read;
  const period = parsePeriod(periodText);
  const { name, halls, children } = await hallsOf(db, scope);
  const before = previousPeriod(period);
  const lastYear = yearBefore(period);
  const options = { withRegions: children !== null };
  const [now, prev, sameLastYear, types] = await Promise.all([
    countsOf(dbs, halls, period, tz, options),
    countsOf(dbs, halls, before, tz, { ...options, totalOnly: true }),
    countsOf(dbs, halls, lastYear, tz, { ...options, totalOnly: true }),
    listBusinessTypes(db),
  ]);
  const typeName = new Map(types.map((b) => [b.code, b.name]));
  // Quality beside the service: the survey KPI and short boards where the period is a survey period
  // (a quarter or a month), and the inspections of the period.
  const surveyPeriod = period.kind === "quarter" || period.kind === "month" ? period.label : null;
  const [inspections, survey] = await Promise.all([
    inspectionsBetween(db, scope, zonedInstant(period.from, 0, tz), zonedInstant(period.to, 0, tz)),
    surveyPeriod ? scopeFigures(db, scope, surveyPeriod, tz) : null,
  ]);
  const none = emptyCounts();
  const childRows =
    children === "halls"
      ? [
          ...halls.map((h) => ({
            scope: `hall:${h.id}`,
            name: h.name,
            own: false,
            counts: now.byHall.get(h.id) ?? none,
          })),
          // The region's records of no hall, so that the halls and this part add up to the region.
          ...(now.byHall.has(NO_HALL)
            ? [
                {
                  scope: scope,
                  name: `${name}（片区直属）`,
                  own: true,
                  counts: now.byHall.get(NO_HALL) ?? none,
                },
              ]
            : []),
        ]
      : children === "regions"
        ? [...new Set(halls.map((h) => h.regionCode))].sort().map((code) => ({
            scope: `region:${code}`,
            name: code,
            own: false,
            counts: now.byRegion.get(code) ?? none,
          }))
        : [];
  return {
    scope: scope,
    name,
    period: period.label,
    kind: period.kind,
    from: period.from,
    to: period.to,
    ...figuresOf(now.total),
    quality: {
      kpi: survey?.kpi?.satisfaction ?? null,
      inspections: inspections.count,
      inspectionScore: inspections.meanScore,
      shortBoards: survey
        ? shortBoards(survey.kpi, survey.inspectionMeans, survey.settings.flags).map((b) => ({
            source: b.source,
            code: b.code,
            carrier: b.carrier ?? null,
            value: b.value,
          }))
        : [],
    },
    byBusinessType: [...now.byBusinessType]
      .map(([code, c]) => ({ businessType: code, name: typeName.get(code) ?? code, ...figuresOf(c) }))
      .sort((a, b) => b.tickets.issued - a.tickets.issued),
    children: childRows.map((c) => ({
      scope: c.scope,
      name: c.name,
      own: c.own,
      ...figuresOf(c.counts),
    })),
    byHalfHour: period.kind === "day" ? halfHoursOf(now.total.arrivals) : [],
    byDay:
      now.trendUnit === "day"
        ? daysOf(period.from, period.to).map((date) => ({
            date,
            ...figuresOf(now.trend.get(date) ?? emptyCounts()),
          }))
        : [],
    byMonth:
      now.trendUnit === "month"
        ? [...new Set(daysOf(period.from, period.to).map((d) => d.slice(0, 7)))].map((month) => ({
            month,
            ...figuresOf(now.trend.get(month) ?? emptyCounts()),
          }))
        : [],
    previous: { period: before.label, ...figuresOf(prev.total) },
    yearBefore: { period: lastYear.label, ...figuresOf(sameLastYear.total) },
  };
}
