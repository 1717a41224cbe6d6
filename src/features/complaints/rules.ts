import type { ComplaintActionPath, ComplaintState } from "./contract.js";

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

export type Decision =
  | { ok: true; to: ComplaintState }
  | { ok: false; code: "illegal_state" | "rule_violation"; message: string };

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
    return { ok: false, code: "illegal_state", message: `Cannot ${action} a ${f.kind} that is ${f.state}` };
  if (action === "reply" && f.state === "work_order" && f.workOrderPending)
    return {
      ok: false,
      code: "illegal_state",
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
