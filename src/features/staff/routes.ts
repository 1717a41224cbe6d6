import type { FastifyInstance } from "fastify";
import { authorize } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError } from "../../core/errors.js";
import { compute } from "./compute.js";
import {
  coverBody,
  coverSchema,
  erlangQuery,
  erlangSchema,
  planBody,
  planSchema,
  requiredQuery,
  requiredSchema,
  simulateBody,
  simulateSchema,
} from "./contract.js";
import { queueFigures, requiredCounters } from "./erlang.js";
import { coverOf, planOf, presentDay, simulationOf } from "./requests.js";

const tags = ["staffing"];

// 排班 (R-ROSTER): the maths a hall manager staffs the day with. Nothing here touches the database;
// the forecast, staff records and rosters build on these functions. Erlang is microseconds and runs
// here; simulations, plans and covers run in the staffing worker thread (compute.ts).
export async function staffingRoutes(fastify: FastifyInstance, _opts: { ctx: AppContext }) {
  const app = typed(fastify);

  app.get(
    "/api/staffing/erlang",
    {
      schema: {
        tags,
        summary: "Erlang C (or Erlang A with meanPatienceSeconds) for one interval's steady state",
        querystring: erlangQuery,
        response: { 200: erlangSchema, ...errors(400, 401, 403, 422) },
      },
    },
    async (req) => {
      authorize(req.principal, "staffing.read");
      const r = queueFigures(req.query);
      if (!r.ok)
        throw new AppError(r.code, r.message, { offeredLoad: r.offeredLoad, counters: req.query.counters });
      return r.figures;
    },
  );

  app.get(
    "/api/staffing/required",
    {
      schema: {
        tags,
        summary: "The least counters whose steady-state service level meets the target",
        querystring: requiredQuery,
        response: { 200: requiredSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "staffing.read");
      return { counters: requiredCounters(req.query) };
    },
  );

  app.post(
    "/api/staffing/simulate",
    {
      schema: {
        tags,
        summary: "Simulate a hall's day (seeded): service level, waits, by interval",
        body: simulateBody,
        response: { 200: simulateSchema, ...errors(400, 401, 403, 429) },
      },
    },
    async (req) => {
      authorize(req.principal, "staffing.read");
      const day = simulationOf(req.body);
      const figures = await compute("simulate", [
        day,
        { replications: req.body.replications, seed: req.body.seed },
      ]);
      return presentDay(figures, req.body.opensAt, req.body.intervalMinutes);
    },
  );

  app.post(
    "/api/staffing/plan",
    {
      schema: {
        tags,
        summary: "Counters per interval that meet the day's target at the least counter-hours found",
        body: planBody,
        response: { 200: planSchema, ...errors(400, 401, 403, 429) },
      },
    },
    async (req) => {
      authorize(req.principal, "staffing.read");
      const { figures, ...plan } = await compute("plan", planOf(req.body));
      return { ...plan, simulation: presentDay(figures, req.body.opensAt, req.body.intervalMinutes) };
    },
  );

  app.post(
    "/api/staffing/cover",
    {
      schema: {
        tags,
        summary: "How many people on each shift template cover the requirements at the least cost (MILP)",
        body: coverBody,
        response: { 200: coverSchema, ...errors(400, 401, 403, 422, 429) },
      },
    },
    async (req) => {
      authorize(req.principal, "staffing.read");
      const r = await compute("cover", coverOf(req.body));
      if (!r.ok) throw new AppError(r.code, r.message, r.details);
      return r.cover;
    },
  );
}
