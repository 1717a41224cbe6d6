import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { forbidden } from "../../core/errors.js";
import { localParts } from "../../core/time.js";
import { counterParams, hallIdParams } from "../halls/contract.js";
import { getCounter, getHall } from "../halls/data.js";
import { findEvaluation } from "../quality/data.js";
import { ratingPromptSchema, recentCallSchema } from "./contract.js";
import { lastFinishedAt, recentCalls } from "./data.js";
import { RATING_PROMPT_SECONDS } from "./rules.js";

// What the hall's screens show again after a reload, read from the server rather than remembered:
// the calling display's last calls and an evaluation pad's pending question.
export async function screenRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  const tz = env.TINGWU_TIMEZONE;

  app.get(
    "/api/halls/:hallId/calls",
    {
      schema: {
        tags: ["queue"],
        summary: "The day's latest calls, latest first (a calling display after a reload)",
        params: hallIdParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(20).default(6) }),
        response: { 200: z.array(recentCallSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      // A public screen's read: numbers and counters, nothing about the customer.
      authorize(req.principal, "queue.board", hall);
      return recentCalls(db, hall.id, localParts(new Date(), tz).date, req.query.limit);
    },
  );

  app.get(
    "/api/halls/:hallId/counters/:counterId/rating-prompt",
    {
      schema: {
        tags: ["quality"],
        summary: "The counter's last finished service still to be rated (an evaluation pad after a reload)",
        params: counterParams,
        response: { 200: ratingPromptSchema, 204: z.null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      // An unknown counter (or another hall's) is a 404 for anyone, as on every counter route.
      await getCounter(db, hall.id, req.params.counterId);
      const p = authorize(req.principal, "evaluation.submit", hall);
      // A pad asks only about its own counter, as it rates only its own counter's tickets.
      if (p.kind === "device" && p.counterId !== req.params.counterId)
        throw forbidden("This pad belongs to another counter");
      const now = new Date();
      const since = new Date(now.getTime() - RATING_PROMPT_SECONDS * 1000);
      const days = [...new Set([since, now].map((d) => localParts(d, tz).date))];
      const t = await lastFinishedAt(db, hall.id, req.params.counterId, since, days);
      if (!t?.finishedAt || (await findEvaluation(db, t.id))) return reply.status(204).send(null);
      const until = t.finishedAt.getTime() + RATING_PROMPT_SECONDS * 1000;
      return {
        ticket: {
          id: t.id,
          number: t.number,
          businessType: t.businessType,
          finishedAt: t.finishedAt.toISOString(),
        },
        askUntil: new Date(until).toISOString(),
        secondsLeft: Math.max(0, Math.round((until - now.getTime()) / 1000)),
      };
    },
  );
}
