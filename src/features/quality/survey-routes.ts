import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, userOf } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { AppError, notFound } from "../../core/errors.js";
import { listHalls } from "../halls/data.js";
import {
  kpiSettings,
  listSurveyImports,
  storedSurveyKeys,
  surveyPeriodsOf,
  surveyRowsOf,
} from "./data/surveys.js";
import { importSurvey, saveKpiSettings, withdrawSurvey } from "./mutations/surveys.js";
import { checkScope, ownScope } from "./scope.js";
import {
  importAnswer,
  importQuery,
  kpiQuery,
  kpiSchema,
  kpiSettingsSchema,
  surveyImportSchema,
} from "./survey-contract.js";
import { checkSheet, readSheet, refusal } from "./survey-import.js";
import { kpiAnswer } from "./survey-kpi.js";

const tags = ["quality"];
const MAX_FILE = 5 * 1024 * 1024;

// R-KPI: the survey firm's files (CSV or XLSX, one field `file`), the KPI computed from them, its settings.
export async function surveyRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  // Only these routes take multipart bodies (encapsulated: the rest of the API stays JSON only).
  await fastify.register(multipart, { limits: { fileSize: MAX_FILE, files: 1, fields: 4, parts: 5 } });

  app.get(
    "/api/quality/kpi",
    {
      schema: {
        tags,
        summary:
          "The satisfaction KPI (R-KPI) of a scope and period, with its factors, brands, competitors, colours",
        description:
          "Computed from the imported survey results with the operator's weights (never the file's own satisfaction column). A scope without a whole-base row takes the sample-weighted mean of its segments.",
        querystring: kpiQuery,
        response: { 200: kpiSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.kpi");
      const scope = req.query.scope ?? ownScope(p);
      await checkScope(db, p, scope);
      const periods = await surveyPeriodsOf(db, scope);
      const period = req.query.period ?? periods[0];
      const answer = period
        ? kpiAnswer(scope, period, await surveyRowsOf(db, scope, period), await kpiSettings(db))
        : null;
      if (!answer) throw notFound("Survey results for this scope and period");
      return { ...answer, periods };
    },
  );

  app.get(
    "/api/quality/kpi/trend",
    {
      schema: {
        tags,
        summary: "The KPI of a scope period by period (oldest first), with its factors and the target",
        querystring: kpiQuery.pick({ scope: true }),
        response: {
          200: z.object({
            scope: z.string(),
            target: z.number(),
            points: z.array(
              z.object({
                period: z.string(),
                satisfaction: z.number(),
                factors: kpiSchema.shape.factors,
                sampleSize: z.number(),
              }),
            ),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.kpi");
      const scope = req.query.scope ?? ownScope(p);
      await checkScope(db, p, scope);
      const settings = await kpiSettings(db);
      // The last eight periods with results: two years of quarters.
      const periods = (await surveyPeriodsOf(db, scope)).slice(0, 8).reverse();
      const points = [];
      for (const period of periods) {
        const a = kpiAnswer(scope, period, await surveyRowsOf(db, scope, period), settings);
        if (a)
          points.push({ period, satisfaction: a.satisfaction, factors: a.factors, sampleSize: a.sampleSize });
      }
      return { scope, target: settings.target, points };
    },
  );

  app.post(
    "/api/quality/surveys/import",
    {
      schema: {
        tags,
        summary:
          "Import the survey firm's results (CSV or XLSX, multipart field `file`); ?dryRun=1 only checks",
        description:
          "Columns in any order, named exactly: period, scope, segment, carrier, sampleSize and the twelve items (the first four required). A file with any bad row is refused whole: 400 with details.rows [{row, column, reason}], row numbers as Excel shows them, nothing stored.",
        consumes: ["multipart/form-data"],
        querystring: importQuery,
        response: { 200: importAnswer, 201: importAnswer, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "quality.survey");
      if (!req.isMultipart())
        throw new AppError("unsupported_media_type", "Send the file as multipart/form-data, field `file`");
      const part = await req.file();
      if (part?.fieldname !== "file") throw new AppError("invalid_input", "No file in the field `file`");
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch {
        throw new AppError("payload_too_large", `The file is larger than ${MAX_FILE / 1024 / 1024} MB`);
      }
      const sheet = await readSheet({ name: part.filename, type: part.mimetype, bytes });
      const halls = await listHalls(db, {});
      const known = new Set([
        "operator",
        ...halls.map((h) => `hall:${h.id}`),
        ...halls.map((h) => `region:${h.regionCode}`),
      ]);
      const { results, problems } = checkSheet(sheet, (s) => known.has(s), await storedSurveyKeys(db));
      if (problems.length) throw refusal(problems);
      const summary = {
        rows: results.length,
        periods: [...new Set(results.map((r) => r.period))].sort(),
        scopes: [...new Set(results.map((r) => r.scope))].sort(),
      };
      const dryRun = req.query.dryRun === "1" || req.query.dryRun === "true";
      if (dryRun) return { dryRun, id: null, ...summary };
      const { id } = await importSurvey(db, { name: part.filename, results }, userOf(p));
      return reply.status(201).send({ dryRun, id, ...summary });
    },
  );

  app.get(
    "/api/quality/surveys/imports",
    {
      schema: {
        tags,
        summary: "The survey imports, newest first; withdrawn ones too with ?withdrawn=true",
        querystring: z.object({ withdrawn: z.enum(["true", "false"]).optional() }),
        response: { 200: z.array(surveyImportSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "quality.survey");
      return listSurveyImports(db, req.query.withdrawn === "true");
    },
  );

  app.delete(
    "/api/quality/surveys/imports/:id",
    {
      schema: {
        tags,
        summary: "Withdraw an import as a whole: its results go, the import stays listed as withdrawn",
        params: idParams,
        response: { 204: z.null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "quality.survey");
      await withdrawSurvey(db, req.params.id, userOf(p));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/quality/kpi-settings",
    {
      schema: {
        tags,
        summary: "The KPI's weights, target and colour rule",
        response: { 200: kpiSettingsSchema, ...errors(401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "quality.kpi");
      return kpiSettings(db);
    },
  );

  app.put(
    "/api/quality/kpi-settings",
    {
      schema: {
        tags,
        summary: "Change the KPI's weights (adding up to 1), target and colour rule; on record",
        body: kpiSettingsSchema,
        response: { 200: kpiSettingsSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.survey");
      const w = req.body.weights;
      if (Math.abs(w.environment + w.waiting + w.staff + w.speed - 1) > 1e-6)
        throw new AppError("invalid_input", "weights: the four weights add up to 1", { field: "weights" });
      await saveKpiSettings(db, req.body, userOf(p));
      return kpiSettings(db);
    },
  );
}
