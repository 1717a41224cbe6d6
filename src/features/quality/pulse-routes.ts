import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { forbidden } from "../../core/errors.js";
import { localParts } from "../../core/time.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import { activeStaff } from "../users/data.js";
import { hasAnswered, pulseAnswersOf } from "./data/pulse.js";
import { kpiSettings, surveyRowsOf } from "./data/surveys.js";
import { answerPulse } from "./mutations/pulse.js";
import {
  PULSE_MIN_ANSWERS,
  PULSE_QUESTIONS,
  type PulseAnswers,
  pulseResults,
  quarterOf,
} from "./pulse-rules.js";
import { kpiAnswer } from "./survey-kpi.js";

const tags = ["quality"];
const score = z.number().int().min(1).max(5);
const questions = z.array(z.object({ code: z.string(), label: z.string() }));
const answerBody = z.object({
  answers: z.object(
    Object.fromEntries(PULSE_QUESTIONS.map((q) => [q.code, score])) as Record<
      PulseAnswers extends Record<infer K, number> ? K : never,
      typeof score
    >,
  ),
  comment: z.string().trim().max(500).optional().describe("shown to managers only with the results"),
});
const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, "2026-Q4");

// R-STAFFSAT: the staff pulse of a hall's quarter — answered anonymously on a phone, read beside the
// customers' KPI once enough have answered.
export async function pulseRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const thisQuarter = () => quarterOf(localParts(new Date(), ctx.env.TINGWU_TIMEZONE).date);

  app.get(
    "/api/quality/pulse/mine",
    {
      schema: {
        tags,
        summary: "This quarter's staff pulse for one's own hall: the questions, and whether one has answered",
        response: {
          200: z.object({ hallId: z.uuid(), quarter: z.string(), answered: z.boolean(), questions }),
          ...errors(401, 403),
        },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.pulse");
      if (p.kind !== "user" || !p.hallId) throw forbidden("The pulse is answered in one's own hall");
      const q = thisQuarter();
      return {
        hallId: p.hallId,
        quarter: q,
        answered: await hasAnswered(db, p.hallId, q, p.id),
        questions: PULSE_QUESTIONS.map((x) => ({ code: x.code, label: x.label })),
      };
    },
  );

  app.post(
    "/api/quality/pulse",
    {
      schema: {
        tags,
        summary: "Answer this quarter's staff pulse, anonymously (each question 1–5); once a quarter",
        description:
          "Stored without the person, the time or a time-ordered id; that one answered is kept apart, to refuse a second answer (409).",
        body: answerBody,
        response: { 201: z.object({ quarter: z.string() }), ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "quality.pulse");
      if (p.kind !== "user" || !p.hallId) throw forbidden("The pulse is answered in one's own hall");
      const q = thisQuarter();
      await answerPulse(db, {
        hallId: p.hallId,
        quarter: q,
        userId: p.id,
        answers: req.body.answers as PulseAnswers,
        comment: req.body.comment || null,
      });
      return reply.status(201).send({ quarter: q });
    },
  );

  app.get(
    "/api/halls/:hallId/pulse",
    {
      schema: {
        tags,
        summary: "A hall's staff pulse of a quarter beside its customer KPI; results only from 5 answers",
        params: hallIdParams,
        querystring: z.object({ quarter: quarter.optional().describe("this quarter when absent") }),
        response: {
          200: z.object({
            quarter: z.string(),
            answered: z.number(),
            staff: z.number(),
            minAnswers: z.number(),
            results: z
              .object({
                satisfaction: z.number(),
                questions: z.array(
                  z.object({ code: z.string(), label: z.string(), mean: z.number(), agreeShare: z.number() }),
                ),
              })
              .nullable(),
            comments: z.array(z.string()),
            customerKpi: z.number().nullable(),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "quality.pulseResults", hall);
      const q = req.query.quarter ?? thisQuarter();
      const [rows, staff, survey, settings] = await Promise.all([
        pulseAnswersOf(db, hall.id, q),
        activeStaff(db, { within: { hallId: hall.id } }),
        surveyRowsOf(db, `hall:${hall.id}`, q),
        kpiSettings(db),
      ]);
      const results = pulseResults(rows.map((r) => r.answers));
      return {
        quarter: q,
        answered: rows.length,
        staff: staff.length,
        minAnswers: PULSE_MIN_ANSWERS,
        results,
        comments: results ? rows.flatMap((r) => (r.comment ? [r.comment] : [])) : [],
        customerKpi: kpiAnswer(`hall:${hall.id}`, q, survey, settings)?.satisfaction ?? null,
      };
    },
  );
}
