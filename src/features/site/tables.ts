import { sql } from "drizzle-orm";
import {
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { keyedId, keyWith } from "../../core/ids.js";
import type { IncidentClosure, IncidentKind, IncidentState, JudgedItem, SiteTaskState } from "./contract.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

// R-SITE: a hall's opening check (营业前检查), its items as judged. Distributed by hall (docs/scale.md).
export const siteChecks = pgTable(
  "site_checks",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    serviceDate: date("service_date").notNull(),
    at: ts("at").notNull(),
    by: uuid("by"),
    items: jsonb("items").$type<JudgedItem[]>().notNull(),
    failed: integer("failed").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [keyWith("site_checks", t.id, t.hallId), index("site_checks_hall_idx").on(t.hallId, t.at)],
);

// What a failed item (or a device gone silent) asks of someone, tracked to done.
export const siteTasks = pgTable(
  "site_tasks",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    checkId: uuid("check_id"),
    item: text("item").notNull(),
    deviceId: uuid("device_id"),
    title: text("title").notNull(),
    ownerId: uuid("owner_id").notNull(),
    dueAt: ts("due_at").notNull(),
    state: text("state").$type<SiteTaskState>().notNull().default("open"),
    createdAt: ts("created_at").notNull().defaultNow(),
    doneAt: ts("done_at"),
    doneBy: uuid("done_by"),
    doneNote: text("done_note"),
  },
  (t) => [
    keyWith("site_tasks", t.id, t.hallId),
    foreignKey({
      name: "site_tasks_check_fk",
      columns: [t.checkId, t.hallId],
      foreignColumns: [siteChecks.id, siteChecks.hallId],
    }),
    index("site_tasks_hall_idx").on(t.hallId, t.state, t.dueAt),
    // One open task per silent device: the sweep raises it once, and closes it when the device is back.
    uniqueIndex("site_tasks_open_device_uq")
      .on(t.deviceId, t.hallId)
      .where(sql`state = 'open' AND device_id IS NOT NULL`),
  ],
);

// 突发事件: an emergency in a hall, its people, who was told, and how it was closed.
export const incidents = pgTable(
  "incidents",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    kind: text("kind").$type<IncidentKind>().notNull(),
    severity: text("severity").$type<"ordinary" | "serious">().notNull(),
    occurredAt: ts("occurred_at").notNull(),
    summary: text("summary").notNull(),
    people: jsonb("people").$type<{ name: string; role: string; note?: string }[]>().notNull(),
    state: text("state").$type<IncidentState>().notNull().default("open"),
    policeNotifiedAt: ts("police_notified_at"),
    policeReference: text("police_reference"),
    securityNotifiedAt: ts("security_notified_at"),
    securityReference: text("security_reference"),
    faultId: uuid("fault_id"),
    closure: jsonb("closure").$type<IncidentClosure>(),
    closedAt: ts("closed_at"),
    closedBy: uuid("closed_by"),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [keyWith("incidents", t.id, t.hallId), index("incidents_hall_idx").on(t.hallId, t.occurredAt)],
);

// The time line of an incident: what happened and was done, in order.
export const incidentEntries = pgTable(
  "incident_entries",
  {
    id: keyedId(),
    incidentId: uuid("incident_id").notNull(),
    hallId: uuid("hall_id").notNull(),
    at: ts("at").notNull(),
    kind: text("kind").$type<"opened" | "action" | "note" | "notified" | "closed">().notNull(),
    text: text("text").notNull(),
    by: uuid("by"),
  },
  (t) => [
    keyWith("incident_entries", t.id, t.hallId),
    foreignKey({
      name: "incident_entries_incident_fk",
      columns: [t.incidentId, t.hallId],
      foreignColumns: [incidents.id, incidents.hallId],
    }),
    index("incident_entries_incident_idx").on(t.incidentId, t.at),
  ],
);
