import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { seedHistory } from "../../cli/seed-history.js";
import { addDays } from "../../core/calendar.js";
import { queryRows } from "../../core/db.js";
import { localClock } from "./live.js";

// 排班 (R-ROSTER) end to end on a hall with five weeks of its own tickets: forecast, overrides, accuracy,
// a generated week, edits re-checked by simulation, publication to the staff's phones through the outbox.

let t: TestApp;
let hallId: string;
let manager: string;
let counterToken: string;
let counterUsers: string[];
const today = localClock(new Date(), "Asia/Shanghai").date;

beforeAll(async () => {
  t = await buildTestApp();
  const seeded = await seedHistory(t.database, {
    halls: 1,
    days: 35,
    ticketsPerDay: 260,
    seed: 3,
    regionSize: 100,
    counters: 6,
    timeZone: "Asia/Shanghai",
  });
  hallId = seeded.halls[0].id;
  counterUsers = seeded.halls[0].counters.map((c) => c.staffId);
  const login = async (username: string) =>
    (await t.api("POST", "/api/auth/token", { body: { username, password: "tingwu-demo" } })).json().token;
  manager = await login("h0001-manager");
  // The seeded halls are open round the clock; this one keeps a high street's hours.
  const hours = await t.api("PATCH", `/api/halls/${hallId}`, {
    token: await t.token("admin"),
    body: { openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "09:00", close: "19:00" }] },
  });
  if (hours.statusCode !== 200) throw new Error(hours.body);
  counterToken = await login("h0001-c1");
}, 120_000);
afterAll(() => t?.close());

const api = (method: string, path: string, body?: unknown, token = manager) =>
  t.api(method, path, { token, body });

describe("the forecast", () => {
  it("should forecast today's half hours from recent same weekdays", async () => {
    const res = await api("GET", `/api/halls/${hallId}/staffing/forecast?date=${today}`);
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.opensAt).toBe("09:00");
    expect(f.intervals).toHaveLength(20);
    expect(f.basedOn.length).toBeGreaterThanOrEqual(4);
    expect(f.intervals.reduce((n: number, i: { total: number }) => n + i.total, 0)).toBeGreaterThan(100);
  });

  it("should take the manager's figure for a half hour and business type", async () => {
    const res = await api("PUT", `/api/halls/${hallId}/staffing/forecast`, {
      date: today,
      overrides: [{ start: "12:00", businessType: "payment", arrivals: 99 }],
    });
    expect(res.statusCode).toBe(200);
    const noon = res.json().intervals.find((i: { start: string }) => i.start === "12:00");
    expect(noon.byType.payment).toBe(99);
    expect(noon.overridden).toEqual(["payment"]);
    const cleared = await api("PUT", `/api/halls/${hallId}/staffing/forecast`, {
      date: today,
      overrides: [{ start: "12:00", businessType: "payment", arrivals: null }],
    });
    expect(cleared.json().intervals.find((i: { start: string }) => i.start === "12:00").overridden).toEqual(
      [],
    );
  });

  it("should score yesterday's forecast against its tickets", async () => {
    const res = await api("GET", `/api/halls/${hallId}/staffing/accuracy?date=${addDays(today, -1)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().mape).toBeGreaterThan(0);
    expect(res.json().mape).toBeLessThan(1);
  });

  it("should refuse the counter staff", async () => {
    const res = await api(
      "GET",
      `/api/halls/${hallId}/staffing/forecast?date=${today}`,
      undefined,
      counterToken,
    );
    expect(res.statusCode).toBe(403);
  });
});

describe("a week's roster", () => {
  let rosterId: string;
  const staffIds: string[] = [];

  it("should generate a roster that covers the plan within the rules", async () => {
    for (const [name, start, lengthHours] of [
      ["早班", "09:00", 5],
      ["晚班", "14:00", 5],
      ["全天", "09:00", 10],
    ] as const) {
      expect(
        (await api("POST", `/api/halls/${hallId}/shift-templates`, { name, start, lengthHours })).statusCode,
      ).toBe(201);
    }
    for (let i = 0; i < 10; i++) {
      const res = await api("POST", `/api/halls/${hallId}/staff`, {
        name: `员工${i + 1}`,
        userId: counterUsers[i] ?? null,
        skills: [],
        contractHoursPerWeek: 40,
      });
      expect(res.statusCode).toBe(201);
      staffIds.push(res.json().id);
    }
    // A form sent twice (a retry after a lost answer) adds the person once: the repeat gets the first answer.
    const once = { name: "重发", contractHoursPerWeek: 20 };
    const key = { "idempotency-key": `staff-${crypto.randomUUID()}` };
    const [first, repeat] = await Promise.all([
      t.api("POST", `/api/halls/${hallId}/staff`, { token: manager, body: once, headers: key }),
      t.api("POST", `/api/halls/${hallId}/staff`, { token: manager, body: once, headers: key }),
    ]);
    expect([first.statusCode, repeat.statusCode]).toEqual([201, 201]);
    expect(repeat.json().id).toBe(first.json().id);
    const resent = (await api("GET", `/api/halls/${hallId}/staff`)).json() as { id: string; name: string }[];
    expect(resent.filter((p) => p.name === "重发")).toHaveLength(1);
    expect((await api("PATCH", `/api/staff/${first.json().id}`, { active: false })).json().active).toBe(
      false,
    );
    // The accounts a roster entry may name are the hall's own; another hall's is not seen, and nothing is stored.
    const accounts = (await api("GET", `/api/halls/${hallId}/staff/accounts`)).json();
    expect(accounts.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining(counterUsers.slice(0, 6)),
    );
    const elsewhere = (await t.api("GET", "/api/auth/me", { token: await t.token("counter1") })).json()
      .principal;
    expect(elsewhere.hallId).not.toBe(hallId);
    expect(accounts.map((a: { id: string }) => a.id)).not.toContain(elsewhere.id);
    const foreign = await api("POST", `/api/halls/${hallId}/staff`, {
      name: "外厅",
      userId: elsewhere.id,
      contractHoursPerWeek: 40,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await api("PATCH", `/api/staff/${staffIds[9]}`, { userId: elsewhere.id })).statusCode).toBe(404);
    expect((await api("GET", `/api/halls/${hallId}/staff`)).json()).toHaveLength(11);
    // One account is on one hall's staff once: a second entry for it, new or by a change, is a conflict.
    const twice = await api("POST", `/api/halls/${hallId}/staff`, {
      name: "重复",
      userId: counterUsers[0],
      skills: [],
      contractHoursPerWeek: 40,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("conflict");
    const moved = await api("PATCH", `/api/staff/${staffIds[1]}`, { userId: counterUsers[0] });
    expect(moved.statusCode).toBe(409);
    const pool = (await api("GET", `/api/halls/${hallId}/staff`)).json();
    expect(pool).toHaveLength(11);
    expect(pool.find((p: { id: string }) => p.id === staffIds[1]).userId).toBe(counterUsers[1]);
    // An absence recorded by mistake is withdrawn; the second time there is none.
    const wrong = await api("POST", `/api/staff/${staffIds[1]}/absences`, {
      kind: "leave",
      fromDate: today,
      toDate: today,
    });
    expect(wrong.json().absences).toHaveLength(1);
    const absenceId = wrong.json().absences[0].id;
    const undone = await api("DELETE", `/api/staff/${staffIds[1]}/absences/${absenceId}`);
    expect(undone.statusCode).toBe(200);
    expect(undone.json().absences).toEqual([]);
    expect((await api("DELETE", `/api/staff/${staffIds[1]}/absences/${absenceId}`)).statusCode).toBe(404);
    expect((await api("DELETE", `/api/staff/${staffIds[0]}/absences/${absenceId}`)).statusCode).toBe(404);
    const sick = await api("POST", `/api/staff/${staffIds[0]}/absences`, {
      kind: "sick",
      fromDate: today,
      toDate: today,
    });
    expect(sick.statusCode).toBe(201);

    const generateKey = { "idempotency-key": `roster-${crypto.randomUUID()}` };
    const res = await t.api("POST", `/api/halls/${hallId}/rosters`, {
      token: manager,
      body: { weekStart: today },
      headers: generateKey,
    });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    rosterId = r.id;
    // A second tap on 生成排班 with the same key is answered with the first roster, not a new generation.
    const tappedTwice = await t.api("POST", `/api/halls/${hallId}/rosters`, {
      token: manager,
      body: { weekStart: today },
      headers: generateKey,
    });
    expect(tappedTwice.headers["idempotent-replayed"]).toBe("true");
    expect(tappedTwice.json()).toEqual(r);
    expect(r.state).toBe("draft");
    expect(r.allowedActions).toEqual(["assign", "unassign", "publish", "regenerate"]);
    expect(r.staffHours).toBeGreaterThanOrEqual(r.lowerBoundHours);
    expect(r.lowerBoundHours).toBeGreaterThan(0);
    expect(r.requirements).toHaveLength(7);
    expect(r.check.byDay).toHaveLength(7);
    expect(
      r.check.violations.filter((v: { kind: string }) => v.kind !== "cover" && v.kind !== "skill"),
    ).toEqual([]);
    expect(
      r.shifts.some((s: { staffId: string; date: string }) => s.staffId === staffIds[0] && s.date === today),
    ).toBe(false);
  }, 120_000);

  it("should show a person nothing before publication, then their shifts, and tell them", async () => {
    expect((await api("GET", "/api/staffing/my-shifts", undefined, counterToken)).json().shifts).toEqual([]);
    const pub = await api("POST", `/api/rosters/${rosterId}/publish`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().state).toBe("published");
    expect(pub.json().allowedActions).toEqual(["assign", "unassign"]);
    const mine = (await api("GET", "/api/staffing/my-shifts", undefined, counterToken)).json();
    expect(mine.staff).toHaveLength(1);
    const shouldHave = pub.json().shifts.filter((s: { staffId: string }) => s.staffId === mine.staff[0].id);
    expect(mine.shifts).toHaveLength(shouldHave.length);
    const told = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM outbox WHERE payload->>'rosterId' = ${rosterId}`,
    );
    expect(told[0].n).toBeGreaterThanOrEqual(6);
    expect((await api("POST", `/api/rosters/${rosterId}/publish`)).statusCode).toBe(409);
  }, 60_000);

  it("should re-check an edit by simulation and tell the person whose shift changed", async () => {
    const before = (await api("GET", `/api/rosters/${rosterId}`)).json();
    const shift = before.shifts[0];
    const res = await api("DELETE", `/api/rosters/${rosterId}/shifts/${shift.id}`);
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.staffHours).toBe(before.staffHours - shift.lengthMinutes / 60);
    const told = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM outbox WHERE payload->>'event' LIKE ${`unassign:${shift.id}%`}`,
    );
    const people = (await api("GET", `/api/halls/${hallId}/staff`)).json();
    const person = people.find((p: { id: string }) => p.id === shift.staffId);
    expect(told[0].n).toBe(person.userId ? 1 : 0);
    const templates = (await api("GET", `/api/halls/${hallId}/shift-templates`)).json();
    const again = await api("POST", `/api/rosters/${rosterId}/shifts`, {
      staffId: shift.staffId,
      date: shift.date,
      templateId: templates[0].id,
    });
    expect(again.statusCode).toBe(201);
    const twice = await api("POST", `/api/rosters/${rosterId}/shifts`, {
      staffId: shift.staffId,
      date: shift.date,
      templateId: templates[1].id,
    });
    expect(twice.statusCode).toBe(409);
  }, 60_000);

  it("should move a shift to a colleague when the manager approves the swap", async () => {
    const mine = (await api("GET", "/api/staffing/my-shifts", undefined, counterToken)).json();
    const shift = mine.shifts[0];
    const roster = (await api("GET", `/api/rosters/${rosterId}`)).json();
    const busy = new Set(
      roster.shifts
        .filter((s: { date: string }) => s.date === shift.date)
        .map((s: { staffId: string }) => s.staffId),
    );
    // Ten people for a week whose days need fewer: someone is free that day.
    const free = staffIds.find((id) => !busy.has(id)) as string;
    expect(free).toBeDefined();
    expect(mine.colleagues.map((c: { id: string }) => c.id)).toContain(free);
    expect(mine.colleagues.map((c: { id: string }) => c.id)).not.toContain(shift.staffId);
    const asked = await api(
      "POST",
      "/api/staffing/swaps",
      { shiftId: shift.id, toStaffId: free },
      counterToken,
    );
    expect(asked.statusCode).toBe(201);
    expect(asked.json().state).toBe("requested");
    // The manager's list of requests offers the decision; the asker's phone shows the request, to wait on.
    const waiting = await api("GET", `/api/halls/${hallId}/staffing/swaps?state=requested`);
    expect(waiting.statusCode).toBe(200);
    const listed = waiting.json().find((w: { id: string }) => w.id === asked.json().id);
    expect(listed).toMatchObject({ date: shift.date, start: shift.start, fromStaffId: shift.staffId });
    expect(listed.toName).toMatch(/^员工/);
    expect(listed.allowedActions).toEqual(["approve", "reject"]);
    const phone = (await api("GET", "/api/staffing/my-shifts", undefined, counterToken)).json();
    expect(phone.swaps[0]).toMatchObject({ id: asked.json().id, state: "requested", allowedActions: [] });
    const ok = await api("POST", `/api/staffing/swaps/${asked.json().id}/decision`, { decision: "approved" });
    expect(ok.statusCode).toBe(204);
    expect((await api("GET", `/api/halls/${hallId}/staffing/swaps?state=requested`)).json()).toEqual([]);
    const decided = (await api("GET", `/api/halls/${hallId}/staffing/swaps`)).json();
    expect(decided[0]).toMatchObject({ id: asked.json().id, state: "approved", allowedActions: [] });
    expect(decided[0].decidedAt).not.toBeNull();
    // Another hall's manager cannot read this hall's swaps (a hall route outside one's scope: 403).
    expect(
      (await api("GET", `/api/halls/${hallId}/staffing/swaps`, undefined, await t.token("manager")))
        .statusCode,
    ).toBe(403);
    const after = (await api("GET", `/api/rosters/${rosterId}`)).json();
    expect(after.shifts.find((s: { id: string }) => s.id === shift.id).staffId).toBe(free);
    const again = await api("POST", `/api/staffing/swaps/${asked.json().id}/decision`, {
      decision: "rejected",
    });
    expect(again.statusCode).toBe(409);
  }, 60_000);

  it("should let only managers change rosters and answer the live board", async () => {
    expect((await api("GET", `/api/rosters/${rosterId}`, undefined, counterToken)).statusCode).toBe(403);
    const now = await api("GET", `/api/halls/${hallId}/staffing/now`);
    expect(now.statusCode).toBe(200);
    const n = now.json();
    expect(n.toOpen).toBe(Math.max(0, n.planned - n.open));
  });
});
