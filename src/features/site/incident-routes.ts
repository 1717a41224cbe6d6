import type { FastifyInstance } from "fastify";
import { authorize, type Principal, referenced } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { AppError, forbidden } from "../../core/errors.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import { hallOfRecord } from "../halls/record-scope.js";
import { staffNames } from "../users/data.js";
import {
  incidentBody,
  incidentCloseBody,
  incidentEntryBody,
  incidentListQuery,
  incidentNotifyBody,
  incidentSchema,
  incidentsPage,
} from "./contract.js";
import { findIncident, type IncidentRow, listIncidents, timelineOf } from "./data.js";
import { addEntry, closeIncident, createIncident, recordNotice } from "./mutations.js";
import { allowedIncidentActions, missingNotices, mustNotify } from "./rules.js";

const tags = ["site"];

/** 突发事件 (R-SITE): an emergency recorded as it happens, its time line, who was told, and its closure. */
export async function incidentRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  const summaryOf = (principal: Principal | undefined, i: IncidentRow) => ({
    id: i.id,
    hallId: i.hallId,
    kind: i.kind,
    severity: i.severity,
    occurredAt: i.occurredAt.toISOString(),
    summary: i.summary,
    people: i.people,
    state: i.state,
    policeNotifiedAt: i.policeNotifiedAt?.toISOString() ?? null,
    policeReference: i.policeReference,
    securityNotifiedAt: i.securityNotifiedAt?.toISOString() ?? null,
    securityReference: i.securityReference,
    mustNotify: mustNotify(i),
    missing: missingNotices(i),
    faultId: i.faultId,
    closure: i.closure,
    closedAt: i.closedAt?.toISOString() ?? null,
    createdBy: i.createdBy,
    createdAt: i.createdAt.toISOString(),
    allowedActions: allowedIncidentActions(principal, i),
  });

  const present = async (principal: Principal | undefined, id: string) => {
    const i = await findIncident(db, id);
    const lines = await timelineOf(db, i);
    const names = await staffNames(db, [...new Set(lines.flatMap((l) => (l.by ? [l.by] : [])))]);
    return {
      ...summaryOf(principal, i),
      timeline: lines.map((l) => ({
        id: l.id,
        at: l.at.toISOString(),
        kind: l.kind,
        text: l.text,
        by: l.by,
        byName: l.by ? (names.get(l.by) ?? null) : null,
      })),
    };
  };

  /** An incident the person's scope covers (else it does not exist for them). */
  const visible = async (principal: Principal, id: string) => {
    const i = await referenced("Incident", () => findIncident(db, id));
    await hallOfRecord(db, principal, i.hallId, "Incident");
    return i;
  };
  const personOf = (p: Principal) => {
    if (p.kind !== "user") throw forbidden();
    return p.id;
  };

  app.post(
    "/api/halls/:hallId/incidents",
    {
      schema: {
        tags,
        summary: "Record an emergency as it happens; a system outage also opens a fault for the back office",
        params: hallIdParams,
        body: incidentBody,
        response: { 201: incidentSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      const principal = authorize(req.principal, "incident.record", hall);
      if (Date.parse(req.body.occurredAt) > Date.now() + 5 * 60_000)
        throw new AppError("invalid_input", "occurredAt: not in the future", { field: "occurredAt" });
      const row = await createIncident(db, req.body, { userId: personOf(principal), hall });
      return reply.status(201).send(await present(principal, row.id));
    },
  );

  app.get(
    "/api/halls/:hallId/incidents",
    {
      schema: {
        tags,
        summary: "The hall's incidents, newest first, a page at a time",
        params: hallIdParams,
        querystring: incidentListQuery,
        response: { 200: incidentsPage, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const principal = authorize(req.principal, "incident.read", hall);
      const page = await listIncidents(db, hall.id, req.query);
      return { items: page.items.map((i) => summaryOf(principal, i)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/incidents/:id",
    { schema: { tags, params: idParams, response: { 200: incidentSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const principal = authorize(req.principal, "incident.read");
      return present(principal, (await visible(principal, req.params.id)).id);
    },
  );

  app.post(
    "/api/incidents/:id/entries",
    {
      schema: {
        tags,
        summary: "Add an action taken or a note to the time line",
        params: idParams,
        body: incidentEntryBody,
        response: { 200: incidentSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const principal = authorize(req.principal, "incident.record");
      const i = await visible(principal, req.params.id);
      const at = req.body.at ? new Date(req.body.at) : undefined;
      await addEntry(db, i.id, { ...req.body, at }, personOf(principal));
      return present(principal, i.id);
    },
  );

  app.post(
    "/api/incidents/:id/notify",
    {
      schema: {
        tags,
        summary: "Record that the police or the security department was told (and their case number)",
        params: idParams,
        body: incidentNotifyBody,
        response: { 200: incidentSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const principal = authorize(req.principal, "incident.record");
      const i = await visible(principal, req.params.id);
      const at = req.body.at ? new Date(req.body.at) : undefined;
      await recordNotice(db, i.id, { ...req.body, at }, personOf(principal));
      return present(principal, i.id);
    },
  );

  app.post(
    "/api/incidents/:id/close",
    {
      schema: {
        tags,
        summary: "Close with the closure report; a serious case once the police or security were told",
        params: idParams,
        body: incidentCloseBody,
        response: { 200: incidentSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      const principal = authorize(req.principal, "incident.close");
      const i = await visible(principal, req.params.id);
      const done = await closeIncident(db, i.id, req.body, personOf(principal));
      if (!done.closed)
        throw new AppError("rule_violation", "A serious case is closed once these were told", {
          missing: done.missing,
        });
      return present(principal, i.id);
    },
  );
}
