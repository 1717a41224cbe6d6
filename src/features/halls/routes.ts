import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, coversHall, scopeOf, userOf } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { notFound } from "../../core/errors.js";
import {
  businessTypeParams,
  businessTypeSchema,
  counterHistorySchema,
  counterParams,
  counterSchema,
  createBusinessTypeBody,
  createCounterBody,
  createHallBody,
  hallIdParams,
  hallSchema,
  hallSettingsSchema,
  listHallsQuery,
  updateBusinessTypeBody,
  updateCounterBody,
  updateHallBody,
} from "./contract.js";
import { listCounterHistory } from "./data/holders.js";
import {
  checkSettingCodes,
  getBusinessType,
  getCounter,
  getHall,
  listBusinessTypes,
  listCounters,
  listHalls,
} from "./data.js";
import { auditSettings } from "./mutations/settings.js";
import {
  createBusinessType,
  createCounter,
  createHall,
  updateBusinessType,
  updateCounter,
  updateHall,
} from "./mutations.js";
import { settingsRoutes } from "./settings-routes.js";

const tags = ["halls"];

export async function hallRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  app.post(
    "/api/halls",
    {
      schema: {
        tags,
        summary: "Create a hall (营业厅)",
        body: createHallBody,
        response: { 201: hallSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "hall.admin");
      // An area manager creates halls only in their own region.
      if (p.kind === "user" && p.role === "area_manager" && p.regionCode !== req.body.regionCode) {
        authorize(req.principal, "hall.admin", { id: "", regionCode: req.body.regionCode });
      }
      await checkSettingCodes(db, req.body.settings);
      return reply.status(201).send(await createHall(db, req.body));
    },
  );

  app.get(
    "/api/halls",
    {
      schema: {
        tags,
        summary: "Halls in your scope",
        querystring: listHallsQuery,
        response: { 200: z.array(hallSchema), ...errors(401, 403) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "hall.read");
      const mine = (await listHalls(db, req.query)).filter((h) => coversHall(p, h));
      // A region outside the caller's scope is not an empty list: it is not theirs to name.
      const region = req.query.regionCode;
      const scope = scopeOf(p);
      const operatorWide = scope?.hallId === null && scope.regionCode === null;
      if (region && !operatorWide && (scope?.regionCode ? scope.regionCode !== region : mine.length === 0))
        throw notFound(`Region ${region}`);
      return mine;
    },
  );

  app.get(
    "/api/halls/:hallId",
    { schema: { tags, params: hallIdParams, response: { 200: hallSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "hall.read", hall);
      return hall;
    },
  );

  app.patch(
    "/api/halls/:hallId",
    {
      schema: {
        tags,
        summary: "Update a hall",
        params: hallIdParams,
        body: updateHallBody,
        response: { 200: hallSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "hall.admin", hall);
      if (req.body.regionCode && req.body.regionCode !== hall.regionCode) {
        authorize(req.principal, "hall.admin", { id: hall.id, regionCode: req.body.regionCode });
      }
      await checkSettingCodes(db, req.body.settings);
      return updateHall(db, hall.id, req.body);
    },
  );

  app.patch(
    "/api/halls/:hallId/settings",
    {
      schema: {
        tags,
        summary:
          "Change the hall's queue settings (peak thresholds and actions, limits); merged into the current ones",
        params: hallIdParams,
        body: hallSettingsSchema,
        response: { 200: hallSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      // R-PEAK: a hall manager sets the warning levels of their own hall; the rest of the hall is admin's.
      const p = authorize(req.principal, "peak.admin", hall);
      await checkSettingCodes(db, req.body);
      const settings = { ...hall.settings, ...req.body };
      await auditSettings(db, `hall:${hall.id}`, hall.settings, settings, userOf(p), hall.id);
      return updateHall(db, hall.id, { settings });
    },
  );

  app.get(
    "/api/halls/:hallId/counters",
    {
      schema: {
        tags,
        params: hallIdParams,
        response: { 200: z.array(counterSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "counter.read", hall);
      return listCounters(db, hall.id);
    },
  );

  app.post(
    "/api/halls/:hallId/counters",
    {
      schema: {
        tags,
        summary: "Add a counter (台席)",
        params: hallIdParams,
        body: createCounterBody,
        response: { 201: counterSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "counter.admin", hall);
      return reply.status(201).send(await createCounter(db, hall.id, req.body));
    },
  );

  app.patch(
    "/api/halls/:hallId/counters/:counterId",
    {
      schema: {
        tags,
        params: counterParams,
        body: updateCounterBody,
        response: { 200: counterSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "counter.admin", hall);
      await getCounter(db, hall.id, req.params.counterId);
      return updateCounter(db, hall.id, req.params.counterId, req.body);
    },
  );

  app.get(
    "/api/halls/:hallId/counters/:counterId/history",
    {
      schema: {
        tags,
        summary: "Who held the counter when: opens, closes and takeovers (接管), latest first",
        params: counterParams,
        response: { 200: z.array(counterHistorySchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "counter.admin", hall);
      await getCounter(db, hall.id, req.params.counterId);
      return listCounterHistory(db, req.params.counterId);
    },
  );

  app.get(
    "/api/business-types",
    {
      schema: {
        tags: ["catalog"],
        summary: "The business catalog (业务类型)",
        response: { 200: z.array(businessTypeSchema), ...errors(401) },
      },
    },
    async (req) => {
      authorize(req.principal, "hall.read");
      return listBusinessTypes(db);
    },
  );

  app.post(
    "/api/business-types",
    {
      schema: {
        tags: ["catalog"],
        body: createBusinessTypeBody,
        response: { 201: businessTypeSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      authorize(req.principal, "catalog.admin");
      return reply.status(201).send(await createBusinessType(db, req.body));
    },
  );

  app.patch(
    "/api/business-types/:code",
    {
      schema: {
        tags: ["catalog"],
        params: businessTypeParams,
        body: updateBusinessTypeBody,
        response: { 200: businessTypeSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      authorize(req.principal, "catalog.admin");
      await getBusinessType(db, req.params.code);
      return updateBusinessType(db, req.params.code, req.body);
    },
  );
  await fastify.register(settingsRoutes, { ctx });
}
