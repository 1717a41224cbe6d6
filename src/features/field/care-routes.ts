import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type AppContext, errors, typed } from "../../core/context.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { greet, greetingsDue } from "./care.js";
import {
  blindSpotAnswerBody,
  blindSpotBody,
  blindSpotSchema,
  careQuery,
  complianceSchema,
  greetBody,
  greetingDueSchema,
  greetingSchema,
  opportunityBody,
  opportunitySchema,
  stageBody,
  villageBody,
  villageSchema,
  weeklyReportQuery,
  weeklyReportSchema,
} from "./care-contract.js";
import { blindSpotStatuses, contractSchema, dateOnly, idParams, opportunityStages } from "./contract.js";
import { contractsEnding } from "./data.js";
import { cadenceCompliance } from "./day.js";
import { guardCustomer } from "./guard.js";
import {
  answerBlindSpot,
  findBlindSpot,
  forwardBlindSpot,
  listBlindSpots,
  listVillages,
  reportBlindSpot,
  saveVillage,
} from "./intel.js";
import {
  createOpportunity,
  findOpportunity,
  listOpportunities,
  moveOpportunity,
  weeklyOpportunityReport,
} from "./opportunities.js";
import { nextDate, weekStart } from "./rules.js";
import { authorizeField } from "./scope.js";

const tags = ["field-care"];

export async function careRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  const tz = env.TINGWU_TIMEZONE;

  app.get(
    "/api/field/care",
    {
      schema: {
        tags,
        summary:
          "Greetings due between two dates: New Year, Spring Festival and Mid-Autumn (lunar), birthdays",
        querystring: careQuery.extend({ agentId: z.uuid().optional() }),
        response: { 200: z.array(greetingDueSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const scope = authorizeField(req.principal, "field.read");
      const agentId = scope.role === "rural_agent" ? scope.userId! : req.query.agentId;
      return greetingsDue(db, scope, req.query.from, req.query.to, agentId);
    },
  );

  app.post(
    "/api/field/greetings",
    {
      schema: {
        tags,
        summary: "Record a greeting; by SMS it is sent once through the outbox",
        body: greetBody,
        response: { 201: greetingSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const { scope, customer } = await guardCustomer(db, req.principal, "field.write", req.body.customerId);
      return reply.status(201).send(await greet(db, customer, scope.userId, req.body));
    },
  );

  app.post(
    "/api/field/customers/:id/opportunities",
    {
      schema: {
        tags,
        summary: "Record a business opportunity (商机)",
        params: idParams,
        body: opportunityBody,
        response: { 201: opportunitySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { scope, customer } = await guardCustomer(db, req.principal, "field.write", req.params.id);
      return reply.status(201).send(await createOpportunity(db, customer, scope.userId, req.body));
    },
  );

  app.get(
    "/api/field/opportunities",
    {
      schema: {
        tags,
        querystring: z.object({
          stage: z.enum(opportunityStages).optional(),
          agentId: z.uuid().optional(),
          customerId: z.uuid().optional(),
        }),
        response: { 200: z.array(opportunitySchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listOpportunities(db, authorizeField(req.principal, "field.read"), req.query),
  );

  app.post(
    "/api/field/opportunities/:id/stage",
    {
      schema: {
        tags,
        summary: "Move an opportunity forward, to won, or to lost",
        params: idParams,
        body: stageBody,
        response: { 200: opportunitySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const o = await findOpportunity(db, req.params.id);
      authorizeField(req.principal, "field.write", o.regionCode);
      return moveOpportunity(db, o.id, req.body.stage, req.body.note);
    },
  );

  app.get(
    "/api/field/reports/opportunities-weekly",
    {
      schema: {
        tags,
        summary: "The weekly opportunity report per agent (Monday to Sunday, local time)",
        querystring: weeklyReportQuery,
        response: { 200: weeklyReportSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const scope = authorizeField(req.principal, "field.read");
      const start = weekStart(req.query.weekOf ?? localParts(new Date(), tz).date);
      const end = nextDate(start, 7);
      const agents = await weeklyOpportunityReport(
        db,
        scope,
        zonedInstant(start, 0, tz),
        zonedInstant(end, 0, tz),
      );
      return { weekStart: start, weekEnd: nextDate(end, -1), agents };
    },
  );

  app.get(
    "/api/field/contracts/ending",
    {
      schema: {
        tags,
        summary: "Active contracts ending in a window (default: the next 60 days) — the monthly list",
        querystring: z.object({ from: dateOnly.optional(), to: dateOnly.optional() }),
        response: { 200: z.array(contractSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const scope = authorizeField(req.principal, "field.read");
      const from = req.query.from ?? localParts(new Date(), tz).date;
      return contractsEnding(db, scope, from, req.query.to ?? nextDate(from, 60));
    },
  );

  app.get(
    "/api/field/compliance",
    {
      schema: {
        tags,
        summary: "Per agent: customers overdue for a visit, deadlines missed, promises overdue",
        response: { 200: complianceSchema, ...errors(401, 403) },
      },
    },
    async (req) => cadenceCompliance(db, authorizeField(req.principal, "field.manage"), tz),
  );

  app.put(
    "/api/field/villages",
    {
      schema: {
        tags,
        summary: "Record what is known of a village (信息收集): population, products, channels, competitors",
        body: villageBody,
        response: { 200: villageSchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const scope = authorizeField(req.principal, "field.write", req.body.areaCode);
      return saveVillage(db, req.body, scope.userId);
    },
  );

  app.get(
    "/api/field/villages",
    { schema: { tags, response: { 200: z.array(villageSchema), ...errors(401, 403) } } },
    async (req) => listVillages(db, authorizeField(req.principal, "field.read")),
  );

  app.post(
    "/api/field/blind-spots",
    {
      schema: {
        tags,
        summary: "Report a network blind spot or weak signal (网络盲点) with its place",
        body: blindSpotBody,
        response: { 201: blindSpotSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const scope = authorizeField(req.principal, "field.write", req.body.areaCode);
      if (req.body.customerId) await guardCustomer(db, req.principal, "field.write", req.body.customerId);
      return reply.status(201).send(await reportBlindSpot(db, req.body, scope.userId));
    },
  );

  app.get(
    "/api/field/blind-spots",
    {
      schema: {
        tags,
        querystring: z.object({ status: z.enum(blindSpotStatuses).optional() }),
        response: { 200: z.array(blindSpotSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => listBlindSpots(db, authorizeField(req.principal, "field.read"), req.query.status),
  );

  app.post(
    "/api/field/blind-spots/:id/forward",
    {
      schema: {
        tags,
        summary: "Forward to the network department (through the outbox, once)",
        params: idParams,
        response: { 200: blindSpotSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const b = await findBlindSpot(db, req.params.id);
      authorizeField(req.principal, "field.manage", b.regionCode);
      return forwardBlindSpot(db, b.id);
    },
  );

  app.post(
    "/api/field/blind-spots/:id/answer",
    {
      schema: {
        tags,
        summary: "Record the network department's answer",
        params: idParams,
        body: blindSpotAnswerBody,
        response: { 200: blindSpotSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const b = await findBlindSpot(db, req.params.id);
      authorizeField(req.principal, "field.manage", b.regionCode);
      return answerBlindSpot(db, b.id, req.body.answer);
    },
  );
}
