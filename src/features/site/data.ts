import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, lte, or, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { decodeCursor, pageOf } from "../../core/paging.js";
import { activeStaff } from "../users/data.js";
import type { IncidentKind, IncidentState, SiteTaskState } from "./contract.js";
import { incidentEntries, incidents, siteChecks, siteTasks } from "./tables.js";

// Reads of R-SITE: a hall's checks, tasks and incidents, each list newest first by keyset.

export type SiteCheckRow = typeof siteChecks.$inferSelect;
export type SiteTaskRow = typeof siteTasks.$inferSelect;
export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentEntryRow = typeof incidentEntries.$inferSelect;

/** Rows after a cursor of (at, id), newest first. */
function after(cursor: string | undefined, at: PgColumn, id: PgColumn): SQL | undefined {
  if (!cursor) return undefined;
  const [k, i] = decodeCursor(cursor, ["string", "string"]) as [string, string];
  const t = new Date(k);
  return or(lt(at, t), and(eq(at, t), lt(id, i)));
}

export async function listChecks(
  db: DbOrTx,
  hallId: string,
  q: { from?: string; to?: string; limit: number; cursor?: string },
) {
  const rows = await db
    .select()
    .from(siteChecks)
    .where(
      and(
        eq(siteChecks.hallId, hallId),
        q.from ? gte(siteChecks.serviceDate, q.from) : undefined,
        q.to ? lte(siteChecks.serviceDate, q.to) : undefined,
        after(q.cursor, siteChecks.at, siteChecks.id),
      ),
    )
    .orderBy(desc(siteChecks.at), desc(siteChecks.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => [r.at.toISOString(), r.id]);
}

/** A hall's checks of one day, the latest first. */
export async function checksOn(db: DbOrTx, hallId: string, serviceDate: string) {
  return db
    .select({ id: siteChecks.id, at: siteChecks.at, failed: siteChecks.failed })
    .from(siteChecks)
    .where(and(eq(siteChecks.hallId, hallId), eq(siteChecks.serviceDate, serviceDate)))
    .orderBy(desc(siteChecks.at));
}

export async function findCheck(db: DbOrTx, id: string): Promise<SiteCheckRow> {
  const [row] = await db.select().from(siteChecks).where(eq(siteChecks.id, id));
  if (!row) throw notFound("Site check");
  return row;
}

export async function findTask(db: DbOrTx, id: string): Promise<SiteTaskRow> {
  const [row] = await db.select().from(siteTasks).where(eq(siteTasks.id, id));
  if (!row) throw notFound("Site task");
  return row;
}

/** A hall's tasks: the open ones by due time first, then the done ones, newest first (at most 200). */
export async function listTasks(
  db: DbOrTx,
  hallId: string,
  q: { state?: SiteTaskState; ownerId?: string; checkId?: string },
): Promise<SiteTaskRow[]> {
  return db
    .select()
    .from(siteTasks)
    .where(
      and(
        eq(siteTasks.hallId, hallId),
        q.state ? eq(siteTasks.state, q.state) : undefined,
        q.ownerId ? eq(siteTasks.ownerId, q.ownerId) : undefined,
        q.checkId ? eq(siteTasks.checkId, q.checkId) : undefined,
      ),
    )
    .orderBy(desc(siteTasks.state), asc(siteTasks.dueAt), desc(siteTasks.createdAt))
    .limit(200);
}

export async function openTaskCount(db: DbOrTx, hallId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(siteTasks)
    .where(and(eq(siteTasks.hallId, hallId), eq(siteTasks.state, "open")));
  return Number(n);
}

/** Every open device task (the partial unique index holds just these). */
export async function openDeviceTasksAll(db: DbOrTx): Promise<SiteTaskRow[]> {
  return db
    .select()
    .from(siteTasks)
    .where(and(eq(siteTasks.state, "open"), isNotNull(siteTasks.deviceId)));
}

/** The open tasks of some devices (a device has at most one). */
export async function openDeviceTasks(db: DbOrTx, deviceIds: string[]): Promise<SiteTaskRow[]> {
  if (!deviceIds.length) return [];
  return db
    .select()
    .from(siteTasks)
    .where(and(inArray(siteTasks.deviceId, deviceIds), eq(siteTasks.state, "open")));
}

export async function listIncidents(
  db: DbOrTx,
  hallId: string,
  q: { state?: IncidentState; kind?: IncidentKind; limit: number; cursor?: string },
) {
  const rows = await db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.hallId, hallId),
        q.state ? eq(incidents.state, q.state) : undefined,
        q.kind ? eq(incidents.kind, q.kind) : undefined,
        after(q.cursor, incidents.occurredAt, incidents.id),
      ),
    )
    .orderBy(desc(incidents.occurredAt), desc(incidents.id))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => [r.occurredAt.toISOString(), r.id]);
}

export async function findIncident(db: DbOrTx, id: string): Promise<IncidentRow> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  if (!row) throw notFound("Incident");
  return row;
}

/** An incident's time line in order. */
export async function timelineOf(db: DbOrTx, i: { id: string; hallId: string }): Promise<IncidentEntryRow[]> {
  return db
    .select()
    .from(incidentEntries)
    .where(and(eq(incidentEntries.incidentId, i.id), eq(incidentEntries.hallId, i.hallId)))
    .orderBy(asc(incidentEntries.at), asc(incidentEntries.id));
}

/** Who a task goes to when nobody is named: the hall's manager, else an area manager of its region. */
export async function defaultOwner(
  db: DbOrTx,
  hall: { id: string; regionCode: string },
): Promise<string | null> {
  const managers = await activeStaff(db, { role: "hall_manager", within: { hallId: hall.id } });
  if (managers.length) return managers.map((m) => m.id).sort()[0];
  const area = await activeStaff(db, { role: "area_manager", regionCode: hall.regionCode });
  return area.map((m) => m.id).sort()[0] ?? null;
}
