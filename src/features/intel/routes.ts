import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Principal } from "../../core/access.js";
import { mustBelong } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import type { BlindSpotStatus } from "../customers/contract.js";
import { blindSpotStatuses } from "../customers/contract.js";
import { customerInScope } from "../customers/references.js";
import { authorizeField } from "../customers/scope.js";
import {
  blindSpotAnswerBody,
  blindSpotBody,
  blindSpotSchema,
  villageBody,
  villageSchema,
} from "../intel/contract.js";
import { findBlindSpot, listBlindSpots, listVillages } from "../intel/data.js";
import { answerBlindSpot, forwardBlindSpot, reportBlindSpot, saveVillage } from "../intel/mutations.js";
import { allowedBlindSpotActions } from "./rules.js";

const tags = ["field-care"];

const withActions = <T extends { status: BlindSpotStatus; areaCode: string }>(
  principal: Principal | undefined,
  spot: T,
) => ({ ...spot, allowedActions: allowedBlindSpotActions(principal, spot) });

/** Market intelligence (R-INTEL): village profiles and blind spots (盲点) reported, forwarded, answered. */
export async function intelRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

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
      if (req.body.customerId) {
        const customer = await customerInScope(db, scope, req.body.customerId);
        mustBelong(customer.regionCode === req.body.areaCode, "The customer is of another area", {
          customerId: customer.id,
        });
      }
      const spot = await reportBlindSpot(db, req.body, scope.userId);
      return reply.status(201).send(withActions(req.principal, spot));
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
    async (req) =>
      (await listBlindSpots(db, authorizeField(req.principal, "field.read"), req.query.status)).map((b) =>
        withActions(req.principal, b),
      ),
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
      return withActions(req.principal, await forwardBlindSpot(db, b.id));
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
      return withActions(req.principal, await answerBlindSpot(db, b.id, req.body.answer));
    },
  );
}
