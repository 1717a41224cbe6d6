import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, coversHall, type Principal } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { isoDay } from "../../core/dates.js";
import { AppError, forbidden } from "../../core/errors.js";
import { daysOf, parsePeriod, previousPeriod } from "../../core/periods.js";
import { zonedInstant } from "../../core/time.js";
import { toCsv } from "../customers/csv.js";
import { XLSX_TYPE } from "../customers/xlsx.js";
import type { Hall } from "../halls/contract.js";
import { getHall, listBusinessTypes, listHalls } from "../halls/data.js";
import { inspectionsBetween, scopeFigures } from "../quality/figures.js";
import { checkScope } from "../quality/scope.js";
import { shortBoards } from "../quality/shortboard-rules.js";
import { emptyCounts, figuresOf, halfHoursOf, NO_HALL } from "./figures.js";
import { closeHallDay } from "./mutations/rollups.js";
import { countsOf } from "./summary.js";
import { summaryQuery, summarySchema } from "./summary-contract.js";
import { summaryCsvRows, summaryWorkbook } from "./workbook.js";

const tags = ["reports"];
// Fastify sends a Buffer as it is; the response schema documents the body, it does not serialize it.
const asBody = (bytes: Buffer | string) => bytes as string;

// Issue 15 (SPEC §7): a scope's report of a period — hall, region or operator; day, ISO week, month,
// quarter or a range — from the daily roll-ups, with its children, its business types and the period before.
export async function summaryRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const tz = ctx.env.TINGWU_TIMEZONE;

  /** The halls of a scope, once the caller may read it (the one scope rule, quality/scope.ts). */
  async function hallsOf(
    p: Principal,
    scope: string,
  ): Promise<{ name: string; halls: Hall[]; children: "regions" | "halls" | null }> {
    await checkScope(db, p, scope);
    if (scope === "operator") return { name: "全省", halls: await listHalls(db, {}), children: "regions" };
    if (scope.startsWith("region:")) {
      const code = scope.slice(7);
      return { name: code, halls: await listHalls(db, { regionCode: code }), children: "halls" };
    }
    const hall = await getHall(db, scope.slice(5));
    return { name: hall.name, halls: [hall], children: null };
  }

  async function report(p: Principal, q: { scope: string; period: string }) {
    const period = parsePeriod(q.period);
    const { name, halls, children } = await hallsOf(p, q.scope);
    const before = previousPeriod(period);
    const options = { withRegions: children !== null };
    const [now, prev, types] = await Promise.all([
      countsOf(db, halls, period, tz, options),
      countsOf(db, halls, before, tz, options),
      listBusinessTypes(db),
    ]);
    const typeName = new Map(types.map((b) => [b.code, b.name]));
    // Quality beside the service: the survey KPI and short boards where the period is a survey period
    // (a quarter or a month), and the inspections of the period.
    const surveyPeriod = period.kind === "quarter" || period.kind === "month" ? period.label : null;
    const [inspections, survey] = await Promise.all([
      inspectionsBetween(db, q.scope, zonedInstant(period.from, 0, tz), zonedInstant(period.to, 0, tz)),
      surveyPeriod ? scopeFigures(db, q.scope, surveyPeriod, tz) : null,
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
                    scope: q.scope,
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
      scope: q.scope,
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
      byDay: daysOf(period.from, period.to).map((date) => ({
        date,
        ...figuresOf(now.byDay.get(date) ?? emptyCounts()),
      })),
      previous: { period: before.label, ...figuresOf(prev.total) },
    };
  }

  app.get(
    "/api/reports/summary",
    {
      schema: {
        tags,
        summary:
          "A report: a hall's, region's or the operator's figures for a day, week, month, quarter or range",
        description:
          "Days are the halls' local days; weeks ISO weeks. Past days come from the daily roll-ups (a day not closed yet is closed first), today live. The children add up to the scope: shares and means are weighted by their counts, the p90 wait comes from the merged histogram (exact to its 30-second bucket).",
        querystring: summaryQuery,
        response: { 200: summarySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => report(authorize(req.principal, "reports.read"), req.query),
  );

  app.get(
    "/api/reports/summary.xlsx",
    {
      schema: {
        tags,
        summary: "The same report as an Excel workbook: the scope, its children, its business types",
        querystring: summaryQuery,
        response: { 200: z.string().describe("the .xlsx bytes"), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const r = await report(authorize(req.principal, "reports.read"), req.query);
      const file = `report-${r.scope.replace(":", "-")}-${r.period}.xlsx`;
      return reply
        .type(XLSX_TYPE)
        .header("content-disposition", `attachment; filename="${file}"`)
        .send(asBody(await summaryWorkbook(r)));
    },
  );

  app.get(
    "/api/reports/summary.csv",
    {
      schema: {
        tags,
        summary:
          "The same report as CSV (UTF-8 with BOM): the scope, the period before, children, business types",
        querystring: summaryQuery,
        response: { 200: z.string().describe("the CSV text"), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const r = await report(authorize(req.principal, "reports.read"), req.query);
      const { header, rows } = summaryCsvRows(r);
      const file = `report-${r.scope.replace(":", "-")}-${r.period}.csv`;
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${file}"`)
        .send(toCsv(header, rows));
    },
  );

  app.post(
    "/api/reports/rollups/recompute",
    {
      schema: {
        tags,
        summary: "Recompute a hall's closed day (after a late change), as the sweeper would",
        body: z.object({ hallId: z.uuid(), date: isoDay() }),
        response: {
          200: z.object({ hallId: z.uuid(), date: z.string(), recomputed: z.boolean() }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "reports.recompute");
      const hall = await getHall(db, req.body.hallId);
      if (!coversHall(p, hall)) throw forbidden("This hall is outside your scope");
      const recomputed = await closeHallDay(db, hall, req.body.date, tz);
      if (!recomputed)
        throw new AppError("conflict", "This day is being closed right now; try again in a moment");
      return { hallId: hall.id, date: req.body.date, recomputed };
    },
  );
}
