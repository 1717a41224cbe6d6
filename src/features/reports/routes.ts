import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { isoDay } from "../../core/dates.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import { todayStatsSchema } from "./contract.js";
import { sharedDayStats } from "./data/shared-day.js";
import { summaryRoutes } from "./summary-routes.js";

const tags = ["reports"];

export async function reportRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  await fastify.register(summaryRoutes, { ctx });
  const tz = env.TINGWU_TIMEZONE;

  app.get(
    "/api/halls/:hallId/stats/today",
    {
      schema: {
        tags,
        summary: "Today's figures of a hall: served, waits, breaches, arrivals by half hour, per counter",
        params: hallIdParams,
        querystring: z.object({
          date: isoDay().optional(),
        }),
        response: { 200: todayStatsSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "queue.read", hall);
      const now = localParts(new Date(), tz);
      const date = req.query.date ?? now.date;
      return sharedDayStats(db, hall.id, {
        date,
        from: zonedInstant(date, 0, tz),
        to: zonedInstant(date, 24 * 60, tz),
        timeZone: tz,
        nowSlot: date === now.date ? Math.floor(now.minutes / 30) : null,
      });
    },
  );
}
