import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/helpers.js";
import { type Database, openDatabase } from "./db.js";
import {
  deliverDue,
  deliveryKey,
  enqueueMessage,
  leaseSeconds,
  MAX_ATTEMPTS,
  type OutboxAdapter,
  type OutboxMessage,
  retryDelaySeconds,
  webhookAdapter,
} from "./outbox.js";
import { outbox } from "./tables.js";

// R-NOTIFY: every message leaves through an outbox written with the change that caused it.

const recorder = (fail?: string) => {
  const delivered: OutboxMessage[] = [];
  const adapter: OutboxAdapter = {
    async deliver(m) {
      await new Promise((r) => setTimeout(r, 1));
      if (fail) throw new Error(fail);
      delivered.push(m);
    },
  };
  return { delivered, adapter };
};

describe("outbox", () => {
  let t: TestApp;
  const swept = recorder();

  beforeAll(async () => {
    t = await buildTestApp({ outboxAdapter: swept.adapter });
  });
  afterAll(() => t.close());

  const rowsTo = (recipient: string) =>
    t.database.db.select().from(outbox).where(eq(outbox.recipient, recipient));
  /** Moves a message's next attempt into the past, as if its back-off had run out. */
  const makeDue = (id: number) =>
    t.database.db.execute(
      sql`UPDATE outbox SET next_attempt_at = now() - interval '1 second' WHERE id = ${id}`,
    );

  it("should keep nothing from a transaction that rolls back, and the message of one that commits", async () => {
    const err = await t.database.db
      .transaction(async (tx) => {
        await enqueueMessage(tx, { channel: "sms", recipient: "13900000001", body: "rolled back" });
        throw new Error("the change failed");
      })
      .catch((e: Error) => e.message);
    expect(err).toBe("the change failed");
    expect(await rowsTo("13900000001")).toEqual([]);
    await t.database.db.transaction((tx) =>
      enqueueMessage(tx, { channel: "sms", recipient: "13900000001", body: "kept" }),
    );
    expect(await rowsTo("13900000001")).toMatchObject([{ status: "pending", body: "kept", attempts: 0 }]);
  });

  it("should deliver due messages through their channel's adapter, each once", async () => {
    const db = t.database.db;
    await enqueueMessage(db, { channel: "email", recipient: "ops@example.com", body: "report" });
    await enqueueMessage(db, { channel: "webhook", recipient: "https://hooks.example.com/x", body: "{}" });
    const sms = recorder();
    const fallback = recorder();
    const result = await deliverDue(db, { sms: sms.adapter }, fallback.adapter);
    expect(result).toEqual({ sent: 3, failed: 0 });
    expect(sms.delivered.map((m) => m.recipient)).toEqual(["13900000001"]);
    expect(fallback.delivered.map((m) => m.channel).sort()).toEqual(["email", "webhook"]);
    const rows = await db.select().from(outbox);
    for (const r of rows) expect(r).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(rows.every((r) => r.sentAt !== null)).toBe(true);
    expect(await deliverDue(db, { sms: sms.adapter }, fallback.adapter)).toEqual({ sent: 0, failed: 0 });
    expect(sms.delivered.length + fallback.delivered.length).toBe(3);
  });

  it("should back off 10 s, 20 s, 40 s … up to an hour", () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([10, 20, 40, 80]);
    expect(retryDelaySeconds(20)).toBe(3600);
  });

  it(`should retry a failing adapter with back-off and mark the message failed after ${MAX_ATTEMPTS} attempts`, async () => {
    const db = t.database.db;
    await enqueueMessage(db, { channel: "sms", recipient: "13900000002", body: "retry me" });
    const [{ id }] = await rowsTo("13900000002");
    const down = recorder("gateway down");
    let calls = 0;
    const counting: OutboxAdapter = {
      deliver: (m) => {
        calls++;
        return down.adapter.deliver(m);
      },
    };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const before = Date.now();
      expect(await deliverDue(db, {}, counting)).toEqual({ sent: 0, failed: 1 });
      const [row] = await rowsTo("13900000002");
      expect(row).toMatchObject({
        attempts: attempt,
        status: attempt < MAX_ATTEMPTS ? "pending" : "failed",
        lastError: "gateway down",
      });
      const delay = (row.nextAttemptAt.getTime() - before) / 1000;
      expect(delay).toBeGreaterThan(retryDelaySeconds(attempt) - 5);
      expect(delay).toBeLessThan(retryDelaySeconds(attempt) + 5);
      // Not due again before its back-off runs out.
      expect(await deliverDue(db, {}, counting)).toEqual({ sent: 0, failed: 0 });
      await makeDue(id);
    }
    expect(calls).toBe(MAX_ATTEMPTS);
    // A failed message stays failed: no further attempts.
    expect(await deliverDue(db, {}, counting)).toEqual({ sent: 0, failed: 0 });
    expect(calls).toBe(MAX_ATTEMPTS);
  });

  it("should deliver after a failure once the adapter works again", async () => {
    const db = t.database.db;
    await enqueueMessage(db, { channel: "sms", recipient: "13900000003", body: "second time lucky" });
    const [{ id }] = await rowsTo("13900000003");
    expect(await deliverDue(db, {}, recorder("timeout").adapter)).toEqual({ sent: 0, failed: 1 });
    await makeDue(id);
    const ok = recorder();
    expect(await deliverDue(db, {}, ok.adapter)).toEqual({ sent: 1, failed: 0 });
    expect(await rowsTo("13900000003")).toMatchObject([{ status: "sent", attempts: 2, lastError: null }]);
  });

  it("should never deliver one message twice when two deliveries run at once", async () => {
    // On PostgreSQL the second delivery runs on its own pool, as a second instance would.
    const other: Database | null = t.url ? await openDatabase({ url: t.url, poolSize: 4 }) : null;
    try {
      const db = t.database.db;
      const n = 120;
      for (let i = 0; i < n; i++) {
        await enqueueMessage(db, {
          channel: "sms",
          recipient: `1370000${String(i).padStart(4, "0")}`,
          body: `m${i}`,
        });
      }
      const a = recorder();
      const b = recorder();
      for (;;) {
        const [ra, rb] = await Promise.all([
          deliverDue(db, {}, a.adapter, 25),
          deliverDue(other?.db ?? db, {}, b.adapter, 25),
        ]);
        if (ra.sent + rb.sent === 0) break;
      }
      const ids = [...a.delivered, ...b.delivered].map((m) => m.id);
      expect(ids.length).toBe(n);
      expect(new Set(ids).size).toBe(n);
      if (other) expect(Math.min(a.delivered.length, b.delivered.length)).toBeGreaterThan(0);
    } finally {
      await other?.close();
    }
  });

  it("should claim each message just before its delivery, for its adapter's timeout and a few seconds", async () => {
    const db = t.database.db;
    for (const r of ["13600000011", "13600000012", "13600000013"])
      await enqueueMessage(db, { channel: "sms", recipient: r, body: "one at a time" });
    const seen: { recipient: string; claimedOthers: number; leaseSeconds: number }[] = [];
    const adapter: OutboxAdapter = {
      timeoutMs: 2_000,
      async deliver(m) {
        const rows = await db.select().from(outbox).where(sql`${outbox.recipient} LIKE '1360000001%'`);
        const own = rows.find((r) => r.id === m.id)!;
        seen.push({
          recipient: m.recipient,
          // Only what was delivered before, and this one, are claimed yet.
          claimedOthers: rows.filter((r) => r.id !== m.id && r.status === "pending" && r.attempts > 0).length,
          leaseSeconds: (own.nextAttemptAt.getTime() - Date.now()) / 1000,
        });
      },
    };
    expect(leaseSeconds(adapter)).toBe(7);
    expect(await deliverDue(db, {}, adapter)).toEqual({ sent: 3, failed: 0 });
    expect(seen.map((s) => s.claimedOthers)).toEqual([0, 0, 0]);
    for (const s of seen) {
      expect(s.leaseSeconds).toBeGreaterThan(5);
      expect(s.leaseSeconds).toBeLessThanOrEqual(7);
    }
  });

  it("should count a delivery that does not settle within its adapter's timeout as failed", async () => {
    const db = t.database.db;
    await enqueueMessage(db, { channel: "sms", recipient: "13600000021", body: "never answered" });
    const hanging: OutboxAdapter = { timeoutMs: 50, deliver: () => new Promise(() => {}) };
    const started = Date.now();
    expect(await deliverDue(db, {}, hanging)).toEqual({ sent: 0, failed: 1 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await rowsTo("13600000021")).toMatchObject([
      { status: "pending", attempts: 1, lastError: "no answer within 50 ms" },
    ]);
  });

  it("should send the gateway the message's id as an Idempotency-Key, and the id in the body", async () => {
    const got: { key: string | undefined; body: { id: number; idempotencyKey: string } }[] = [];
    const gateway = http.createServer((req, res) => {
      let text = "";
      req.on("data", (c) => {
        text += c;
      });
      req.on("end", () => {
        got.push({ key: req.headers["idempotency-key"] as string | undefined, body: JSON.parse(text) });
        res.end("ok");
      });
    });
    await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
    try {
      const db = t.database.db;
      await enqueueMessage(db, { channel: "sms", recipient: "13600000031", body: "with a key" });
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/`;
      expect(await deliverDue(db, {}, webhookAdapter(url))).toEqual({ sent: 1, failed: 0 });
      const [row] = await rowsTo("13600000031");
      expect(got).toEqual([{ key: deliveryKey(row), body: expect.objectContaining({ id: row.id }) }]);
      expect(got[0].body.idempotencyKey).toBe(deliveryKey(row));
      expect(deliveryKey(row)).toBe(`tingwu-outbox-${row.id}-${row.createdAt.getTime()}`);
    } finally {
      await new Promise((r) => gateway.close(r));
    }
  });

  describe("near-turn SMS (R-NOTIFY)", () => {
    let admin: string;
    let hallId: string;
    let counterId: string;
    const phoneOf = (i: number) => `1380000${String(i).padStart(4, "0")}`;

    beforeAll(async () => {
      admin = await t.token("admin");
      hallId = (
        await t.api("POST", "/api/halls", {
          token: admin,
          body: {
            name: "短信厅",
            type: "self_run",
            regionCode: "T-SMS",
            openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
          },
        })
      ).json().id;
      counterId = (
        await t.api("POST", `/api/halls/${hallId}/counters`, {
          token: admin,
          body: { label: "1号窗口", businessTypes: ["payment"] },
        })
      ).json().id;
      await t.api("POST", `/api/halls/${hallId}/counters/${counterId}/open`, { token: admin });
    });

    const nearTurnRows = () =>
      t.database.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.hallId, hallId), sql`${outbox.dedupeKey} LIKE 'near-turn:%'`));

    it("should enqueue one message per ticket with a phone when it comes within 3 of the front, once", async () => {
      const issued: { id: string; number: string; phone: string | null }[] = [];
      for (let i = 0; i < 10; i++) {
        // Tickets 3 and 7 come without a phone.
        const phone = i === 3 || i === 7 ? null : phoneOf(i);
        const res = await t.api("POST", `/api/halls/${hallId}/tickets`, {
          token: admin,
          body: { businessType: "payment", ...(phone ? { phone } : {}) },
        });
        expect(res.statusCode).toBe(201);
        issued.push({ id: res.json().id, number: res.json().number, phone });
      }
      // Places 0, 1, 2 are near; the rest are not yet.
      const notified = async () => (await nearTurnRows()).map((r) => r.dedupeKey).sort();
      expect(await notified()).toEqual([0, 1, 2].map((i) => `near-turn:${issued[i].id}`).sort());
      const first = (await nearTurnRows()).find((r) => r.dedupeKey === `near-turn:${issued[0].id}`)!;
      expect(first).toMatchObject({ channel: "sms", recipient: phoneOf(0), status: "pending" });
      expect(first.body).toContain(issued[0].number);

      // Serve the line; along the way one customer misses the call and comes back (过号), which must not
      // send a second message.
      let noShowDone = false;
      for (;;) {
        const res = await t.api("POST", `/api/halls/${hallId}/counters/${counterId}/call-next`, {
          token: admin,
        });
        if (res.statusCode === 204) break;
        const id = res.json().ticket.id as string;
        if (!noShowDone && id === issued[4].id) {
          noShowDone = true;
          await t.api("POST", `/api/tickets/${id}/no-show`, { token: admin });
          expect((await t.api("POST", `/api/tickets/${id}/return`, { token: admin })).json().status).toBe(
            "waiting",
          );
          continue;
        }
        await t.api("POST", `/api/tickets/${id}/start`, { token: admin });
        await t.api("POST", `/api/tickets/${id}/finish`, { token: admin, body: { outcome: "completed" } });
      }
      expect(noShowDone).toBe(true);
      const withPhone = issued.filter((i) => i.phone);
      expect(await notified()).toEqual(withPhone.map((i) => `near-turn:${i.id}`).sort());
      const rows = await nearTurnRows();
      expect(rows.map((r) => r.recipient).sort()).toEqual(withPhone.map((i) => i.phone).sort());
    });

    it("should hand the whole phone number to the gateway when the sweeper delivers", async () => {
      await t.app.ctx.sweeper.runOnce();
      // The near-turn messages (8), and the rating links of the served tickets with a phone (R-EVAL).
      const sent = swept.delivered.filter(
        (m) => m.hallId === hallId && m.dedupeKey?.startsWith("near-turn:"),
      );
      expect(sent.length).toBe(8);
      expect(sent.every((m) => /^1\d{10}$/.test(m.recipient))).toBe(true);
      expect((await nearTurnRows()).every((r) => r.status === "sent")).toBe(true);
    });
  });
});
