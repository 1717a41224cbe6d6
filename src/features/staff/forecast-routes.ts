import type { FastifyInstance } from "fastify";
import { authorize, userOf } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall, listCounters } from "../halls/data.js";
import { rosterOn } from "./data.js";
import { accuracyOf, forecastDay } from "./forecast.js";
import { accuracySchema, dayQuery, forecastSchema, overridesBody } from "./forecast-contract.js";
import { localClock, toOpen } from "./live.js";
import { putOverrides } from "./mutations.js";
import { staffingNowSchema } from "./roster-contract.js";

const tags = ["staffing"];

// The forecast a roster is built on (排班 R-ROSTER), the manager's corrections, its accuracy afterwards,
// and the live comparison of open counters with the plan.
export async function forecastRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const timeZone = ctx.env.TINGWU_TIMEZONE;

  app.get(
    "/api/halls/:hallId/staffing/forecast",
    {
      schema: {
        tags,
        summary:
          "Arrivals forecast per half hour and business type (same weekday / kind of day, with overrides)",
        params: hallIdParams,
        querystring: dayQuery,
        response: { 200: forecastSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "staffing.read", hall);
      const {
        cells: _c,
        arrivalsPerHour: _a,

        ...view
      } = await forecastDay(db, hall, req.query.date, timeZone);
      return view;
    },
  );

  app.put(
    "/api/halls/:hallId/staffing/forecast",
    {
      schema: {
        tags,
        summary: "Set (or with null clear) the manager's figures for half hours and business types",
        params: hallIdParams,
        body: overridesBody,
        response: { 200: forecastSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const p = authorize(req.principal, "staffing.manage", hall);
      await putOverrides(db, hall.id, req.body.date, userOf(p), req.body.overrides);
      const {
        cells: _c,
        arrivalsPerHour: _a,

        ...view
      } = await forecastDay(db, hall, req.body.date, timeZone);
      return view;
    },
  );

  app.get(
    "/api/halls/:hallId/staffing/accuracy",
    {
      schema: {
        tags,
        summary: "A past day's forecast against the tickets taken, per half hour, with MAPE",
        params: hallIdParams,
        querystring: dayQuery,
        response: { 200: accuracySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "staffing.read", hall);
      return accuracyOf(db, hall, req.query.date, timeZone);
    },
  );

  app.get(
    "/api/halls/:hallId/staffing/now",
    {
      schema: {
        tags,
        summary: "Counters the plan wants open this half hour, those open, and how many more to open",
        params: hallIdParams,
        response: { 200: staffingNowSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "staffing.read", hall);
      const { date, minute } = localClock(new Date(), timeZone);
      const open = (await listCounters(db, hall.id)).filter((c) => c.status === "open").length;
      const roster = await rosterOn(db, hall.id, date);
      const day = roster?.requirements.find((d) => d.date === date);
      const i = day ? Math.floor((minute - day.opensAt) / 30) : -1;
      const planned = day && i >= 0 && i < day.counters.length ? day.counters[i] : 0;
      return { planned, open, toOpen: toOpen(planned, open) };
    },
  );
}
