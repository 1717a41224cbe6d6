import type { FastifyInstance } from "fastify";
import type { Principal } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { guardCustomer } from "../customers/guard.js";
import { authorizeField } from "../customers/scope.js";
import {
  serviceOrderBody,
  serviceOrderCheckBody,
  serviceOrderSchema,
  serviceOrderSignBody,
} from "../service-orders/contract.js";
import { findServiceOrder, signatureImage } from "../service-orders/data.js";
import { checkServiceOrder, createServiceOrder, signServiceOrder } from "../service-orders/mutations.js";

const tags = ["field-visits"];

/** Door-to-door service orders (上门装/移/修) of rural agents: open, check on site, sign. */
export async function serviceOrderRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

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
