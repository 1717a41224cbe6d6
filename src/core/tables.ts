import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

// Tables of the core: people and devices, sessions, the hall event log, the outbox, the audit log.
// hall_id columns carry no foreign key here so that the core does not depend on the halls feature.

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role").notNull(),
  hallId: uuid("hall_id"),
  regionCode: text("region_code"),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable(
  "sessions",
  {
    // sha256 of the token: a leaked table does not leak sessions.
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"cookie" | "bearer">().notNull(),
    csrfToken: text("csrf_token").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// Kiosks, calling displays and evaluation pads: a token that can do only what the device does.
export const devices = pgTable("devices", {
  id: uuid("id").primaryKey().defaultRandom(),
  hallId: uuid("hall_id").notNull(),
  counterId: uuid("counter_id"),
  kind: text("kind").$type<"kiosk" | "display" | "pad">().notNull(),
  label: text("label").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

// Every change in a hall, in commit order per row id; SSE streams replay from here after Last-Event-ID.
/** PostgreSQL's 64-bit transaction id, read as a decimal string. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

export const hallEvents = pgTable(
  "hall_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // The writing transaction: a hall's stream is ordered by (tx_id, id), see src/core/events.ts.
    txId: xid8("tx_id").notNull().default(sql`pg_current_xact_id()`),
    hallId: uuid("hall_id").notNull(),
    type: text("type").notNull(),
    data: jsonb("data").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The stream reads by (hall, tx_id, id); a bare event id from an old screen is found by the primary key.
  (t) => [index("hall_events_stream_idx").on(t.hallId, t.txId, t.id)],
);

export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    channel: text("channel").$type<"sms" | "email" | "webhook">().notNull(),
    recipient: text("recipient").notNull(),
    body: text("body").notNull(),
    payload: jsonb("payload"),
    hallId: uuid("hall_id"),
    // A message that must go out once (near-turn SMS of a ticket) names itself; the unique index drops repeats.
    dedupeKey: text("dedupe_key").unique(),
    status: text("status").$type<"pending" | "sent" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`)],
);

// R-PRIVACY: unmasking a phone number and other sensitive reads are logged here.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    hallId: uuid("hall_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_subject_idx").on(t.subjectType, t.subjectId)],
);
