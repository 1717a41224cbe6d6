import { sql } from "drizzle-orm";
import {
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

// Tables of the core: the hall event log, the outbox, the audit log, idempotency keys. People, devices and
// sessions are the users feature's (src/features/users/tables.ts); hall_id columns carry no foreign key
// here so that the core depends on no feature.

// Every change in a hall, in commit order per row id; SSE streams replay from here after Last-Event-ID.
/** PostgreSQL's 64-bit transaction id, read as a decimal string. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

export const hallEvents = pgTable(
  "hall_events",
  {
    id: bigserial("id", { mode: "number" }).notNull(),
    // The writing transaction: a hall's stream is ordered by (tx_id, id), see src/core/events/catalogue.ts.
    txId: xid8("tx_id").notNull().default(sql`pg_current_xact_id()`),
    hallId: uuid("hall_id").notNull(),
    type: text("type").notNull(),
    data: jsonb("data").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The stream reads by (hall, tx_id, id); a bare event id from an old screen is found by the primary key.
  (t) => [
    primaryKey({ name: "hall_events_pkey", columns: [t.id, t.hallId] }),
    index("hall_events_stream_idx").on(t.hallId, t.txId, t.id),
  ],
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
    // What the SMS gateway's receipt said (delivered / failed) and when (core/sms.ts).
    deliveryStatus: text("delivery_status").$type<"delivered" | "failed">(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`),
    // R-PRIVACY retention: the SMS that went and still name their recipient, oldest first.
    // Messages per phone number in the last hour (the SMS rate limit).
    index("outbox_recipient_sent_idx")
      .on(t.recipient, t.sentAt)
      .where(sql`channel = 'sms' AND status = 'sent'`),
    index("outbox_retention_idx")
      .on(t.createdAt)
      .where(sql`channel = 'sms' AND status <> 'pending' AND recipient <> ''`),
  ],
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
    // Why a full number was shown (asked at every unmasking); null for other acts.
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_subject_idx").on(t.subjectType, t.subjectId),
    // The audit screen: a range of time, newest first.
    index("audit_log_at_idx").on(t.at, t.id),
  ],
);

// Idempotency keys (src/core/idempotency.ts): the first answer to a request sent with an Idempotency-Key,
// kept 24 h and given again to a repeat. The client's key is not stored: the row is found by a hash of
// it and of the caller, and the answer is encrypted with a key derived from it, so a leaked table gives
// neither the answers (a device token is answered once) nor a way to replay them.
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    keyHash: text("key_hash").primaryKey(),
    // HMAC of method, path and body under the client's key: a repeat with another body is refused.
    requestHash: text("request_hash").notNull(),
    // Null while the first request runs; its HTTP status once answered.
    status: integer("status"),
    response: text("response"),
    // A claim whose request died (its instance crashed) may be taken over after this.
    lockedUntil: timestamp("locked_until", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  // The sweeper deletes expired keys in batches by this index.
  (t) => [index("idempotency_keys_expires_idx").on(t.expiresAt)],
);

// R-NOTIFY: the operator's wording of a customer message, where it differs from the built-in template
// (src/core/templates.ts). One row per template code; none means the built-in text.
export const messageTemplates = pgTable("message_templates", {
  code: text("code").primaryKey(),
  body: text("body").notNull(),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
