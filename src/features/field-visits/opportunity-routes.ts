import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Principal } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { localParts, zonedInstant } from "../../core/time.js";
import type { OpportunityStage } from "../customers/contract.js";
import { opportunityStages } from "../customers/contract.js";
import { guardCustomer } from "../customers/guard.js";
import { agentInScope, checkVisitOf, customerInScope } from "../customers/references.js";
import { nextDate } from "../customers/rules.js";
import { authorizeField } from "../customers/scope.js";
import { cadenceCompliance } from "../field-visits/data/day.js";
import {
  createOpportunity,
  findOpportunity,
  listOpportunities,
  moveOpportunity,
  pipelineTotals,
  updateOpportunity,
  weeklyOpportunityReport,
} from "../field-visits/data/opportunities.js";
import {
  complianceSchema,
  opportunityBody,
  opportunitySchema,
  pipelineSchema,
  stageBody,
  updateOpportunityBody,
  weeklyReportQuery,
  weeklyReportSchema,
} from "../field-visits/opportunity-contract.js";
import { weekStart } from "../field-visits/rules.js";
import { opportunityControls } from "./rules.js";

const tags = ["field-care"];

/** Opportunities (商机, R-OPP) from visits, their pipeline and weekly report, and cadence compliance. */
const withControls = <T extends { stage: OpportunityStage }>(
  principal: Principal | undefined,
  o: T,
  regionCode?: string,
) => ({ ...o, ...opportunityControls(principal, o.stage, regionCode) });

export async function opportunityRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  const tz = env.TINGWU_TIMEZONE;

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
      if (req.body.visitRecordId) await checkVisitOf(db, scope, req.body.visitRecordId, customer);
      const o = await createOpportunity(db, customer, scope.userId, req.body);
      return reply.status(201).send(withControls(req.principal, o, customer.regionCode));
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
    async (req) => {
      const scope = authorizeField(req.principal, "field.read");
      await agentInScope(db, scope, req.query.agentId);
      if (req.query.customerId) await customerInScope(db, scope, req.query.customerId);
      return (await listOpportunities(db, scope, req.query)).map((o) => withControls(req.principal, o));
    },
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
      return withControls(
        req.principal,
        await moveOpportunity(db, o.id, req.body.stage, req.body.note),
        o.regionCode,
      );
    },
  );

  app.patch(
    "/api/field/opportunities/:id",
    {
      schema: {
        tags,
        summary: "Correct an open opportunity's title, product or amount (yuan; null clears)",
        params: idParams,
        body: updateOpportunityBody,
        response: { 200: opportunitySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const o = await findOpportunity(db, req.params.id);
      authorizeField(req.principal, "field.write", o.regionCode);
      return withControls(req.principal, await updateOpportunity(db, o.id, req.body), o.regionCode);
    },
  );

  app.get(
    "/api/field/reports/pipeline",
    {
      schema: {
        tags,
        summary: "The opportunity pipeline of your scope: count and amount (yuan) per stage",
        response: { 200: pipelineSchema, ...errors(401, 403) },
      },
    },
    async (req) => pipelineTotals(db, authorizeField(req.principal, "field.read")),
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
}
