import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { type Db, type DbOrTx, queryRows } from "./db.js";
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

/** How a message leaves: one adapter per channel (an SMS gateway implements this too). */
export interface OutboxAdapter {
  deliver(message: OutboxMessage): Promise<void>;
}

export const logAdapter = (log: FastifyBaseLogger): OutboxAdapter => ({
  async deliver(m) {
    log.info(
      { outbox: { id: m.id, channel: m.channel, recipient: m.recipient, body: m.body } },
      "outbox message",
    );
  },
});

export const webhookAdapter = (url: string): OutboxAdapter => ({
  async deliver(m) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        id: m.id,
        channel: m.channel,
        recipient: m.recipient,
        body: m.body,
        payload: m.payload,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  },
});

export const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 60;

/** Exponential back-off: 10 s, 20 s, 40 s … capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims due messages (SKIP LOCKED, so several instances share the work), delivers them, and records
 * the result. A claim is a lease: a crash mid-delivery means the message is tried again later.
 */
export async function deliverDue(
  db: Db,
  adapters: Partial<Record<OutboxMessage["channel"], OutboxAdapter>>,
  fallback: OutboxAdapter,
  batch = 50,
) {
  const claimed = await queryRows<{ id: number }>(
    db,
    sql`
    UPDATE outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE id IN (
      SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= now()
      ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED
    ) RETURNING id`,
  );
  const ids = claimed.map((r) => Number(r.id));
  if (ids.length === 0) return { sent: 0, failed: 0 };
  const messages = await db.select().from(outbox).where(inArray(outbox.id, ids));
  let sent = 0;
  let failed = 0;
  for (const m of messages) {
    try {
      await (adapters[m.channel] ?? fallback).deliver(m);
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
