import type { FastifyInstance } from "fastify";
import { authorize } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError } from "../../core/errors.js";
import { daysOf, parsePeriod } from "../../core/periods.js";
import { zonedInstant } from "../../core/time.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import { journeyReportQuery, journeyReportSchema } from "./contract.js";
import { journeySums } from "./data/journey-report.js";
import { journeyMeans, journeyNodeMeans, sumJourneyDays } from "./rules.js";

// Read from the visits themselves (not the roll-ups), so a period is at most a quarter.
const MAX_JOURNEY_DAYS = 92;

export async function journeyReportRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const tz = ctx.env.TINGWU_TIMEZONE;

  app.get(
    "/api/halls/:hallId/journey-report",
    {
      schema: {
        tags: ["visits"],
        summary:
          "Where the hall's visits spent their time: each node Z1–Z9, front and back stage, by day (R-VISIT)",
        params: hallIdParams,
        querystring: journeyReportQuery,
        response: { 200: journeyReportSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(ctx.db, req.params.hallId);
      authorize(req.principal, "reports.read", hall);
      const period = parsePeriod(req.query.period);
      if (daysOf(period.from, period.to).length > MAX_JOURNEY_DAYS)
        throw new AppError("invalid_input", `period: at most ${MAX_JOURNEY_DAYS} days`, { field: "period" });
      const sums = await journeySums(
        ctx.reportsDb,
        hall.id,
        zonedInstant(period.from, 0, tz),
        zonedInstant(period.to, 0, tz),
        tz,
      );
      const whole = journeyMeans(sumJourneyDays(sums.days));
      return {
        hallId: hall.id,
        period: period.label,
        from: period.from,
        to: period.to,
        ...whole,
        nodes: journeyNodeMeans(sums.nodes, whole.visits),
        byDay: sums.days.map((d) => ({ date: d.date, ...journeyMeans(d) })),
      };
    },
  );
}
