import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { tokenHash } from "../src/core/auth.js";
import { type Database, openDatabase } from "../src/core/db.js";
import { devices, sessions } from "../src/features/users/tables.js";
import { buildTestApp, type TestApp, testEnv } from "./helpers.js";
import { openSse, type SseStream, sleep } from "./server.js";

// A live stream (SSE) is authorized once, when it opens, and then lasts for hours: it must end when the
// credential it was opened with ends — a device revoked, a person deactivated, moved or given a new
// password, a session signed out — on this instance at once, and on any instance within seconds.

/** Resolves with the milliseconds it took the server to end the stream, or rejects after `ms`. */
async function endsWithin(s: SseStream, ms: number): Promise<number> {
  const start = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the stream was still open after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([s.ended, timeout]);
  } finally {
    clearTimeout(timer);
  }
  return Date.now() - start;
}

/** Whether the stream is still open after `ms`. */
async function staysOpen(s: SseStream, ms: number) {
  return Promise.race([s.ended.then(() => false), sleep(ms).then(() => true)]);
}

describe("live streams end with their credential", () => {
  let t: TestApp;
  let base: string;
  let hallId: string;
  let admin: string;
  let manager: string;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    hallId = t.demo.hallId;
    admin = await t.token("admin");
    manager = await t.token("manager");
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t?.close();
  });

  const open = async (auth: { device?: string; bearer?: string; cookie?: string }) => {
    const query = auth.device ? `?device=${auth.device}` : "";
    const headers: Record<string, string> = {
      ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}),
      ...(auth.cookie ? { cookie: `tingwu_session=${auth.cookie}` } : {}),
    };
    const s = await openSse(`${base}/api/halls/${hallId}/events${query}`, headers);
    streams.push(s);
    expect((await s.next()).event).toBe("ready");
    return s;
  };
  const newDisplay = async () => {
    const res = await t.api("POST", `/api/halls/${hallId}/devices`, {
      token: manager,
      body: { kind: "display", label: "测试叫号屏" },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; token: string };
  };
  const userId = async (username: string) =>
    (await t.api("GET", "/api/users", { token: admin }))
      .json()
      .find((u: { username: string }) => u.username === username).id as string;
  const bearer = async (username: string) => {
    const res = await t.api("POST", "/api/auth/token", { body: { username, password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    return res.json().token as string;
  };
  const cookieSession = async (username: string, password = DEMO_PASSWORD) => {
    const res = await t.api("POST", "/api/auth/login", { body: { username, password } });
    expect(res.statusCode).toBe(200);
    return {
      cookie: res.cookies.find((c) => c.name === "tingwu_session")!.value,
      csrf: res.json().csrfToken as string,
    };
  };

  it("should end a display's stream when its device token is revoked", async () => {
    const display = await newDisplay();
    const s = await open({ device: display.token });
    const revoked = await t.api("POST", `/api/halls/${hallId}/devices/${display.id}/revoke`, {
      token: manager,
    });
    expect(revoked.statusCode).toBe(200);
    expect(await endsWithin(s, 3_000)).toBeLessThan(3_000);
    await expect(open({ device: display.token })).rejects.toThrow(/401/);
  });

  it("should end a stream whose token was revoked by another instance, at the next re-check", async () => {
    const display = await newDisplay();
    const s = await open({ device: display.token });
    // What another instance's revocation leaves here: the row changed, nothing said to this instance.
    await t.database.db.update(devices).set({ revokedAt: new Date() }).where(eq(devices.id, display.id));
    expect(await endsWithin(s, 8_000)).toBeLessThan(8_000);
  });

  it("should end a stream when its session expires", async () => {
    const token = await bearer("agent");
    const s = await open({ bearer: token });
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.tokenHash, tokenHash(token)));
    expect(await endsWithin(s, 8_000)).toBeLessThan(8_000);
  });

  it("should end a person's streams when they are deactivated", async () => {
    const token = await bearer("floor");
    const s = await open({ bearer: token });
    const patched = await t.api("PATCH", `/api/users/${await userId("floor")}`, {
      token: admin,
      body: { active: false },
    });
    expect(patched.statusCode).toBe(200);
    expect(await endsWithin(s, 3_000)).toBeLessThan(3_000);
  });

  it("should end a person's streams when they are moved to another hall", async () => {
    const token = await bearer("desk");
    const s = await open({ bearer: token });
    const moved = await t.api("PATCH", `/api/users/${await userId("desk")}`, {
      token: admin,
      body: { hallId: t.demo.cooperativeHallId },
    });
    expect(moved.statusCode).toBe(200);
    expect(await endsWithin(s, 3_000)).toBeLessThan(3_000);
    // The same token may no longer open the old hall's stream.
    await expect(open({ bearer: token })).rejects.toThrow(/403/);
  });

  it("should end the stream of a session that signs out", async () => {
    const { cookie, csrf } = await cookieSession("security");
    const s = await open({ cookie });
    const other = await open({ bearer: await bearer("security") });
    const out = await t.api("POST", "/api/auth/logout", {
      headers: { cookie: `tingwu_session=${cookie}`, "x-csrf-token": csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(await endsWithin(s, 3_000)).toBeLessThan(3_000);
    // Only that session's: the person's other token keeps its stream.
    expect(await staysOpen(other, 4_000)).toBe(true);
  });

  it("should end every other session, token and stream of a person who changes their password", async () => {
    const elsewhere = await bearer("counter6");
    const elsewhereStream = await open({ bearer: elsewhere });
    const here = await cookieSession("counter6");
    const hereStream = await open({ cookie: here.cookie });
    const changed = await t.api("POST", "/api/auth/password", {
      headers: { cookie: `tingwu_session=${here.cookie}`, "x-csrf-token": here.csrf },
      body: { currentPassword: DEMO_PASSWORD, newPassword: "counter-six-new-pw" },
    });
    expect(changed.statusCode).toBe(204);
    expect(await endsWithin(elsewhereStream, 3_000)).toBeLessThan(3_000);
    expect((await t.api("GET", "/api/auth/me", { token: elsewhere })).statusCode).toBe(401);
    // The session that made the change goes on, stream included.
    const me = await t.api("GET", "/api/auth/me", { headers: { cookie: `tingwu_session=${here.cookie}` } });
    expect(me.statusCode).toBe(200);
    expect(await staysOpen(hereStream, 4_000)).toBe(true);
    expect(
      (await t.api("POST", "/api/auth/token", { body: { username: "counter6", password: DEMO_PASSWORD } }))
        .statusCode,
    ).toBe(401);
  });

  it("should end all of a person's sessions and streams when an admin sets their password", async () => {
    const token = await bearer("counter5");
    const s = await open({ bearer: token });
    const { cookie } = await cookieSession("counter5");
    const patched = await t.api("PATCH", `/api/users/${await userId("counter5")}`, {
      token: admin,
      body: { password: "counter-five-reset" },
    });
    expect(patched.statusCode).toBe(200);
    expect(await endsWithin(s, 3_000)).toBeLessThan(3_000);
    expect((await t.api("GET", "/api/auth/me", { token })).statusCode).toBe(401);
    const me = await t.api("GET", "/api/auth/me", { headers: { cookie: `tingwu_session=${cookie}` } });
    expect(me.statusCode).toBe(401);
  });
});

// Several instances on one PostgreSQL: a credential ended through one ends the streams held by another.
describe.skipIf(!process.env.DATABASE_URL)("streams on another instance (needs DATABASE_URL)", () => {
  let a: TestApp;
  let b: FastifyInstance;
  let bDatabase: Database;
  let baseB: string;
  let manager: string;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    a = await buildTestApp();
    bDatabase = await openDatabase({ url: a.url, poolSize: 5 });
    b = await buildApp({ database: bDatabase, env: testEnv(), logger: false });
    await b.listen({ port: 0, host: "127.0.0.1" });
    baseB = `http://127.0.0.1:${(b.server.address() as AddressInfo).port}`;
    manager = await a.token("manager");
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await b?.close();
    await bDatabase?.close();
    await a?.close();
  });

  const openOnB = async (headers: Record<string, string>, query = "") => {
    const s = await openSse(`${baseB}/api/halls/${a.demo.hallId}/events${query}`, headers);
    streams.push(s);
    expect((await s.next()).event).toBe("ready");
    return s;
  };

  it("should end a stream on instance B within seconds of its device's revocation on A", async () => {
    const created = await a.api("POST", `/api/halls/${a.demo.hallId}/devices`, {
      token: manager,
      body: { kind: "display", label: "B 上的叫号屏" },
    });
    const { id, token } = created.json();
    const s = await openOnB({}, `?device=${token}`);
    const revoked = await a.api("POST", `/api/halls/${a.demo.hallId}/devices/${id}/revoke`, {
      token: manager,
    });
    expect(revoked.statusCode).toBe(200);
    expect(await endsWithin(s, 8_000)).toBeLessThan(8_000);
  });

  it("should end a stream on instance B within seconds of its session's logout on A", async () => {
    const token = (
      await a.api("POST", "/api/auth/token", { body: { username: "floor", password: DEMO_PASSWORD } })
    ).json().token;
    const s = await openOnB({ authorization: `Bearer ${token}` });
    expect((await a.api("POST", "/api/auth/logout", { token })).statusCode).toBe(204);
    expect(await endsWithin(s, 8_000)).toBeLessThan(8_000);
  });
});
