import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  doublePrecision,
  foreignKey,
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
import { keyedId, keyWith } from "../../core/ids.js";
import type { Availability, DayRequirement, RosterCheck } from "./roster-contract.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

// 排班 (R-ROSTER). Every table carries hall_id (the sharding key, ARCHITECTURE.md). Halls and users are
// other features' tables: referenced by id only.

/** A person a hall may roster: their skills (business types, VIP), contract and weekly availability. */
export const staffMembers = pgTable(
  "staff_members",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    // The sign-in account that sees these shifts on the phone (GET /api/staffing/my-shifts).
    userId: uuid("user_id"),
    name: text("name").notNull(),
    skills: text("skills").array().notNull().default([]),
    vip: boolean("vip").notNull().default(false),
    contractMinutesPerWeek: integer("contract_minutes_per_week").notNull(),
    availability: jsonb("availability").$type<Availability>().notNull().default([]),
    active: boolean("active").notNull().default(true),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("staff_members", t.id, t.hallId),
    index("staff_members_hall_idx").on(t.hallId),
    uniqueIndex("staff_members_user_uq").on(t.hallId, t.userId).where(sql`user_id IS NOT NULL`),
  ],
);

/** 请假 / 病假: days a person cannot be rostered. */
export const staffAbsences = pgTable(
  "staff_absences",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    staffId: uuid("staff_id").notNull(),
    kind: text("kind").$type<"leave" | "sick">().notNull(),
    fromDate: date("from_date").notNull(),
    toDate: date("to_date").notNull(),
    note: text("note"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("staff_absences", t.id, t.hallId),
    foreignKey({
      name: "staff_absences_staff_fk",
      columns: [t.staffId, t.hallId],
      foreignColumns: [staffMembers.id, staffMembers.hallId],
    }).onDelete("cascade"),
    index("staff_absences_staff_idx").on(t.staffId, t.fromDate),
  ],
);

/** A hall's shift templates: the shapes the optimiser builds a week from. */
export const shiftTemplates = pgTable(
  "shift_templates",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    name: text("name").notNull(),
    startMinute: integer("start_minute").notNull(),
    lengthMinutes: integer("length_minutes").notNull(),
  },
  (t) => [keyWith("shift_templates", t.id, t.hallId), index("shift_templates_hall_idx").on(t.hallId)],
);

/** The manager's own figure for a half hour and business type, in place of the forecast's. */
export const forecastOverrides = pgTable(
  "forecast_overrides",
  {
    hallId: uuid("hall_id").notNull(),
    date: date("date").notNull(),
    startMinute: integer("start_minute").notNull(),
    businessType: text("business_type").notNull(),
    arrivals: integer("arrivals").notNull(),
    updatedBy: uuid("updated_by"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.hallId, t.date, t.startMinute, t.businessType] })],
);

/** One week's roster of a hall: a draft until published to the staff. */
export const rosters = pgTable(
  "rosters",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    weekStart: date("week_start").notNull(),
    state: text("state").$type<"draft" | "published">().notNull().default("draft"),
    // Counters needed per day and half hour (the plans the roster covers), from opensAt.
    requirements: jsonb("requirements").$type<DayRequirement[]>().notNull(),
    // The targets the roster is held to (R-TIME: 10 minutes for 90 % by default) and the rest it keeps.
    targetWaitSeconds: integer("target_wait_seconds").notNull(),
    targetServiceLevel: doublePrecision("target_service_level").notNull(),
    minRestMinutes: integer("min_rest_minutes").notNull(),
    staffMinutes: integer("staff_minutes").notNull(),
    lowerBoundMinutes: integer("lower_bound_minutes").notNull(),
    optimal: boolean("optimal").notNull(),
    check: jsonb("check").$type<RosterCheck>().notNull(),
    version: integer("version").notNull().default(1),
    publishedAt: ts("published_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [keyWith("rosters", t.id, t.hallId), uniqueIndex("rosters_hall_week_uq").on(t.hallId, t.weekStart)],
);

/** A named person on a shift on a day. */
export const rosterShifts = pgTable(
  "roster_shifts",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    rosterId: uuid("roster_id").notNull(),
    staffId: uuid("staff_id").notNull(),
    date: date("date").notNull(),
    startMinute: integer("start_minute").notNull(),
    lengthMinutes: integer("length_minutes").notNull(),
    templateId: uuid("template_id"),
  },
  (t) => [
    keyWith("roster_shifts", t.id, t.hallId),
    foreignKey({
      name: "roster_shifts_roster_fk",
      columns: [t.rosterId, t.hallId],
      foreignColumns: [rosters.id, rosters.hallId],
    }).onDelete("cascade"),
    foreignKey({
      name: "roster_shifts_staff_fk",
      columns: [t.staffId, t.hallId],
      foreignColumns: [staffMembers.id, staffMembers.hallId],
    }).onDelete("cascade"),
    index("roster_shifts_roster_idx").on(t.rosterId, t.date),
    index("roster_shifts_staff_idx").on(t.staffId, t.date),
    // One shift a day per person.
    uniqueIndex("roster_shifts_staff_day_uq").on(t.rosterId, t.staffId, t.date, t.hallId),
  ],
);

/** 换班: one person asks another to take a shift; the manager approves (the shift changes hands). */
export const shiftSwaps = pgTable(
  "shift_swaps",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    shiftId: uuid("shift_id").notNull(),
    fromStaffId: uuid("from_staff_id").notNull(),
    toStaffId: uuid("to_staff_id").notNull(),
    state: text("state").$type<"requested" | "approved" | "rejected">().notNull().default("requested"),
    requestedAt: ts("requested_at").notNull().defaultNow(),
    decidedAt: ts("decided_at"),
    decidedBy: uuid("decided_by"),
  },
  (t) => [
    keyWith("shift_swaps", t.id, t.hallId),
    foreignKey({
      name: "shift_swaps_shift_fk",
      columns: [t.shiftId, t.hallId],
      foreignColumns: [rosterShifts.id, rosterShifts.hallId],
    }).onDelete("cascade"),
    index("shift_swaps_hall_idx").on(t.hallId, t.state),
  ],
);
