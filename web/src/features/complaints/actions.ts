import type { Complaint } from "./api";

// What the desk offers in each state; a mirror of complaintTransitions in src/features/complaints/rules.ts
// (the server decides, and answers 409 naming the state if this ever disagrees).
type State = Complaint["state"];
const OPEN: State[] = [
  "received",
  "accepted",
  "work_order",
  "waiting_customer",
  "waiting_third_party",
  "replied",
  "reopened",
];
const ACTIVE: State[] = ["received", "accepted", "work_order", "replied", "reopened"];

export type Field =
  | "text"
  | "optionalText"
  | "reason"
  | "channel"
  | "department"
  | "brief"
  | "toUserId"
  | "satisfaction"
  | "to"
  | "note"
  | "category"
  | "materialsComplete"
  | "reply";

export const actionSpec: Record<
  string,
  { from: State[]; fields: Field[]; kind?: Complaint["kind"]; primary?: boolean; danger?: boolean }
> = {
  "resolve-on-spot": {
    from: ["received", "reopened"],
    fields: ["reply", "satisfaction"],
    kind: "complaint",
    primary: true,
  },
  "send-work-order": {
    from: ["received", "accepted", "reopened", "replied"],
    fields: ["department", "brief"],
    primary: true,
  },
  reply: {
    from: ["received", "accepted", "work_order", "reopened"],
    fields: ["optionalText", "channel"],
    primary: true,
  },
  resolve: { from: ["replied"], fields: ["note"], primary: true },
  callback: { from: ["resolved"], fields: ["satisfaction", "note"], primary: true },
  close: { from: ["callback_done"], fields: ["note"], primary: true },
  accept: { from: ["received"], fields: ["materialsComplete"], kind: "appeal", primary: true },
  refuse: { from: ["received"], fields: ["reason"], kind: "appeal", danger: true },
  "materials-complete": { from: ["accepted", "work_order", "waiting_customer"], fields: [], kind: "appeal" },
  contact: { from: OPEN, fields: ["text", "channel"] },
  "confirm-record": { from: [...OPEN, "resolved"], fields: [] },
  "wait-customer": { from: ACTIVE, fields: ["reason"] },
  "wait-third-party": { from: ACTIVE, fields: ["reason"] },
  resume: { from: ["waiting_customer", "waiting_third_party"], fields: ["note"], primary: true },
  "hand-over": { from: [...OPEN, "resolved", "callback_done"], fields: ["toUserId", "reason"] },
  recategorize: { from: OPEN, fields: ["category"] },
  "customer-escalate": { from: [...OPEN, "resolved"], fields: ["to", "note"], danger: true },
  reopen: { from: ["resolved", "callback_done", "closed"], fields: ["reason"] },
  withdraw: { from: OPEN, fields: ["reason"], danger: true },
};

export function actionsFor(c: Complaint): string[] {
  return Object.entries(actionSpec)
    .filter(([, s]) => s.from.includes(c.state) && (!s.kind || s.kind === c.kind))
    .filter(([a]) => !(a === "confirm-record" && c.recordConfirmedAt))
    .map(([a]) => a);
}
