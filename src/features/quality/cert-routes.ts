import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, roleScope, scopeOf, userOf } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { forbidden } from "../../core/errors.js";
import { zonedInstant } from "../../core/time.js";
import { complaintCount } from "../complaints/data/counts.js";
import type { Hall } from "../halls/contract.js";
import { listHalls } from "../halls/data.js";
import { serviceFigures } from "../queue/data/service-figures.js";
import { evaluateCertification } from "./cert-rules.js";
import {
  certificationsOf,
  certThresholds,
  latestCertifications,
  previousCertification,
} from "./data/certifications.js";
import { scopeFigures } from "./figures.js";
import { periodDays } from "./inspection-rules.js";
import { saveCertification, saveCertThresholds } from "./mutations/certifications.js";
import { round2 } from "./survey-rules.js";

const tags = ["quality"];
const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, "2026-Q4");
const thresholds = z.object({
  kpiMin: z.number().min(0).max(100),
  inspectionMin: z.number().min(0).max(100),
  complaintsPer1000Max: z.number().min(0).max(1000),
  waitingWithinMin: z.number().min(0).max(1),
});
const reason = z.object({
  code: z.enum(["kpi", "inspectionScore", "complaintsPer1000", "waitingWithin"]),
  value: z.number().nullable(),
  threshold: z.number(),
  met: z.boolean(),
});
const result = z.object({
  hallId: z.uuid(),
  hallName: z.string(),
  quarter: z.string(),
  outcome: z.enum(["certified", "withdrawn", "not_certified"]),
  certified: z.boolean(),
  reasons: z.array(reason),
  evaluatedAt: z.string(),
});

// R-CERT: the quarterly certification (挂牌) of the operator's own halls against configurable thresholds:
// satisfaction KPI, inspection score, complaints per 1,000 tickets, waits within their limit.
export async function certRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const tz = ctx.env.TINGWU_TIMEZONE;

  /** One hall's four figures of a quarter. */
  async function figuresOf(hall: Hall, q: string) {
    const days = periodDays(q);
    const [f, service, complaints] = await Promise.all([
      scopeFigures(db, `hall:${hall.id}`, q, tz),
      serviceFigures(db, hall.id, days.from, days.to),
      complaintCount(db, hall.id, zonedInstant(days.from, 0, tz), zonedInstant(days.to, 0, tz)),
    ]);
    return {
      kpi: f.kpi?.satisfaction ?? null,
      inspectionScore: f.inspectionScore === null ? null : round2(f.inspectionScore),
      complaintsPer1000: service.issued > 0 ? round2((complaints / service.issued) * 1000) : null,
      waitingWithin: service.waited > 0 ? round2(service.withinLimit / service.waited) : null,
    };
  }
  const present = (h: Hall, c: Awaited<ReturnType<typeof saveCertification>>) => ({
    hallId: h.id,
    hallName: h.name,
    quarter: c.quarter,
    outcome: c.outcome,
    certified: c.certified,
    reasons: c.reasons,
    evaluatedAt: c.evaluatedAt.toISOString(),
  });

  app.get(
    "/api/quality/certification-settings",
    {
      schema: {
        tags,
        summary: "The certification thresholds",
        response: { 200: thresholds, ...errors(401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "quality.kpi");
      return certThresholds(db);
    },
  );

  app.put(
    "/api/quality/certification-settings",
    {
      schema: {
        tags,
        summary: "Change the certification thresholds (on record)",
        body: thresholds,
        response: { 200: thresholds, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.survey");
      await saveCertThresholds(db, req.body, userOf(p));
      return certThresholds(db);
    },
  );

  app.post(
    "/api/quality/certifications/evaluate",
    {
      schema: {
        tags,
        summary: "Evaluate a quarter's certification of the own (self-run) halls of a region or the operator",
        description:
          "Each hall is certified when every threshold is met; a certified hall that fails loses it (withdrawn), with the reasons kept. Cooperative halls are not certified (own halls only). Evaluating a quarter again replaces its result.",
        body: z.object({ quarter, regionCode: z.string().min(1).max(40).optional() }),
        response: {
          200: z.object({ quarter: z.string(), results: z.array(result) }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.assign");
      if (p.kind === "device") throw forbidden();
      const own = roleScope[p.role] === "region" ? (p.regionCode ?? "") : undefined;
      if (own !== undefined && req.body.regionCode && req.body.regionCode !== own)
        throw forbidden("This region is outside your scope");
      const regionCode = own ?? req.body.regionCode;
      const q = req.body.quarter;
      const [halls, limits] = await Promise.all([
        listHalls(db, { regionCode, type: "self_run" }),
        certThresholds(db),
      ]);
      const results = [];
      for (const hall of halls) {
        const [figures, before] = await Promise.all([
          figuresOf(hall, q),
          previousCertification(db, hall.id, q),
        ]);
        const decided = evaluateCertification(figures, limits, before?.certified ?? false);
        const row = await saveCertification(db, {
          hallId: hall.id,
          quarter: q,
          ...decided,
          thresholds: limits,
          evaluatedBy: userOf(p),
        });
        results.push(present(hall, row));
      }
      return { quarter: q, results };
    },
  );

  app.get(
    "/api/quality/certifications",
    {
      schema: {
        tags,
        summary: "The halls' certification of a quarter, or each hall's standing now (its latest)",
        querystring: z.object({ quarter: quarter.optional() }),
        response: { 200: z.array(result), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.kpi");
      const s = scopeOf(p);
      if (!s) return [];
      const halls = (await listHalls(db, { regionCode: s.regionCode ?? undefined })).filter(
        (h) => !s.hallId || h.id === s.hallId,
      );
      const byId = new Map(halls.map((h) => [h.id, h]));
      const rows = req.query.quarter
        ? await certificationsOf(db, [...byId.keys()], req.query.quarter)
        : [...(await latestCertifications(db, [...byId.keys()])).values()];
      return rows
        .map((r) => present(byId.get(r.hallId)!, r))
        .sort((a, b) => a.hallName.localeCompare(b.hallName, "zh-CN"));
    },
  );
}
