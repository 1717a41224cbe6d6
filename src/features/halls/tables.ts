import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, keyedId, keyWith } from "../../core/ids.js";
import type { HallSettings, OpeningHours } from "./contract.js";

// R-HALL: 营业厅 — self-run 自营厅, cooperative 合作厅, outsourced 外包厅.
export const halls = pgTable(
  "halls",
  {
    id: idColumn(),
    name: text("name").notNull(),
    // Shown when a screen is in English; the Chinese name otherwise.
    nameEn: text("name_en"),
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

// The settings a hall inherits (issue 16): the operator's, then its region's, under the hall's own
// (halls.settings). One row per level: scope 'operator' or 'region:<code>'; any key left out is inherited.
export const settingsOverrides = pgTable("settings_overrides", {
  scope: text("scope").primaryKey(),
  settings: jsonb("settings").$type<HallSettings>().notNull().default({}),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// 台席: a counter and the business types it may serve.
export const counters = pgTable(
  "counters",
  {
    id: keyedId(),
    hallId: uuid("hall_id")
      .notNull()
      .references(() => halls.id),
    label: text("label").notNull(),
    labelEn: text("label_en"), // shown in English screens; the display still calls the window number aloud
    // The window number said aloud: "请A001号到3号窗口办理".
    number: integer("number").notNull(),
    businessTypes: text("business_types").array().notNull(),
    vip: boolean("vip").notNull().default(false),
    // 快速通道: an express counter calls the hall's quick business types (expressBusinessTypes) first.
    express: boolean("express").notNull().default(false),
    status: text("status").$type<"open" | "closed">().notNull().default("closed"),
    staffId: uuid("staff_id"),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    // 暂离: an open counter whose clerk has stepped away calls nothing until they are back.
    awaySince: timestamp("away_since", { withTimezone: true }),
    awayReason: text("away_reason"),
    active: boolean("active").notNull().default(true),
  },
  (t) => [keyWith("counters", t.id, t.hallId), index("counters_hall_idx").on(t.hallId)],
);

// Every time a clerk stepped away from an open counter (暂离), with the reason and for how long: the
// manual forbids leaving a post unrecorded (串岗/脱岗), and the hall's report sums it per person.
export const counterAwayPeriods = pgTable(
  "counter_away_periods",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    counterId: uuid("counter_id").notNull(),
    staffId: uuid("staff_id"),
    reason: text("reason").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    keyWith("counter_away_periods", t.id, t.hallId),
    foreignKey({
      name: "counter_away_periods_counter_fk",
      columns: [t.counterId, t.hallId],
      foreignColumns: [counters.id, counters.hallId],
    }),
    index("counter_away_periods_hall_idx").on(t.hallId, t.startedAt),
  ],
);

// Who held a counter when: each open, close and takeover (接管), with the person before and the one who
// acted, so a counter's work can be credited to the right person and a takeover is never silent.
export const counterHistory = pgTable(
  "counter_history",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    counterId: uuid("counter_id").notNull(),
    action: text("action").$type<"open" | "close" | "takeover">().notNull(),
    // The holder after the change (null after a close) and the one before it.
    staffId: uuid("staff_id"),
    previousStaffId: uuid("previous_staff_id"),
    actorId: uuid("actor_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    keyWith("counter_history", t.id, t.hallId),
    foreignKey({
      name: "counter_history_counter_fk",
      columns: [t.counterId, t.hallId],
      foreignColumns: [counters.id, counters.hallId],
    }),
    index("counter_history_counter_idx").on(t.counterId, t.at),
  ],
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
