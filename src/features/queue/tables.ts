import { sql } from "drizzle-orm";
import {
  boolean,
  date,
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
import { counters, halls } from "../halls/tables.js";
import type { TicketStatus } from "./contract.js";

// A journey (到厅) is one customer's way through the hall's blueprint nodes Z1–Z9 (R-VISIT). In code it is
// a journey, as "visit" is an agent's call on a customer (field-visits); the tables, the routes
// (…/visits, …/visit-nodes), the `visitId` fields and the `visit.node` event keep the old word, so stored
// rows, the API and the web's generated types stay as they are.
export const journeys = pgTable(
  "visits",
  {
    id: keyedId(),
    hallId: uuid("hall_id")
      .notNull()
      .references(() => halls.id),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
    greetingBreached: boolean("greeting_breached").notNull().default(false),
    // When someone greeted the customer (the first Z1); null until then.
    greetedAt: timestamp("greeted_at", { withTimezone: true }),
  },
  (t) => [
    keyWith("visits", t.id, t.hallId),
    index("visits_hall_idx").on(t.hallId, t.enteredAt),
    // The greeting sweep's work: visits nobody has greeted yet and not yet breached (a row leaves the index
    // when it is greeted or breached, so the sweep reads only what waits for a greeting).
    index("visits_ungreeted_idx").on(t.enteredAt).where(sql`greeted_at IS NULL AND NOT greeting_breached`),
  ],
);

export const journeyNodes = pgTable(
  "visit_nodes",
  {
    id: keyedId(),
    visitId: uuid("visit_id").notNull(),
    hallId: uuid("hall_id").notNull(),
    node: text("node").notNull(),
    ticketId: uuid("ticket_id"),
    actorId: uuid("actor_id"),
    note: text("note"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    keyWith("visit_nodes", t.id, t.hallId),
    foreignKey({
      name: "visit_nodes_visit_fk",
      columns: [t.visitId, t.hallId],
      foreignColumns: [journeys.id, journeys.hallId],
    }),
    index("visit_nodes_visit_idx").on(t.visitId, t.at),
    // A floor screen finds its own reception in progress after a reload: its actor's latest nodes.
    index("visit_nodes_actor_idx").on(t.actorId, t.at),
  ],
);

// 排队票: one ticket from issue to its final state. queue_at is its place in line: the issue time,
// kept on transfer, a slot start for appointments, set a few places back for a returning no-show.
export const tickets = pgTable(
  "tickets",
  {
    id: keyedId(),
    hallId: uuid("hall_id")
      .notNull()
      .references(() => halls.id),
    visitId: uuid("visit_id").notNull(),
    serviceDate: date("service_date").notNull(),
    prefix: text("prefix").notNull(),
    seq: integer("seq").notNull(),
    number: text("number").notNull(),
    businessType: text("business_type").notNull(),
    vip: boolean("vip").notNull().default(false),
    channel: text("channel").$type<"kiosk" | "remote" | "appointment" | "staff">().notNull(),
    phone: text("phone"),
    status: text("status").$type<TicketStatus>().notNull().default("waiting"),
    queueAt: timestamp("queue_at", { withTimezone: true }).notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    counterId: uuid("counter_id"),
    counterNumber: integer("counter_number"),
    staffId: uuid("staff_id"),
    targetCounterId: uuid("target_counter_id"),
    calledAt: timestamp("called_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    recallCount: integer("recall_count").notNull().default(0),
    calledOutOfOrder: boolean("called_out_of_order").notNull().default(false),
    outcome: text("outcome"),
    recommended: text("recommended").array().notNull().default([]),
    accepted: text("accepted").array().notNull().default([]),
    divertChannel: text("divert_channel"),
    waitSeconds: integer("wait_seconds"),
    handlingSeconds: integer("handling_seconds"),
    // The limits in force when the ticket was issued (R-TIME), so a later catalog edit does not rewrite history.
    waitLimitSeconds: integer("wait_limit_seconds").notNull(),
    handlingLimitSeconds: integer("handling_limit_seconds").notNull(),
    waitBreached: boolean("wait_breached").notNull().default(false),
    handlingBreached: boolean("handling_breached").notNull().default(false),
    appointmentId: uuid("appointment_id"),
  },
  (t) => [
    keyWith("tickets", t.id, t.hallId),
    foreignKey({
      name: "tickets_visit_fk",
      columns: [t.visitId, t.hallId],
      foreignColumns: [journeys.id, journeys.hallId],
    }),
    foreignKey({
      name: "tickets_counter_fk",
      columns: [t.counterId, t.hallId],
      foreignColumns: [counters.id, counters.hallId],
    }),
    uniqueIndex("tickets_number_uq").on(t.hallId, t.serviceDate, t.prefix, t.seq),
    index("tickets_waiting_idx").on(t.hallId, t.vip, t.queueAt).where(sql`status = 'waiting'`),
    // R-PRIVACY retention: the tickets that still hold a phone number, oldest day first.
    index("tickets_retention_idx").on(t.serviceDate).where(sql`phone IS NOT NULL`),
    index("tickets_hall_day_idx").on(t.hallId, t.serviceDate),
    // The hall's tickets newest first, paged by keyset (issue 17): a page starts where the last ended.
    index("tickets_hall_issued_idx").on(t.hallId, t.issuedAt, t.id),
    // A visit's tickets (the board's visits list); without it, each read scanned every hall's history.
    index("tickets_visit_idx").on(t.visitId),
    // Estimates read a type's last 20 handling times in the hall; without this, every issue scanned and
    // sorted the hall's whole ticket history.
    index("tickets_recent_handling_idx")
      .on(t.hallId, t.businessType, t.finishedAt)
      .where(sql`handling_seconds IS NOT NULL`),
    // R-CALL: a counter holds at most one called or serving ticket at a time.
    uniqueIndex("tickets_counter_active_uq")
      .on(t.counterId, t.hallId)
      .where(sql`status in ('called', 'serving')`),
  ],
);

// Daily numbering per hall and prefix (A001 …), restarting each local day; the row lock orders issuers.
export const ticketSequences = pgTable(
  "ticket_sequences",
  {
    hallId: uuid("hall_id").notNull(),
    serviceDate: date("service_date").notNull(),
    prefix: text("prefix").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hallId, t.serviceDate, t.prefix] })],
);

// Messages about a ticket that go out once (R-NOTIFY near-turn SMS): the primary key is the "once".
export const ticketNotices = pgTable(
  "ticket_notices",
  {
    ticketId: uuid("ticket_id").notNull(),
    hallId: uuid("hall_id").notNull(),
    kind: text("kind").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "ticket_notices_pkey", columns: [t.ticketId, t.kind, t.hallId] }),
    foreignKey({
      name: "ticket_notices_ticket_fk",
      columns: [t.ticketId, t.hallId],
      foreignColumns: [tickets.id, tickets.hallId],
    }),
  ],
);

// Every transition of a ticket: who, when, from which state to which.
export const ticketHistory = pgTable(
  "ticket_history",
  {
    id: keyedId(),
    // The ticket's hall, so a hall's history lives with its tickets (the distribution column, docs/scale.md).
    hallId: uuid("hall_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    counterId: uuid("counter_id"),
    actorId: uuid("actor_id"),
    detail: text("detail"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    keyWith("ticket_history", t.id, t.hallId),
    foreignKey({
      name: "ticket_history_ticket_fk",
      columns: [t.ticketId, t.hallId],
      foreignColumns: [tickets.id, tickets.hallId],
    }),
    index("ticket_history_ticket_idx").on(t.ticketId),
    // A hall's transfers of a day (the reports' roll-ups): few rows, so a small partial index.
    index("ticket_history_transfer_idx").on(t.hallId, t.at).where(sql`action = 'transfer'`),
  ],
);

// R-TIME: a breach of a waiting or handling limit, recorded once per ticket and kind.
export const breaches = pgTable(
  "breaches",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    ticketId: uuid("ticket_id"),
    visitId: uuid("visit_id"),
    kind: text("kind").$type<"wait" | "handling" | "greeting">().notNull(),
    limitSeconds: integer("limit_seconds").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    keyWith("breaches", t.id, t.hallId),
    foreignKey({
      name: "breaches_ticket_fk",
      columns: [t.ticketId, t.hallId],
      foreignColumns: [tickets.id, tickets.hallId],
    }),
    uniqueIndex("breaches_ticket_kind_uq").on(t.ticketId, t.kind, t.hallId),
    uniqueIndex("breaches_visit_kind_uq").on(t.visitId, t.kind, t.hallId),
    index("breaches_hall_idx").on(t.hallId, t.at),
  ],
);

// R-PEAK: the hall's last announced peak level, so each change is announced once.
export const peakStates = pgTable("peak_states", {
  hallId: uuid("hall_id")
    .primaryKey()
    .references(() => halls.id),
  level: integer("level").notNull().default(0),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
});

// R-PEAK: every change of a hall's peak level, as it was announced: the reports count a day's warnings by
// level and the minutes spent at level 3 from it (issue 15). Keyed by the hall (Citus, docs/scale.md).
export const peakChanges = pgTable(
  "peak_changes",
  {
    hallId: uuid("hall_id").notNull(),
    id: keyedId(),
    level: integer("level").notNull(),
    previousLevel: integer("previous_level").notNull(),
    waiting: integer("waiting").notNull(),
    openCounters: integer("open_counters").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.hallId, t.id] }), index("peak_changes_hall_idx").on(t.hallId, t.at)],
);

// R-PEAK: one peak episode (高峰时段) of a hall, from the level leaving 0 to its return to 0: how high it
// went, whether the area manager was told (level 3, once per episode), and what was done and by whom —
// counters opened while it lasted, and the actions the floor and the manager record.
export type PeakEpisodeAction = { kind: string; text: string; byId: string | null; at: string };
export const peakEpisodes = pgTable(
  "peak_episodes",
  {
    hallId: uuid("hall_id").notNull(),
    id: keyedId(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    peakLevel: integer("peak_level").notNull(),
    // The waiting count and time when the episode first reached its highest level.
    peakWaiting: integer("peak_waiting").notNull(),
    peakAt: timestamp("peak_at", { withTimezone: true }).notNull().defaultNow(),
    areaNotifiedAt: timestamp("area_notified_at", { withTimezone: true }),
    actions: jsonb("actions").$type<PeakEpisodeAction[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.hallId, t.id] }),
    index("peak_episodes_hall_idx").on(t.hallId, t.startedAt),
    // A hall has at most one episode in progress.
    uniqueIndex("peak_episodes_open_uq").on(t.hallId).where(sql`ended_at IS NULL`),
  ],
);

// R-DIVERT: each diversion offered to a waiting customer and whether they took it.
export const diversions = pgTable(
  "diversions",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    businessType: text("business_type").notNull(),
    channel: text("channel").notNull(),
    accepted: boolean("accepted").notNull(),
    actorId: uuid("actor_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    keyWith("diversions", t.id, t.hallId),
    foreignKey({
      name: "diversions_ticket_fk",
      columns: [t.ticketId, t.hallId],
      foreignColumns: [tickets.id, tickets.hallId],
    }),
    index("diversions_hall_idx").on(t.hallId, t.at),
  ],
);

// 在线预约: a slot for a business type; check-in within the slot issues a ticket placed at the slot start.
export const appointments = pgTable(
  "appointments",
  {
    id: keyedId(),
    hallId: uuid("hall_id")
      .notNull()
      .references(() => halls.id),
    businessType: text("business_type").notNull(),
    slotStart: timestamp("slot_start", { withTimezone: true }).notNull(),
    slotEnd: timestamp("slot_end", { withTimezone: true }).notNull(),
    phone: text("phone").notNull(),
    name: text("name"),
    status: text("status").$type<"booked" | "checked_in" | "cancelled">().notNull().default("booked"),
    ticketId: uuid("ticket_id"),
    // R-NOTIFY: when the reminders went (the day before, an hour before); each goes once.
    remindedDayAt: timestamp("reminded_day_at", { withTimezone: true }),
    remindedHourAt: timestamp("reminded_hour_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    keyWith("appointments", t.id, t.hallId),
    index("appointments_hall_idx").on(t.hallId, t.slotStart),
    // The reminders' sweep: booked slots still owed a reminder, soonest first.
    index("appointments_remind_idx")
      .on(t.slotStart)
      .where(sql`status = 'booked' AND (reminded_day_at IS NULL OR reminded_hour_at IS NULL)`),
    // R-PRIVACY retention: the appointments that still hold a phone number, oldest slot first.
    index("appointments_retention_idx").on(t.slotEnd).where(sql`phone <> ''`),
  ],
);
