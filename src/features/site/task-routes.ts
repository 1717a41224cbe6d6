import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, can, referenced, userOf } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { forbidden, illegalState } from "../../core/errors.js";
import type { Hall } from "../halls/contract.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import { hallOfRecord } from "../halls/record-scope.js";
import { activeStaff, findActiveUser } from "../users/data.js";
import {
  siteTaskDoneBody,
  siteTaskPatch,
  siteTaskQuery,
  siteTaskSchema,
  taskOwnerSchema,
} from "./contract.js";
import { findTask, listTasks } from "./data.js";
import { completeTask, updateTask } from "./mutations.js";
import { presentTasks } from "./present.js";

const tags = ["site"];

/** Someone a task may go to: the hall's own people or an area manager of its region. */
export const ownerFor = (db: AppContext["db"], hall: Hall, id: string) =>
  referenced(
    "Staff",
    () => findActiveUser(db, id),
    (u) => u.hallId === hall.id || (u.role === "area_manager" && u.regionCode === hall.regionCode),
  );

/** R-SITE: the tasks of failed items and silent devices, tracked to done. */
export async function siteTaskRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;

  app.get(
    "/api/halls/:hallId/site-tasks",
    {
      schema: {
        tags,
        summary: "The hall's site tasks: open ones by due time, then done ones",
        params: hallIdParams,
        querystring: siteTaskQuery,
        response: { 200: z.array(siteTaskSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      const principal = authorize(req.principal, "site.read", hall);
      const rows = await listTasks(db, hall.id, {
        state: req.query.state,
        ownerId: req.query.mine === "true" ? (userOf(principal) ?? undefined) : undefined,
      });
      return presentTasks(db, principal, rows);
    },
  );

  app.get(
    "/api/halls/:hallId/site-tasks/owners",
    {
      schema: {
        tags,
        summary: "Who a task of the hall may go to: its people and the area managers of its region",
        params: hallIdParams,
        response: { 200: z.array(taskOwnerSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "site.manage", hall);
      const [own, area] = await Promise.all([
        activeStaff(db, { within: { hallId: hall.id } }),
        activeStaff(db, { role: "area_manager", regionCode: hall.regionCode }),
      ]);
      return [...own.filter((u) => u.hallId === hall.id), ...area].map((u) => ({
        id: u.id,
        name: u.displayName,
        role: u.role,
      }));
    },
  );

  app.post(
    "/api/site-tasks/:id/done",
    {
      schema: {
        tags,
        summary: "Mark a task done (its owner or a manager), with what was done",
        params: idParams,
        body: siteTaskDoneBody,
        response: { 200: siteTaskSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const principal = authorize(req.principal, "site.read");
      const t = await referenced("Site task", () => findTask(db, req.params.id));
      await hallOfRecord(db, principal, t.hallId, "Site task");
      // Who may close it is asked before its state, so the answer does not depend on who came first.
      if (!(can(principal, "site.manage") || userOf(principal) === t.ownerId))
        throw forbidden("Its owner or a manager marks it done");
      if (t.state !== "open") throw illegalState("site task", t.state, "done");
      const row = await completeTask(db, t.id, userOf(principal) ?? t.ownerId, req.body.note);
      return (await presentTasks(db, principal, [row]))[0];
    },
  );

  app.patch(
    "/api/site-tasks/:id",
    {
      schema: {
        tags,
        summary: "Hand a task to someone else or move its due time (a manager)",
        params: idParams,
        body: siteTaskPatch,
        response: { 200: siteTaskSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const principal = authorize(req.principal, "site.manage");
      const t = await referenced("Site task", () => findTask(db, req.params.id));
      const hall = await hallOfRecord(db, principal, t.hallId, "Site task");
      if (req.body.ownerId) await ownerFor(db, hall, req.body.ownerId);
      if (t.state !== "open") throw illegalState("site task", t.state, "reassign");
      const row = await updateTask(
        db,
        t.id,
        { ownerId: req.body.ownerId, dueAt: req.body.dueAt ? new Date(req.body.dueAt) : undefined },
        hall.name,
      );
      return (await presentTasks(db, principal, [row]))[0];
    },
  );
}
