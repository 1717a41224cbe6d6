import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, coversHall, type Principal } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { isoDay } from "../../core/dates.js";
import { AppError, forbidden } from "../../core/errors.js";
import { toCsv } from "../customers/csv.js";
import { XLSX_TYPE } from "../customers/xlsx.js";
import { getHall } from "../halls/data.js";
import { checkScope } from "../quality/scope.js";
import { closeHallDay } from "./mutations/rollups.js";
import { summaryQuery, summarySchema } from "./summary-contract.js";
import { buildReport } from "./summary-report.js";
import { summaryCsvRows, summaryWorkbook } from "./workbook.js";

const tags = ["reports"];
// Fastify sends a Buffer as it is; the response schema documents the body, it does not serialize it.
const asBody = (bytes: Buffer | string) => bytes as string;

// Issue 15 (SPEC §7): a scope's report (summary-report.ts) as JSON, a workbook and CSV; a day recomputed.
export async function summaryRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const tz = ctx.env.TINGWU_TIMEZONE;

  const report = async (p: Principal, q: { scope: string; period: string }) => {
    // The one scope rule (quality/scope.ts) before anything is read.
    await checkScope(db, p, q.scope);
    return buildReport({ read: ctx.reportsDb, write: db }, q.scope, q.period, tz);
  };

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
