import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, keyedId, keyWith } from "../../core/ids.js";

// People (staff accounts), their sessions and sign-in failures, and devices (kiosks, displays, pads).
// hall_id columns carry no foreign key so that this feature does not depend on the halls feature's tables.
// src/core/auth.ts reads sessions, users and devices by name to resolve a token (the auth plugin runs
// before any feature): a column renamed here is renamed there too.

export const users = pgTable("users", {
  id: idColumn(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role").notNull(),
  hallId: uuid("hall_id"),
  regionCode: text("region_code"),
  // Where scheduled reports go (issue 15); personal data: masked in every log line (core/outbox.ts).
  email: text("email"),
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

// Failed sign-ins per username and per address, shared by every instance (sign-in-rules.ts).
// A username is counted whether or not such a user exists, so a lock tells a guesser nothing.
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: idColumn(),
    kind: text("kind").$type<"username" | "address">().notNull(),
    subject: text("subject").notNull(),
    failures: integer("failures").notNull().default(0),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }),
    lockouts: integer("lockouts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
  },
  (t) => [unique("sign_in_failures_key").on(t.kind, t.subject)],
);

// Kiosks, calling displays and evaluation pads: a token that can do only what the device does.
export const devices = pgTable(
  "devices",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    counterId: uuid("counter_id"),
    kind: text("kind").$type<"kiosk" | "display" | "pad">().notNull(),
    label: text("label").notNull(),
    tokenHash: text("token_hash").notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // R-SITE: the device's last request or open stream (marked by src/core/auth.ts at most once a minute).
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  },
  // A device's request finds it by its token's hash alone (random 256 bits, so unique by construction).
  (t) => [
    keyWith("devices", t.id, t.hallId),
    uniqueIndex("devices_token_hash_unique").on(t.tokenHash, t.hallId),
    index("devices_seen_idx").on(t.lastSeenAt).where(sql`revoked_at IS NULL`),
  ],
);
