import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, userOf } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { notFound } from "../../core/errors.js";
import {
  addWorkingDaysQuery,
  daySchema,
  daysQuery,
  dueSchema,
  putYearBody,
  yearParams,
  yearSchema,
} from "./contract.js";
import { addWorkingDays, listDays, listYears } from "./data.js";
import { ensureShippedArrangements, putYear } from "./mutations.js";

const tags = ["calendar"];

export async function calendarRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  app.addHook("onReady", async () => {
    try {
      await ensureShippedArrangements(db);
    } catch (err) {
      // An app built on an unmigrated database (the OpenAPI generator) has no calendar to fill.
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (code !== "42P01") throw err;
      fastify.log.warn("calendar tables missing: shipped holiday arrangements not loaded");
    }
  });

  app.get(
    "/api/calendar/add-working-days",
    {
      schema: {
        tags,
        summary: "The due instant of a limit of n working days (24:00 local of the n-th working day)",
        querystring: addWorkingDaysQuery,
        response: { 200: dueSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "calendar.read");
      const due = await addWorkingDays(db, new Date(req.query.from), req.query.days, env.TINGWU_TIMEZONE);
      return { due: due.toISOString() };
    },
  );

  app.get(
    "/api/calendar/days",
    {
      schema: {
        tags,
        summary: "Days with working or not and the holiday's name (调休 make-up days are working)",
        querystring: daysQuery,
        response: { 200: z.array(daySchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "calendar.read");
      return listDays(db, req.query.from, req.query.to);
    },
  );

  app.get(
    "/api/calendar/years",
    {
      schema: {
        tags,
        summary: "The years the calendar knows",
        response: { 200: z.array(yearSchema), ...errors(401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "calendar.read");
      return listYears(db);
    },
  );

  app.put(
    "/api/calendar/years/:year",
    {
      schema: {
        tags,
        summary: "Enter or replace a year's holiday arrangement (admin)",
        params: yearParams,
        body: putYearBody,
        response: { 200: yearSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "calendar.admin");
      await putYear(db, req.params.year, req.body.days, userOf(p));
      const [year] = await listYears(db, req.params.year);
      if (!year) throw notFound("Year");
      return year;
    },
  );
}
