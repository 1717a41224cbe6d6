import type { FastifyInstance } from "fastify";
import { authorize, type Principal } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { forbidden, illegalState } from "../../core/errors.js";
import { counterParams } from "../halls/contract.js";
import { getCounter, getHall } from "../halls/data.js";
import { boardTicket } from "../queue/board.js";
import { ticketParams } from "../queue/contract.js";
import { activeTickets, findTicket, presentTicket } from "../queue/data.js";
import { findActiveUser } from "../users/data.js";
import { certRoutes } from "./cert-routes.js";
import { checklistRoutes } from "./checklist-routes.js";
import { counterNowSchema, evaluationBody, evaluationSchema } from "./contract.js";
import { inspectionRoutes } from "./inspection-routes.js";
import { submitEvaluation } from "./mutations.js";
import { photoRoutes } from "./photo-routes.js";
import { publicRatingRoutes } from "./public-rating-routes.js";
import { pulseRoutes } from "./pulse-routes.js";
import { ratingRoutes } from "./rating-routes.js";
import { shortBoardRoutes } from "./shortboard-routes.js";
import { surveyRoutes } from "./survey-routes.js";

const tags = ["quality"];

/** An evaluation pad sees and rates only the counter it stands at. */
function checkOwnCounter(p: Principal, counterId: string | null) {
  if (p.kind === "device" && (!p.counterId || p.counterId !== counterId)) {
    throw forbidden("This pad belongs to another counter");
  }
}

export async function qualityRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  await fastify.register(surveyRoutes, { ctx });
  await fastify.register(ratingRoutes, { ctx });
  await fastify.register(checklistRoutes, { ctx });
  await fastify.register(inspectionRoutes, { ctx });
  await fastify.register(photoRoutes, { ctx });
  await fastify.register(publicRatingRoutes, { ctx });
  await fastify.register(pulseRoutes, { ctx });
  await fastify.register(shortBoardRoutes, { ctx });
  await fastify.register(certRoutes, { ctx });

  app.post(
    "/api/tickets/:id/evaluation",
    {
      // A public-facing device: limited per token (a hall's pads share one address behind NAT).
      config: {
        rateLimit: {
          max: ctx.limits.kioskPerMinute,
          timeWindow: 60_000,
          keyGenerator: (req: { ip: string; headers: Record<string, unknown> }) =>
            String(req.headers.authorization ?? req.ip),
        },
      },
      schema: {
        tags,
        summary:
          "The customer rates a finished service on the counter's pad (评价器, R-EVAL); once per ticket",
        description:
          "Only the evaluation pad of the counter that served the ticket may rate it: a rating is the customer's, so staff may not enter one (and so take the customer's place).",
        params: ticketParams,
        body: evaluationBody,
        response: { 201: evaluationSchema, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (req, reply) => {
      const t = await findTicket(db, req.params.id);
      const hall = await getHall(db, t.hallId);
      const p = authorize(req.principal, "evaluation.submit", hall);
      checkOwnCounter(p, t.counterId);
      if (t.status !== "finished") throw illegalState("ticket", t.status, "rate");
      const evaluation = await submitEvaluation(db, {
        ticketId: t.id,
        hallId: hall.id,
        counterId: t.counterId,
        staffId: t.staffId,
        businessType: t.businessType,
        waitSeconds: t.waitSeconds,
        rating: req.body.rating,
        reasons: req.body.reasons,
      });
      return reply.status(201).send(evaluation);
    },
  );

  app.get(
    "/api/halls/:hallId/counters/:counterId/now",
    {
      schema: {
        tags,
        summary: "A counter's present service: who serves there and the ticket at it (the pad's screen)",
        params: counterParams,
        response: { 200: counterNowSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "counter.current", hall);
      const counter = await getCounter(db, hall.id, req.params.counterId);
      checkOwnCounter(p, counter.id);
      const [staff, active] = await Promise.all([
        counter.staffId ? findActiveUser(db, counter.staffId) : null,
        activeTickets(db, hall.id),
      ]);
      const ticket = active.find((t) => t.counterId === counter.id);
      return {
        counterId: counter.id,
        label: counter.label,
        number: counter.number,
        status: counter.status,
        staffName: staff?.displayName ?? null,
        ticket: ticket ? boardTicket(presentTicket(ticket)) : null,
      };
    },
  );
}
