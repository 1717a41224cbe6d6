import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, can, coversHall, type Principal } from "../../core/access.js";
import { logRead, logUnmask, unmaskQuery } from "../../core/audit.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { forbidden } from "../../core/errors.js";
import { pageSchema } from "../../core/paging.js";
import { getHall } from "../halls/data.js";
import { placeOf } from "../halls/place.js";
import { recordJourneyNode } from "../queue/mutations/journeys.js";
import {
  complaintAction,
  complaintActionBody,
  complaintActionPaths,
  complaintParams,
  complaintSchema,
  createComplaintBody,
  listComplaintsQuery,
  ownerCandidateSchema,
  ownersQuery,
} from "./contract.js";
import {
  type ComplaintRow,
  complaintDetail,
  findComplaint,
  listComplaints,
  possibleOwners,
  presentComplaint,
  viewerOf,
} from "./data.js";
import { complaintExtraRoutes } from "./extra-routes.js";
import { createComplaint } from "./mutations/create.js";
import { applyComplaintAction } from "./mutations.js";
import { checkComplaintReferences, hallInScope } from "./references.js";

const tags = ["complaints"];
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
      const where = await placeOf(db, p, "complaint.record", req.body);
      await checkComplaintReferences(db, p, where, req.body);
      const c = await createComplaint(db, req.body, { userId: p.id, ...where }, tz);
      // R-VISIT: a complaint recorded from a visit's ticket is that visit's Z8 (投诉处理) node. The ticket was
      // checked against the complaint's hall above; the node is the queue's own write.
      if (c.ticketId && c.hallId)
        await recordJourneyNode(
          db,
          await getHall(db, c.hallId),
          { node: "Z8", ticketId: c.ticketId, note: "投诉受理" },
          { userId: p.id },
        );
      return reply.status(201).send(presentComplaint(c, viewerOf(p)));
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
          200: pageSchema(complaintSchema),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const p = staff(authorize(req.principal, "complaint.read"));
      if (req.query.hallId) await hallInScope(db, p, req.query.hallId);
      const { rows, ...page } = await listComplaints(db, p, req.query, new Date());
      return { items: rows.map((c) => presentComplaint(c, viewerOf(p))), ...page };
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
      await logRead(db, p.id, "complaint", c.id, c.hallId); // R-PRIVACY: a customer record read
      return complaintDetail(db, c, viewerOf(p));
    },
  );

  app.get(
    "/api/complaints/:id/phone",
    {
      schema: {
        tags,
        summary: "Unmask the customer's phone (logged, R-PRIVACY)",
        params: complaintParams,
        querystring: unmaskQuery,
        response: { 200: z.object({ phone: z.string() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { p, c } = await inScope(req.principal, req.params.id, "complaint.read");
      if (!can(p, "phone.unmask")) throw forbidden("You may not see customers' phone numbers whole");
      await logUnmask(db, p.id, "complaint", c.id, c.hallId, req.query.reason);
      reply.header("cache-control", "no-store"); // a whole number is kept by no cache on the way
      return { phone: c.customerPhone };
    },
  );

  app.get(
    "/api/complaints/:id/owners",
    {
      schema: {
        tags,
        summary: "Staff this complaint may be handed over to (首问负责制), most likely first",
        description:
          "Its hall's staff first (for a village complaint without a hall: the region's rural agents), then the region's area managers, then the operator's administrators; never the current owner. q searches name and username.",
        params: complaintParams,
        querystring: ownersQuery,
        response: { 200: z.array(ownerCandidateSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { c } = await inScope(req.principal, req.params.id, "complaint.record");
      return possibleOwners(db, c, req.query.q, req.query.limit);
    },
  );

  for (const action of complaintActionPaths) {
    app.post(
      `/api/complaints/:id/${action}`,
      {
        schema: {
          tags,
          summary: `Complaint transition: ${action}`,
          params: complaintParams,
          body: complaintActionBody(action),
          response: { 200: complaintSchema, ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req) => {
        const { p } = await inScope(req.principal, req.params.id, "complaint.record");
        // The body was checked against the action's member; parsed again as the union, it is typed.
        const input = complaintAction.parse({ ...(req.body ?? {}), action });
        const row = await applyComplaintAction(
          db,
          req.params.id,
          input,
          { userId: p.id, mayManage: can(p, "complaint.manage") },
          tz,
        );
        return complaintDetail(db, row, viewerOf(p));
      },
    );
  }

  await app.register(complaintExtraRoutes, { ctx });
}
