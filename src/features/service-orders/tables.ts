import { customType, foreignKey, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { keyedId, keyWith } from "../../core/ids.js";
import type { CustomerTier, ServiceOrderKind, ServiceOrderStatus } from "../customers/contract.js";
import { fieldCustomers } from "../customers/tables.js";

// Field CRM of rural agents (农村代理人员) and area managers (片区经理). Every table carries region_code
// (the area an agent or area manager is scoped to) so that scope checks and sharding need no join.
const ts = (name: string) => timestamp(name, { withTimezone: true });
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

// serviceOrder (上门装/移/修): data check, four notices, the customer's signature.
export const fieldServiceOrders = pgTable(
  "field_service_orders",
  {
    id: keyedId(),
    customerId: uuid("customer_id").notNull(),
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
  },
  (t) => [
    keyWith("field_service_orders", t.id, t.regionCode),
    foreignKey({
      name: "field_service_orders_customer_fk",
      columns: [t.customerId, t.regionCode],
      foreignColumns: [fieldCustomers.id, fieldCustomers.regionCode],
    }).onDelete("cascade"),
  ],
);
