import { can, type Principal, type Role, roleScope } from "../../core/access.js";
import type { ComplaintAction, ComplaintActionPath, ComplaintState, HandOverGroup } from "./contract.js";

// The complaint state machine (R-CMP, R-CMP-SLA), one table: which action may leave which state, and
// where it goes (null = the state does not change; the act is still recorded in the history).
export const OPEN_STATES: readonly ComplaintState[] = [
  "received",
  "accepted",
  "work_order",
  "waiting_customer",
  "waiting_third_party",
  "replied",
  "reopened",
];
const ACTIVE: readonly ComplaintState[] = ["received", "accepted", "work_order", "replied", "reopened"];
export const FINAL_STATES: readonly ComplaintState[] = ["closed", "withdrawn", "refused"];

type Rule = { from: readonly ComplaintState[]; to: ComplaintState | null; kinds?: "complaint" | "appeal" };

export const complaintTransitions: Record<ComplaintActionPath, Rule> = {
  "confirm-record": { from: [...OPEN_STATES, "resolved"], to: null },
  "hand-over": { from: [...OPEN_STATES, "resolved", "callback_done"], to: null },
  contact: { from: OPEN_STATES, to: null },
  "send-work-order": { from: ["received", "accepted", "reopened", "replied"], to: "work_order" },
  reply: { from: ["received", "accepted", "work_order", "reopened"], to: "replied" },
  resolve: { from: ["replied"], to: "resolved" },
  // 当场解决: the answer given on the spot is the reply; the customer is there to confirm it.
  "resolve-on-spot": { from: ["received", "reopened"], to: "closed", kinds: "complaint" },
  "wait-customer": { from: ACTIVE, to: "waiting_customer" },
  "wait-third-party": { from: ACTIVE, to: "waiting_third_party" },
  resume: { from: ["waiting_customer", "waiting_third_party"], to: null }, // back to resume_state
  callback: { from: ["resolved"], to: "callback_done" }, // or reopened when not satisfied
  close: { from: ["callback_done"], to: "closed" },
  reopen: { from: ["resolved", "callback_done", "closed"], to: "reopened" },
  withdraw: { from: OPEN_STATES, to: "withdrawn" },
  "customer-escalate": { from: [...OPEN_STATES, "resolved"], to: null },
  recategorize: { from: OPEN_STATES, to: null },
  accept: { from: ["received"], to: "accepted", kinds: "appeal" },
  refuse: { from: ["received"], to: "refused", kinds: "appeal" },
  "materials-complete": { from: ["accepted", "work_order", "waiting_customer"], to: null, kinds: "appeal" },
};

export type ComplaintFacts = {
  kind: "complaint" | "appeal";
  state: ComplaintState;
  resumeState: ComplaintState | null;
  /** Whether the customer has had a reply (an answer, not only a progress call). */
  replied: boolean;
  /** Whether an open work order still waits for the department's reply. */
  workOrderPending: boolean;
  /** Whether the reply given now has text (its own, or the department's reply to relay). */
  replyHasText: boolean;
};

/** Why a complaint in a state it may not leave by an action refuses it (409): a code per situation. */
export type ComplaintStateCode =
  | "complaint_closed"
  | "complaint_wrong_state"
  | "complaint_not_replied"
  | "complaint_not_resolved"
  | "complaint_callback_pending"
  | "complaint_not_waiting"
  | "complaint_still_open"
  | "appeal_already_decided"
  | "work_order_pending";

// The refusal an action names when its state is wrong but the complaint is still open (or, for reopen,
// when it was never resolved); any action on a closed, withdrawn or refused one is complaint_closed.
const wrongStateCode: Partial<Record<ComplaintActionPath, ComplaintStateCode>> = {
  resolve: "complaint_not_replied",
  callback: "complaint_not_resolved",
  close: "complaint_callback_pending",
  resume: "complaint_not_waiting",
  reopen: "complaint_still_open",
  accept: "appeal_already_decided",
  refuse: "appeal_already_decided",
};

export type Decision =
  | { ok: true; to: ComplaintState }
  | { ok: false; code: ComplaintStateCode | "rule_violation"; message: string };

/** Where an action takes a complaint, or why it may not: one pure function behind every transition. */
export function decide(
  f: ComplaintFacts,
  action: ComplaintActionPath,
  input: { satisfaction?: "satisfied" | "dissatisfied" } = {},
): Decision {
  const rule = complaintTransitions[action];
  if (rule.kinds && rule.kinds !== f.kind)
    return { ok: false, code: "rule_violation", message: `${action} applies to ${rule.kinds}s only` };
  if (!rule.from.includes(f.state))
    return {
      ok: false,
      code: FINAL_STATES.includes(f.state)
        ? "complaint_closed"
        : (wrongStateCode[action] ?? "complaint_wrong_state"),
      message: `Cannot ${action} a ${f.kind} that is ${f.state}`,
    };
  if (action === "reply" && f.state === "work_order" && f.workOrderPending)
    return {
      ok: false,
      code: "work_order_pending",
      message: "The work order has no reply from the department yet",
    };
  if (action === "reply" && !f.replyHasText)
    return { ok: false, code: "rule_violation", message: "A reply to the customer needs its text" };
  if (action === "resolve" && !f.replied)
    return { ok: false, code: "rule_violation", message: "Reply to the customer before resolving" };
  if (action === "callback" && input.satisfaction === "dissatisfied") return { ok: true, to: "reopened" };
  if (action === "resume") return { ok: true, to: f.resumeState ?? "received" };
  return { ok: true, to: rule.to ?? f.state };
}

/** Whether the customer has had an answer that still stands (resolve needs one). */
export const hasReplied = (c: { firstRepliedAt: Date | null; state: ComplaintState }) =>
  c.firstRepliedAt !== null && ["replied", "resolved", "callback_done"].includes(c.state);

/** What of a complaint an action's change depends on. */
export type ComplaintBefore = {
  state: ComplaintState;
  ownerId: string;
  category: string;
  hallId: string | null;
  firstRepliedAt: Date | null;
  reopenCount: number;
  escalationLevel: number;
  materialsCompleteAt: Date | null;
};

/** The columns an action changes. */
export type ComplaintPatch = {
  state: ComplaintState;
  ownerId?: string;
  recordConfirmedAt?: Date;
  firstRepliedAt?: Date;
  lastContactAt?: Date;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  satisfaction?: "satisfied" | "dissatisfied" | null;
  resumeState?: ComplaintState | null;
  reopenCount?: number;
  customerEscalated?: boolean;
  escalationLevel?: number;
  category?: string;
  acceptedAt?: Date;
  materialsCompleteAt?: Date;
};

/** An action's change: the columns, and the history row's note and data. */
export type ComplaintChange = {
  patch: ComplaintPatch;
  note: string | null;
  data: Record<string, unknown> | null;
};

/**
 * What an allowed action (decide said where it goes: `to`) changes of the complaint, and what its history
 * row says. Pure: the work order an action sends, the orders resolve closes and the alerts of an
 * escalation are the mutation's (mutations.ts). `replyText` is the reply's own text or the department's.
 */
export function patchFor(
  c: ComplaintBefore,
  a: ComplaintAction,
  to: ComplaintState,
  now: Date,
  replyText: string | null = null,
): ComplaintChange {
  const patch: ComplaintPatch = { state: to };
  const said = ("note" in a ? a.note : undefined) ?? ("reason" in a ? a.reason : undefined) ?? null;
  const contacted = () => {
    patch.firstRepliedAt = c.firstRepliedAt ?? now;
    patch.lastContactAt = now;
  };
  const change = (data: Record<string, unknown> | null = null, note: string | null = said) => ({
    patch,
    note,
    data,
  });
  switch (a.action) {
    case "confirm-record":
      patch.recordConfirmedAt = now;
      return change({ method: a.method });
    case "hand-over":
      patch.ownerId = a.toUserId;
      return change({ from: c.ownerId, to: a.toUserId });
    case "contact":
      contacted();
      return change({ channel: a.channel }, a.text);
    case "send-work-order":
      return change({ department: a.department }, a.brief);
    case "reply":
      contacted();
      return change({ channel: a.channel }, replyText);
    case "resolve":
      patch.resolvedAt = now;
      return change();
    case "resolve-on-spot":
      contacted();
      patch.resolvedAt = now;
      patch.closedAt = now;
      patch.satisfaction = a.satisfaction ?? null;
      return change(null, a.reply);
    case "wait-customer":
    case "wait-third-party":
      patch.resumeState = c.state;
      return change();
    case "resume":
      patch.resumeState = null;
      return change();
    case "callback":
      patch.satisfaction = a.satisfaction;
      patch.lastContactAt = now;
      if (to === "reopened") {
        patch.reopenCount = c.reopenCount + 1;
        patch.resolvedAt = null;
      }
      return change({ satisfaction: a.satisfaction });
    case "close":
      patch.closedAt = now;
      return change();
    case "reopen":
      patch.reopenCount = c.reopenCount + 1;
      patch.resolvedAt = null;
      patch.closedAt = null;
      patch.satisfaction = null;
      return change();
    case "withdraw":
      return change();
    case "customer-escalate":
      patch.customerEscalated = true;
      patch.escalationLevel = nextLevel(c.escalationLevel, c.hallId !== null);
      return change({ to: a.to, level: patch.escalationLevel }, [a.to, a.note].filter(Boolean).join(": "));
    case "recategorize":
      patch.category = a.category;
      return change({ from: c.category, to: a.category });
    case "accept":
      patch.acceptedAt = now;
      if (a.materialsComplete) patch.materialsCompleteAt = now;
      return change();
    case "refuse":
      contacted(); // the refusal with its reason is the answer to the customer
      patch.closedAt = now;
      return change();
    case "materials-complete":
      patch.materialsCompleteAt = c.materialsCompleteAt ?? now;
      return change();
  }
}

/** Who asks what they may do with a complaint: who they are and what of complaints they may do. */
export type ComplaintCaller = { userId: string; mayRecord: boolean; mayManage: boolean };

/** Whether the caller may act on this complaint at all (首问负责制: its owner, or a manager). */
export const mayActOn = (c: { ownerId: string }, caller: ComplaintCaller) =>
  caller.mayRecord && (c.ownerId === caller.userId || caller.mayManage);

/** The actions only a manager takes on an appeal. */
export const managersOnly: readonly ComplaintActionPath[] = ["accept", "refuse"];

/**
 * What the caller may do with a complaint now, as the API names the actions (POST /api/complaints/:id/
 * <action>): every transition decide() allows from its state that the caller may take, and
 * "typical-case" for a manager once it is closed. A record the customer confirmed is not offered for
 * confirming again. The web app shows a button for each and keeps no state machine of its own; an action
 * whose input decides (a reply's text) is offered and checked when posted.
 */
export function complaintAllowedActions(
  c: {
    kind: "complaint" | "appeal";
    state: ComplaintState;
    resumeState: ComplaintState | null;
    ownerId: string;
    firstRepliedAt: Date | null;
    recordConfirmedAt?: Date | null;
    typicalCase?: boolean;
  },
  caller: ComplaintCaller,
  facts: { workOrderPending: boolean },
): string[] {
  const actions: string[] = [];
  if (mayActOn(c, caller)) {
    const f: ComplaintFacts = {
      kind: c.kind,
      state: c.state,
      resumeState: c.resumeState,
      replied: hasReplied(c),
      workOrderPending: facts.workOrderPending,
      replyHasText: true,
    };
    for (const a of Object.keys(complaintTransitions) as ComplaintActionPath[])
      if (
        (!managersOnly.includes(a) || caller.mayManage) &&
        !(a === "confirm-record" && c.recordConfirmedAt) &&
        decide(f, a).ok
      )
        actions.push(a);
  }
  if (caller.mayManage && c.state === "closed" && c.typicalCase === false) actions.push("typical-case");
  return actions;
}

// R-CMP-SLA defaults: first reply within 48 h of receipt, progress at least every 48 h while unresolved,
// callback (回访) within 2 working days of resolution; the clock stops while waiting on someone else.
export type ComplaintLimits = {
  firstReplyHours: number;
  progressHours: number;
  callbackWorkingDays: number;
  pausedStates: string[];
  workingHoursOnly: boolean;
};
export const DEFAULT_LIMITS: ComplaintLimits = {
  firstReplyHours: 48,
  progressHours: 48,
  callbackWorkingDays: 2,
  pausedStates: ["waiting_customer", "waiting_third_party"],
  workingHoursOnly: false,
};

// 申诉 (MIIT rules for telecom appeals): accepted only after a complaint got no answer within 15 days or
// left the customer dissatisfied; decision within 5 working days; reply within 30 days of complete
// materials; refused when a fee dispute is over 5 months old, any other over 2 years.
export const APPEAL = {
  noAnswerDays: 15,
  decisionWorkingDays: 5,
  replyDays: 30,
  feeDisputeMonths: 5,
  otherDisputeYears: 2,
} as const;

export type AppealGround = {
  priorComplaintAt?: Date;
  priorOutcome?: "no_answer" | "dissatisfied";
  /** When the prior complaint (on record) got its first reply, if it did. */
  priorRepliedAt?: Date | null;
  disputeKind: "fee" | "other";
  disputeStartedAt: Date;
};

const addMonths = (d: Date, n: number) => {
  const x = new Date(d);
  x.setUTCMonth(x.getUTCMonth() + n);
  return x;
};

/** Whether an appeal may be accepted at `now`; the reason when not. */
export function appealEligibility(g: AppealGround, now: Date): { ok: true } | { ok: false; reason: string } {
  const barMonths = g.disputeKind === "fee" ? APPEAL.feeDisputeMonths : APPEAL.otherDisputeYears * 12;
  if (addMonths(g.disputeStartedAt, barMonths) < now)
    return {
      ok: false,
      reason:
        g.disputeKind === "fee"
          ? `A fee dispute older than ${APPEAL.feeDisputeMonths} months cannot be appealed`
          : `A dispute older than ${APPEAL.otherDisputeYears} years cannot be appealed`,
    };
  if (!g.priorComplaintAt)
    return { ok: false, reason: "An appeal needs an earlier complaint to the operator" };
  if (g.priorOutcome === "dissatisfied") return { ok: true };
  const answeredInTime =
    g.priorRepliedAt &&
    g.priorRepliedAt.getTime() - g.priorComplaintAt.getTime() <= APPEAL.noAnswerDays * 86_400_000;
  const waitedLongEnough = now.getTime() - g.priorComplaintAt.getTime() > APPEAL.noAnswerDays * 86_400_000;
  if (g.priorOutcome === "no_answer" && !answeredInTime && waitedLongEnough) return { ok: true };
  return {
    ok: false,
    reason: `An appeal is accepted after a complaint got no answer within ${APPEAL.noAnswerDays} days or left the customer dissatisfied`,
  };
}

/** Escalation ladder (升级): 0 owner, 1 hall manager, 2 area manager, 3 the operator's complaint desk. */
export const MAX_ESCALATION = 3;
export const nextLevel = (level: number, hasHall: boolean) =>
  Math.min(MAX_ESCALATION, level === 0 && !hasHall ? 2 : level + 1);

// 首问负责制 hand-over: who may take a complaint over, grouped by how likely they are to: the people of
// its hall (or, for a village complaint without a hall, the region's rural agents), then the region's
// area managers, then the operator's administrators. A rural agent does not take over a hall's complaint,
// nor hall staff a complaint from outside their hall.
export type OwnerCandidate = { id: string; role: Role; hallId: string | null; regionCode: string | null };

export function handOverGroup(
  u: OwnerCandidate,
  c: { hallId: string | null; regionCode: string },
): HandOverGroup | null {
  const p: Principal = { kind: "user", username: "", displayName: "", ...u };
  if (!can(p, "complaint.record")) return null;
  switch (roleScope[u.role]) {
    case "hall":
      return c.hallId !== null && u.hallId === c.hallId ? "hall" : null;
    case "region":
      if (u.regionCode !== c.regionCode) return null;
      if (u.role === "rural_agent") return c.hallId === null ? "agents" : null;
      return "region";
    case "operator":
      return "operator";
  }
}
