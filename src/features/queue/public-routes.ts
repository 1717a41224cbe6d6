import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError } from "../../core/errors.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall, listHalls } from "../halls/data.js";
import { isOpenAt } from "../halls/rules.js";
import { latestCertifications } from "../quality/data/certifications.js";
import { issueTicketFields, publicHallSchema, ticketSchema } from "./contract.js";
import { placeFrom, presentTicket, waitingLines } from "./data.js";
import { issueTicketNow } from "./steps/issue.js";

// No login, rate limited per address: a customer picks a less busy hall or takes a remote ticket.
export async function publicRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  const limit = { public: true, rateLimit: { max: ctx.limits.publicPerMinute, timeWindow: 60_000 } };

  app.get(
    "/api/public/halls",
    {
      config: limit,
      schema: {
        tags: ["public"],
        summary: "Open halls of a region with waiting now (no login)",
        querystring: z.object({ regionCode: z.string().min(1).max(40) }),
        response: { 200: z.array(publicHallSchema), ...errors(400, 429) },
      },
    },
    async (req) => {
      const now = new Date();
      const halls = await listHalls(db, { regionCode: req.query.regionCode });
      const standing = await latestCertifications(
        db,
        halls.map((h) => h.id),
      );
      // Every hall's lines in one read: the hall's estimate is the longest of its lines, each line split
      // among the open counters serving it.
      const lines = await waitingLines(
        db,
        halls.map((h) => h.id),
      );
      return halls.map((h) => {
        const own = lines.filter((l) => l.hallId === h.id);
        return {
          id: h.id,
          name: h.name,
          address: h.address,
          type: h.type,
          open: isOpenAt(h.openingHours, now, env.TINGWU_TIMEZONE),
          waiting: own.reduce((n, l) => n + l.ahead, 0),
          estimatedWaitSeconds: Math.max(
            0,
            ...own.map((l) => placeFrom(l, l.handlingLimitSeconds).estimatedWaitSeconds),
          ),
          certified: standing.get(h.id)?.certified ?? false,
        };
      });
    },
  );

  app.post(
    "/api/public/halls/:hallId/tickets",
    {
      config: limit,
      schema: {
        tags: ["public"],
        summary: "Take a remote ticket (virtual queue, no login; phone required)",
        params: hallIdParams,
        body: issueTicketFields
          .pick({ businessType: true })
          .extend({ phone: issueTicketFields.shape.phone.unwrap() }),
        response: { 201: ticketSchema, ...errors(400, 404, 422, 429) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      if (!req.body.phone) throw new AppError("invalid_input", "phone is required");
      const t = await issueTicketNow(
        db,
        hall,
        { ...req.body, channel: "remote" },
        { userId: null },
        env.TINGWU_TIMEZONE,
      );
      return reply
        .status(201)
        .send({ ...presentTicket(t), ahead: t.ahead, estimatedWaitSeconds: t.estimatedWaitSeconds });
    },
  );
}
