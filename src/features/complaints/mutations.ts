import { and, desc, eq } from "drizzle-orm";
import { can, coversHall, type Principal, type Role } from "../../core/access.js";
import type { DbOrTx, Tx } from "../../core/db.js";
import { AppError, forbidden } from "../../core/errors.js";
import { loadCalendar } from "../calendar/data.js";
import { notifyAll, recipientsAt } from "./alerts.js";
import { currentClock } from "./clocks.js";
import type { ComplaintActionInput, ComplaintActionPath, ComplaintState } from "./contract.js";
import { type ComplaintRow, findUser, limitsFor, stateHistory } from "./data.js";
import { decide, nextLevel } from "./rules.js";
import { complaintHistory, complaints, workOrders } from "./tables.js";

export type Actor = { userId: string; mayManage: boolean };

export async function lockComplaint(tx: Tx, id: string): Promise<ComplaintRow> {
  const [c] = await tx.select().from(complaints).where(eq(complaints.id, id)).for("update");
  if (!c) throw new AppError("not_found", "Complaint not found");
  return c;
}

export async function addHistory(
  tx: DbOrTx,
  c: Pick<ComplaintRow, "id">,
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
    pending: orders.some((w) => ["queued", "claimed", "returned"].includes(w.state)),
    replyText: orders.find((w) => w.state === "replied" || w.state === "resolved")?.replyText ?? null,
  };
}

/** Whether a user could own this complaint: one who records complaints, with it in their scope. */
function mayOwn(u: NonNullable<Awaited<ReturnType<typeof findUser>>>, c: ComplaintRow) {
  const p: Principal = {
    kind: "user",
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    hallId: u.hallId,
    regionCode: u.regionCode,
  };
  return (
    u.active && can(p, "complaint.record") && coversHall(p, { id: c.hallId ?? "", regionCode: c.regionCode })
  );
}

/**
 * Applies one transition in a transaction: checks the role (the owner, or a manager in scope) and the
 * state (409 naming it), records it in the history with who and when, and recomputes the clock.
 */
export async function applyComplaintAction<A extends ComplaintActionPath>(
  db: DbOrTx,
  id: string,
  action: A,
  input: ComplaintActionInput[A],
  actor: Actor,
  timeZone: string,
  now = new Date(),
): Promise<ComplaintRow> {
  return db.transaction(async (tx) => {
    const c = await lockComplaint(tx, id);
    // 首问负责制: only the owner acts on a complaint; managers may act on their staff's.
    if (c.ownerId !== actor.userId && !actor.mayManage)
      throw forbidden("Only the owner or a manager may act on this complaint");
    if (action === "accept" || action === "refuse") {
      if (!actor.mayManage) throw forbidden("Accepting or refusing an appeal is a manager's decision");
    }
    const wo = await workOrderFacts(tx, c.id);
    const inp = input as Record<string, unknown>;
    const replyText = action === "reply" ? (inp.text as string | undefined) || wo.replyText : null;
    const decision = decide(
      {
        kind: c.kind,
        state: c.state,
        resumeState: c.resumeState,
        replied: c.firstRepliedAt !== null && ["replied", "resolved", "callback_done"].includes(c.state),
        workOrderPending: wo.pending,
        replyHasText: Boolean(replyText),
      },
      action,
      inp as { satisfaction?: "satisfied" | "dissatisfied" },
    );
    if (!decision.ok) throw new AppError(decision.code, decision.message, { state: c.state });
    const to: ComplaintState = decision.to;
    const patch: Partial<ComplaintRow> = { state: to };
    let note: string | null = (inp.note as string | undefined) ?? (inp.reason as string | undefined) ?? null;
    let data: Record<string, unknown> | null = null;
    const contacted = () => {
      patch.firstRepliedAt = c.firstRepliedAt ?? now;
      patch.lastContactAt = now;
    };

    switch (action) {
      case "confirm-record":
        patch.recordConfirmedAt = now;
        data = { method: inp.method ?? "read_back" };
        break;
      case "hand-over": {
        const target = await findUser(tx, inp.toUserId as string);
        if (!target || !mayOwn(target, c))
          throw new AppError("rule_violation", "The new owner must be staff who may take this complaint");
        if (target.id === c.ownerId)
          throw new AppError("rule_violation", "That person already owns the complaint");
        patch.ownerId = target.id;
        data = { from: c.ownerId, to: target.id };
        break;
      }
      case "contact":
        contacted();
        note = inp.text as string;
        data = { channel: inp.channel };
        break;
      case "send-work-order": {
        const [w] = await tx
          .insert(workOrders)
          .values({
            complaintId: c.id,
            hallId: c.hallId,
            regionCode: c.regionCode,
            department: inp.department as string,
            state: "queued",
            brief: inp.brief as string,
            createdBy: actor.userId,
            createdAt: now,
          })
          .returning();
        note = inp.brief as string;
        data = { workOrderId: w.id, department: w.department };
        break;
      }
      case "reply":
        contacted();
        note = replyText;
        data = { channel: inp.channel };
        break;
      case "resolve":
        patch.resolvedAt = now;
        await tx
          .update(workOrders)
          .set({ state: "resolved", resolvedAt: now })
          .where(and(eq(workOrders.complaintId, c.id), eq(workOrders.state, "replied")));
        break;
      case "resolve-on-spot":
        contacted();
        patch.resolvedAt = now;
        patch.closedAt = now;
        patch.satisfaction = (inp.satisfaction as ComplaintRow["satisfaction"]) ?? null;
        note = inp.reply as string;
        break;
      case "wait-customer":
      case "wait-third-party":
        patch.resumeState = c.state;
        break;
      case "resume":
        patch.resumeState = null;
        break;
      case "callback":
        patch.satisfaction = inp.satisfaction as ComplaintRow["satisfaction"];
        patch.lastContactAt = now;
        if (to === "reopened") {
          patch.reopenCount = c.reopenCount + 1;
          patch.resolvedAt = null;
        }
        data = { satisfaction: inp.satisfaction };
        break;
      case "close":
        patch.closedAt = now;
        break;
      case "reopen":
        patch.reopenCount = c.reopenCount + 1;
        patch.resolvedAt = null;
        patch.closedAt = null;
        patch.satisfaction = null;
        break;
      case "customer-escalate":
        patch.customerEscalated = true;
        patch.escalationLevel = nextLevel(c.escalationLevel, c.hallId !== null);
        data = { to: inp.to, level: patch.escalationLevel };
        note = [inp.to, inp.note].filter(Boolean).join(": ");
        await notifyAll(
          tx,
          await recipientsAt(tx, c, patch.escalationLevel),
          `【越级投诉】${c.customerName}的投诉已被客户升级至${inp.to as string}，请立即处理。`,
          `complaint:${c.id}:customer-escalate:${now.getTime()}`,
          { complaintId: c.id, kind: "customer_escalation", level: patch.escalationLevel },
          c.hallId,
        );
        break;
      case "recategorize":
        patch.category = inp.category as string;
        data = { from: c.category, to: inp.category };
        break;
      case "accept":
        patch.acceptedAt = now;
        if (inp.materialsComplete) patch.materialsCompleteAt = now;
        break;
      case "refuse":
        contacted(); // the refusal with its reason is the answer to the customer
        patch.closedAt = now;
        break;
      case "materials-complete":
        patch.materialsCompleteAt = c.materialsCompleteAt ?? now;
        break;
    }
    const [row] = await tx.update(complaints).set(patch).where(eq(complaints.id, c.id)).returning();
    await addHistory(tx, c, { action, from: c.state, to, actorId: actor.userId, note, at: now, data });
    return refreshClock(tx, row, timeZone);
  });
}
