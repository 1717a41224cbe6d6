import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize } from "../../core/access.js";
import { type AuditFilter, listAudit } from "../../core/audit.js";
import { addDays } from "../../core/calendar.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { isoDay } from "../../core/dates.js";
import { AppError } from "../../core/errors.js";
import { nextDay } from "../../core/periods.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { toCsv } from "../customers/csv.js";
import { staffNames } from "./data.js";

// R-PRIVACY's audit screen (审计日志): who read or unmasked which customer record, when and why — the
// operator admin's, with filters, pages newest first and the filtered range as CSV.

const auditQuery = z.object({
  from: isoDay().optional().describe("First local day (default: 6 days before to)"),
  to: isoDay().optional().describe("Last local day, inclusive (default today)"),
  actorId: z.uuid().optional(),
  action: z.string().max(40).optional().describe("read, unmask_phone, sign_in_locked, sign_in_unlocked"),
  subjectType: z.string().max(40).optional().describe("ticket, complaint, fault, field_customer …"),
  hallId: z.uuid().optional(),
  before: z.coerce.number().int().positive().optional().describe("The next page: the last id of this one"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const entrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  hallId: z.uuid().nullable(),
  reason: z.string().nullable(),
});
const CSV_ROWS = 20_000;

export async function auditRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const tz = ctx.env.TINGWU_TIMEZONE;

  const filterOf = (q: z.infer<typeof auditQuery>): AuditFilter => {
    const to = q.to ?? localParts(new Date(), tz).date;
    const from = q.from ?? addDays(to, -6);
    if (to < from) throw new AppError("invalid_input", "to: on or after from", { field: "to" });
    return {
      from: zonedInstant(from, 0, tz),
      to: zonedInstant(nextDay(to), 0, tz),
      actorId: q.actorId,
      action: q.action,
      subjectType: q.subjectType,
      hallId: q.hallId,
      before: q.before,
    };
  };
  const entries = async (rows: Awaited<ReturnType<typeof listAudit>>) => {
    const names = await staffNames(db, [
      ...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x)),
    ]);
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      hallId: r.hallId,
      reason: r.reason,
    }));
  };

  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["audit"],
        summary:
          "The audit log newest first: reads and unmaskings of customer records, account acts (R-PRIVACY)",
        querystring: auditQuery,
        response: {
          200: z.object({ items: z.array(entrySchema), nextBefore: z.number().nullable() }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      authorize(req.principal, "audit.read");
      const rows = await listAudit(db, filterOf(req.query), req.query.limit + 1);
      const page = rows.slice(0, req.query.limit);
      return {
        items: await entries(page),
        nextBefore: rows.length > page.length ? page[page.length - 1].id : null,
      };
    },
  );

  app.get(
    "/api/audit.csv",
    {
      schema: {
        tags: ["audit"],
        summary: `The filtered audit log as CSV (UTF-8 with BOM), at most ${CSV_ROWS} rows, newest first`,
        querystring: auditQuery.omit({ before: true, limit: true }),
        response: { 200: z.string().describe("the CSV text"), ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      authorize(req.principal, "audit.read");
      const rows = await entries(await listAudit(db, filterOf({ ...req.query, limit: CSV_ROWS }), CSV_ROWS));
      const header = ["时间", "操作人", "操作人ID", "动作", "对象类型", "对象ID", "营业厅ID", "原因"];
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="audit-log.csv"')
        .send(
          toCsv(
            header,
            rows.map((r) => [
              r.at,
              r.actorName,
              r.actorId,
              r.action,
              r.subjectType,
              r.subjectId,
              r.hallId,
              r.reason,
            ]),
          ),
        );
    },
  );
}
