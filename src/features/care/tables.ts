import { foreignKey, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { keyedId, keyWith } from "../../core/ids.js";
import type { GreetingOccasion } from "../customers/contract.js";
import { fieldCustomers } from "../customers/tables.js";

// Field CRM of rural agents (农村代理人员) and area managers (片区经理). Every table carries region_code
// (the area an agent or area manager is scoped to) so that scope checks and sharding need no join.
const ts = (name: string) => timestamp(name, { withTimezone: true });

// greeting (节日关怀): one row per greeted person, occasion and year.
export const fieldGreetings = pgTable(
  "field_greetings",
  {
    id: keyedId(),
    customerId: uuid("customer_id").notNull(),
    // The customer's area (the distribution column, docs/scale.md).
    regionCode: text("region_code").notNull(),
    // "" for the customer itself, so the unique index treats it as one value.
    contactKey: text("contact_key").notNull().default(""),
    occasion: text("occasion").$type<GreetingOccasion>().notNull(),
    year: integer("year").notNull(),
    channel: text("channel").$type<"sms" | "phone" | "visit">().notNull(),
    agentId: uuid("agent_id"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("field_greetings", t.id, t.regionCode),
    foreignKey({
      name: "field_greetings_customer_fk",
      columns: [t.customerId, t.regionCode],
      foreignColumns: [fieldCustomers.id, fieldCustomers.regionCode],
    }).onDelete("cascade"),
    uniqueIndex("field_greetings_uq").on(t.customerId, t.contactKey, t.occasion, t.year, t.regionCode),
  ],
);
