import { and, eq, gte, inArray, lt, lte, ne, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Db, DbOrTx } from "./db.js";
import { scrubText } from "./log.js";
import { eraseOldest } from "./retention.js";
import { outbox } from "./tables.js";

export type OutboxMessage = typeof outbox.$inferSelect;
export type NewOutboxMessage = {
  channel: "sms" | "email" | "webhook";
  recipient: string;
  body: string;
  payload?: unknown;
  hallId?: string | null;
  dedupeKey?: string;
};

/** Writes a message in the caller's transaction: it leaves only if the change that caused it commits. */
export async function enqueueMessage(tx: DbOrTx, message: NewOutboxMessage): Promise<void> {
  await tx.insert(outbox).values(message).onConflictDoNothing({ target: outbox.dedupeKey });
}

/** Which of these dedupe keys the outbox holds already (a message that went or is going out). */
export async function enqueuedKeys(db: DbOrTx, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db.select({ key: outbox.dedupeKey }).from(outbox).where(inArray(outbox.dedupeKey, keys));
  return new Set(rows.map((r) => r.key as string));
}

/**
 * How a message leaves: one adapter per channel (an SMS gateway implements this too). `deliver` gets a
 * signal that aborts after `timeoutMs` (DEFAULT_DELIVERY_TIMEOUT_MS when not given); a delivery that has
 * not settled by then counts as failed, and the message's claim lasts just longer than that.
 */
export interface OutboxAdapter {
  deliver(message: OutboxMessage, signal?: AbortSignal): Promise<void>;
  readonly timeoutMs?: number;
}

/**
 * The key a gateway deduplicates a message by. Delivery to an outside gateway is at-least-once: an
 * instance that dies after the gateway took a message but before marking it sent leaves it to be sent
 * again once its claim runs out, with this same key (the message's id, and its creation time so that a
 * new database's id 1 is not an old one's). A gateway that keeps the keys it has seen sends it once.
 */
export const deliveryKey = (m: Pick<OutboxMessage, "id" | "createdAt">) =>
  `tingwu-outbox-${m.id}-${m.createdAt.getTime()}`;

// The default "delivery" writes the message to the log, so it says who and what without the numbers:
// the recipient masked, phone numbers in the text masked (R-PRIVACY).
export const logAdapter = (log: FastifyBaseLogger): OutboxAdapter => ({
  async deliver(m) {
    log.info(
      {
        outbox: {
          id: m.id,
          channel: m.channel,
          recipient: maskRecipient(m.recipient),
          body: scrubText(m.body),
        },
      },
      "outbox message",
    );
  },
});

/** 13812345678 → 138****5678, zhang.san@example.com → z***@example.com; anything else scrubbed. */
export function maskRecipient(recipient: string): string {
  const at = recipient.indexOf("@");
  return at > 0 ? `${recipient[0]}***${recipient.slice(at)}` : scrubText(recipient);
}

export const webhookAdapter = (url: string, timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS): OutboxAdapter => ({
  timeoutMs,
  async deliver(m, signal) {
    const key = deliveryKey(m);
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify({
        id: m.id,
        idempotencyKey: key,
        channel: m.channel,
        recipient: m.recipient,
        body: m.body,
        payload: m.payload,
      }),
      signal: signal ?? AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  },
});

/**
 * R-PRIVACY retention: an SMS that went (or gave up) before `before` loses its recipient's number; the
 * message and its dedupe key stay, so it is still never sent twice.
 */
export async function eraseOldRecipients(db: Db, before: Date) {
  return eraseOldest(db, outbox, {
    column: outbox.recipient,
    value: "",
    where: and(
      eq(outbox.channel, "sms"),
      ne(outbox.status, "pending"),
      lt(outbox.createdAt, before),
      ne(outbox.recipient, ""),
    ),
    oldest: outbox.createdAt,
  });
}

/** A gateway's receipt for the message with this delivery key: its delivery state. False when unknown. */
export async function recordReceipt(db: Db, key: string, status: "delivered" | "failed", at: Date) {
  const m = /^tingwu-outbox-(\d+)-(\d+)$/.exec(key);
  if (!m) return false;
  const rows = await db
    .update(outbox)
    .set({ deliveryStatus: status, deliveredAt: at })
    // The key holds the creation time in milliseconds; PostgreSQL keeps microseconds.
    .where(
      and(
        eq(outbox.id, Number(m[1])),
        gte(outbox.createdAt, new Date(Number(m[2]))),
        lt(outbox.createdAt, new Date(Number(m[2]) + 1)),
      ),
    )
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/** SMS to one phone number in a rolling hour, at most (the rest wait): no customer is flooded. */
export const SMS_PER_PHONE_HOUR = 10;
const PHONE = /^1\d{10}$/;

/** Whether this phone number has had its hour's SMS; then the message waits ten minutes. */
async function overPhoneLimit(db: Db, m: OutboxMessage) {
  if (m.channel !== "sms" || !PHONE.test(m.recipient)) return false;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(
      and(
        eq(outbox.recipient, m.recipient),
        eq(outbox.channel, "sms"),
        eq(outbox.status, "sent"),
        sql`${outbox.sentAt} > now() - interval '1 hour'`,
      ),
    );
  return row.n >= SMS_PER_PHONE_HOUR;
}

export const MAX_ATTEMPTS = 8;
export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
// A claim outlasts its delivery's timeout by this much (the round trips that claim and mark it), and no
// more: an instance that dies mid-delivery leaves its message to be sent again this soon.
const LEASE_MARGIN_SECONDS = 5;

/** How long a claim on a message lasts: its adapter's timeout and a margin. */
export const leaseSeconds = (adapter: OutboxAdapter) =>
  Math.ceil((adapter.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS) / 1000) + LEASE_MARGIN_SECONDS;

/** Exponential back-off: 10 s, 20 s, 40 s … capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

/** Claims the next due message (SKIP LOCKED: several instances share the work) for `lease` seconds. */
async function claimNext(db: Db, lease: number): Promise<OutboxMessage | undefined> {
  const [m] = await db
    .update(outbox)
    .set({
      attempts: sql`${outbox.attempts} + 1`,
      nextAttemptAt: sql`now() + make_interval(secs => ${lease})`,
    })
    .where(
      eq(
        outbox.id,
        sql`(SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)`,
      ),
    )
    .returning();
  return m;
}

/** The adapter's delivery, failed after its timeout whether or not the adapter heeds the signal. */
async function deliverWithin(adapter: OutboxAdapter, m: OutboxMessage) {
  const timeoutMs = adapter.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([adapter.deliver(m, signal), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Delivers due messages, claiming each just before its delivery: a claim is a lease a little longer
 * than the delivery's timeout (leaseSeconds), so a crash mid-delivery means the message is tried again
 * that soon, and a long batch never outlives its claims. Sending is at-least-once; see deliveryKey.
 */
export async function deliverDue(
  db: Db,
  adapters: Partial<Record<OutboxMessage["channel"], OutboxAdapter>>,
  fallback: OutboxAdapter,
  batch = 50,
) {
  // One lease for every channel: the longest of their adapters'.
  const lease = Math.max(...[fallback, ...Object.values(adapters)].map(leaseSeconds));
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < batch; i++) {
    const m = await claimNext(db, lease);
    if (!m) break;
    if (await overPhoneLimit(db, m)) {
      // Not an attempt: the claim's count is given back, and it waits.
      await db
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} - 1`, nextAttemptAt: new Date(Date.now() + 10 * 60_000) })
        .where(eq(outbox.id, m.id));
      continue;
    }
    try {
      await deliverWithin(adapters[m.channel] ?? fallback, m);
      await db
        .update(outbox)
        .set({ status: "sent", sentAt: new Date(), lastError: null })
        .where(eq(outbox.id, m.id));
      sent++;
    } catch (err) {
      failed++;
      const giveUp = m.attempts >= MAX_ATTEMPTS;
      await db
        .update(outbox)
        .set({
          status: giveUp ? "failed" : "pending",
          lastError: String((err as Error).message ?? err).slice(0, 500),
          nextAttemptAt: new Date(Date.now() + retryDelaySeconds(m.attempts) * 1000),
        })
        .where(and(eq(outbox.id, m.id), lte(outbox.attempts, MAX_ATTEMPTS)));
    }
  }
  return { sent, failed };
}
