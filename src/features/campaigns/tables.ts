import { date, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { idColumn } from "../../core/ids.js";
import type { CampaignProduct, CampaignState, FaqEntry } from "./contract.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

// R-CAMPAIGN (营销活动日历): a campaign in force in some halls for a period, with what the counters say
// about it. A few hundred rows a year for the whole operator, read by every counter: a reference table
// (docs/scale.md). Its scope is a list of halls, a region, or (both null) the whole operator.
export const campaigns = pgTable(
  "campaigns",
  {
    id: idColumn(),
    name: text("name").notNull(),
    fromDate: date("from_date").notNull(),
    toDate: date("to_date").notNull(),
    hallIds: uuid("hall_ids").array(),
    regionCode: text("region_code"),
    // The business the points are for (empty: every customer at the counter).
    businessTypes: text("business_types").array().notNull().default([]),
    talkingPoints: jsonb("talking_points").$type<string[]>().notNull(),
    faq: jsonb("faq").$type<FaqEntry[]>().notNull(),
    products: jsonb("products").$type<CampaignProduct[]>().notNull(),
    state: text("state").$type<CampaignState>().notNull().default("draft"),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    approvedBy: uuid("approved_by"),
    approvedAt: ts("approved_at"),
    withdrawnAt: ts("withdrawn_at"),
  },
  (t) => [index("campaigns_period_idx").on(t.toDate, t.fromDate)],
);
