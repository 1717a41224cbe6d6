import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, can, coversHall, type Principal, roleScope } from "../../core/access.js";
import { logUnmask } from "../../core/audit.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { AppError, forbidden } from "../../core/errors.js";
import { getHall } from "../halls/data.js";
import {
  type ComplaintActionPath,
  complaintActionBodies,
  complaintParams,
  complaintSchema,
  createComplaintBody,
  listComplaintsQuery,
} from "./contract.js";
import { createComplaint, type Recorder } from "./create.js";
import {
  type ComplaintRow,
  complaintDetail,
  findComplaint,
  listComplaints,
  possibleOwners,
  presentComplaint,
} from "./data.js";
import { complaintExtraRoutes } from "./extra-routes.js";
import { applyComplaintAction } from "./mutations.js";

const tags = ["complaints"];
// R-PRIVACY: lists and details always mask the customer's phone; the whole number is one logged
// request away (GET /api/complaints/:id/phone) for those who may unmask.
const unmasked = (_p: Principal) => false;
const scopeOf = (c: ComplaintRow) => ({ id: c.hallId ?? "", regionCode: c.regionCode });

/** The person asking, who must be a user (complaints are staff work, never a device's). */
function staff(p: Principal) {
  if (p.kind !== "user") throw forbidden("Complaints are recorded by staff");
  return p;
}

export async function complaintRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;
  const tz = env.TINGWU_TIMEZONE;

  /** Loads a complaint and checks it is in the caller's scope (another hall's is a 403, not a leak). */
  async function inScope(
    principal: Principal | undefined,
    id: string,
    capability: "complaint.read" | "complaint.record",
  ) {
    const p = staff(authorize(principal, capability));
    const c = await findComplaint(db, id);
    if (!coversHall(p, scopeOf(c))) throw forbidden("This complaint is outside your scope");
    return { p, c };
  }

  /** Where a new complaint belongs: the named hall, the recorder's hall, or the recorder's region. */
  async function placeOf(
    p: Principal & { kind: "user" },
    hallId?: string,
    regionCode?: string,
  ): Promise<Recorder> {
    if (hallId) {
      const hall = await getHall(db, hallId);
      authorize(p, "complaint.record", hall);
      return { userId: p.id, hallId: hall.id, regionCode: hall.regionCode };
    }
    if (roleScope[p.role] === "hall" && p.hallId) return placeOf(p, p.hallId);
    const region = regionCode ?? p.regionCode;
    if (!region) throw new AppError("invalid_input", "Name the hall or region of the complaint");
    if (roleScope[p.role] === "region" && region !== p.regionCode)
      throw forbidden("This region is outside your scope");
    return { userId: p.id, hallId: null, regionCode: region };
  }

  app.post(
    "/api/complaints",
    {
      schema: {
        tags,
        summary:
          "Record a complaint or an appeal (投诉/申诉) from any channel; the receiver owns it (首问负责制)",
        body: createComplaintBody,
        response: { 201: complaintSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const p = staff(authorize(req.principal, "complaint.record"));
      const where = await placeOf(p, req.body.hallId, req.body.regionCode);
      const c = await createComplaint(db, req.body, where, tz);
      return reply.status(201).send(presentComplaint(c, unmasked(p)));
    },
  );

  app.get(
    "/api/complaints",
    {
      schema: {
        tags,
        summary: "Complaints in the caller's scope: mine, due soon, breached, by state, category, search",
        querystring: listComplaintsQuery,
        response: {
          200: z.object({ items: z.array(complaintSchema), total: z.number() }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const p = staff(authorize(req.principal, "complaint.read"));
      const { rows, total } = await listComplaints(db, p, req.query, new Date());
      return { items: rows.map((c) => presentComplaint(c, unmasked(p))), total };
    },
  );

  app.get(
    "/api/complaints/:id",
    {
      schema: {
        tags,
        params: complaintParams,
        response: { 200: complaintSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { p, c } = await inScope(req.principal, req.params.id, "complaint.read");
      return complaintDetail(db, c, unmasked(p));
    },
  );

  app.get(
    "/api/complaints/:id/phone",
    {
      schema: {
        tags,
        summary: "Unmask the customer's phone (logged, R-PRIVACY)",
        params: complaintParams,
        response: { 200: z.object({ phone: z.string() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { p, c } = await inScope(req.principal, req.params.id, "complaint.read");
      if (!can(p, "phone.unmask")) throw forbidden("You may not see customers' phone numbers whole");
      await logUnmask(db, p.id, "complaint", c.id, c.hallId);
      return { phone: c.customerPhone };
    },
  );

  app.get(
    "/api/complaints/:id/owners",
    {
      schema: {
        tags,
        summary: "Staff who may take this complaint over (for a hand-over)",
        params: complaintParams,
        response: {
          200: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string() })),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const { c } = await inScope(req.principal, req.params.id, "complaint.record");
      return (await possibleOwners(db, c)).map((u) => ({
        id: u.id,
        displayName: u.displayName,
        role: u.role,
      }));
    },
  );

  for (const action of Object.keys(complaintActionBodies) as ComplaintActionPath[]) {
    app.post(
      `/api/complaints/:id/${action}`,
      {
        schema: {
          tags,
          summary: `Complaint transition: ${action}`,
          params: complaintParams,
          body: complaintActionBodies[action],
          response: { 200: complaintSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req) => {
        const { p } = await inScope(req.principal, req.params.id, "complaint.record");
        const mayManage = can(p, "complaint.manage");
        const body = (req.body ?? {}) as never;
        const row = await applyComplaintAction(
          db,
          req.params.id,
          action,
          body,
          { userId: p.id, mayManage },
          tz,
        );
        return complaintDetail(db, row, unmasked(p));
      },
    );
  }

  await app.register(complaintExtraRoutes, { ctx });
}
