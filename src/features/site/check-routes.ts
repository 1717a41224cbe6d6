import type { FastifyInstance } from "fastify";
import { authorize, referenced, userOf } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { AppError } from "../../core/errors.js";
import { localParts } from "../../core/time.js";
import type { Hall } from "../halls/contract.js";
import { hallIdParams } from "../halls/contract.js";
import { getHall } from "../halls/data.js";
import { hallOfRecord } from "../halls/record-scope.js";
import { firstTicketAt } from "../queue/data/first-ticket.js";
import { listDevices, staffNames } from "../users/data.js";
import {
  type JudgedItem,
  type SiteCheckInput,
  type SiteItem,
  siteCheckBody,
  siteCheckSchema,
  siteChecksPage,
  siteFormSchema,
  siteListQuery,
} from "./contract.js";
import {
  checksOn,
  defaultOwner,
  findCheck,
  listChecks,
  listTasks,
  openTaskCount,
  type SiteCheckRow,
} from "./data.js";
import { type NewSiteTask, recordCheck } from "./mutations.js";
import { presentTasks } from "./present.js";
import {
  DEFAULT_SITE_ITEMS,
  DEVICE_TASK_DUE_MINUTES,
  type DeviceSeen,
  deviceTaskTitle,
  isAuto,
  isSilent,
  judgeDevices,
  judgeItem,
  judgeOpening,
  TASK_DUE_MINUTES,
  taskTitle,
} from "./rules.js";
import { ownerFor } from "./task-routes.js";

const tags = ["site"];
const MINUTE = 60_000;
/** A check may be dated a little ahead (a phone's clock), not into the future. */
const CLOCK_SKEW_MS = 5 * MINUTE;

const itemsOf = (hall: Hall): SiteItem[] => hall.effectiveSettings.siteCheckItems ?? DEFAULT_SITE_ITEMS;

/** R-SITE: the daily opening check, its failed items' tasks, and the devices the server knows of. */
export async function siteCheckRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const tz = ctx.env.TINGWU_TIMEZONE;

  const devicesOf = async (hallId: string): Promise<DeviceSeen[]> =>
    (await listDevices(db, hallId)).filter((d) => !d.revokedAt);

  const presentCheck = async (c: SiteCheckRow) => ({
    id: c.id,
    hallId: c.hallId,
    serviceDate: c.serviceDate,
    at: c.at.toISOString(),
    by: c.by,
    byName: c.by ? ((await staffNames(db, [c.by])).get(c.by) ?? null) : null,
    items: c.items,
    failed: c.failed,
  });

  /** Judges the person's entries against the hall's items; unknown, missing or empty entries are a 400. */
  const judge = async (hall: Hall, input: SiteCheckInput, at: Date, serviceDate: string) => {
    const items = itemsOf(hall);
    const byCode = new Map(input.items.map((e) => [e.code, e]));
    const unknown = input.items.filter((e) => !items.some((i) => i.code === e.code)).map((e) => e.code);
    const missing = items.filter((i) => !isAuto(i.code) && !byCode.has(i.code)).map((i) => i.code);
    if (unknown.length || missing.length)
      throw new AppError("invalid_input", "items: every item of the hall's check once, and no other", {
        unknown,
        missing,
      });
    const devices = await devicesOf(hall.id);
    const judged: JudgedItem[] = [];
    const empty: string[] = [];
    for (const item of items) {
      const e = byCode.get(item.code);
      if (item.code === "opening") {
        const first = await firstTicketAt(db, hall.id, serviceDate);
        judged.push(
          judgeOpening(item, e, { at, hours: hall.openingHours, firstTicketAt: first, timeZone: tz }),
        );
      } else if (item.code === "devices") judged.push(judgeDevices(item, e, devices, at));
      else {
        const j = e ? judgeItem(item, e) : null;
        if (j) judged.push(j);
        else empty.push(item.code);
      }
    }
    if (empty.length)
      throw new AppError("invalid_input", "items: each says ok, or a value for a measured item", { empty });
    return { judged, devices };
  };

  app.get(
    "/api/halls/:hallId/site-checks/form",
    {
      schema: {
        tags,
        summary:
          "The hall's check items, today's checks, its open tasks and its devices as the server sees them",
        params: hallIdParams,
        response: { 200: siteFormSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "site.read", hall);
      const now = new Date();
      const devices = await devicesOf(hall.id);
      return {
        hallId: hall.id,
        items: itemsOf(hall).map((i) => ({ ...i, auto: isAuto(i.code) })),
        today: (await checksOn(db, hall.id, localParts(now, tz).date)).map((c) => ({
          id: c.id,
          at: c.at.toISOString(),
          failed: c.failed,
        })),
        openTasks: await openTaskCount(db, hall.id),
        devices: devices.map((d) => ({
          id: d.id,
          kind: d.kind,
          label: d.label,
          lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
          silent: isSilent(d, now),
        })),
      };
    },
  );

  app.post(
    "/api/halls/:hallId/site-checks",
    {
      schema: {
        tags,
        summary: "Record the opening check: items judged, each failed item raising a task with an owner",
        params: hallIdParams,
        body: siteCheckBody,
        response: { 201: siteCheckSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const hall = await getHall(db, req.params.hallId);
      const principal = authorize(req.principal, "site.check", hall);
      const now = new Date();
      const at = req.body.at ? new Date(req.body.at) : now;
      if (at.getTime() > now.getTime() + CLOCK_SKEW_MS)
        throw new AppError("invalid_input", "at: a check is recorded when it was made, not ahead", {
          field: "at",
        });
      for (const e of req.body.items) if (e.ownerId) await ownerFor(db, hall, e.ownerId);
      const serviceDate = localParts(at, tz).date;
      const { judged, devices } = await judge(hall, req.body, at, serviceDate);
      const by = userOf(principal);
      const fallback = (await defaultOwner(db, hall)) ?? by;
      const tasks: NewSiteTask[] = [];
      for (const j of judged.filter((i) => !i.ok)) {
        const e = req.body.items.find((x) => x.code === j.code);
        const ownerId = e?.ownerId ?? fallback;
        if (!ownerId) continue;
        const silent = j.code === "devices" ? devices.filter((d) => isSilent(d, at)) : [];
        for (const d of silent)
          tasks.push({
            item: j.code,
            title: deviceTaskTitle(d),
            ownerId,
            dueAt: e?.dueAt ? new Date(e.dueAt) : new Date(at.getTime() + DEVICE_TASK_DUE_MINUTES * MINUTE),
            deviceId: d.id,
          });
        if (!silent.length)
          tasks.push({
            item: j.code,
            title: taskTitle(j),
            ownerId,
            dueAt: e?.dueAt ? new Date(e.dueAt) : new Date(at.getTime() + TASK_DUE_MINUTES * MINUTE),
          });
      }
      const made = await recordCheck(
        db,
        { hallId: hall.id, hallName: hall.name, serviceDate, at, by, items: judged },
        tasks,
      );
      return reply
        .status(201)
        .send({ ...(await presentCheck(made.check)), tasks: await presentTasks(db, principal, made.tasks) });
    },
  );

  app.get(
    "/api/halls/:hallId/site-checks",
    {
      schema: {
        tags,
        summary: "The hall's checks, newest first, a page at a time",
        params: hallIdParams,
        querystring: siteListQuery,
        response: { 200: siteChecksPage, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const hall = await getHall(db, req.params.hallId);
      authorize(req.principal, "site.read", hall);
      const page = await listChecks(db, hall.id, req.query);
      return { items: await Promise.all(page.items.map(presentCheck)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/site-checks/:id",
    { schema: { tags, params: idParams, response: { 200: siteCheckSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const principal = authorize(req.principal, "site.read");
      const c = await referenced("Site check", () => findCheck(db, req.params.id));
      await hallOfRecord(db, principal, c.hallId, "Site check");
      const tasks = await listTasks(db, c.hallId, { checkId: c.id });
      return { ...(await presentCheck(c)), tasks: await presentTasks(db, principal, tasks) };
    },
  );
}
