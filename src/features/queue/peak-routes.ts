import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, userOf } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError } from "../../core/errors.js";
import { daysOf, nextDay } from "../../core/periods.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import {
  divertSmsBody,
  divertSmsSchema,
  peakActionBody,
  peakEpisodeSchema,
  peakEpisodesQuery,
} from "./contract.js";
import { listPeakEpisodes, presentEpisodes } from "./data/peak-episodes.js";
import { divertBySms } from "./mutations/divert-sms.js";
import { recordPeakAction } from "./mutations/peak-episodes.js";

const MAX_DAYS = 92;

// R-PEAK episodes: each peak from its start to its end, how high it went, whether the area manager was
// told, and what was done — read by the manager and the reports, added to by the floor.
export async function peakRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const tz = ctx.env.TINGWU_TIMEZONE;

  app.get(
    "/api/halls/:hallId/peak-episodes",
    {
      schema: {
        tags: ["queue"],
        summary: "The hall's peak episodes that started in a range of days, newest first (R-PEAK)",
        params: hallIdParams,
        querystring: peakEpisodesQuery,
        response: { 200: z.array(peakEpisodeSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const from = req.query.from ?? localParts(new Date(), tz).date;
      const to = req.query.to ?? from;
      if (to < from) throw new AppError("invalid_input", "to: on or after from", { field: "to" });
      if (daysOf(from, nextDay(to)).length > MAX_DAYS)
        throw new AppError("invalid_input", `at most ${MAX_DAYS} days`, { field: "to" });
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "queue.read", hall);
      return listPeakEpisodes(db, hall.id, zonedInstant(from, 0, tz), zonedInstant(nextDay(to), 0, tz));
    },
  );

  app.post(
    "/api/halls/:hallId/divert-sms",
    {
      schema: {
        tags: ["queue"],
        summary:
          "Text the customers far back in a divertible line an e-channel to use instead (短信分流, R-DIVERT)",
        description:
          "Each waiting ticket with a phone number, at least minAhead places back in a line whose business an e-channel can do, is texted once (the channels and, with TINGWU_ONLINE_HALL_URL, the online hall's link) and recorded as a diversion offered.",
        params: hallIdParams,
        body: divertSmsBody,
        response: { 200: divertSmsSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "ticket.divert", hall);
      const tickets = await divertBySms(db, hall, req.body.minAhead, ctx.env.TINGWU_ONLINE_HALL_URL);
      return { sent: tickets.length, tickets };
    },
  );

  app.post(
    "/api/halls/:hallId/peak/actions",
    {
      schema: {
        tags: ["queue"],
        summary: "Record what was done about the peak in progress (guided to self-service, moved staff …)",
        description: "409 illegal_state (state no_peak) when no peak is in progress at the hall.",
        params: hallIdParams,
        body: peakActionBody,
        response: { 200: peakEpisodeSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "ticket.divert", hall);
      const episode = await recordPeakAction(
        db,
        hall.id,
        { kind: "recorded", text: req.body.text, byId: userOf(p) },
        true,
      );
      return (await presentEpisodes(db, [episode!]))[0];
    },
  );
}
