import type { Complaint } from "./api";

// How the desk shows each complaint action: the fields its dialog asks for and how its button looks.
// Which actions a complaint offers is the server's (allowedActions, src/features/complaints/rules.ts).
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

export const actionSpec: Record<string, { fields: Field[]; primary?: boolean; danger?: boolean }> = {
  "resolve-on-spot": {
    fields: ["reply", "satisfaction"],
    primary: true,
  },
  "send-work-order": {
    fields: ["department", "brief"],
    primary: true,
  },
  reply: {
    fields: ["optionalText", "channel"],
    primary: true,
  },
  resolve: { fields: ["note"], primary: true },
  callback: { fields: ["satisfaction", "note"], primary: true },
  close: { fields: ["note"], primary: true },
  accept: { fields: ["materialsComplete"], primary: true },
  refuse: { fields: ["reason"], danger: true },
  "materials-complete": { fields: [] },
  contact: { fields: ["text", "channel"] },
  "confirm-record": { fields: [] },
  "wait-customer": { fields: ["reason"] },
  "wait-third-party": { fields: ["reason"] },
  resume: { fields: ["note"], primary: true },
  "hand-over": { fields: ["toUserId", "reason"] },
  recategorize: { fields: ["category"] },
  "customer-escalate": { fields: ["to", "note"], danger: true },
  reopen: { fields: ["reason"] },
  withdraw: { fields: ["reason"], danger: true },
};

/** The actions the server allows the reader now, in the desk's order (the primary ones first). */
export const actionsFor = (c: Complaint): string[] =>
  Object.keys(actionSpec).filter((a) => c.allowedActions.includes(a));
