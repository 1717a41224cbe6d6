import type { AddressInfo } from "node:net";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeys } from "../src/core/tables.js";
import { complaints } from "../src/features/complaints/tables.js";
import { faults } from "../src/features/faults/tables.js";
import { appointments, tickets } from "../src/features/queue/tables.js";
import { devices, users } from "../src/features/users/tables.js";
import { buildTestApp, deviceToken, type TestApp } from "./helpers.js";

// Exactly once where the customer sees it: a POST with an Idempotency-Key runs once per key and caller,
// raced through real HTTP (on PostgreSQL the requests overlap in the database as well).

type Answer = { status: number; body: unknown; replayed: string | null };

describe("idempotency keys: one ticket for a double tap, whatever the race", () => {
  let t: TestApp;
  let base: string;
  let kiosk: string;
  let manager: string;
  let hallId: string;

  const post = async (path: string, opts: { token?: string; key?: string; body?: unknown }) => {
    const res = await fetch(`${base}${path}`, {
      method: "POST",
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.key ? { "idempotency-key": opts.key } : {}),
        ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? JSON.parse(text) : null,
      replayed: res.headers.get("idempotent-replayed"),
    } satisfies Answer;
  };
  const issue = (key: string | undefined, body: object = { businessType: "payment" }, token = kiosk) =>
    post(`/api/halls/${hallId}/tickets`, { token, key, body });
  const ticketCount = async () =>
    (await t.database.db.select({ n: count() }).from(tickets).where(eq(tickets.hallId, hallId)))[0].n;
  const errorCode = (a: Answer) => (a.body as { error?: { code: string } }).error?.code;

  beforeAll(async () => {
    t = await buildTestApp({
      limits: { loginPerMinute: 1000, publicPerMinute: 1000, kioskPerMinute: 100_000 },
    });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    hallId = t.demo.hallId;
    kiosk = deviceToken(t.demo, "kiosk");
    manager = await t.token("manager");
  });
  afterAll(() => t?.close());

  it("should issue one ticket for 20 identical requests raced with one key, and answer all 20 alike", async () => {
    const before = await ticketCount();
    const answers = await Promise.all(Array.from({ length: 20 }, () => issue("tap-0001")));
    expect(await ticketCount()).toBe(before + 1);
    const done = answers.filter((a) => a.status === 201);
    // A repeat waits for the first answer; a 409 "in flight" would be allowed, a second ticket never.
    for (const a of answers.filter((x) => x.status !== 201))
      expect(errorCode(a)).toBe("idempotency_request_in_flight");
    expect(done.length).toBeGreaterThan(0);
    for (const a of done) expect(a.body).toEqual(done[0].body);
    expect(done.filter((a) => a.replayed === "true")).toHaveLength(done.length - 1);
  });

  it("should answer a repeat after completion with the same ticket, and a new key with a new one", async () => {
    const first = await issue("tap-0002");
    expect(first.status).toBe(201);
    const before = await ticketCount();
    const again = await issue("tap-0002");
    expect(again).toEqual({ status: 201, body: first.body, replayed: "true" });
    // The same fields in another order are the same request.
    const reordered = await post(`/api/halls/${hallId}/tickets`, {
      token: kiosk,
      key: "tap-0002",
      body: JSON.parse('{"businessType":"payment"}'),
    });
    expect(reordered.body).toEqual(first.body);
    expect(await ticketCount()).toBe(before);
    const next = await issue("tap-0003");
    expect(next.status).toBe(201);
    expect((next.body as { number: string }).number).not.toBe((first.body as { number: string }).number);
    expect(await ticketCount()).toBe(before + 1);
  });

  it("should refuse the key with another body (409 idempotency_key_reused) and issue nothing", async () => {
    expect((await issue("tap-0004")).status).toBe(201);
    const before = await ticketCount();
    const other = await issue("tap-0004", { businessType: "change" });
    expect(other.status).toBe(409);
    expect(errorCode(other)).toBe("idempotency_key_reused");
    const otherPath = await post(`/api/public/halls/${hallId}/tickets`, {
      token: kiosk,
      key: "tap-0004",
      body: { businessType: "payment" },
    });
    expect(errorCode(otherPath)).toBe("idempotency_key_reused");
    expect(await ticketCount()).toBe(before);
  });

  it("should keep one caller's key from answering another caller", async () => {
    const mine = await issue("shared-key-1");
    const theirs = await issue("shared-key-1", { businessType: "payment" }, manager);
    expect(theirs.status).toBe(201);
    expect(theirs.replayed).toBeNull();
    expect((theirs.body as { id: string }).id).not.toBe((mine.body as { id: string }).id);
  });

  it("should not keep an error: the same key runs again once the request can succeed", async () => {
    const before = await ticketCount();
    const bad = await issue("tap-0005", { businessType: "no-such-type" });
    expect(bad.status).toBe(400);
    const good = await issue("tap-0005", { businessType: "payment" });
    expect(good.status).toBe(201);
    expect(good.replayed).toBeNull();
    expect(await ticketCount()).toBe(before + 1);
  });

  it("should issue a ticket per request without a key, as before", async () => {
    const before = await ticketCount();
    await Promise.all([issue(undefined), issue(undefined)]);
    expect(await ticketCount()).toBe(before + 2);
  });

  it("should refuse a malformed key with a 400 and change nothing", async () => {
    const before = await ticketCount();
    const res = await issue("x".repeat(201));
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe("invalid_input");
    expect(await ticketCount()).toBe(before);
  });

  it("should make every kind of create once: complaint, fault, user, device, appointment", async () => {
    const admin = await t.token("admin");
    const agent = await t.token("agent");
    const counter1 = await t.token("counter1");
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setUTCHours(2, 0, 0, 0);
    const creates: { path: string; token: string; body: object; rows: () => Promise<number> }[] = [
      {
        path: "/api/complaints",
        token: counter1,
        body: {
          customer: { name: "张女士", phone: "13812341234" },
          channel: "counter",
          category: "billing",
          description: "套餐外流量被多收费 30 元",
          request: "退还多收的费用",
          confirmedByCustomer: true,
        },
        rows: async () => (await t.database.db.select({ n: count() }).from(complaints))[0].n,
      },
      {
        path: "/api/faults",
        token: agent,
        body: {
          customer: { name: "李大爷", phone: "13600001234", address: "红星村3组12号" },
          service: "broadband",
          symptom: "宽带无法上网，光猫红灯",
        },
        rows: async () => (await t.database.db.select({ n: count() }).from(faults))[0].n,
      },
      {
        path: "/api/users",
        token: admin,
        body: {
          username: "once.user",
          displayName: "一次",
          password: "once-password",
          role: "security",
          hallId,
        },
        rows: async () => (await t.database.db.select({ n: count() }).from(users))[0].n,
      },
      {
        path: `/api/halls/${hallId}/devices`,
        token: admin,
        body: { kind: "kiosk", label: "二号取号机" },
        rows: async () => (await t.database.db.select({ n: count() }).from(devices))[0].n,
      },
      {
        path: `/api/halls/${hallId}/appointments`,
        token: manager,
        body: { phone: "13912345678", businessType: "payment", slotStart: tomorrow.toISOString() },
        rows: async () => (await t.database.db.select({ n: count() }).from(appointments))[0].n,
      },
    ];
    for (const c of creates) {
      const before = await c.rows();
      const key = `create-${c.path}`;
      const answers = await Promise.all(Array.from({ length: 5 }, () => post(c.path, { ...c, key })));
      expect(answers[0].status, `${c.path}: ${JSON.stringify(answers[0].body)}`).toBeLessThan(300);
      for (const a of answers) expect(a.body, c.path).toEqual(answers[0].body);
      expect(await c.rows(), c.path).toBe(before + 1);
    }
  });

  it("should not store what it answered readably: a device token shown once is not in the table", async () => {
    const admin = await t.token("admin");
    const res = await post(`/api/halls/${hallId}/devices`, {
      token: admin,
      key: "device-key-secret",
      body: { kind: "display", label: "三号叫号屏" },
    });
    const token = (res.body as { token: string }).token;
    const rows = await t.database.db.select().from(idempotencyKeys);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain("device-key-secret");
    expect(stored).not.toContain("三号叫号屏");
  });

  it("should prune expired keys on a sweep, and run an expired key afresh", async () => {
    expect((await issue("tap-expire")).status).toBe(201);
    const all = (await t.database.db.select({ n: count() }).from(idempotencyKeys))[0].n;
    await t.database.db.update(idempotencyKeys).set({ expiresAt: new Date(Date.now() - 1000) });
    const before = await ticketCount();
    const afresh = await issue("tap-expire");
    expect(afresh.replayed).toBeNull();
    expect(await ticketCount()).toBe(before + 1);
    await t.app.ctx.sweeper.runOnce();
    // Only the key just used again is left.
    expect(all).toBeGreaterThan(1);
    expect((await t.database.db.select({ n: count() }).from(idempotencyKeys))[0].n).toBe(1);
  });
});
