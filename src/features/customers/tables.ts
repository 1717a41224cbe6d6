import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { keyedId, keyWith } from "../../core/ids.js";
import type { CustomerTier, Product } from "./contract.js";

// Field CRM of rural agents (农村代理人员) and area managers (片区经理). Every table carries region_code
// (the area an agent or area manager is scoped to) so that scope checks and sharding need no join.
const ts = (name: string) => timestamp(name, { withTimezone: true });

// customer (客户档案, R-CUST): 政企 gov_enterprise, 重要客户 key, 家庭/个人 household.
export const fieldCustomers = pgTable(
  "field_customers",
  {
    id: keyedId(),
    regionCode: text("region_code").notNull(),
    town: text("town"), // 场镇
    village: text("village"), // 行政村
    name: text("name").notNull(),
    tier: text("tier").$type<CustomerTier>().notNull(),
    address: text("address"),
    phone: text("phone"),
    // 居民身份证号 of a personal customer (household), masked everywhere it is shown (R-PRIVACY).
    idNumber: text("id_number"),
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
    keyWith("field_customers", t.id, t.regionCode),
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
    id: keyedId(),
    customerId: uuid("customer_id").notNull(),
    // The customer's area, so a customer's contacts live with it (the distribution column, docs/scale.md).
    regionCode: text("region_code").notNull(),
    name: text("name").notNull(),
    title: text("title"),
    phone: text("phone"),
    birthday: text("birthday"),
    decisionMaker: boolean("decision_maker").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("field_contacts", t.id, t.regionCode),
    foreignKey({
      name: "field_contacts_customer_fk",
      columns: [t.customerId, t.regionCode],
      foreignColumns: [fieldCustomers.id, fieldCustomers.regionCode],
    }).onDelete("cascade"),
    index("field_contacts_customer_idx").on(t.customerId),
  ],
);

// contract (协议) with end-date reminders, default 60 and 30 days before (R-OPP).
export const fieldContracts = pgTable(
  "field_contracts",
  {
    id: keyedId(),
    customerId: uuid("customer_id").notNull(),
    regionCode: text("region_code").notNull(),
    title: text("title").notNull(),
    product: text("product"),
    amount: numeric("amount", { precision: 14, scale: 2, mode: "number" }), // yuan
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
  (t) => [
    keyWith("field_contracts", t.id, t.regionCode),
    foreignKey({
      name: "field_contracts_customer_fk",
      columns: [t.customerId, t.regionCode],
      foreignColumns: [fieldCustomers.id, fieldCustomers.regionCode],
    }).onDelete("cascade"),
    index("field_contracts_ends_idx").on(t.regionCode, t.endsOn),
  ],
);

// Visit cadence per tier (R-VISITPLAN), editable by an area manager; null = as needed.
export const fieldCadence = pgTable("field_cadence", {
  tier: text("tier").$type<CustomerTier>().primaryKey(),
  inPersonDays: integer("in_person_days"),
  phoneDays: integer("phone_days"),
});
