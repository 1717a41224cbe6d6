import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, coversHall, type Principal } from "../../core/access.js";
import { type AppContext, errors, typed } from "../../core/context.js";
import { forbidden } from "../../core/errors.js";
import { listHalls } from "../halls/data.js";
import {
  complaintParams,
  listTypicalCasesQuery,
  listWorkOrdersQuery,
  slaQuery,
  slaRowSchema,
  typicalCaseBody,
  typicalCaseSchema,
  type WorkOrderActionPath,
  workOrderActionBodies,
  workOrderParams,
  workOrderSchema,
} from "./contract.js";
import { archiveTypicalCase, listTypicalCases, presentCase, slaCompliance } from "./data/cases.js";
import { findComplaint, presentWorkOrder, viewerOf } from "./data.js";
import { complaintLimitRoutes } from "./limit-routes.js";
import { applyWorkOrderAction, findWorkOrder, listWorkOrders } from "./mutations/work-orders.js";

// Work orders (工单), typical cases (典型案例) and SLA compliance: the routes around a complaint.
function staff(p: Principal) {
  if (p.kind !== "user") throw forbidden("Staff only");
  return p;
}

export async function complaintExtraRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db, env } = ctx;

  await app.register(complaintLimitRoutes, { ctx });

  app.get(
    "/api/work-orders",
    {
      schema: {
        tags: ["work-orders"],
        summary: "A department's work-order queue (工单), open orders oldest first",
        querystring: listWorkOrdersQuery,
        response: { 200: z.array(workOrderSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const p = staff(authorize(req.principal, "workOrder.handle"));
      const rows = await listWorkOrders(db, p, req.query);
      const { caller } = viewerOf(p);
      return rows.map(({ w, c }) => presentWorkOrder(w, c.ownerId, caller, c));
    },
  );

  for (const action of Object.keys(workOrderActionBodies) as WorkOrderActionPath[]) {
    app.post(
      `/api/work-orders/:id/${action}`,
      {
        schema: {
          tags: ["work-orders"],
          summary: `Work-order transition: ${action}`,
          params: workOrderParams,
          body: workOrderActionBodies[action],
          response: { 200: workOrderSchema, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const p = staff(
          authorize(req.principal, action === "supplement" ? "complaint.record" : "workOrder.handle"),
        );
        const w = await findWorkOrder(db, req.params.id);
        if (!coversHall(p, { id: w.hallId ?? "", regionCode: w.regionCode }))
          throw forbidden("This order is outside your scope");
        const { caller } = viewerOf(p);
        const row = await applyWorkOrderAction(db, w.id, action, req.body ?? {}, caller);
        return presentWorkOrder(row, (await findComplaint(db, row.complaintId)).ownerId, caller);
      },
    );
  }

  app.post(
    "/api/complaints/:id/typical-case",
    {
      schema: {
        tags: ["complaints"],
        summary: "Archive a closed complaint as a typical case for training",
        params: complaintParams,
        body: typicalCaseBody,
        response: { 201: typicalCaseSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const p = staff(authorize(req.principal, "complaint.manage"));
      const c = await findComplaint(db, req.params.id);
      if (!coversHall(p, { id: c.hallId ?? "", regionCode: c.regionCode })) throw forbidden();
      return reply.status(201).send(presentCase(await archiveTypicalCase(db, c, req.body, p.id)));
    },
  );

  app.get(
    "/api/typical-cases",
    {
      schema: {
        tags: ["complaints"],
        summary: "Typical cases, searchable by text and tag (no customer data)",
        querystring: listTypicalCasesQuery,
        response: { 200: z.array(typicalCaseSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "complaint.read");
      return (await listTypicalCases(db, req.query)).map(presentCase);
    },
  );

  app.get(
    "/api/complaints/sla",
    {
      schema: {
        tags: ["complaints"],
        summary: "SLA compliance: complaints on time and breached, by week, hall or category",
        querystring: slaQuery,
        response: { 200: z.array(slaRowSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const p = staff(authorize(req.principal, "complaint.sla"));
      const rows = await slaCompliance(db, p, req.query, env.TINGWU_TIMEZONE);
      if (req.query.by !== "hall") return rows;
      const names = new Map((await listHalls(db, {})).map((h) => [h.id, h.name]));
      return rows.map((r) => ({ ...r, label: names.get(r.key) ?? r.key.replace(/^region:/, "") }));
    },
  );
}
