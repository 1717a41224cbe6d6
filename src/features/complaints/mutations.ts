import { and, desc, eq } from "drizzle-orm";
import type { Role } from "../../core/access.js";
import type { DbOrTx, Tx } from "../../core/db.js";
import { AppError, forbidden, notFound } from "../../core/errors.js";
import { enqueueMessage } from "../../core/outbox.js";
import { renderTemplate } from "../../core/templates.js";
import { loadCalendar } from "../calendar/data.js";
import { findUser } from "../users/data.js";
import { notifyAll, recipientsAt } from "./alerts.js";
import { currentClock } from "./clocks.js";
import type { ComplaintAction } from "./contract.js";
import { type ComplaintRow, limitsFor, stateHistory } from "./data.js";
import { decide, handOverGroup, hasReplied, managersOnly, patchFor } from "./rules.js";
import { complaintHistory, complaints, workOrders } from "./tables.js";
import { PENDING_WORK_ORDER } from "./work-order-rules.js";

export type Actor = { userId: string; mayManage: boolean };

export async function lockComplaint(tx: Tx, id: string): Promise<ComplaintRow> {
  const [c] = await tx.select().from(complaints).where(eq(complaints.id, id)).for("update");
  if (!c) throw new AppError("not_found", "Complaint not found");
  return c;
}

export async function addHistory(
  tx: DbOrTx,
  c: Pick<ComplaintRow, "id" | "regionCode">,
  entry: {
    action: string;
    from: string | null;
    to: string;
    actorId: string | null;
    note?: string | null;
    at: Date;
    data?: unknown;
  },
) {
  await tx.insert(complaintHistory).values({
    complaintId: c.id,
    regionCode: c.regionCode,
    action: entry.action,
    fromState: entry.from,
    toState: entry.to,
    actorId: entry.actorId,
    note: entry.note ?? null,
    data: entry.data ?? null,
    at: entry.at,
  });
}

/** Recomputes the running SLA clock from the history (R-CMP-SLA) and stores it with the complaint. */
export async function refreshClock(tx: DbOrTx, c: ComplaintRow, timeZone: string): Promise<ComplaintRow> {
  const history = [{ state: "received", at: c.receivedAt }, ...(await stateHistory(tx, c.id))];
  const clock = currentClock(c, history, await limitsFor(tx, c.category), await loadCalendar(tx), timeZone);
  const [row] = await tx.update(complaints).set(clock).where(eq(complaints.id, c.id)).returning();
  return row;
}

/** The department's pending order and the reply text it gave, if any. */
async function workOrderFacts(tx: DbOrTx, complaintId: string) {
  const orders = await tx
    .select()
    .from(workOrders)
    .where(eq(workOrders.complaintId, complaintId))
    .orderBy(desc(workOrders.createdAt));
  return {
    pending: orders.some((w) => PENDING_WORK_ORDER.includes(w.state)),
    replyText: orders.find((w) => w.state === "replied" || w.state === "resolved")?.replyText ?? null,
  };
}

/** Whether a user could own this complaint: active, and eligible by the hand-over rule (rules.ts). */
function mayOwn(u: NonNullable<Awaited<ReturnType<typeof findUser>>>, c: ComplaintRow) {
  return u.active && handOverGroup({ ...u, role: u.role as Role }, c) !== null;
}

/**
 * Applies one transition in a transaction: checks the role (the owner, or a manager in scope) and the
 * state (409 naming it), changes what patchFor (rules.ts) says, records it in the history with who and
 * when, and recomputes the clock.
 */
export async function applyComplaintAction(
  db: DbOrTx,
  id: string,
  action: ComplaintAction,
  actor: Actor,
  timeZone: string,
  now = new Date(),
): Promise<ComplaintRow> {
  return db.transaction(async (tx) => {
    const c = await lockComplaint(tx, id);
    // 首问负责制: only the owner acts on a complaint; managers may act on their staff's.
    if (c.ownerId !== actor.userId && !actor.mayManage)
      throw forbidden("Only the owner or a manager may act on this complaint");
    if (managersOnly.includes(action.action) && !actor.mayManage)
      throw forbidden("Accepting or refusing an appeal is a manager's decision");
    const wo = await workOrderFacts(tx, c.id);
    const replyText = action.action === "reply" ? action.text || wo.replyText : null;
    const decision = decide(
      {
        kind: c.kind,
        state: c.state,
        resumeState: c.resumeState,
        replied: hasReplied(c),
        workOrderPending: wo.pending,
        replyHasText: Boolean(replyText),
      },
      action.action,
      action.action === "callback" ? { satisfaction: action.satisfaction } : {},
    );
    if (!decision.ok) throw new AppError(decision.code, decision.message, { state: c.state });
    if (action.action === "hand-over") await checkNewOwner(tx, c, action.toUserId);
    const { patch, note, data } = patchFor(c, action, decision.to, now, replyText);
    // What the change does beyond the complaint's own row: the order it sends, the orders it closes,
    // the alert of an escalation.
    if (action.action === "send-work-order") {
      const [w] = await tx
        .insert(workOrders)
        .values({
          complaintId: c.id,
          hallId: c.hallId,
          regionCode: c.regionCode,
          department: action.department,
          state: "queued",
          brief: action.brief,
          createdBy: actor.userId,
          createdAt: now,
        })
        .returning();
      if (data) data.workOrderId = w.id;
    }
    if (action.action === "resolve")
      await tx
        .update(workOrders)
        .set({ state: "resolved", resolvedAt: now })
        .where(and(eq(workOrders.complaintId, c.id), eq(workOrders.state, "replied")));
    if (action.action === "customer-escalate" && patch.escalationLevel !== undefined)
      await notifyAll(
        tx,
        await recipientsAt(tx, c, patch.escalationLevel),
        `【越级投诉】${c.customerName}的投诉已被客户升级至${action.to}，请立即处理。`,
        `complaint:${c.id}:customer-escalate:${now.getTime()}`,
        { complaintId: c.id, kind: "customer_escalation", level: patch.escalationLevel },
        c.hallId,
      );
    // R-NOTIFY: a reply or a progress update marked "sms" goes to the customer, with the change or not at all.
    const smsText = action.action === "reply" ? replyText : action.action === "contact" ? action.text : null;
    if (
      (action.action === "reply" || action.action === "contact") &&
      action.channel === "sms" &&
      smsText &&
      c.customerPhone
    )
      await enqueueMessage(tx, {
        channel: "sms",
        recipient: c.customerPhone,
        hallId: c.hallId,
        dedupeKey: `complaint:${c.id}:${action.action}:${now.getTime()}`,
        body: await renderTemplate(tx, `complaint_${action.action}`, {
          customer: c.customerName,
          text: smsText,
        }),
        payload: { complaintId: c.id, kind: `complaint_${action.action}` },
      });
    const [row] = await tx.update(complaints).set(patch).where(eq(complaints.id, c.id)).returning();
    await addHistory(tx, c, {
      action: action.action,
      from: c.state,
      to: decision.to,
      actorId: actor.userId,
      note,
      at: now,
      data,
    });
    return refreshClock(tx, row, timeZone);
  });
}

/** A hand-over goes to active staff who may own this complaint (rules.ts handOverGroup), not its owner. */
async function checkNewOwner(tx: DbOrTx, c: ComplaintRow, toUserId: string) {
  const target = await findUser(tx, toUserId);
  if (!target?.active) throw notFound("Staff member");
  if (!mayOwn(target, c))
    throw new AppError("rule_violation", "The new owner must be staff who may take this complaint", {
      toUserId: target.id,
    });
  if (target.id === c.ownerId) throw new AppError("rule_violation", "That person already owns the complaint");
}
