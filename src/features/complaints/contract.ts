import { z } from "zod";
import { isoDay, isoInstant } from "../../core/dates.js";
import { cursorQuery } from "../../core/paging.js";
import { customerPhone } from "../../core/phone.js";

// 投诉 complaints and 申诉 appeals share one record and one state machine (rules.ts); appeals add the
// MIIT appeal rules (acceptance decision, complete materials, time bars).
export const complaintKinds = ["complaint", "appeal"] as const;
export const complaintStates = [
  "received",
  "accepted", // an appeal accepted for handling
  "work_order", // 工单 sent to a back-office department
  "waiting_customer",
  "waiting_third_party",
  "replied",
  "resolved",
  "callback_done",
  "reopened",
  "closed",
  "withdrawn",
  "refused", // an appeal not accepted
] as const;
export type ComplaintState = (typeof complaintStates)[number];
export const complaintChannels = ["counter", "floor", "phone", "door", "hotline", "online"] as const;
export const severities = ["normal", "serious", "major"] as const;
export const contactChannels = ["phone", "sms", "in_person", "visit"] as const;
export const departments = ["billing", "network", "marketing", "customer_service", "technical"] as const;
export const workOrderStates = ["queued", "claimed", "returned", "replied", "resolved"] as const;
export const clockKinds = ["first_reply", "progress", "callback", "appeal_decision", "appeal_reply"] as const;
export type ClockKind = (typeof clockKinds)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

export const appealInput = z.object({
  // The earlier complaint this appeal is about, when it is on record here.
  priorComplaintId: z.uuid().optional(),
  // Otherwise, what the customer tells: when they complained, and how it ended.
  priorComplaintAt: isoInstant().optional(),
  priorOutcome: z.enum(["no_answer", "dissatisfied"]).optional(),
  disputeKind: z.enum(["fee", "other"]),
  disputeStartedAt: isoInstant(),
});

export const createComplaintBody = z.object({
  kind: z.enum(complaintKinds).default("complaint"),
  hallId: z.uuid().optional(),
  regionCode: z.string().min(1).max(40).optional(),
  ticketId: z.uuid().optional(),
  customer: z.object({ name: text(60), phone: customerPhone }),
  channel: z.enum(complaintChannels),
  category: text(40),
  severity: z.enum(severities).default("normal"),
  description: text(2000),
  request: text(1000),
  receivedAt: isoInstant().optional(),
  keyCustomer: z.boolean().default(false),
  // R-CMP: the record was read back to the customer, who confirmed it (HM ch.7 item 11).
  confirmedByCustomer: z.boolean().default(false),
  appeal: appealInput.optional(),
});
export type CreateComplaintInput = z.infer<typeof createComplaintBody>;

export const historySchema = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
  // A hand-over names whom it came from and whom it went to (首问负责制: on record).
  handOver: z
    .object({
      fromId: z.string(),
      fromName: z.string().nullable(),
      toId: z.string(),
      toName: z.string().nullable(),
    })
    .nullable(),
});

export const workOrderSchema = z.object({
  id: z.uuid(),
  complaintId: z.uuid(),
  department: z.enum(departments),
  state: z.enum(workOrderStates),
  brief: z.string(),
  claimedBy: z.string().nullable(),
  replyText: z.string().nullable(),
  returnReason: z.string().nullable(),
  createdAt: z.string(),
  repliedAt: z.string().nullable(),
  // What the caller may do with the order now (work-order-rules.ts): POST /api/work-orders/:id/<action>.
  allowedActions: z.array(z.enum(["claim", "reply", "return", "supplement", "resolve"])),
  complaint: z
    .object({
      category: z.string(),
      severity: z.enum(severities),
      customerName: z.string(),
      dueAt: z.string().nullable(),
      dueKind: z.enum(clockKinds).nullable(),
      warnAt: z.string().nullable(),
    })
    .optional(),
});
export type WorkOrder = z.infer<typeof workOrderSchema>;

export const complaintSchema = z.object({
  id: z.uuid(),
  kind: z.enum(complaintKinds),
  hallId: z.uuid().nullable(),
  regionCode: z.string(),
  ticketId: z.uuid().nullable(),
  customer: z.object({ name: z.string(), phone: z.string().nullable() }),
  channel: z.enum(complaintChannels),
  category: z.string(),
  severity: z.enum(severities),
  keyCustomer: z.boolean(),
  description: z.string(),
  request: z.string(),
  state: z.enum(complaintStates),
  ownerId: z.uuid(),
  ownerName: z.string().nullable(),
  receivedAt: z.string(),
  recordedAt: z.string(),
  recordConfirmedAt: z.string().nullable(),
  firstReplyDueAt: z.string().nullable(),
  firstRepliedAt: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  callbackDueAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  satisfaction: z.enum(["satisfied", "dissatisfied"]).nullable(),
  dueAt: z.string().nullable(),
  dueKind: z.enum(clockKinds).nullable(),
  warnAt: z.string().nullable(),
  escalationLevel: z.number(),
  customerEscalated: z.boolean(),
  breached: z.boolean(),
  breachCount: z.number(),
  reopenCount: z.number(),
  typicalCase: z.boolean(),
  // What the caller may do now (rules.ts complaintAllowedActions): POST /api/complaints/:id/<action>.
  allowedActions: z.array(z.string()),
  history: z.array(historySchema).optional(),
  workOrders: z.array(workOrderSchema).optional(),
});
export type Complaint = z.infer<typeof complaintSchema>;

export const complaintParams = z.object({ id: z.uuid() });

// Who a complaint may be handed over to, in the order they are offered (rules.ts, handOverGroup).
export const handOverGroups = ["hall", "agents", "region", "operator"] as const;
export type HandOverGroup = (typeof handOverGroups)[number];
export const ownersQuery = z.object({
  q: z.string().trim().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ownerCandidateSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  hallId: z.uuid().nullable(),
  regionCode: z.string().nullable(),
  group: z.enum(handOverGroups),
});
export const listComplaintsQuery = z.object({
  mine: z.enum(["true", "false"]).optional(),
  state: z.enum(complaintStates).optional(),
  open: z.enum(["true", "false"]).optional(),
  kind: z.enum(complaintKinds).optional(),
  category: z.string().max(40).optional(),
  hallId: z.uuid().optional(),
  due: z.enum(["soon", "breached"]).optional(),
  q: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorQuery,
});
export type ListComplaintsQuery = z.infer<typeof listComplaintsQuery>;

// One POST /api/complaints/:id/<action> per transition. Each action is one member of a discriminated
// union (its name and its fields), so the code that applies it (rules.ts patchFor) knows its input's type.
const note = { note: z.string().trim().max(1000).optional() };
const act = <A extends string, S extends z.ZodRawShape>(action: A, shape: S) =>
  z.object({ action: z.literal(action), ...shape });
export const complaintAction = z.discriminatedUnion("action", [
  act("confirm-record", { method: z.enum(["read_back", "sms", "signature"]).default("read_back") }),
  act("hand-over", { toUserId: z.uuid(), reason: text(500) }),
  act("contact", { text: text(1000), channel: z.enum(contactChannels) }),
  act("send-work-order", { department: z.enum(departments), brief: text(2000) }),
  act("reply", { text: z.string().trim().max(2000).optional(), channel: z.enum(contactChannels) }),
  act("resolve", note),
  act("resolve-on-spot", {
    reply: text(2000),
    satisfaction: z.enum(["satisfied", "dissatisfied"]).optional(),
  }),
  act("wait-customer", { reason: text(500) }),
  act("wait-third-party", { reason: text(500) }),
  act("resume", note),
  act("callback", { satisfaction: z.enum(["satisfied", "dissatisfied"]), ...note }),
  act("close", note),
  act("reopen", { reason: text(500) }),
  act("withdraw", { reason: text(500) }),
  // 越级投诉: the customer took it higher themselves (to the operator, the MIIT …).
  act("customer-escalate", { to: text(100), ...note }),
  act("recategorize", { category: text(40) }),
  act("accept", { materialsComplete: z.boolean().default(false) }),
  act("refuse", { reason: text(1000) }),
  act("materials-complete", note),
]);
export type ComplaintAction = z.infer<typeof complaintAction>;
export type ComplaintActionPath = ComplaintAction["action"];
export const complaintActionPaths = complaintAction.options.map((o) => o.shape.action.value);

/** The request body of each action's route: its member without the name (the path says it). */
export function complaintActionBody(action: ComplaintActionPath) {
  const member: z.ZodObject | undefined = complaintAction.options.find(
    (o) => o.shape.action.value === action,
  );
  if (!member) throw new Error(`No complaint action ${action}`);
  const body = member.omit({ action: true });
  // An action whose fields are all optional may be posted without a body.
  return body.safeParse({}).success ? body.nullish() : body;
}

export const workOrderParams = z.object({ id: z.uuid() });
export const listWorkOrdersQuery = z.object({
  department: z.enum(departments).optional(),
  state: z.enum(workOrderStates).optional(),
});
export const workOrderActionBodies = {
  claim: z.object({}).nullish(),
  reply: z.object({ text: text(2000) }),
  return: z.object({ reason: text(1000) }),
  supplement: z.object({ info: text(2000) }),
  resolve: z.object({}).nullish(),
} as const;
export type WorkOrderActionPath = keyof typeof workOrderActionBodies;

export const typicalCaseBody = z.object({
  title: text(100),
  summary: text(4000),
  lessons: text(4000),
  tags: z.array(z.string().trim().min(1).max(20)).max(10).default([]),
});
export const typicalCaseSchema = z.object({
  id: z.uuid(),
  complaintId: z.uuid(),
  category: z.string(),
  title: z.string(),
  summary: z.string(),
  lessons: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
});
export const listTypicalCasesQuery = z.object({
  q: z.string().max(60).optional(),
  tag: z.string().max(20).optional(),
});

export const slaQuery = z.object({
  from: isoDay(),
  to: isoDay(),
  by: z.enum(["week", "hall", "category"]).default("week"),
});
export const slaRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  onTime: z.number(),
  breached: z.number(),
});
