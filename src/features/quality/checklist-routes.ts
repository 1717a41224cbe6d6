import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, userOf } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { AppError } from "../../core/errors.js";
import { zonedInstant } from "../../core/time.js";
import { listHalls } from "../halls/data.js";
import { STARTER_CHECKLISTS } from "./checklist-starters.js";
import {
  type ChecklistRow,
  currentChecklist,
  findChecklist,
  inspectionScoresOf,
  listChecklists,
} from "./data/inspections.js";
import { kpiSettings, surveyRowsByScope } from "./data/surveys.js";
import { alignmentQuery, alignmentSchema, checklistBody, checklistSchema } from "./inspection-contract.js";
import { alignment, type HallPoint, meanItemScores, periodDays } from "./inspection-rules.js";
import { addChecklistVersion, createChecklist } from "./mutations/inspections.js";
import { checkScope, ownScope } from "./scope.js";
import { kpiAnswer } from "./survey-kpi.js";

const tags = ["quality"];
const NODE_NORMS = STARTER_CHECKLISTS[1].id;

const present = (c: ChecklistRow & { current: boolean }) => ({
  id: c.id,
  familyId: c.familyId,
  version: c.version,
  name: c.name,
  kind: c.kind,
  items: c.items,
  createdAt: c.createdAt.toISOString(),
  current: c.current,
});

// R-MYSTERY: the checklists (each edit a new version) and how their items follow the customers' KPI.
export async function checklistRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  app.get(
    "/api/quality/checklists",
    {
      schema: {
        tags,
        summary: "The checklists: their newest versions, or every version with ?versions=all",
        querystring: z.object({ versions: z.enum(["current", "all"]).default("current") }),
        response: { 200: checklistSchema.array(), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "quality.inspections");
      const rows = await listChecklists(db);
      return rows.filter((c) => req.query.versions === "all" || c.current).map(present);
    },
  );

  app.get(
    "/api/quality/checklists/:id",
    {
      schema: {
        tags,
        summary: "One version of a checklist (an inspection's own, even after edits)",
        params: idParams,
        response: { 200: checklistSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      authorize(req.principal, "quality.inspections");
      return present(await findChecklist(db, req.params.id));
    },
  );

  app.post(
    "/api/quality/checklists",
    {
      schema: {
        tags,
        summary: "A new checklist (version 1)",
        body: checklistBody,
        response: { 201: checklistSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "quality.checklistAdmin");
      return reply.status(201).send(present(await createChecklist(db, req.body, userOf(p))));
    },
  );

  app.post(
    "/api/quality/checklists/:id/versions",
    {
      schema: {
        tags,
        summary: "Edit a checklist: saves a new version; inspections already made keep theirs",
        description:
          "Send the version you edited as :id: when someone saved a newer one meanwhile, the answer is 409 and nothing is saved.",
        params: idParams,
        body: checklistBody,
        response: { 201: checklistSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "quality.checklistAdmin");
      const base = await findChecklist(db, req.params.id);
      if (!base.current)
        throw new AppError("conflict", `Version ${base.version} is not the newest; edit the newest one`);
      const row = await addChecklistVersion(db, base.familyId, req.body, userOf(p));
      return reply.status(201).send(present(row));
    },
  );

  app.get(
    "/api/quality/alignment",
    {
      schema: {
        tags,
        summary:
          "Do inspection items follow customer satisfaction? Pearson's r per item across the scope's halls",
        description:
          "For each item of the checklist: the correlation, across the halls of the scope, between the hall's mean item score in the period and its satisfaction KPI (null with fewer than 5 halls or no variation); flagged overweighted or underweighted, with suggested weights that keep the total.",
        querystring: alignmentQuery,
        response: { 200: alignmentSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.alignment");
      const scope = req.query.scope ?? ownScope(p);
      if (scope.startsWith("hall:"))
        throw new AppError("invalid_input", "scope: operator or region:<code> (a correlation across halls)", {
          field: "scope",
        });
      await checkScope(db, p, scope);
      const base = req.query.checklistId ? await findChecklist(db, req.query.checklistId) : null;
      const list = await currentChecklist(db, base?.familyId ?? NODE_NORMS);
      const regionCode = scope.startsWith("region:") ? scope.slice("region:".length) : undefined;
      const halls = await listHalls(db, { regionCode });
      const { period } = req.query;
      const days = periodDays(period);
      const tz = ctx.env.TINGWU_TIMEZONE;
      const [scores, surveys, settings] = await Promise.all([
        inspectionScoresOf(db, {
          regionCode,
          familyId: list.familyId,
          from: zonedInstant(days.from, 0, tz),
          to: zonedInstant(days.to, 0, tz),
        }),
        surveyRowsByScope(
          db,
          halls.map((h) => `hall:${h.id}`),
          period,
        ),
        kpiSettings(db),
      ]);
      const points: (HallPoint & { name: string; inspections: number })[] = [];
      for (const h of halls) {
        const mine = scores.filter((s) => s.hallId === h.id);
        const kpi = kpiAnswer(`hall:${h.id}`, period, surveys.get(`hall:${h.id}`) ?? [], settings);
        if (!mine.length || !kpi) continue;
        const itemScores = meanItemScores(mine.map((m) => m.scores));
        points.push({
          hallId: h.id,
          name: h.name,
          kpi: kpi.satisfaction,
          inspections: mine.length,
          itemScores,
        });
      }
      return {
        scope,
        period,
        checklist: present(list),
        halls: points.map(({ hallId, name, kpi, inspections }) => ({ hallId, name, kpi, inspections })),
        items: alignment(list.items, points),
      };
    },
  );
}
