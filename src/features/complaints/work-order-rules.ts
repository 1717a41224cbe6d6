import type { WorkOrderActionPath } from "./contract.js";

// 工单 ("绿网"): the department's side of a complaint — claim, reply (the customer-facing text is kept
// with the order), return for more information, resolve. The complaint's owner supplements a returned
// order. Each action names the refusal of a wrong state; any action on a resolved order is refused so.
type WorkOrderState = "queued" | "claimed" | "returned" | "replied" | "resolved";
/** The states in which an order still waits for the department's reply. */
export const PENDING_WORK_ORDER: readonly WorkOrderState[] = ["queued", "claimed", "returned"];
export type WorkOrderStateCode =
  | "work_order_resolved"
  | "work_order_not_queued"
  | "work_order_not_claimed"
  | "work_order_not_open"
  | "work_order_not_returned"
  | "work_order_not_replied";
export const workOrderTransitions: Record<
  WorkOrderActionPath,
  { from: WorkOrderState[]; to: WorkOrderState; refusal: WorkOrderStateCode }
> = {
  claim: { from: ["queued"], to: "claimed", refusal: "work_order_not_queued" },
  reply: { from: ["claimed"], to: "replied", refusal: "work_order_not_claimed" },
  return: { from: ["queued", "claimed"], to: "returned", refusal: "work_order_not_open" },
  supplement: { from: ["returned"], to: "queued", refusal: "work_order_not_returned" },
  resolve: { from: ["replied"], to: "resolved", refusal: "work_order_not_replied" },
};

/** Why a work order in this state refuses the action (null: it may). */
export function workOrderRefusal(
  state: WorkOrderState,
  action: WorkOrderActionPath,
): WorkOrderStateCode | null {
  const rule = workOrderTransitions[action];
  if (rule.from.includes(state)) return null;
  return state === "resolved" ? "work_order_resolved" : rule.refusal;
}

/** Who asks about a work order: the department's worker (mayHandle), a manager, the complaint's owner. */
export type WorkOrderCaller = { userId: string; mayRecord: boolean; mayHandle: boolean; mayManage: boolean };

/** Why this caller may not take the action on the order whatever its state (null: they may). */
export function workOrderForbidden(
  w: { state: WorkOrderState; claimedBy: string | null },
  complaintOwnerId: string,
  action: WorkOrderActionPath,
  caller: WorkOrderCaller,
): string | null {
  if (action === "supplement")
    return caller.mayRecord && (complaintOwnerId === caller.userId || caller.mayManage)
      ? null
      : "Only the complaint's owner supplements its order";
  if (!caller.mayHandle) return "Only a back-office department works orders";
  if (
    (action === "reply" || action === "return") &&
    w.state === "claimed" &&
    w.claimedBy !== caller.userId &&
    !caller.mayManage
  )
    return "Another person has claimed this order";
  return null;
}

/** What the caller may do with a work order now (POST /api/work-orders/:id/<action>). */
export function workOrderAllowedActions(
  w: { state: WorkOrderState; claimedBy: string | null },
  complaintOwnerId: string,
  caller: WorkOrderCaller,
): WorkOrderActionPath[] {
  return (Object.keys(workOrderTransitions) as WorkOrderActionPath[]).filter(
    (a) =>
      workOrderRefusal(w.state, a) === null && workOrderForbidden(w, complaintOwnerId, a, caller) === null,
  );
}
