import { eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "../../core/db.js";
import { AppError, forbidden } from "../../core/errors.js";
import { enqueueMessage } from "../../core/outbox.js";
import { renderTemplate } from "../../core/templates.js";
import { inheritedSettings } from "../halls/data.js";
import type { CreateFaultInput, FaultAction } from "./contract.js";
import { areaManagers, type FaultRow } from "./data.js";
import { faultDeadlines, faultNext, faultPatchFor, faultRefusal } from "./rules.js";
import { faultAlerts, faultHistory, faults } from "./tables.js";

export type FaultRecorder = { userId: string; hallId: string | null; regionCode: string };

/** R-FAULT: records a fault with its clocks; a major fault goes to the area manager at once. */
export async function createFault(db: DbOrTx, input: CreateFaultInput, by: FaultRecorder, now = new Date()) {
  // The clocks of the fault's region (operator → region settings), else RA 2.5's.
  const clocks = (await inheritedSettings(db))(by.regionCode);
  const due = faultDeadlines(now, input.service, input.keyCustomer, clocks);
  return db.transaction(async (tx) => {
    const [f] = await tx
      .insert(faults)
      .values({
        hallId: by.hallId,
        regionCode: by.regionCode,
        ownerId: by.userId,
        customerName: input.customer.name,
        customerPhone: input.customer.phone,
        address: input.customer.address,
        service: input.service,
        symptom: input.symptom,
        keyCustomer: input.keyCustomer,
        major: input.major,
        state: "recorded",
        recordedAt: now,
        agreedRepairAt: input.agreedRepairAt ? new Date(input.agreedRepairAt) : null,
        ...due,
      })
      .returning();
    await tx.insert(faultHistory).values({
      faultId: f.id,
      regionCode: f.regionCode,
      action: "record",
      fromState: null,
      toState: "recorded",
      actorId: by.userId,
      at: now,
    });
    if (input.major) {
      await tx
        .insert(faultAlerts)
        .values({ faultId: f.id, regionCode: f.regionCode, clock: "major", level: "breach", at: now })
        .onConflictDoNothing();
      for (const m of await areaManagers(tx, f.regionCode))
        await enqueueMessage(tx, {
          channel: "sms",
          recipient: `user:${m.id}`,
          body: `【重大故障】${f.address || f.customerName}：${f.symptom}`,
          hallId: f.hallId,
          payload: { faultId: f.id, clock: "major", level: "breach" },
          dedupeKey: `fault:${f.id}:major:user:${m.id}`,
        });
    }
    return f;
  });
}

async function lockFault(tx: Tx, id: string): Promise<FaultRow> {
  const [f] = await tx.select().from(faults).where(eq(faults.id, id)).for("update");
  if (!f) throw new AppError("not_found", "Fault not found");
  return f;
}

/** One transition of a fault, checked against the state table and recorded in its history. */
export async function applyFaultAction(
  db: DbOrTx,
  id: string,
  act: FaultAction,
  actor: { userId: string; mayManage: boolean },
  now = new Date(),
) {
  const { action } = act;
  return db.transaction(async (tx) => {
    const f = await lockFault(tx, id);
    if (f.ownerId !== actor.userId && !actor.mayManage)
      throw forbidden("Only the agent who took the fault, or a manager, acts on it");
    const to = faultNext(f.state, action);
    if (!to)
      throw new AppError(
        faultRefusal(f.state, action) ?? "fault_closed",
        `Cannot ${action} a fault that is ${f.state}`,
        {
          state: f.state,
        },
      );
    const change = faultPatchFor(f, act, now);
    const patch: Partial<FaultRow> = { state: to, ...change.patch };
    const note = change.note;
    const [row] = await tx.update(faults).set(patch).where(eq(faults.id, id)).returning();
    await tx.insert(faultHistory).values({
      faultId: f.id,
      regionCode: f.regionCode,
      action,
      fromState: f.state,
      toState: to,
      actorId: actor.userId,
      note,
      at: now,
    });
    // R-NOTIFY: progress told by SMS goes to the customer, with the change (a key customer's 30-minute
    // progress clock is met by it like by a call).
    if (act.action === "progress" && act.input?.channel === "sms" && f.customerPhone)
      await enqueueMessage(tx, {
        channel: "sms",
        recipient: f.customerPhone,
        hallId: f.hallId,
        dedupeKey: `fault:${f.id}:progress:${now.getTime()}`,
        body: await renderTemplate(tx, "fault_progress", {
          customer: f.customerName,
          service: SERVICE_NAMES[f.service],
          text: act.input.note,
        }),
        payload: { faultId: f.id, kind: "fault_progress" },
      });
    return row;
  });
}

const SERVICE_NAMES: Record<FaultRow["service"], string> = {
  fixed_line: "固话",
  broadband: "宽带",
  mobile: "手机",
};
