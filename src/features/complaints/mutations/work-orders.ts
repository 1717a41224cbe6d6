import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Principal, roleScope } from "../../../core/access.js";
import type { DbOrTx } from "../../../core/db.js";
import { AppError, forbidden, notFound } from "../../../core/errors.js";
import { notifyAll } from "../alerts.js";
import type { WorkOrderActionPath } from "../contract.js";
import { addHistory, lockComplaint } from "../mutations.js";
import { complaints, workOrders } from "../tables.js";
import {
  type WorkOrderCaller,
  workOrderForbidden,
  workOrderRefusal,
  workOrderTransitions,
} from "../work-order-rules.js";

// 工单 ("绿网"): the department's side of a complaint; its state machine is work-order-rules.ts.
type WorkOrderState = (typeof workOrders.$inferSelect)["state"];

function scope(p: Principal): SQL | undefined {
  if (p.kind === "device") return sql`false`;
  const s = roleScope[p.role];
  if (s === "operator") return undefined;
  if (s === "region") return eq(workOrders.regionCode, p.regionCode ?? "");
  return p.hallId ? eq(workOrders.hallId, p.hallId) : sql`false`;
}

/** A department's queue: open orders first, oldest first, with what the worker needs of the complaint. */
export async function listWorkOrders(
  db: DbOrTx,
  p: Principal,
  q: { department?: string; state?: WorkOrderState },
) {
  return db
    .select({ w: workOrders, c: complaints })
    .from(workOrders)
    .innerJoin(complaints, eq(complaints.id, workOrders.complaintId))
    .where(
      and(
        scope(p),
        q.department ? eq(workOrders.department, q.department) : undefined,
        q.state
          ? eq(workOrders.state, q.state)
          : inArray(workOrders.state, ["queued", "claimed", "returned", "replied"]),
      ),
    )
    .orderBy(
      sql`case ${workOrders.state} when 'queued' then 0 when 'claimed' then 1 else 2 end`,
      asc(workOrders.createdAt),
    )
    .limit(200);
}

export async function findWorkOrder(db: DbOrTx, id: string) {
  const [w] = await db.select().from(workOrders).where(eq(workOrders.id, id)).limit(1);
  if (!w) throw notFound("Work order");
  return w;
}

export async function applyWorkOrderAction(
  db: DbOrTx,
  id: string,
  action: WorkOrderActionPath,
  input: { text?: string; reason?: string; info?: string },
  actor: WorkOrderCaller,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const [w0] = await tx.select().from(workOrders).where(eq(workOrders.id, id)).limit(1);
    if (!w0) throw notFound("Work order");
    // The complaint is locked first, as every complaint change does, so the two never deadlock.
    const c = await lockComplaint(tx, w0.complaintId);
    const [w] = await tx.select().from(workOrders).where(eq(workOrders.id, id)).for("update");
    const refused = workOrderForbidden(w, c.ownerId, action, actor);
    if (refused) throw forbidden(refused);
    const code = workOrderRefusal(w.state, action);
    if (code)
      throw new AppError(code, `Cannot ${action} a work order that is ${w.state}`, { state: w.state });
    const rule = workOrderTransitions[action];
    const patch: Partial<typeof workOrders.$inferSelect> = { state: rule.to };
    if (action === "claim") patch.claimedBy = actor.userId;
    if (action === "reply") Object.assign(patch, { replyText: input.text, repliedAt: now });
    if (action === "return") patch.returnReason = input.reason ?? null;
    if (action === "supplement")
      Object.assign(patch, { brief: `${w.brief}\n补充：${input.info}`, claimedBy: null });
    if (action === "resolve") patch.resolvedAt = now;
    const [row] = await tx.update(workOrders).set(patch).where(eq(workOrders.id, id)).returning();
    await addHistory(tx, c, {
      action: `work_order.${action}`,
      from: c.state,
      to: c.state,
      actorId: actor.userId,
      note: input.text ?? input.reason ?? input.info ?? null,
      at: now,
      data: { workOrderId: w.id, department: w.department, state: rule.to },
    });
    if (action === "reply" || action === "return")
      await notifyAll(
        tx,
        [{ channel: "sms", recipient: `user:${c.ownerId}` }],
        action === "reply"
          ? `工单已回复：${c.customerName}的投诉可答复客户。`
          : `工单被退回，需补充信息：${input.reason ?? ""}`,
        `work-order:${w.id}:${action}:${now.getTime()}`,
        { complaintId: c.id, workOrderId: w.id, kind: `work_order_${action}` },
        c.hallId,
      );
    return row;
  });
}
