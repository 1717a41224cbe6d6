import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { keyedId, keyWith } from "../../core/ids.js";
import type { FaultState } from "./contract.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

// 故障: the clocks are columns (R-FAULT): report to 10000 within 5 minutes, a key customer told of
// progress within 30 minutes, the repair limit by service; all 24×7.
export const faults = pgTable(
  "faults",
  {
    id: keyedId(),
    hallId: uuid("hall_id"),
    regionCode: text("region_code").notNull(),
    ownerId: uuid("owner_id").notNull(),
    customerName: text("customer_name").notNull(),
    customerPhone: text("customer_phone").notNull(),
    address: text("address").notNull().default(""),
    service: text("service").$type<"fixed_line" | "broadband" | "mobile">().notNull(),
    symptom: text("symptom").notNull(),
    keyCustomer: boolean("key_customer").notNull().default(false),
    major: boolean("major").notNull().default(false),
    state: text("state").$type<FaultState>().notNull(),
    recordedAt: ts("recorded_at").notNull().defaultNow(),
    agreedRepairAt: ts("agreed_repair_at"),
    reportDueAt: ts("report_due_at").notNull(),
    reportedAt: ts("reported_at"),
    reportReference: text("report_reference"),
    reportLate: boolean("report_late").notNull().default(false),
    progressDueAt: ts("progress_due_at"),
    progressContactedAt: ts("progress_contacted_at"),
    progressLate: boolean("progress_late").notNull().default(false),
    repairDueAt: ts("repair_due_at").notNull(),
    repairedAt: ts("repaired_at"),
    repairBreached: boolean("repair_breached").notNull().default(false),
    confirmedAt: ts("confirmed_at"),
    confirmedBy: text("confirmed_by"),
    confirmMethod: text("confirm_method"),
    closedAt: ts("closed_at"),
    satisfaction: text("satisfaction").$type<"satisfied" | "dissatisfied">(),
    callbackNote: text("callback_note"),
  },
  (t) => [
    keyWith("faults", t.id, t.regionCode),
    index("faults_region_idx").on(t.regionCode, t.recordedAt),
    index("faults_owner_idx").on(t.ownerId),
    // The reports' day of a region's faults, dated by their events (issue 15).
    index("faults_region_reported_idx").on(t.regionCode, t.reportedAt).where(sql`reported_at IS NOT NULL`),
    // R-PRIVACY retention: the closed faults that still hold a phone number, oldest first.
    index("faults_retention_idx").on(t.closedAt).where(sql`customer_phone <> ''`),
    index("faults_region_closed_idx").on(t.regionCode, t.closedAt).where(sql`closed_at IS NOT NULL`),
    // The clocks' sweep reads the faults still running, not every fault ever recorded.
    index("faults_running_idx").on(t.recordedAt).where(sql`state IN ('recorded', 'reported', 'repaired')`),
  ],
);

export const faultHistory = pgTable(
  "fault_history",
  {
    id: keyedId(),
    faultId: uuid("fault_id").notNull(),
    // The fault's region, so its history lives with it (the distribution column, docs/scale.md).
    regionCode: text("region_code").notNull(),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    actorId: uuid("actor_id"),
    note: text("note"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("fault_history", t.id, t.regionCode),
    foreignKey({
      name: "fault_history_fault_fk",
      columns: [t.faultId, t.regionCode],
      foreignColumns: [faults.id, faults.regionCode],
    }),
    index("fault_history_fault_idx").on(t.faultId, t.at),
  ],
);

// Each warning and escalation of a fault's clock happens once.
export const faultAlerts = pgTable(
  "fault_alerts",
  {
    id: keyedId(),
    faultId: uuid("fault_id").notNull(),
    regionCode: text("region_code").notNull(),
    clock: text("clock").$type<"report" | "progress" | "repair" | "major">().notNull(),
    level: text("level").$type<"warning" | "breach">().notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("fault_alerts", t.id, t.regionCode),
    foreignKey({
      name: "fault_alerts_fault_fk",
      columns: [t.faultId, t.regionCode],
      foreignColumns: [faults.id, faults.regionCode],
    }),
    uniqueIndex("fault_alerts_once_uq").on(t.faultId, t.clock, t.level, t.regionCode),
  ],
);
