import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, coversHall, type Principal, referenced, roleScope, userOf } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { AppError, forbidden, notFound } from "../../core/errors.js";
import { zonedInstant } from "../../core/time.js";
import { nextDate } from "../customers/rules.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall, listHalls } from "../halls/data.js";
import { activeStaff, findActiveUser, staffNames } from "../users/data.js";
import {
  findAssignment,
  findChecklist,
  findInspection,
  type InspectionRow,
  listAssignments,
  listChecklists,
  listInspections,
  photoIdsOf,
  storedPhotoIds,
} from "./data/inspections.js";
import { inspectionReach } from "./inspection-access.js";
import {
  assignmentBody,
  assignmentQuery,
  assignmentSchema,
  inspectionBody,
  inspectionCreated,
  inspectionListQuery,
  inspectionPage,
  inspectionSchema,
} from "./inspection-contract.js";
import { inspectionScore, scoreProblem } from "./inspection-rules.js";
import { cancelAssignment, createAssignment, recordInspection } from "./mutations/inspections.js";

const tags = ["quality"];

// R-MYSTERY: inspections planned for inspectors, done on a phone with photos and times, and read back.
export async function inspectionRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  const { readable, mayRead } = inspectionReach(db);
  /** A hall named in a request, 404 when outside the caller's reach (ids of other halls tell nothing). */
  const hallFor = (p: Principal, hallId: string) =>
    referenced(
      "Hall",
      () => getHall(db, hallId),
      (h) => coversHall(p, h),
    );

  async function present(rows: InspectionRow[]) {
    const names = await staffNames(
      db,
      rows.flatMap((r) => (r.inspectorId ? [r.inspectorId] : [])),
    );
    const halls = new Map((await listHalls(db, {})).map((h) => [h.id, h.name]));
    const lists = new Map((await listChecklists(db)).map((c) => [c.id, c]));
    return rows.map((r) => {
      const list = lists.get(r.checklistId);
      const items = new Map((list?.items ?? []).map((i) => [i.code, i]));
      return {
        id: r.id,
        hallId: r.hallId,
        hallName: halls.get(r.hallId) ?? "",
        checklistId: r.checklistId,
        checklistName: list?.name ?? "",
        checklistVersion: list?.version ?? 0,
        kind: r.kind,
        at: r.at.toISOString(),
        inspectorId: r.inspectorId,
        inspectorName: r.inspectorId ? (names.get(r.inspectorId) ?? null) : null,
        score: r.score,
        scores: r.scores.map((s) => ({
          ...s,
          label: items.get(s.item)?.label ?? s.item,
          weight: items.get(s.item)?.weight ?? 0,
        })),
        notes: r.notes,
      };
    });
  }

  app.get(
    "/api/quality/inspection-assignments",
    {
      schema: {
        tags,
        summary: "Planned inspections: an inspector's own, a manager's hall's or region's",
        querystring: assignmentQuery,
        response: { 200: assignmentSchema.array(), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.inspections");
      if (p.kind === "device") throw forbidden();
      const level = roleScope[p.role];
      const rows = await listAssignments(db, {
        status: req.query.status,
        hallId: req.query.hallId,
        ...(p.role === "inspector" ? { inspectorId: p.id } : {}),
        ...(level === "region" ? { regionCode: p.regionCode ?? "" } : {}),
        ...(level === "hall" ? { hallId: p.hallId ?? "" } : {}),
      });
      const visible = level === "hall" && req.query.hallId && req.query.hallId !== p.hallId ? [] : rows;
      const names = await staffNames(
        db,
        visible.map((r) => r.inspectorId),
      );
      const halls = new Map((await listHalls(db, {})).map((h) => [h.id, h.name]));
      const lists = new Map((await listChecklists(db)).map((c) => [c.familyId, c.name]));
      return visible.map((r) => ({
        id: r.id,
        hallId: r.hallId,
        hallName: halls.get(r.hallId) ?? "",
        inspectorId: r.inspectorId,
        inspectorName: names.get(r.inspectorId) ?? "",
        checklistFamilyId: r.checklistFamilyId,
        checklistName: lists.get(r.checklistFamilyId) ?? "",
        kind: r.kind,
        dueDate: r.dueDate,
        status: r.status,
        inspectionId: r.inspectionId,
      }));
    },
  );

  app.get(
    "/api/quality/inspectors",
    {
      schema: {
        tags,
        summary: "The inspectors one may assign an inspection to",
        response: {
          200: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
          ...errors(401, 403),
        },
      },
    },
    async (req) => {
      authorize(req.principal, "quality.assign");
      const rows = await activeStaff(db, { role: "inspector" });
      return rows.map((u) => ({ id: u.id, displayName: u.displayName }));
    },
  );

  app.post(
    "/api/quality/inspection-assignments",
    {
      schema: {
        tags,
        summary: "Assign an inspection of a hall to an inspector (the halls an inspector may inspect)",
        body: assignmentBody,
        response: { 201: assignmentSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "quality.assign");
      const hall = await hallFor(p, req.body.hallId);
      const inspector = await referenced(
        "Inspector",
        () => findActiveUser(db, req.body.inspectorId),
        (u) => u.role === "inspector",
      );
      const list = await findChecklist(db, req.body.checklistId);
      const row = await createAssignment(
        db,
        {
          hallId: hall.id,
          regionCode: hall.regionCode,
          inspectorId: inspector.id,
          checklistFamilyId: list.familyId,
          kind: req.body.kind,
          dueDate: req.body.dueDate,
        },
        userOf(p),
      );
      return reply.status(201).send({
        ...row,
        hallName: hall.name,
        inspectorName: inspector.displayName,
        checklistName: list.name,
      });
    },
  );

  app.post(
    "/api/halls/:hallId/inspection-assignments/:id/cancel",
    {
      schema: {
        tags,
        summary: "Cancel a planned inspection",
        params: hallIdParams.extend(idParams.shape),
        response: { 204: z.null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "quality.assign");
      const hall = await getHall(db, req.params.hallId);
      if (!coversHall(p, hall)) throw forbidden("This hall is outside your scope");
      if (!(await findAssignment(db, hall.id, req.params.id))) throw notFound("Assignment");
      await cancelAssignment(db, hall.id, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/quality/inspections",
    {
      schema: {
        tags,
        summary: "Record an inspection (暗访 / 明查): item scores 0–100, times, notes and photos → its score",
        description:
          "The score is the weighted mean of the item scores (items left out do not count). An inspector records only halls assigned to them, and the inspection fulfils that assignment; area managers and the operator may record without one. The checklist must be its family's newest version.",
        body: inspectionBody,
        response: { 201: inspectionCreated, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "quality.inspect");
      if (p.kind === "device") throw forbidden();
      const b = req.body;
      const hall = await hallFor(p, b.hallId);
      const list = await findChecklist(db, b.checklistId);
      let assignmentId = b.assignmentId ?? null;
      if (assignmentId) {
        const a = await findAssignment(db, hall.id, assignmentId);
        if (!a || (p.role === "inspector" && a.inspectorId !== p.id)) throw notFound("Assignment");
        if (a.status !== "planned") throw new AppError("conflict", `This assignment is ${a.status} already`);
      } else if (p.role === "inspector") {
        const open = await listAssignments(db, { inspectorId: p.id, hallId: hall.id, status: "planned" });
        const chosen = open.find((a) => a.checklistFamilyId === list.familyId) ?? open[0];
        if (!chosen) throw forbidden("This hall has no inspection assigned to you");
        assignmentId = chosen.id;
      }
      if (!list.current)
        throw new AppError("conflict", `This checklist has a newer version than ${list.version}; reload it`);
      const problem = scoreProblem(list.items, b.scores);
      if (problem) throw new AppError("invalid_input", problem, { field: "scores" });
      const at = new Date(b.at);
      if (at.getTime() > Date.now() + 5 * 60_000)
        throw new AppError("invalid_input", "at: not in the future", { field: "at" });
      const photos = photoIdsOf(b.scores);
      const stored = await storedPhotoIds(db, hall.id, photos);
      if (photos.some((id) => !stored.has(id)))
        throw new AppError("invalid_input", "scores: a photo id is not one uploaded for this hall", {
          field: "scores",
        });
      const score = inspectionScore(list.items, b.scores);
      const row = await recordInspection(db, {
        hallId: hall.id,
        regionCode: hall.regionCode,
        checklistId: list.id,
        checklistFamilyId: list.familyId,
        kind: b.kind,
        at,
        inspectorId: p.id,
        assignmentId,
        score,
        scores: b.scores,
        notes: b.notes ?? null,
      });
      return reply.status(201).send({ id: row.id, score, assignmentId });
    },
  );

  app.get(
    "/api/quality/inspections",
    {
      schema: {
        tags,
        summary: "Inspections, newest first, a page at a time: of a hall or of every hall one may read",
        querystring: inspectionListQuery,
        response: { 200: inspectionPage, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.inspections");
      const q = req.query;
      const reach = await readable(p);
      if (q.hallId) {
        const hall = await getHall(db, q.hallId);
        if (!(await mayRead(p, hall))) throw forbidden("This hall's inspections are outside your scope");
      }
      const tz = ctx.env.TINGWU_TIMEZONE;
      const page = await listInspections(
        db,
        {
          ...reach,
          ...(q.hallId ? { hallIds: [q.hallId] } : {}),
          from: q.from ? zonedInstant(q.from, 0, tz) : undefined,
          to: q.to ? zonedInstant(nextDate(q.to), 0, tz) : undefined,
        },
        q.limit,
        q.cursor,
      );
      return {
        items: (await present(page.items)).map(({ scores: _, ...rest }) => rest),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    "/api/quality/inspections/:id",
    {
      schema: {
        tags,
        summary: "One inspection with its item scores, times, notes and photo ids",
        params: idParams,
        response: { 200: inspectionSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "quality.inspections");
      const row = await findInspection(db, req.params.id);
      if (!(await mayRead(p, await getHall(db, row.hallId)))) throw notFound("Inspection");
      return (await present([row]))[0];
    },
  );
}
