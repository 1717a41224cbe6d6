import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSurveyCsv } from "../../../test/fixtures/survey-seed.js";
import { buildTestApp, importSurveyCsv, type TestApp } from "../../../test/helpers.js";
import { STARTER_CHECKLISTS } from "./checklist-starters.js";
import { nextPeriod } from "./shortboard-rules.js";

type Board = { source: string; code: string; value: number; carrier: string | null; planId: string | null };

// R-SHORTBOARD: the seed's own table as a hall's quarter gives its weakest items; a plan follows one up and
// is judged by the next quarter's figure.
describe("short boards and improvement plans", () => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let managerId: string;
  let scope: string;
  beforeAll(async () => {
    t = await buildTestApp();
    [admin, manager] = await Promise.all([t.token("admin"), t.token("manager")]);
    managerId = (await t.api("GET", "/api/auth/me", { token: manager })).json().principal.id;
    scope = `hall:${t.demo.hallId}`;
    await importCsv(seedSurveyCsv("2026-Q3", scope));
    // One inspection in the quarter: the waiting (weight 4) scored 40.
    const scores = STARTER_CHECKLISTS[1].items.map((i) => ({
      item: i.code,
      score: i.code === "wait" ? 40 : 100,
    }));
    const res = await t.api("POST", "/api/quality/inspections", {
      token: admin,
      body: {
        hallId: t.demo.hallId,
        checklistId: STARTER_CHECKLISTS[1].id,
        kind: "open",
        at: "2026-08-20T10:00:00+08:00",
        scores,
      },
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  async function importCsv(csv: string) {
    const res = await importSurveyCsv(t, admin, csv);
    expect(res.statusCode, res.body).toBe(201);
  }
  const boards = async (): Promise<Board[]> =>
    (await t.api("GET", `/api/quality/short-boards?scope=${scope}&period=2026-Q3`, { token: manager })).json()
      .items;

  it("should name the seed's weakest factors, items, competitor gaps and inspection items", async () => {
    const items = await boards();
    const of = (source: string) => items.filter((i) => i.source === source).map((i) => [i.code, i.value]);
    expect(of("kpi_factor")).toEqual([
      ["staff", 76.66],
      ["waiting", 77.72],
    ]);
    expect(of("survey_item")).toEqual([
      ["rarely_system_failure", 74.66],
      ["attitude", 76.28],
      ["answers", 76.45],
    ]);
    // 等候时间: behind 联通 by 1.31 and barely ahead of the competitors together (the seed's own finding).
    expect(items.filter((i) => i.source === "competitor").map((i) => [i.code, i.carrier, i.value])).toEqual([
      ["waiting_acceptable", "联通", -1.31],
      ["waiting_acceptable", "竞争对手", 0.67],
      ["rarely_system_failure", "联通", 3.6],
    ]);
    expect(of("inspection_item")).toEqual([["wait", 40]]);
  });

  it("should plan a short board's improvement and judge it by the next quarter", async () => {
    const body = {
      scope,
      period: "2026-Q3",
      source: "competitor",
      code: "waiting_acceptable",
      carrier: "联通",
      ownerId: managerId,
      dueDate: "2026-12-31",
      actions: [{ text: "高峰时段加开窗口，引导自助缴费", dueDate: "2026-10-15" }],
    };
    const made = await t.api("POST", "/api/quality/improvement-plans", { token: manager, body });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      baseline: -1.31,
      target: 10,
      next: { period: "2026-Q4", value: null },
      recovered: null,
    });
    expect((await boards()).find((b) => b.source === "competitor")?.planId).toBe(made.json().id);
    // The next quarter: our waiting 90 against 联通's 79.03, a lead of 10.97 — recovered.
    const q4 = seedSurveyCsv("2026-Q4", scope).replace(/^(2026-Q4,[^,]*,,ours,3102,87\.56),77\.72/m, "$1,90");
    await importCsv(q4);
    const [plan] = (
      await t.api("GET", `/api/quality/improvement-plans?scope=${scope}`, { token: manager })
    ).json();
    expect(plan).toMatchObject({
      next: { period: "2026-Q4", value: 10.97 },
      recovered: true,
      ownerName: "李厅经理",
    });
    // Its owner ticks an action off.
    const done = await t.api("PATCH", `/api/quality/improvement-plans/${plan.id}`, {
      token: manager,
      body: { actions: [{ ...body.actions[0], done: true }], status: "done" },
    });
    expect(done.json()).toMatchObject({
      status: "done",
      actions: [{ done: true }],
      allowedActions: ["reopen"],
    });
  });

  it("should let a plan's owner work and close it, and only a manager cancel or reopen it", async () => {
    const counter = await t.token("counter1");
    const counterId = (await t.api("GET", "/api/auth/me", { token: counter })).json().principal.id;
    const made = await t.api("POST", "/api/quality/improvement-plans", {
      token: manager,
      body: {
        scope,
        period: "2026-Q3",
        source: "inspection_item",
        code: "wait",
        ownerId: counterId,
        dueDate: "2026-12-31",
        actions: [{ text: "叫号后 30 秒未到再叫一次", dueDate: "2026-11-30" }],
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    // The manager who made it may do everything with an open plan; what the owner may, the server says.
    expect(made.json().allowedActions).toEqual(["progress", "close", "cancel"]);
    const patch = (token: string, body: object) =>
      t.api("PATCH", `/api/quality/improvement-plans/${id}`, { token, body });
    expect((await patch(counter, { status: "cancelled" })).statusCode).toBe(403);
    const worked = await patch(counter, {
      actions: [{ text: "叫号后 30 秒未到再叫一次", dueDate: "2026-11-30", done: true }],
    });
    expect(worked.statusCode, worked.body).toBe(200);
    expect(worked.json().allowedActions).toEqual(["progress", "close"]);
    const closed = await patch(counter, { status: "done" });
    expect(closed.json()).toMatchObject({ status: "done", allowedActions: [] });
    // A closed plan's actions stay as they were closed, for anyone; a manager may open it again.
    const late = await patch(manager, { actions: [{ text: "改", dueDate: "2026-11-30" }] });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("illegal_state");
    expect((await patch(counter, { status: "open" })).statusCode).toBe(403);
    const reopened = await patch(manager, { status: "open" });
    expect(reopened.json()).toMatchObject({
      status: "open",
      allowedActions: ["progress", "close", "cancel"],
    });
  });

  it("should refuse an owner from another hall, an item with no figure, and the front line", async () => {
    const coopId = (await t.api("GET", "/api/auth/me", { token: await t.token("coop") })).json().principal.id;
    const base = {
      scope,
      period: "2026-Q3",
      source: "kpi_factor",
      code: "staff",
      dueDate: "2026-12-31",
      actions: [{ text: "培训", dueDate: "2026-11-01" }],
    };
    const foreign = await t.api("POST", "/api/quality/improvement-plans", {
      token: manager,
      body: { ...base, ownerId: coopId },
    });
    expect(foreign.statusCode).toBe(404);
    const unknown = await t.api("POST", "/api/quality/improvement-plans", {
      token: manager,
      body: { ...base, code: "nothing", ownerId: managerId },
    });
    expect(unknown.statusCode).toBe(400);
    const staff = await t.api("POST", "/api/quality/improvement-plans", {
      token: await t.token("counter1"),
      body: { ...base, ownerId: managerId },
    });
    expect(staff.statusCode).toBe(403);
    const otherHall = await t.api("GET", `/api/quality/short-boards?scope=${scope}`, {
      token: await t.token("coop"),
    });
    expect(otherHall.statusCode).toBe(403);
  });

  it("should step quarters and months over the year's end", () => {
    expect(nextPeriod("2026-Q4")).toBe("2027-Q1");
    expect(nextPeriod("2026-12")).toBe("2027-01");
    expect(nextPeriod("2026-Q2")).toBe("2026-Q3");
  });
});
