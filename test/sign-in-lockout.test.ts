import { Writable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { loadEnv } from "../src/core/env.js";
import { auditLog } from "../src/core/tables.js";
import { checkCredentials } from "../src/features/users/data.js";
import { signInFailures } from "../src/features/users/tables.js";
import { buildTestApp, type TestApp, testEnv } from "./helpers.js";

type Reply = Awaited<ReturnType<TestApp["api"]>>;

// A client may not get more tries by naming another address, by asking another instance, or by sending
// its guesses all at once; a lock holds across a restart, refuses the right password too, and an admin
// may see and lift it.

describe("sign-in limits and X-Forwarded-For without a trusted proxy", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ limits: { loginPerMinute: 3, publicPerMinute: 3, kioskPerMinute: 600 } });
  });
  afterAll(() => t.close());

  it("should not let a client dodge the limit by sending a new X-Forwarded-For each try", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.api("POST", "/api/auth/login", {
        headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
        body: { username: "desk", password: "wrong-password" },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it("should not let a client dodge the public limits that way either", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.api("GET", "/api/public/halls?regionCode=SH-PD", {
        headers: { "x-forwarded-for": `203.0.113.${i + 50}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("should read TINGWU_TRUSTED_PROXIES as addresses and CIDR ranges, trusting none by default", () => {
    expect(loadEnv({}).TINGWU_TRUSTED_PROXIES).toEqual([]);
    expect(loadEnv({ TINGWU_TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1,::1" }).TINGWU_TRUSTED_PROXIES).toEqual([
      "10.0.0.0/8",
      "127.0.0.1",
      "::1",
    ]);
    expect(() => loadEnv({ TINGWU_TRUSTED_PROXIES: "10.0.0.1,lb.internal" })).toThrow(
      /TINGWU_TRUSTED_PROXIES.*"lb.internal" is not an IP address/,
    );
  });
});

describe("sign-in lockout (behind a trusted proxy, so each try may come from its own address)", () => {
  let t: TestApp;
  const lines: string[] = [];
  let next = 1;
  /** A new client address for each request unless one is given. */
  const from = (address = `198.51.100.${next++}`) => ({ "x-forwarded-for": address });
  const token = (username: string, password: string, address?: string) =>
    t.api("POST", "/api/auth/token", { headers: from(address), body: { username, password } });
  const login = (username: string, password: string, address?: string) =>
    t.api("POST", "/api/auth/login", { headers: from(address), body: { username, password } });
  const failTimes = async (n: number, username: string) => {
    for (let i = 0; i < n; i++) expect((await token(username, "wrong-password")).statusCode).toBe(401);
  };
  const expectLocked = (res: Reply, code: string, seconds: number) => {
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual({
      error: { code, message: expect.any(String), details: { retryAfterSeconds: expect.any(Number) } },
    });
    const left = res.json().error.details.retryAfterSeconds;
    expect(left).toBeGreaterThan(seconds - 5);
    expect(left).toBeLessThanOrEqual(seconds);
    expect(res.headers["retry-after"]).toBe(String(left));
  };
  const userRow = (username: string) =>
    t.database.db
      .select()
      .from(signInFailures)
      .where(and(eq(signInFailures.kind, "username"), eq(signInFailures.subject, username)));
  /** As if the lock had run out: its end moved into the past. */
  const expire = (username: string) =>
    t.database.db
      .update(signInFailures)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(and(eq(signInFailures.kind, "username"), eq(signInFailures.subject, username)));

  beforeAll(async () => {
    const log = new Writable({
      write(chunk, _enc, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    });
    t = await buildTestApp({
      env: testEnv({ TINGWU_TRUSTED_PROXIES: "127.0.0.1" }),
      logger: { level: "info", stream: log },
    });
  });
  afterAll(() => t.close());

  it("should lock a username after 5 failures from 5 addresses, refusing the right password on both routes", async () => {
    await failTimes(5, "desk");
    expectLocked(await token("desk", DEMO_PASSWORD), "account_locked", 60);
    expectLocked(await login("desk", DEMO_PASSWORD), "account_locked", 60);
    // Another account from the same addresses is not affected.
    expect((await token("floor", DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it("should write the lock to the log without the password, and to the audit log", async () => {
    const locked = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "sign-in locked");
    expect(locked).toEqual([
      expect.objectContaining({ key: "username", subject: "desk", lockedSeconds: 60 }),
    ]);
    expect(lines.join("\n")).not.toContain("wrong-password");
    expect(lines.join("\n")).not.toContain(DEMO_PASSWORD);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "sign_in_locked"));
    expect(audit).toEqual([expect.objectContaining({ subjectType: "sign_in_username", subjectId: "desk" })]);
  });

  it("should lock twice as long each next time", async () => {
    await expire("desk");
    await failTimes(5, "desk");
    expectLocked(await token("desk", DEMO_PASSWORD), "account_locked", 120);
    await expire("desk");
    await failTimes(5, "desk");
    expectLocked(await token("desk", DEMO_PASSWORD), "account_locked", 240);
  });

  it("should forget the failures after a success", async () => {
    await failTimes(4, "counter1");
    expect((await token("counter1", DEMO_PASSWORD)).statusCode).toBe(200);
    expect(await userRow("counter1")).toEqual([]);
    await failTimes(4, "counter1");
    expect((await token("counter1", DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it("should lock an unknown username just like a known one, so a lock reveals nothing", async () => {
    await failTimes(5, "nobody-here");
    expectLocked(await token("nobody-here", "wrong-password"), "account_locked", 60);
  });

  it("should let only 5 of 20 guesses sent at once be checked", async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => token("counter2", "wrong-password")));
    const statuses = all.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    expectLocked(await token("counter2", DEMO_PASSWORD), "account_locked", 60);
  });

  it("should lock an address after 20 failures on any usernames, and only that address", async () => {
    const address = "192.0.2.77";
    for (let i = 0; i < 20; i++)
      expect((await token(`guess-${i}`, "wrong-password", address)).statusCode).toBe(401);
    expectLocked(await token("counter3", DEMO_PASSWORD, address), "rate_limited", 60);
    expect((await token("counter3", DEMO_PASSWORD, "192.0.2.78")).statusCode).toBe(200);
    // The refused try counted against counter3 nowhere.
    expect(await userRow("counter3")).toEqual([]);
  });

  it("should hold the lock in the database: a restarted instance still refuses", async () => {
    await failTimes(5, "counter4");
    const restarted = await buildApp({
      database: t.database,
      env: testEnv({ TINGWU_TRUSTED_PROXIES: "127.0.0.1" }),
      logger: false,
    });
    try {
      const res = await restarted.inject({
        method: "POST",
        url: "/api/auth/token",
        headers: from(),
        payload: { username: "counter4", password: DEMO_PASSWORD },
      });
      expectLocked(res, "account_locked", 60);
    } finally {
      await restarted.close();
    }
  });

  it("should let the operator admin see the locks and lift one, on record", async () => {
    const admin = await t.token("admin");
    await failTimes(5, "counter5");
    const listed = await t.api("GET", "/api/sign-in-locks", { token: admin });
    expect(listed.statusCode).toBe(200);
    const lock = listed.json().find((l: { subject: string }) => l.subject === "counter5");
    expect(lock).toMatchObject({ kind: "username", lockouts: 1, retryAfterSeconds: expect.any(Number) });
    const manager = await t.token("manager");
    expect((await t.api("GET", "/api/sign-in-locks", { token: manager })).statusCode).toBe(403);
    expect(
      (await t.api("POST", `/api/sign-in-locks/${lock.id}/lift`, { token: manager, body: {} })).statusCode,
    ).toBe(403);
    expect((await token("counter5", DEMO_PASSWORD)).statusCode).toBe(429);

    const lifted = await t.api("POST", `/api/sign-in-locks/${lock.id}/lift`, { token: admin });
    expect(lifted.statusCode).toBe(204);
    expect((await token("counter5", DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await t.api("POST", `/api/sign-in-locks/${lock.id}/lift`, { token: admin })).statusCode).toBe(
      404,
    );
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "sign_in_unlocked"));
    expect(audit).toEqual([
      expect.objectContaining({ subjectType: "sign_in_username", subjectId: "counter5" }),
    ]);
    expect(lines.map((l) => JSON.parse(l).msg)).toContain("sign-in lock lifted");
  });

  it("should still spend a password hash on an unknown username (no timing tell)", async () => {
    const db = t.database.db;
    await checkCredentials(db, "nobody", "warm-up-the-dummy");
    const time = async (username: string) => {
      const ms: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        expect(await checkCredentials(db, username, "wrong-password")).toBeNull();
        ms.push(performance.now() - start);
      }
      return ms.sort((a, b) => a - b)[2];
    };
    const known = await time("manager");
    const unknown = await time("no-such-user");
    expect(unknown).toBeGreaterThan(known * 0.5);
  });
});
