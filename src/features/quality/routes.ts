import type { FastifyInstance } from "fastify";
import { authorize, type Principal } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { forbidden, illegalState } from "../../core/errors.js";
import { getHall } from "../halls/data.js";
import { ticketParams } from "../queue/contract.js";
import { findTicket } from "../queue/data.js";
import { evaluationBody, evaluationSchema } from "./contract.js";
import { submitEvaluation } from "./mutations.js";

const tags = ["quality"];

/** An evaluation pad rates only the tickets of the counter it stands at. */
function checkOwnCounter(p: Principal, ticketCounterId: string | null) {
  if (p.kind === "device" && (!p.counterId || p.counterId !== ticketCounterId)) {
    throw forbidden("This pad belongs to another counter");
  }
}

export async function qualityRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

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
        summary: "Rate a finished service (评价器, R-EVAL); once per ticket",
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
        rating: req.body.rating,
        reasons: req.body.reasons,
      });
      return reply.status(201).send(evaluation);
    },
  );
}
