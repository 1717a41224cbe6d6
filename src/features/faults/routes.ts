import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, can, coversHall, type Principal } from "../../core/access.js";
import { logRead, logUnmask, unmaskQuery } from "../../core/audit.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { forbidden } from "../../core/errors.js";
import { placeOf } from "../halls/place.js";
import {
  createFaultBody,
  type FaultAction,
  type FaultActionPath,
  faultActionBodies,
  faultParams,
  faultSchema,
  listFaultsQuery,
} from "./contract.js";
import { faultCallerOf, faultDetail, findFault, listFaults, presentFault } from "./data.js";
import { applyFaultAction, createFault } from "./mutations.js";

const tags = ["faults"];

function staff(p: Principal) {
  if (p.kind !== "user") throw forbidden("Faults are recorded by staff");
  return p;
}

export async function faultRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  async function inScope(
    principal: Principal | undefined,
    id: string,
    capability: "fault.read" | "fault.record",
  ) {
    const p = staff(authorize(principal, capability));
    const f = await findFault(db, id);
    if (!coversHall(p, { id: f.hallId ?? "", regionCode: f.regionCode }))
      throw forbidden("This fault is outside your scope");
    return { p, f };
  }

  app.post(
    "/api/faults",
    {
      schema: {
        tags,
        summary: "Record a customer's fault (故障申告) with its 5-minute, 30-minute and repair clocks",
        body: createFaultBody,
        response: { 201: faultSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const p = staff(authorize(req.principal, "fault.record"));
      const where = await placeOf(db, p, "fault.record", req.body);
      const f = await createFault(db, req.body, { userId: p.id, ...where });
      return reply.status(201).send(presentFault(f, faultCallerOf(p)));
    },
  );

  app.get(
    "/api/faults",
    {
      schema: {
        tags,
        summary:
          "Faults in the caller's area; ?unsatisfied=true collects unsatisfied callbacks for departments",
        querystring: listFaultsQuery,
        response: { 200: z.array(faultSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const p = staff(authorize(req.principal, "fault.read"));
      return (await listFaults(db, p, req.query)).map((f) => presentFault(f, faultCallerOf(p)));
    },
  );

  app.get(
    "/api/faults/:id",
    { schema: { tags, params: faultParams, response: { 200: faultSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const { p, f } = await inScope(req.principal, req.params.id, "fault.read");
      await logRead(db, p.id, "fault", f.id, f.hallId); // R-PRIVACY: a customer record read
      return faultDetail(db, f, faultCallerOf(p));
    },
  );

  app.get(
    "/api/faults/:id/phone",
    {
      schema: {
        tags,
        summary: "Unmask the customer's phone (logged, R-PRIVACY)",
        params: faultParams,
        querystring: unmaskQuery,
        response: { 200: z.object({ phone: z.string() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { p, f } = await inScope(req.principal, req.params.id, "fault.record");
      // The agent who took the fault calls the customer back; managers may unmask too.
      if (f.ownerId !== p.id && !can(p, "phone.unmask"))
        throw forbidden("You may not see this customer's phone whole");
      await logUnmask(db, p.id, "fault", f.id, f.hallId, req.query.reason);
      reply.header("cache-control", "no-store"); // a whole number is kept by no cache on the way
      return { phone: f.customerPhone };
    },
  );

  for (const action of Object.keys(faultActionBodies) as FaultActionPath[]) {
    app.post(
      `/api/faults/:id/${action}`,
      {
        schema: {
          tags,
          summary: `Fault transition: ${action}`,
          params: faultParams,
          body: faultActionBodies[action],
          response: { 200: faultSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const { p, f } = await inScope(req.principal, req.params.id, "fault.record");
        const caller = faultCallerOf(p);
        // The path names the action and its schema checked the body: the pair is one FaultAction.
        const act = { action, input: req.body ?? null } as FaultAction;
        const row = await applyFaultAction(db, f.id, act, caller);
        return faultDetail(db, row, caller);
      },
    );
  }
}
