import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Principal } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { localParts, zonedInstant } from "../../core/time.js";
import { myDaySchema } from "./care-contract.js";
import { dateOnly, idParams } from "./contract.js";
import { findPlan, findPromise, findVisitRecord, listPlans, visitRecordsOf } from "./data.js";
import { agentDay } from "./day.js";
import { guardCustomer } from "./guard.js";
import { nextDate } from "./rules.js";
import { authorizeField } from "./scope.js";
import {
  checkServiceOrder,
  createServiceOrder,
  findServiceOrder,
  signatureImage,
  signServiceOrder,
} from "./service-orders.js";
import {
  answerBody,
  promiseSchema,
  serviceOrderBody,
  serviceOrderCheckBody,
  serviceOrderSchema,
  serviceOrderSignBody,
  visitPlanBody,
  visitPlanSchema,
  visitRecordBody,
  visitRecordSchema,
} from "./visit-contract.js";
import { answerQuestion, bookVisitPlan, cancelVisitPlan, completePromise, recordVisit } from "./visits.js";
import { fieldWorkingDays } from "./working-days.js";

const tags = ["field-visits"];

export async function visitRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
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
        querystring: z.object({
          from: dateOnly.optional(),
          to: dateOnly.optional(),
          agentId: z.uuid().optional(),
        }),
        response: { 200: z.array(visitPlanSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const scope = authorizeField(req.principal, "field.read");
      const from = req.query.from ?? localParts(new Date(), tz).date;
      const to = req.query.to ?? nextDate(from, 7);
      return listPlans(
        db,
        scope,
        zonedInstant(from, 0, tz),
        zonedInstant(to, 24 * 60, tz),
        req.query.agentId,
      );
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
      const agentId = scope.role === "rural_agent" ? scope.userId! : req.query.agentId;
      return agentDay(db, scope, agentId, tz);
    },
  );

  app.post(
    "/api/field/customers/:id/service-orders",
    {
      schema: {
        tags,
        summary: "Open a door-to-door service order (上门装/移/修)",
        params: idParams,
        body: serviceOrderBody,
        response: { 201: serviceOrderSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { scope, customer } = await guardCustomer(db, req.principal, "field.write", req.params.id);
      return reply.status(201).send(await createServiceOrder(db, customer, scope.userId, req.body));
    },
  );

  const guardOrder = async (
    principal: Principal | undefined,
    id: string,
    cap: "field.read" | "field.write",
  ) => {
    const order = await findServiceOrder(db, id);
    authorizeField(principal, cap, order.regionCode);
    return order;
  };

  app.post(
    "/api/field/service-orders/:id/check",
    {
      schema: {
        tags,
        summary: "Check the customer's data on site against the order; mismatches are flagged",
        params: idParams,
        body: serviceOrderCheckBody,
        response: { 200: serviceOrderSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) =>
      checkServiceOrder(db, await guardOrder(req.principal, req.params.id, "field.write"), req.body),
  );

  app.post(
    "/api/field/service-orders/:id/sign",
    {
      schema: {
        tags,
        summary: "The customer signs the work sheet or quality form; the four notices must be ticked",
        params: idParams,
        body: serviceOrderSignBody,
        response: { 200: serviceOrderSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      signServiceOrder(db, await guardOrder(req.principal, req.params.id, "field.write"), req.body),
  );

  app.get(
    "/api/field/service-orders/:id/signature",
    { schema: { tags, summary: "The signature image", params: idParams } },
    async (req, reply) => {
      const { type, bytes } = signatureImage(await guardOrder(req.principal, req.params.id, "field.read"));
      return reply.type(type).send(bytes);
    },
  );
}
