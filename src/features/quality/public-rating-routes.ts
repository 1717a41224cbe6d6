import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError, notFound } from "../../core/errors.js";
import { getCounter, getHall, listBusinessTypes } from "../halls/data.js";
import { findTicket } from "../queue/data.js";
import { evaluationBody, ratings } from "./contract.js";
import { findRatingLink } from "./data/rating-links.js";
import { submitEvaluation } from "./mutations.js";
import { hashRatingToken } from "./steps/rating-link.js";

const tags = ["public"];
const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22}$/, "a rating link's token") });
const linkSchema = z.object({
  hallName: z.string(),
  counterLabel: z.string().nullable(),
  businessTypeName: z.string(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string(),
  state: z.enum(["open", "answered", "expired"]),
});

// R-EVAL by SMS: the customer opens the link from the message on a phone, no login, and rates the
// service once within 72 hours — the pad's question, joined to the same ticket, counter and person.
export async function publicRatingRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const limit = { public: true, rateLimit: { max: ctx.limits.publicPerMinute, timeWindow: 60_000 } };

  async function linkOf(token: string) {
    const link = await findRatingLink(db, hashRatingToken(token));
    if (!link) throw notFound("Rating link");
    return link;
  }

  app.get(
    "/api/public/ratings/:token",
    {
      config: limit,
      schema: {
        tags,
        summary:
          "The service a rating link asks about (no login): hall, counter, business, and whether it is open",
        params: tokenParams,
        response: { 200: linkSchema, ...errors(400, 404, 429) },
      },
    },
    async (req) => {
      const link = await linkOf(req.params.token);
      const [ticket, hall, types] = await Promise.all([
        findTicket(db, link.ticketId),
        getHall(db, link.hallId),
        listBusinessTypes(db),
      ]);
      const counter = ticket.counterId
        ? await getCounter(db, hall.id, ticket.counterId).catch(() => null)
        : null;
      return {
        hallName: hall.name,
        counterLabel: counter?.label ?? null,
        businessTypeName: types.find((b) => b.code === ticket.businessType)?.name ?? ticket.businessType,
        finishedAt: ticket.finishedAt?.toISOString() ?? null,
        expiresAt: link.expiresAt.toISOString(),
        state: link.usedAt ? "answered" : link.expiresAt.getTime() <= Date.now() ? "expired" : "open",
      } as const;
    },
  );

  app.post(
    "/api/public/ratings/:token",
    {
      config: limit,
      schema: {
        tags,
        summary: "Rate a service through its SMS link (no login); once, within 72 hours of the service",
        description:
          "409 rating_link_expired after 72 hours; 409 already_rated when the link was used or the pad rated the service already.",
        params: tokenParams,
        body: evaluationBody,
        response: {
          201: z.object({ rating: z.enum(ratings), at: z.string() }),
          ...errors(400, 404, 409, 429),
        },
      },
    },
    async (req, reply) => {
      const link = await linkOf(req.params.token);
      if (link.usedAt) throw new AppError("already_rated", "This service has been rated already");
      if (link.expiresAt.getTime() <= Date.now())
        throw new AppError("rating_link_expired", "This rating link has expired (72 hours)");
      const t = await findTicket(db, link.ticketId);
      const evaluation = await submitEvaluation(
        db,
        {
          channel: "sms",
          ticketId: t.id,
          hallId: link.hallId,
          counterId: t.counterId,
          staffId: t.staffId,
          businessType: t.businessType,
          waitSeconds: t.waitSeconds,
          rating: req.body.rating,
          reasons: req.body.reasons,
        },
        { hallId: link.hallId, ticketId: link.ticketId },
      );
      return reply.status(201).send({ rating: evaluation.rating, at: evaluation.at });
    },
  );
}
