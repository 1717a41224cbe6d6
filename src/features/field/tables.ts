import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  BlindSpotStatus,
  CustomerTier,
  GreetingOccasion,
  OpportunityStage,
  Product,
  Question,
  ServiceOrderKind,
  ServiceOrderStatus,
  VisitKind,
  VisitPlanStatus,
} from "./contract.js";

// Field CRM of rural agents (农村代理人员) and area managers (片区经理). Every table carries region_code
// (the area an agent or area manager is scoped to) so that scope checks and sharding need no join.
const ts = (name: string) => timestamp(name, { withTimezone: true });
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

// customer (客户档案, R-CUST): 政企 gov_enterprise, 重要客户 key, 家庭/个人 household.
export const fieldCustomers = pgTable(
  "field_customers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    town: text("town"), // 场镇
    village: text("village"), // 行政村
    name: text("name").notNull(),
    tier: text("tier").$type<CustomerTier>().notNull(),
    address: text("address"),
    phone: text("phone"),
    products: jsonb("products").$type<Product[]>().notNull().default([]),
    agentId: uuid("agent_id"),
    managerId: uuid("manager_id"),
    notes: text("notes"),
    nextInPersonVisitDueAt: ts("next_in_person_visit_due_at"),
    nextPhoneVisitDueAt: ts("next_phone_visit_due_at"),
    lastInPersonVisitAt: ts("last_in_person_visit_at"),
    lastPhoneVisitAt: ts("last_phone_visit_at"),
    // The due date already announced as overdue, so a sweep flags each lapse once.
    inPersonOverdueNoticeFor: ts("in_person_overdue_notice_for"),
    phoneOverdueNoticeFor: ts("phone_overdue_notice_for"),
    archiveUpdatedAt: ts("archive_updated_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("field_customers_region_idx").on(t.regionCode, t.town, t.village),
    index("field_customers_agent_idx").on(t.agentId),
    index("field_customers_in_person_due_idx").on(t.nextInPersonVisitDueAt),
    index("field_customers_phone_due_idx").on(t.nextPhoneVisitDueAt),
  ],
);

// Contacts and decision-makers (决策人) with birthdays "MM-DD" for greetings.
export const fieldContacts = pgTable(
  "field_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => fieldCustomers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    title: text("title"),
    phone: text("phone"),
    birthday: text("birthday"),
    decisionMaker: boolean("decision_maker").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("field_contacts_customer_idx").on(t.customerId)],
);

// contract (协议) with end-date reminders, default 60 and 30 days before (R-OPP).
export const fieldContracts = pgTable(
  "field_contracts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => fieldCustomers.id, { onDelete: "cascade" }),
    regionCode: text("region_code").notNull(),
    title: text("title").notNull(),
    terms: text("terms"),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    reminderDays: integer("reminder_days").array().notNull().default(sql`'{60,30}'::integer[]`),
    // The reminders already sent (days before the end), so each goes out once.
    remindedDays: integer("reminded_days").array().notNull().default(sql`'{}'::integer[]`),
    status: text("status").$type<"active" | "renewed" | "ended">().notNull().default("active"),
    renewedById: uuid("renewed_by_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("field_contracts_ends_idx").on(t.regionCode, t.endsOn)],
);

// Visit cadence per tier (R-VISITPLAN), editable by an area manager; null = as needed.
export const fieldCadence = pgTable("field_cadence", {
  tier: text("tier").$type<CustomerTier>().primaryKey(),
  inPersonDays: integer("in_person_days"),
  phoneDays: integer("phone_days"),
});

// visitPlan (拜访预约): an appointment booked ahead; planned → done | cancelled.
export const fieldVisitPlans = pgTable(
  "field_visit_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => fieldCustomers.id, { onDelete: "cascade" }),
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
  (t) => [index("field_visit_plans_agent_idx").on(t.agentId, t.plannedAt)],
);

// visitRecord (拜访记录, R-VISITLOG). client_id is the phone's own id: the idempotency key of an
// offline record, so a record re-sent after a dropped connection is stored once.
export const fieldVisitRecords = pgTable(
  "field_visit_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: text("client_id").unique(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => fieldCustomers.id, { onDelete: "cascade" }),
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
    index("field_visit_records_customer_idx").on(t.customerId, t.at),
    index("field_visit_records_agent_idx").on(t.agentId, t.at),
  ],
);

// Promises made on a visit (承诺), each with its due date.
export const fieldPromises = pgTable(
  "field_promises",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    visitRecordId: uuid("visit_record_id")
      .notNull()
      .references(() => fieldVisitRecords.id, { onDelete: "cascade" }),
    customerId: uuid("customer_id").notNull(),
    regionCode: text("region_code").notNull(),
    agentId: uuid("agent_id"),
    text: text("text").notNull(),
    dueOn: date("due_on").notNull(),
    doneAt: ts("done_at"),
    reminded: boolean("reminded").notNull().default(false),
  },
  (t) => [index("field_promises_open_idx").on(t.regionCode, t.dueOn).where(sql`done_at IS NULL`)],
);

// serviceOrder (上门装/移/修): data check, four notices, the customer's signature.
export const fieldServiceOrders = pgTable("field_service_orders", {
  id: uuid("id").primaryKey().defaultRandom(),
  customerId: uuid("customer_id")
    .notNull()
    .references(() => fieldCustomers.id, { onDelete: "cascade" }),
  regionCode: text("region_code").notNull(),
  agentId: uuid("agent_id"),
  kind: text("kind").$type<ServiceOrderKind>().notNull(),
  orderName: text("order_name").notNull(),
  orderAddress: text("order_address").notNull(),
  orderTier: text("order_tier").$type<CustomerTier>().notNull(),
  status: text("status").$type<ServiceOrderStatus>().notNull().default("open"),
  mismatches: jsonb("mismatches").$type<string[]>().notNull().default([]),
  noticesTold: text("notices_told").array().notNull().default([]),
  signatureForm: text("signature_form").$type<"work_sheet" | "quality_form">(),
  signature: bytea("signature"),
  signedAt: ts("signed_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

// greeting (节日关怀): one row per greeted person, occasion and year.
export const fieldGreetings = pgTable(
  "field_greetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => fieldCustomers.id, { onDelete: "cascade" }),
    // "" for the customer itself, so the unique index treats it as one value.
    contactKey: text("contact_key").notNull().default(""),
    occasion: text("occasion").$type<GreetingOccasion>().notNull(),
    year: integer("year").notNull(),
    channel: text("channel").$type<"sms" | "phone" | "visit">().notNull(),
    agentId: uuid("agent_id"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("field_greetings_uq").on(t.customerId, t.contactKey, t.occasion, t.year)],
);

// opportunity (商机), followed through stages to won/lost.
export const fieldOpportunities = pgTable(
  "field_opportunities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => fieldCustomers.id, { onDelete: "cascade" }),
    regionCode: text("region_code").notNull(),
    agentId: uuid("agent_id"),
    visitRecordId: uuid("visit_record_id"),
    title: text("title").notNull(),
    product: text("product"),
    estimatedValue: integer("estimated_value"),
    stage: text("stage").$type<OpportunityStage>().notNull().default("new"),
    history: jsonb("history").$type<{ stage: OpportunityStage; at: string; note?: string }[]>().notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    closedAt: ts("closed_at"),
  },
  (t) => [index("field_opportunities_region_idx").on(t.regionCode, t.stage)],
);

// Information gathering (信息收集) per town and village (R-INTEL).
export const fieldVillages = pgTable(
  "field_villages",
  {
    regionCode: text("region_code").notNull(),
    town: text("town").notNull(),
    village: text("village").notNull(),
    population: integer("population"),
    households: integer("households"),
    ourProducts: text("our_products"),
    competitorProducts: text("competitor_products"),
    channels: text("channels"),
    competitorPrices: text("competitor_prices"),
    competitorTactics: text("competitor_tactics"),
    updatedBy: uuid("updated_by"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.town, t.village] })],
);

// blindSpot (网络盲点): a customer's report of no or weak signal, forwarded to the network department.
export const fieldBlindSpots = pgTable(
  "field_blind_spots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    regionCode: text("region_code").notNull(),
    town: text("town"),
    village: text("village").notNull(),
    place: text("place").notNull(),
    kind: text("kind").$type<"no_signal" | "weak_signal">().notNull(),
    description: text("description"),
    customerId: uuid("customer_id"),
    reportedBy: uuid("reported_by"),
    status: text("status").$type<BlindSpotStatus>().notNull().default("reported"),
    forwardedAt: ts("forwarded_at"),
    answer: text("answer"),
    answeredAt: ts("answered_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("field_blind_spots_region_idx").on(t.regionCode, t.village)],
);
