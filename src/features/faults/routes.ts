import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, can, coversHall, type Principal, roleScope } from "../../core/access.js";
import { logUnmask } from "../../core/audit.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError, forbidden } from "../../core/errors.js";
import { getHall } from "../halls/data.js";
import {
  createFaultBody,
  type FaultActionPath,
  faultActionBodies,
  faultParams,
  faultSchema,
  listFaultsQuery,
} from "./contract.js";
import { faultDetail, findFault, listFaults, presentFault } from "./data.js";
import { applyFaultAction, createFault, type FaultRecorder } from "./mutations.js";

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

  async function placeOf(
    p: Principal & { kind: "user" },
    hallId?: string,
    regionCode?: string,
  ): Promise<FaultRecorder> {
    if (hallId) {
      const hall = await getHall(db, hallId);
      authorize(p, "fault.record", hall);
      return { userId: p.id, hallId: hall.id, regionCode: hall.regionCode };
    }
    if (roleScope[p.role] === "hall" && p.hallId) return placeOf(p, p.hallId);
    const region = regionCode ?? p.regionCode;
    if (!region) throw new AppError("invalid_input", "Name the hall or region of the fault");
    if (roleScope[p.role] === "region" && region !== p.regionCode)
      throw forbidden("This region is outside your scope");
    return { userId: p.id, hallId: null, regionCode: region };
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
      const f = await createFault(db, req.body, await placeOf(p, req.body.hallId, req.body.regionCode));
      return reply.status(201).send(presentFault(f));
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
      return (await listFaults(db, p, req.query)).map((f) => presentFault(f));
    },
  );

  app.get(
    "/api/faults/:id",
    { schema: { tags, params: faultParams, response: { 200: faultSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const { f } = await inScope(req.principal, req.params.id, "fault.read");
      return faultDetail(db, f);
    },
  );

  app.get(
    "/api/faults/:id/phone",
    {
      schema: {
        tags,
        summary: "Unmask the customer's phone (logged, R-PRIVACY)",
        params: faultParams,
        response: { 200: z.object({ phone: z.string() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { p, f } = await inScope(req.principal, req.params.id, "fault.record");
      // The agent who took the fault calls the customer back; managers may unmask too.
      if (f.ownerId !== p.id && !can(p, "phone.unmask"))
        throw forbidden("You may not see this customer's phone whole");
      await logUnmask(db, p.id, "fault", f.id, f.hallId);
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
        const row = await applyFaultAction(db, f.id, action, (req.body ?? {}) as Record<string, string>, {
          userId: p.id,
          mayManage: can(p, "complaint.manage"),
        });
        return faultDetail(db, row);
      },
    );
  }
}
