import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type AppContext, errors, typed } from "../../core/context.js";
import { customerInScope, dayAgent } from "../customers/references.js";
import { authorizeField } from "../customers/scope.js";
import { careQuery, greetBody, greetingDueSchema, greetingSchema } from "./contract.js";
import { greetingsDue } from "./data.js";
import { greet } from "./mutations.js";

const tags = ["field-care"];

/** Customer care (R-CARE): greetings due on festivals and birthdays, and the greetings sent. */
export async function careRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

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
      const agentId = await dayAgent(db, scope, req.query.agentId);
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
      const scope = authorizeField(req.principal, "field.write");
      const customer = await customerInScope(db, scope, req.body.customerId);
      return reply.status(201).send(await greet(db, customer, scope.userId, req.body));
    },
  );
}
