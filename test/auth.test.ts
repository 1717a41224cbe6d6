import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedEssentials } from "../src/cli/seed.js";
import { openDatabase } from "../src/core/db.js";
import { tickets } from "../src/features/queue/tables.js";
import { users } from "../src/features/users/tables.js";
import { ADMIN_PASSWORD, buildTestApp, deviceToken, type TestApp } from "./helpers.js";

type Reply = Awaited<ReturnType<TestApp["api"]>>;
const sessionCookie = (res: Reply) => res.cookies.find((c) => c.name === "tingwu_session");

describe("auth: sessions, tokens and devices", () => {
  let t: TestApp;
  let hallId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    hallId = t.demo.hallId;
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) =>
    t.api("POST", "/api/auth/login", { body: { username, password } });
  const ticketCount = async () =>
    Number((await t.database.db.select({ n: count() }).from(tickets).where(eq(tickets.hallId, hallId)))[0].n);
  const issueWith = (headers: Record<string, string>) =>
    t.api("POST", `/api/halls/${hallId}/tickets`, { headers, body: { businessType: "payment" } });

  describe("browser sessions (cookie + CSRF)", () => {
    it("should set an httpOnly, SameSite cookie and return a CSRF token", async () => {
      const res = await login("manager", DEMO_PASSWORD);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        principal: { username: "manager", role: "hall_manager" },
        csrfToken: expect.any(String),
      });
      const cookie = sessionCookie(res)!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
      const me = await t.api("GET", "/api/auth/me", {
        headers: { cookie: `tingwu_session=${cookie.value}` },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        principal: { username: "manager" },
        csrfToken: res.json().csrfToken,
      });
    });

    it("should refuse a change carried by the cookie alone with 403 csrf_failed, and change nothing", async () => {
      const res = await login("manager", DEMO_PASSWORD);
      const cookie = `tingwu_session=${sessionCookie(res)!.value}`;
      const before = await ticketCount();
      const without = await issueWith({ cookie });
      expect(without.statusCode).toBe(403);
      expect(without.json()).toEqual({ error: { code: "csrf_failed", message: expect.any(String) } });
      const wrong = await issueWith({ cookie, "x-csrf-token": "not-the-token" });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe("csrf_failed");
      // Another session's token does not fit this session either.
      const other = (await login("manager", DEMO_PASSWORD)).json().csrfToken;
      expect((await issueWith({ cookie, "x-csrf-token": other })).statusCode).toBe(403);
      expect(await ticketCount()).toBe(before);
      const ok = await issueWith({ cookie, "x-csrf-token": res.json().csrfToken });
      expect(ok.statusCode).toBe(201);
      expect(await ticketCount()).toBe(before + 1);
    });

    it("should end the session on logout", async () => {
      const res = await login("desk", DEMO_PASSWORD);
      const cookie = `tingwu_session=${sessionCookie(res)!.value}`;
      const out = await t.api("POST", "/api/auth/logout", {
        headers: { cookie, "x-csrf-token": res.json().csrfToken },
      });
      expect(out.statusCode).toBe(204);
      const cleared = sessionCookie(out)!;
      expect(cleared.value).toBe("");
      const me = await t.api("GET", "/api/auth/me", { headers: { cookie } });
      expect(me.statusCode).toBe(401);
      expect(me.json().error.code).toBe("unauthenticated");
    });
  });

  describe("bearer tokens (API clients)", () => {
    it("should issue a token that works without CSRF and expires in hours", async () => {
      const res = await t.api("POST", "/api/auth/token", {
        body: { username: "admin", password: ADMIN_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const { token, expiresAt } = res.json();
      expect(token).toEqual(expect.any(String));
      const hours = (Date.parse(expiresAt) - Date.now()) / 3600_000;
      expect(hours).toBeGreaterThan(1);
      expect(hours).toBeLessThan(48);
      expect((await issueWith({ authorization: `Bearer ${token}` })).statusCode).toBe(201);
    });

    it("should refuse a wrong password or an unknown user alike with 401", async () => {
      const wrong = await t.api("POST", "/api/auth/token", {
        body: { username: "admin", password: "wrong-password" },
      });
      const unknown = await t.api("POST", "/api/auth/token", {
        body: { username: "nobody", password: "wrong-password" },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual({ error: { code: "invalid_credentials", message: expect.any(String) } });
      expect(unknown.json()).toEqual(wrong.json());
      expect((await login("manager", "wrong-password")).statusCode).toBe(401);
    });

    it("should refuse a made-up token with 401", async () => {
      const res = await t.api("GET", "/api/auth/me", { headers: { authorization: "Bearer tok_made-up" } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("unauthenticated");
    });

    it("should invalidate a bearer token on logout at once", async () => {
      const token = (
        await t.api("POST", "/api/auth/token", { body: { username: "floor", password: DEMO_PASSWORD } })
      ).json().token;
      const headers = { authorization: `Bearer ${token}` };
      expect((await t.api("GET", "/api/auth/me", { headers })).statusCode).toBe(200);
      expect((await t.api("POST", "/api/auth/logout", { headers })).statusCode).toBe(204);
      expect((await t.api("GET", "/api/auth/me", { headers })).statusCode).toBe(401);
      expect((await issueWith(headers)).statusCode).toBe(401);
    });

    it("should refuse a deactivated user at once, their open session included", async () => {
      const admin = await t.token("admin");
      const own = await t.token("security");
      expect((await t.api("GET", "/api/auth/me", { token: own })).statusCode).toBe(200);
      const users = (await t.api("GET", "/api/users", { token: admin })).json();
      const security = users.find((u: { username: string }) => u.username === "security");
      const patched = await t.api("PATCH", `/api/users/${security.id}`, {
        token: admin,
        body: { active: false },
      });
      expect(patched.statusCode).toBe(200);
      expect((await login("security", DEMO_PASSWORD)).statusCode).toBe(401);
      expect((await t.api("GET", "/api/auth/me", { token: own })).statusCode).toBe(401);
    });
  });

  describe("device tokens", () => {
    it("should let a kiosk issue tickets until its token is revoked", async () => {
      const manager = await t.token("manager");
      const created = await t.api("POST", `/api/halls/${hallId}/devices`, {
        token: manager,
        body: { kind: "kiosk", label: "二楼取号机" },
      });
      expect(created.statusCode).toBe(201);
      const { id, token } = created.json();
      const kiosk = { authorization: `Bearer ${token}` };
      expect((await issueWith(kiosk)).statusCode).toBe(201);
      const revoked = await t.api("POST", `/api/halls/${hallId}/devices/${id}/revoke`, { token: manager });
      expect(revoked.statusCode).toBe(200);
      const before = await ticketCount();
      const after = await issueWith(kiosk);
      expect(after.statusCode).toBe(401);
      expect(after.json().error.code).toBe("unauthenticated");
      expect(await ticketCount()).toBe(before);
    });

    it("should accept a device token in the address only for reads", async () => {
      const display = deviceToken(t.demo, "display", 0);
      expect((await t.api("GET", `/api/halls/${hallId}/board?device=${display}`)).statusCode).toBe(200);
      const kiosk = deviceToken(t.demo, "kiosk", 0);
      const post = await t.api("POST", `/api/halls/${hallId}/tickets?device=${kiosk}`, {
        body: { businessType: "payment" },
      });
      expect(post.statusCode).toBe(401);
    });
  });
});

describe("auth: rate limits", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ limits: { loginPerMinute: 3, publicPerMinute: 3, kioskPerMinute: 600 } });
  });
  afterAll(() => t.close());

  const token = (username: string, password: string) =>
    t.api("POST", "/api/auth/token", { body: { username, password } });

  it("should answer 429 after too many logins, even with the right password", async () => {
    for (let i = 0; i < 3; i++) expect((await token("desk", "wrong-password")).statusCode).toBe(401);
    const limited = await token("desk", DEMO_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
  });

  it("should count browser sign-ins and token requests against one budget", async () => {
    for (let i = 0; i < 2; i++) expect((await token("floor", "wrong-password")).statusCode).toBe(401);
    const viaLogin = await t.api("POST", "/api/auth/login", {
      body: { username: "floor", password: "wrong-password" },
    });
    expect(viaLogin.statusCode).toBe(401);
    const fourth = await t.api("POST", "/api/auth/login", {
      body: { username: "floor", password: DEMO_PASSWORD },
    });
    expect(fourth.statusCode).toBe(429);
  });

  it("should not lock out another user behind the same address", async () => {
    expect((await token("manager", DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it("should answer 429 after too many public tickets from one address", async () => {
    const path = `/api/public/halls/${t.demo.hallId}/tickets`;
    for (let i = 0; i < 3; i++) {
      const res = await t.api("POST", path, { body: { businessType: "payment", phone: `1390000000${i}` } });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ channel: "remote", phone: `139****000${i}` });
    }
    const limited = await t.api("POST", path, { body: { businessType: "payment", phone: "13900000009" } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("rate_limited");
    expect(limited.headers["retry-after"]).toBeDefined();
  });

  it("should answer 429 after too many public waiting-figure requests", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await t.api("GET", "/api/public/halls?regionCode=SH-PD")).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe("auth: password rules and changes", () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
  });
  afterAll(() => t.close());

  const userCount = async () => Number((await t.database.db.select({ n: count() }).from(users))[0].n);
  const idOf = async (username: string) =>
    (await t.database.db.select().from(users).where(eq(users.username, username)))[0];
  const newUser = (username: string, password: string) =>
    t.api("POST", "/api/users", {
      token: admin,
      body: { username, displayName: "王芳", password, role: "counter_staff", hallId: t.demo.hallId },
    });

  it("should refuse to create a user with a common password, one containing the username, or one character repeated", async () => {
    const before = await userCount();
    for (const [password, rule] of [
      ["88888888", "common"],
      ["woaini1314", "common"],
      ["Password123", "common"],
      ["WangFang2024", "contains_username"],
      ["zzzzzzzzzz", "all_same"],
    ]) {
      const res = await newUser("wangfang", password);
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error).toMatchObject({ code: "weak_password", details: { rule } });
    }
    expect((await newUser("wangfang", "1234567")).statusCode).toBe(400);
    expect(await userCount()).toBe(before);
    expect((await newUser("wangfang", "tingwu-demo")).statusCode).toBe(201);
  });

  it("should refuse an admin's weak password for a user and keep the old one", async () => {
    const desk = await idOf("desk");
    const res = await t.api("PATCH", `/api/users/${desk.id}`, {
      token: admin,
      body: { password: "desk1234" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "weak_password", details: { rule: "contains_username" } });
    expect((await idOf("desk")).passwordHash).toBe(desk.passwordHash);
  });

  it("should change one's own password only with the current one, and only to a good one", async () => {
    const token = await t.token("floor");
    const change = (body: object, auth = token) => t.api("POST", "/api/auth/password", { token: auth, body });
    const weak = await change({ currentPassword: DEMO_PASSWORD, newPassword: "qwertyuiop" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: "weak_password", details: { rule: "common" } });
    const same = await change({ currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD });
    expect(same.json().error).toMatchObject({ code: "weak_password", details: { rule: "unchanged" } });
    const wrong = await change({ currentPassword: "not-my-password", newPassword: "walking-the-hall-2" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: "invalid_input",
      details: { field: "currentPassword" },
    });
    const kiosk = await change(
      { currentPassword: "x", newPassword: "walking-the-hall-2" },
      deviceToken(t.demo, "kiosk"),
    );
    expect(kiosk.statusCode).toBe(403);
    // Nothing changed so far: the old password still signs in.
    expect(
      (await t.api("POST", "/api/auth/token", { body: { username: "floor", password: DEMO_PASSWORD } }))
        .statusCode,
    ).toBe(200);

    expect(
      (await change({ currentPassword: DEMO_PASSWORD, newPassword: "hall-walker-2026" })).statusCode,
    ).toBe(204);
    expect((await t.api("GET", "/api/auth/me", { token })).statusCode).toBe(200);
    const signIn = (password: string) =>
      t.api("POST", "/api/auth/token", { body: { username: "floor", password } });
    expect((await signIn(DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await signIn("hall-walker-2026")).statusCode).toBe(200);
  });

  it("should not revive a deactivated user's sessions when the user is activated again", async () => {
    const token = await t.token("inspector");
    const inspector = await idOf("inspector");
    const patch = (active: boolean) =>
      t.api("PATCH", `/api/users/${inspector.id}`, { token: admin, body: { active } });
    expect((await patch(false)).statusCode).toBe(200);
    expect((await patch(true)).statusCode).toBe(200);
    expect((await t.api("GET", "/api/auth/me", { token })).statusCode).toBe(401);
  });

  it("should stop at first start with a clear error when TINGWU_ADMIN_PASSWORD is weak", async () => {
    const database = await openDatabase({});
    await database.migrate();
    try {
      await expect(seedEssentials(database.db, "admin2024!")).rejects.toThrow(
        /TINGWU_ADMIN_PASSWORD is refused: .*username.*contains_username/,
      );
      await expect(seedEssentials(database.db, "password1")).rejects.toThrow(/rule common/);
      expect((await database.db.select().from(users)).length).toBe(0);
      expect(await seedEssentials(database.db, "a-good-first-password")).toEqual({});
    } finally {
      await database.close();
    }
  });
});
