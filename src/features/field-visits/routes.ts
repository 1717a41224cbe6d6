import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { dateOnly } from "../customers/contract.js";
import { guardCustomer } from "../customers/guard.js";
import { agentInScope, checkPlanOf, dayAgent } from "../customers/references.js";
import { nextDate } from "../customers/rules.js";
import { authorizeField } from "../customers/scope.js";
import {
  answerBody,
  promiseSchema,
  visitPlanBody,
  visitPlanSchema,
  visitRecordBody,
  visitRecordSchema,
} from "./contract.js";
import { agentDay } from "./data/day.js";
import { findPlan, findPromise, findVisitRecord, listPlans, visitRecordsOf } from "./data.js";
import { answerQuestion, bookVisitPlan, cancelVisitPlan, completePromise, recordVisit } from "./mutations.js";
import { myDaySchema } from "./opportunity-contract.js";
import { opportunityRoutes } from "./opportunity-routes.js";
import { fieldWorkingDays } from "./working-days.js";

const tags = ["field-visits"];

async function visitRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  const tz = env.TINGWU_TIMEZONE;
  const workingDays = fieldWorkingDays(db, tz);

  app.post(
    "/api/field/customers/:id/visit-plans",
    {
      schema: {
        tags,
        summary: "Book a visit (预约): warns when less than a day ahead; arrival planned 5 minutes early",
        params: idParams,
        body: visitPlanBody,
        response: { 201: visitPlanSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { scope, customer } = await guardCustomer(db, req.principal, "field.write", req.params.id);
      return reply.status(201).send(await bookVisitPlan(db, customer, scope.userId, req.body));
    },
  );

  app.get(
    "/api/field/visit-plans",
    {
      schema: {
        tags,
        summary: "Visits booked between two days (default: this week), of one agent or one customer",
        querystring: z.object({
          from: dateOnly.optional(),
          to: dateOnly.optional(),
          agentId: z.uuid().optional(),
          customerId: z.uuid().optional(),
        }),
        response: { 200: z.array(visitPlanSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const scope = authorizeField(req.principal, "field.read");
      await agentInScope(db, scope, req.query.agentId);
      const from = req.query.from ?? localParts(new Date(), tz).date;
      const to = req.query.to ?? nextDate(from, 7);
      return listPlans(db, scope, zonedInstant(from, 0, tz), zonedInstant(to, 24 * 60, tz), {
        agentId: req.query.agentId,
        customerId: req.query.customerId,
      });
    },
  );

  app.post(
    "/api/field/visit-plans/:id/cancel",
    {
      schema: {
        tags,
        params: idParams,
        response: { 200: visitPlanSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const plan = await findPlan(db, req.params.id);
      authorizeField(req.principal, "field.write", plan.regionCode);
      return cancelVisitPlan(db, plan.id);
    },
  );

  app.post(
    "/api/field/customers/:id/visits",
    {
      schema: {
        tags,
        summary:
          "Record a visit (拜访记录); moves the customer's due dates; clientId makes a repeat harmless",
        description:
          "201 for a new record; 200 with the stored record (duplicate: true) when the clientId was sent before.",
        params: idParams,
        body: visitRecordBody,
        response: { 200: visitRecordSchema, 201: visitRecordSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const { scope, customer } = await guardCustomer(db, req.principal, "field.write", req.params.id);
      if (req.body.planId) await checkPlanOf(db, scope, req.body.planId, customer);
      const r = await recordVisit(db, customer, scope.userId, req.body, workingDays);
      return reply.status(r.duplicate ? 200 : 201).send(r);
    },
  );

  app.get(
    "/api/field/customers/:id/visits",
    {
      schema: {
        tags,
        params: idParams,
        response: { 200: z.array(visitRecordSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { customer } = await guardCustomer(db, req.principal, "field.read", req.params.id);
      return visitRecordsOf(db, customer.id);
    },
  );

  app.post(
    "/api/field/visits/:id/answers",
    {
      schema: {
        tags,
        summary: "Answer an open question of a visit (within 2 working days)",
        params: idParams,
        body: answerBody,
        response: { 200: visitRecordSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const r = await findVisitRecord(db, req.params.id);
      authorizeField(req.principal, "field.write", r.regionCode);
      return answerQuestion(db, r.id, req.body.index, req.body.answer);
    },
  );

  app.post(
    "/api/field/promises/:id/done",
    {
      schema: {
        tags,
        params: idParams,
        response: { 200: promiseSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const p = await findPromise(db, req.params.id);
      authorizeField(req.principal, "field.write", p.regionCode);
      return completePromise(db, p.id);
    },
  );

  app.get(
    "/api/field/my-day",
    {
      schema: {
        tags,
        summary: "The agent's day: due visits, appointments, greetings, promises, open questions, archive",
        querystring: z.object({ agentId: z.uuid().optional() }),
        response: { 200: myDaySchema, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const scope = authorizeField(req.principal, "field.read");
      return agentDay(db, scope, await dayAgent(db, scope, req.query.agentId), tz);
    },
  );
}

/** The agent's calls on a customer (R-VISITPLAN, R-VISITLOG): plans, visits, promises, the day; and opportunities. */
export async function fieldVisitRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  await fastify.register(visitRoutes, { ctx });
  await fastify.register(opportunityRoutes, { ctx });
}
