import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../core/db.js";
import { illegalState, notFound } from "../../core/errors.js";
import { enqueueMessage } from "../../core/outbox.js";
import { createFault } from "../faults/mutations.js";
import { activeStaff } from "../users/data.js";
import type { IncidentClosure, IncidentInput, JudgedItem, NotifiedParty } from "./contract.js";
import { type IncidentRow, openDeviceTasks, type SiteTaskRow } from "./data.js";
import { missingNotices } from "./rules.js";
import { incidentEntries, incidents, siteChecks, siteTasks } from "./tables.js";

export type NewSiteTask = {
  item: string;
  title: string;
  ownerId: string;
  dueAt: Date;
  deviceId?: string;
};

/** The owner hears of a new task (an SMS to the person; the outbox dedupes by task). */
async function tellOwner(tx: DbOrTx, t: SiteTaskRow, hallName: string) {
  const due = t.dueAt.toISOString();
  await enqueueMessage(tx, {
    channel: "sms",
    recipient: `user:${t.ownerId}`,
    body: `【现场检查】${hallName}：${t.title}（请于 ${due} 前处理）`,
    hallId: t.hallId,
    payload: { siteTaskId: t.id, item: t.item },
    dedupeKey: `site-task:${t.id}`,
  });
}

/**
 * A check and the tasks of its failed items, in one transaction. A silent device that has an open task
 * already keeps that one (the partial unique index), which the answer includes.
 */
export async function recordCheck(
  db: Db,
  c: {
    hallId: string;
    hallName: string;
    serviceDate: string;
    at: Date;
    by: string | null;
    items: JudgedItem[];
  },
  tasks: NewSiteTask[],
) {
  return db.transaction(async (tx) => {
    const [check] = await tx
      .insert(siteChecks)
      .values({
        hallId: c.hallId,
        serviceDate: c.serviceDate,
        at: c.at,
        by: c.by,
        items: c.items,
        failed: c.items.filter((i) => !i.ok).length,
      })
      .returning();
    const made: SiteTaskRow[] = [];
    for (const t of tasks) {
      const [row] = await tx
        .insert(siteTasks)
        .values({ ...t, hallId: c.hallId, checkId: check.id, deviceId: t.deviceId ?? null })
        .onConflictDoNothing()
        .returning();
      if (row) {
        made.push(row);
        await tellOwner(tx, row, c.hallName);
      }
    }
    const devices = tasks.flatMap((t) => (t.deviceId ? [t.deviceId] : []));
    const kept = (await openDeviceTasks(tx, devices)).filter((k) => !made.some((m) => m.id === k.id));
    return { check, tasks: [...made, ...kept] };
  });
}

/** A device that went quiet during opening hours: its task, unless it has an open one. */
export async function raiseDeviceTask(db: Db, hallId: string, hallName: string, t: NewSiteTask) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(siteTasks)
      .values({ ...t, hallId, deviceId: t.deviceId ?? null })
      .onConflictDoNothing()
      .returning();
    if (row) await tellOwner(tx, row, hallName);
    return row ?? null;
  });
}

/** Device tasks done by themselves: the device was heard from again, or was revoked. */
export async function closeDeviceTasks(db: Db, done: { id: string; note: string }[], now = new Date()) {
  for (const d of done)
    await db
      .update(siteTasks)
      .set({ state: "done", doneAt: now, doneNote: d.note })
      .where(and(eq(siteTasks.id, d.id), eq(siteTasks.state, "open")));
  return done.length;
}

export async function completeTask(
  db: Db,
  id: string,
  by: string,
  note: string | undefined,
  now = new Date(),
) {
  const [row] = await db
    .update(siteTasks)
    .set({ state: "done", doneAt: now, doneBy: by, doneNote: note ?? null })
    .where(and(eq(siteTasks.id, id), eq(siteTasks.state, "open")))
    .returning();
  if (!row) throw illegalState("site task", "done", "done");
  return row;
}

export async function updateTask(
  db: Db,
  id: string,
  patch: { ownerId?: string; dueAt?: Date },
  hallName: string,
): Promise<SiteTaskRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(siteTasks)
      .set(patch)
      .where(and(eq(siteTasks.id, id), eq(siteTasks.state, "open")))
      .returning();
    if (!row) throw illegalState("site task", "done", "reassign");
    // The new owner hears of it; a moved due time alone is not news.
    if (patch.ownerId)
      await enqueueMessage(tx, {
        channel: "sms",
        recipient: `user:${row.ownerId}`,
        body: `【现场检查】${hallName}：${row.title}（已转交给您）`,
        hallId: row.hallId,
        payload: { siteTaskId: row.id, item: row.item },
        dedupeKey: `site-task:${row.id}:owner:${row.ownerId}`,
      });
    return row;
  });
}

type Recorder = { userId: string; hall: { id: string; name: string; address: string; regionCode: string } };

/**
 * An incident with the first lines of its time line; a system outage also opens a major fault for the
 * back office (the hall is its customer), whose id the incident keeps.
 */
export async function createIncident(db: Db, input: IncidentInput, by: Recorder, now = new Date()) {
  return db.transaction(async (tx) => {
    const occurredAt = new Date(input.occurredAt);
    let faultId: string | null = null;
    if (input.kind === "system_outage" && input.outage) {
      const fault = await createFault(
        tx,
        {
          customer: { name: by.hall.name, phone: input.outage.contactPhone, address: by.hall.address },
          service: input.outage.service,
          symptom: `【营业厅系统故障】${input.summary}`.slice(0, 1000),
          keyCustomer: true,
          major: true,
        },
        { userId: by.userId, hallId: by.hall.id, regionCode: by.hall.regionCode },
        now,
      );
      faultId = fault.id;
    }
    const [row] = await tx
      .insert(incidents)
      .values({
        hallId: by.hall.id,
        kind: input.kind,
        severity: input.severity,
        occurredAt,
        summary: input.summary,
        people: input.people,
        faultId,
        createdBy: by.userId,
      })
      .returning();
    const lines = [
      { kind: "opened" as const, text: input.summary, at: occurredAt },
      ...input.actions.map((text) => ({ kind: "action" as const, text, at: now })),
    ];
    if (faultId) lines.push({ kind: "action", text: "已向后台申告故障", at: now });
    await tx
      .insert(incidentEntries)
      .values(lines.map((l) => ({ ...l, incidentId: row.id, hallId: row.hallId, by: by.userId })));
    // A serious case reaches the region's area managers at once.
    if (row.severity === "serious")
      for (const m of await activeStaff(tx, { role: "area_manager", regionCode: by.hall.regionCode }))
        await enqueueMessage(tx, {
          channel: "sms",
          recipient: `user:${m.id}`,
          body: `【突发事件】${by.hall.name}：${row.summary}`.slice(0, 300),
          hallId: row.hallId,
          payload: { incidentId: row.id, kind: row.kind },
          dedupeKey: `incident:${row.id}:user:${m.id}`,
        });
    return row;
  });
}

async function lockOpen(tx: DbOrTx, id: string, action: string): Promise<IncidentRow> {
  const [i] = await tx.select().from(incidents).where(eq(incidents.id, id)).for("update");
  if (!i) throw notFound("Incident");
  if (i.state !== "open") throw illegalState("incident", i.state, action);
  return i;
}

export async function addEntry(
  db: Db,
  id: string,
  e: { kind: "action" | "note"; text: string; at?: Date },
  by: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const i = await lockOpen(tx, id, "note");
    await tx
      .insert(incidentEntries)
      .values({ incidentId: i.id, hallId: i.hallId, at: e.at ?? now, kind: e.kind, text: e.text, by });
    return i;
  });
}

const partyName: Record<NotifiedParty, string> = { police: "公安机关", security: "安保部门" };

/** The police or the security department was told: the time (the first time counts) and their reference. */
export async function recordNotice(
  db: Db,
  id: string,
  n: { party: NotifiedParty; at?: Date; reference?: string },
  by: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const i = await lockOpen(tx, id, "notify");
    const at = n.at ?? now;
    const set =
      n.party === "police"
        ? { policeNotifiedAt: i.policeNotifiedAt ?? at, policeReference: n.reference ?? i.policeReference }
        : {
            securityNotifiedAt: i.securityNotifiedAt ?? at,
            securityReference: n.reference ?? i.securityReference,
          };
    await tx
      .update(incidents)
      .set(set)
      .where(and(eq(incidents.id, i.id), eq(incidents.hallId, i.hallId)));
    await tx.insert(incidentEntries).values({
      incidentId: i.id,
      hallId: i.hallId,
      at,
      kind: "notified",
      text: `已报告${partyName[n.party]}${n.reference ? `（编号 ${n.reference}）` : ""}`,
      by,
    });
    return i;
  });
}

/** The closure report; a serious case only once the police or the security department were told. */
export async function closeIncident(
  db: Db,
  id: string,
  report: IncidentClosure,
  by: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const i = await lockOpen(tx, id, "close");
    const missing = missingNotices(i);
    if (missing.length) return { closed: false as const, missing };
    await tx
      .update(incidents)
      .set({ state: "closed", closure: report, closedAt: now, closedBy: by })
      .where(and(eq(incidents.id, i.id), eq(incidents.hallId, i.hallId)));
    await tx
      .insert(incidentEntries)
      .values({ incidentId: i.id, hallId: i.hallId, at: now, kind: "closed", text: report.summary, by });
    return { closed: true as const, missing };
  });
}
