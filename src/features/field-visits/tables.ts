import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { keyedId, keyWith } from "../../core/ids.js";
import type { OpportunityStage, Question, VisitKind, VisitPlanStatus } from "../customers/contract.js";
import { fieldCustomers } from "../customers/tables.js";

// Field CRM of rural agents (农村代理人员) and area managers (片区经理). Every table carries region_code
// (the area an agent or area manager is scoped to) so that scope checks and sharding need no join.
const ts = (name: string) => timestamp(name, { withTimezone: true });

// visitPlan (拜访预约): an appointment booked ahead; planned → done | cancelled.
export const fieldVisitPlans = pgTable(
  "field_visit_plans",
  {
    id: keyedId(),
    customerId: uuid("customer_id").notNull(),
    regionCode: text("region_code").notNull(),
    agentId: uuid("agent_id"),
    kind: text("kind").$type<VisitKind>().notNull(),
    plannedAt: ts("planned_at").notNull(),
    arriveBy: ts("arrive_by").notNull(),
    purpose: text("purpose"),
    warnings: text("warnings").array().notNull().default([]),
    status: text("status").$type<VisitPlanStatus>().notNull().default("planned"),
    visitRecordId: uuid("visit_record_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("field_visit_plans", t.id, t.regionCode),
    foreignKey({
      name: "field_visit_plans_customer_fk",
      columns: [t.customerId, t.regionCode],
      foreignColumns: [fieldCustomers.id, fieldCustomers.regionCode],
    }).onDelete("cascade"),
    index("field_visit_plans_agent_idx").on(t.agentId, t.plannedAt),
    // The reports' day of a region's visits due (issue 15).
    index("field_visit_plans_region_idx").on(t.regionCode, t.arriveBy),
  ],
);

// visitRecord (拜访记录, R-VISITLOG). client_id is the phone's own id: the idempotency key of an
// offline record, so a record re-sent after a dropped connection is stored once.
export const fieldVisitRecords = pgTable(
  "field_visit_records",
  {
    id: keyedId(),
    clientId: text("client_id"),
    customerId: uuid("customer_id").notNull(),
    regionCode: text("region_code").notNull(),
    agentId: uuid("agent_id"),
    planId: uuid("plan_id"),
    kind: text("kind").$type<VisitKind>().notNull(),
    at: ts("at").notNull(),
    purpose: text("purpose"),
    met: text("met"),
    notes: text("notes"),
    needs: text("needs"),
    questions: jsonb("questions").$type<Question[]>().notNull().default([]),
    // Open questions answered within 2 working days; the archive updated within 3 (RA 2.1.1).
    answersDueAt: ts("answers_due_at"),
    answeredAt: ts("answered_at"),
    answersReminded: boolean("answers_reminded").notNull().default(false),
    archiveDueAt: ts("archive_due_at").notNull(),
    archiveUpdatedAt: ts("archive_updated_at"),
    archiveReminded: boolean("archive_reminded").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("field_visit_records", t.id, t.regionCode),
    foreignKey({
      name: "field_visit_records_customer_fk",
      columns: [t.customerId, t.regionCode],
      foreignColumns: [fieldCustomers.id, fieldCustomers.regionCode],
    }).onDelete("cascade"),
    uniqueIndex("field_visit_records_client_id_unique").on(t.clientId, t.regionCode),
    index("field_visit_records_customer_idx").on(t.customerId, t.at),
    index("field_visit_records_agent_idx").on(t.agentId, t.at),
    // The region's compliance read (片区考核) filters by region.
    index("field_visit_records_region_idx").on(t.regionCode, t.at),
  ],
);

// Promises made on a visit (承诺), each with its due date.
export const fieldPromises = pgTable(
  "field_promises",
  {
    id: keyedId(),
    visitRecordId: uuid("visit_record_id").notNull(),
    customerId: uuid("customer_id").notNull(),
    regionCode: text("region_code").notNull(),
    agentId: uuid("agent_id"),
    text: text("text").notNull(),
    dueOn: date("due_on").notNull(),
    doneAt: ts("done_at"),
    reminded: boolean("reminded").notNull().default(false),
  },
  (t) => [
    keyWith("field_promises", t.id, t.regionCode),
    foreignKey({
      name: "field_promises_visit_record_fk",
      columns: [t.visitRecordId, t.regionCode],
      foreignColumns: [fieldVisitRecords.id, fieldVisitRecords.regionCode],
    }).onDelete("cascade"),
    index("field_promises_open_idx").on(t.regionCode, t.dueOn).where(sql`done_at IS NULL`),
  ],
);

// opportunity (商机), followed through stages to won/lost.
export const fieldOpportunities = pgTable(
  "field_opportunities",
  {
    id: keyedId(),
    customerId: uuid("customer_id").notNull(),
    regionCode: text("region_code").notNull(),
    agentId: uuid("agent_id"),
    visitRecordId: uuid("visit_record_id"),
    title: text("title").notNull(),
    product: text("product"),
    amount: numeric("amount", { precision: 14, scale: 2, mode: "number" }), // yuan
    stage: text("stage").$type<OpportunityStage>().notNull().default("new"),
    history: jsonb("history").$type<{ stage: OpportunityStage; at: string; note?: string }[]>().notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    closedAt: ts("closed_at"),
  },
  (t) => [
    keyWith("field_opportunities", t.id, t.regionCode),
    foreignKey({
      name: "field_opportunities_customer_fk",
      columns: [t.customerId, t.regionCode],
      foreignColumns: [fieldCustomers.id, fieldCustomers.regionCode],
    }).onDelete("cascade"),
    index("field_opportunities_region_idx").on(t.regionCode, t.stage),
  ],
);
