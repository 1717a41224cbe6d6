import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { keyedId, keyWith } from "../../core/ids.js";
import type { BlindSpotStatus } from "../customers/contract.js";

// Field CRM of rural agents (农村代理人员) and area managers (片区经理). Every table carries region_code
// (the area an agent or area manager is scoped to) so that scope checks and sharding need no join.
const ts = (name: string) => timestamp(name, { withTimezone: true });

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
    id: keyedId(),
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
  (t) => [
    keyWith("field_blind_spots", t.id, t.regionCode),
    index("field_blind_spots_region_idx").on(t.regionCode, t.village),
  ],
);
