import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { isoDay } from "../../core/dates.js";
import { withEvents } from "../../core/events/write.js";
import { localParts } from "../../core/time.js";
import {
  awayReportSchema,
  counterAwayBody,
  counterParams,
  counterSchema,
  hallIdParams,
} from "../halls/contract.js";
import { awayReport } from "../halls/data/away.js";
import { getHall } from "../halls/data.js";
import { comeBack, stepAway } from "../halls/mutations/away.js";
import { actorOf } from "./steps/access.js";
import { counterBusy } from "./steps/refusal.js";

const tags = ["queue"];

// 暂离 (R-HALL): a clerk steps away from their open counter with a reason, and comes back; the hall's
// managers see every period of a day and its sum per person.
export async function awayRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx.database;

  app.post(
    "/api/halls/:hallId/counters/:counterId/away",
    {
      schema: {
        tags,
        summary: "Step away from the counter (暂离) with a reason: it calls nothing until back",
        description:
          "The counter must be open, held by the caller (or a manager) and free of a called or served ticket (409 counter_busy); already away is a 409 counter_away. Call-next at an away counter is a 409 counter_away.",
        params: counterParams,
        body: counterAwayBody,
        response: { 200: counterSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "counter.operate", hall);
      return withEvents(db, (work) =>
        stepAway(work, hall.id, req.params.counterId, actorOf(p), req.body.reason, (c) =>
          counterBusy(work.tx, c),
        ),
      );
    },
  );

  app.post(
    "/api/halls/:hallId/counters/:counterId/back",
    {
      schema: {
        tags,
        summary: "Back at the counter after stepping away; calls may come again",
        params: counterParams,
        body: z.object({}).nullish(),
        response: { 200: counterSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "counter.operate", hall);
      return withEvents(db, (work) => comeBack(work, hall.id, req.params.counterId, actorOf(p)));
    },
  );

  app.get(
    "/api/halls/:hallId/counter-away",
    {
      schema: {
        tags,
        summary: "Time away from the counters (暂离) on a day, per period and per person",
        params: hallIdParams,
        querystring: z.object({ date: isoDay().optional() }),
        response: { 200: awayReportSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "staffing.read", hall);
      const tz = ctx.env.TINGWU_TIMEZONE;
      return awayReport(db, hall.id, req.query.date ?? localParts(new Date(), tz).date, tz);
    },
  );
}
