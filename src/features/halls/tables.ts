import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import type { HallSettings, OpeningHours } from "./contract.js";

// R-HALL: 营业厅 — self-run 自营厅, cooperative 合作厅, outsourced 外包厅.
export const halls = pgTable(
  "halls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    type: text("type").$type<"self_run" | "cooperative" | "outsourced">().notNull(),
    regionCode: text("region_code").notNull(),
    openingHours: jsonb("opening_hours").$type<OpeningHours>().notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    settings: jsonb("settings").$type<HallSettings>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("halls_region_idx").on(t.regionCode)],
);

// 台席: a counter and the business types it may serve.
export const counters = pgTable(
  "counters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hallId: uuid("hall_id")
      .notNull()
      .references(() => halls.id),
    label: text("label").notNull(),
    // The window number said aloud: "请A001号到3号窗口办理".
    number: integer("number").notNull(),
    businessTypes: text("business_types").array().notNull(),
    vip: boolean("vip").notNull().default(false),
    status: text("status").$type<"open" | "closed">().notNull().default("closed"),
    staffId: uuid("staff_id"),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    active: boolean("active").notNull().default(true),
  },
  (t) => [index("counters_hall_idx").on(t.hallId)],
);

// R-CATALOG: 业务类型 with handling limits (HM ch.8) and the hall types that may not perform it (HM ch.6).
export const businessTypes = pgTable("business_types", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  prefix: text("prefix").notNull().unique(),
  handlingLimitSeconds: integer("handling_limit_seconds").notNull(),
  waitLimitSeconds: integer("wait_limit_seconds").notNull().default(600),
  forbiddenHallTypes: text("forbidden_hall_types").array().notNull().default([]),
  divertChannels: text("divert_channels").array().notNull().default([]),
  icon: text("icon").notNull().default(""),
  sortOrder: integer("sort_order").notNull().default(0),
  active: boolean("active").notNull().default(true),
});
