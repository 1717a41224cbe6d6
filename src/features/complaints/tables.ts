import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { keyedId, keyWith } from "../../core/ids.js";
import type { ClockKind, ComplaintState } from "./contract.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

// 投诉 / 申诉. 首问负责制: owner_id is whoever first received it, until a hand-over on record.
// The due_* columns are the one running SLA clock (rules.ts), recomputed from the history at each change.
export const complaints = pgTable(
  "complaints",
  {
    id: keyedId(),
    kind: text("kind").$type<"complaint" | "appeal">().notNull(),
    hallId: uuid("hall_id"),
    regionCode: text("region_code").notNull(),
    ticketId: uuid("ticket_id"),
    channel: text("channel").notNull(),
    customerName: text("customer_name").notNull(),
    customerPhone: text("customer_phone").notNull(),
    category: text("category").notNull(),
    severity: text("severity").$type<"normal" | "serious" | "major">().notNull(),
    keyCustomer: boolean("key_customer").notNull().default(false),
    description: text("description").notNull(),
    request: text("request").notNull(),
    state: text("state").$type<ComplaintState>().notNull(),
    // The state a paused complaint returns to when the customer or the third party answers.
    resumeState: text("resume_state").$type<ComplaintState>(),
    ownerId: uuid("owner_id").notNull(),
    recordedBy: uuid("recorded_by"),
    receivedAt: ts("received_at").notNull(),
    recordedAt: ts("recorded_at").notNull().defaultNow(),
    recordConfirmedAt: ts("record_confirmed_at"),
    firstReplyDueAt: ts("first_reply_due_at"),
    firstRepliedAt: ts("first_replied_at"),
    lastContactAt: ts("last_contact_at"),
    resolvedAt: ts("resolved_at"),
    callbackDueAt: ts("callback_due_at"),
    closedAt: ts("closed_at"),
    satisfaction: text("satisfaction").$type<"satisfied" | "dissatisfied">(),
    appeal: jsonb("appeal"),
    acceptedAt: ts("accepted_at"),
    materialsCompleteAt: ts("materials_complete_at"),
    dueKind: text("due_kind").$type<ClockKind>(),
    dueAt: ts("due_at"),
    warnAt: ts("warn_at"),
    escalationLevel: integer("escalation_level").notNull().default(0),
    customerEscalated: boolean("customer_escalated").notNull().default(false),
    breached: boolean("breached").notNull().default(false),
    breachCount: integer("breach_count").notNull().default(0),
    reopenCount: integer("reopen_count").notNull().default(0),
  },
  (t) => [
    keyWith("complaints", t.id, t.regionCode),
    index("complaints_hall_idx").on(t.hallId, t.receivedAt),
    index("complaints_region_idx").on(t.regionCode, t.receivedAt),
    index("complaints_owner_idx").on(t.ownerId),
    // The reports' day of a region's complaints, dated by their events (issue 15).
    index("complaints_region_replied_idx")
      .on(t.regionCode, t.firstRepliedAt)
      .where(sql`first_replied_at IS NOT NULL`),
    // R-PRIVACY retention: the closed complaints that still hold a phone number, oldest first.
    index("complaints_retention_idx").on(t.closedAt).where(sql`customer_phone <> ''`),
    index("complaints_region_resolved_idx")
      .on(t.regionCode, t.resolvedAt)
      .where(sql`resolved_at IS NOT NULL`),
    index("complaints_warn_idx").on(t.warnAt).where(sql`warn_at is not null`),
    // The lists' order (due first, undated last, newest received first), for keyset pages per scope.
    index("complaints_hall_list_idx").on(
      t.hallId,
      sql`coalesce(due_at, 'infinity')`,
      t.receivedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("complaints_region_list_idx").on(
      t.regionCode,
      sql`coalesce(due_at, 'infinity')`,
      t.receivedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // The breached list (?due=breached) in the same order: the few breached rows, not the region's history.
    index("complaints_region_breached_idx")
      .on(
        t.regionCode,
        sql`coalesce(due_at, 'infinity')`,
        t.receivedAt.desc().nullsFirst(),
        t.id.desc().nullsFirst(),
      )
      .where(sql`breached`),
  ],
);

// Every transition and act on a complaint and its work orders: who, when, from which state to which.
export const complaintHistory = pgTable(
  "complaint_history",
  {
    id: keyedId(),
    complaintId: uuid("complaint_id").notNull(),
    // The complaint's region, so its history lives with it (the distribution column, docs/scale.md).
    regionCode: text("region_code").notNull(),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    actorId: uuid("actor_id"),
    note: text("note"),
    data: jsonb("data"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("complaint_history", t.id, t.regionCode),
    foreignKey({
      name: "complaint_history_complaint_fk",
      columns: [t.complaintId, t.regionCode],
      foreignColumns: [complaints.id, complaints.regionCode],
    }),
    index("complaint_history_complaint_idx").on(t.complaintId, t.at),
  ],
);

// 工单 ("绿网" flow): a complaint sent to a back-office department's queue.
export const workOrders = pgTable(
  "work_orders",
  {
    id: keyedId(),
    complaintId: uuid("complaint_id").notNull(),
    hallId: uuid("hall_id"),
    regionCode: text("region_code").notNull(),
    department: text("department").notNull(),
    state: text("state").$type<"queued" | "claimed" | "returned" | "replied" | "resolved">().notNull(),
    brief: text("brief").notNull(),
    claimedBy: uuid("claimed_by"),
    // The customer-facing reply text, kept with the order.
    replyText: text("reply_text"),
    returnReason: text("return_reason"),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
    repliedAt: ts("replied_at"),
    resolvedAt: ts("resolved_at"),
  },
  (t) => [
    keyWith("work_orders", t.id, t.regionCode),
    foreignKey({
      name: "work_orders_complaint_fk",
      columns: [t.complaintId, t.regionCode],
      foreignColumns: [complaints.id, complaints.regionCode],
    }),
    index("work_orders_queue_idx").on(t.department, t.state),
    index("work_orders_complaint_idx").on(t.complaintId),
  ],
);

// Each warning and escalation of one clock's due time happens once: the unique index is the "once".
export const complaintAlerts = pgTable(
  "complaint_alerts",
  {
    id: keyedId(),
    complaintId: uuid("complaint_id").notNull(),
    regionCode: text("region_code").notNull(),
    clock: text("clock").$type<ClockKind>().notNull(),
    dueAt: ts("due_at").notNull(),
    level: text("level").$type<"warning" | "breach">().notNull(),
    escalatedTo: integer("escalated_to"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("complaint_alerts", t.id, t.regionCode),
    foreignKey({
      name: "complaint_alerts_complaint_fk",
      columns: [t.complaintId, t.regionCode],
      foreignColumns: [complaints.id, complaints.regionCode],
    }),
    uniqueIndex("complaint_alerts_once_uq").on(t.complaintId, t.clock, t.dueAt, t.level, t.regionCode),
    // The reports' day of overdue complaints (issue 15).
    index("complaint_alerts_breach_idx").on(t.at).where(sql`level = 'breach'`),
  ],
);

// Typical cases (典型案例) archived from closed complaints for training, without the customer's data.
export const typicalCases = pgTable(
  "typical_cases",
  {
    id: keyedId(),
    complaintId: uuid("complaint_id").notNull(),
    regionCode: text("region_code").notNull(),
    category: text("category").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    lessons: text("lessons").notNull(),
    tags: text("tags").array().notNull().default([]),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("typical_cases", t.id, t.regionCode),
    foreignKey({
      name: "typical_cases_complaint_fk",
      columns: [t.complaintId, t.regionCode],
      foreignColumns: [complaints.id, complaints.regionCode],
    }),
    uniqueIndex("typical_cases_complaint_id_unique").on(t.complaintId, t.regionCode),
    index("typical_cases_category_idx").on(t.category),
  ],
);

// R-CMP-SLA limits per operator and category ('*' is the default row); rules.ts holds the defaults.
export const complaintLimits = pgTable("complaint_limits", {
  category: text("category").primaryKey(),
  firstReplyHours: integer("first_reply_hours").notNull(),
  progressHours: integer("progress_hours").notNull(),
  callbackWorkingDays: integer("callback_working_days").notNull(),
  pausedStates: text("paused_states").array().notNull(),
  workingHoursOnly: boolean("working_hours_only").notNull().default(false),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
