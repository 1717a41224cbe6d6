import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { queryRows } from "../../core/db.js";
import { PULSE_QUESTIONS, pulseResults } from "./pulse-rules.js";
import { pulseAnswers } from "./tables.js";

const all = (v: number) => Object.fromEntries(PULSE_QUESTIONS.map((q) => [q.code, v]));

// R-STAFFSAT: the staff pulse — anonymous, once a quarter, results only from five answers, beside the KPI.
describe("staff pulse", () => {
  let t: TestApp;
  let manager: string;
  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
  });
  afterAll(() => t.close());

  const answer = async (who: string, v: number, comment?: string) =>
    t.api("POST", "/api/quality/pulse", {
      token: await t.token(who),
      body: { answers: all(v), ...(comment ? { comment } : {}) },
    });
  const results = () => t.api("GET", `/api/halls/${t.demo.hallId}/pulse`, { token: manager });

  it("should show nothing until five have answered, then the means and the comments", async () => {
    const mine = (await t.api("GET", "/api/quality/pulse/mine", { token: await t.token("counter1") })).json();
    expect(mine).toMatchObject({ hallId: t.demo.hallId, answered: false });
    expect(mine.questions).toHaveLength(PULSE_QUESTIONS.length);
    for (const [who, v] of [
      ["counter1", 5],
      ["counter2", 4],
      ["counter3", 2],
      ["desk", 3],
    ] as const) {
      expect((await answer(who, v, who === "counter3" ? "排班太紧" : undefined)).statusCode).toBe(201);
    }
    const four = (await results()).json();
    expect(four).toMatchObject({ answered: 4, results: null, comments: [], minAnswers: 5 });
    expect(four.staff).toBeGreaterThanOrEqual(10);
    expect((await answer("floor", 1)).statusCode).toBe(201);
    const five = (await results()).json();
    // Means (5 + 4 + 2 + 3 + 1) / 5 = 3; agreeing (4 or 5) 2 of 5; 0–100: (3 − 1) / 4 = 50.
    expect(five.results.satisfaction).toBe(50);
    expect(five.results.questions[0]).toMatchObject({ mean: 3, agreeShare: 0.4 });
    expect(five.comments).toEqual(["排班太紧"]);
    expect(five.customerKpi).toBeNull();
    expect(
      (await t.api("GET", "/api/quality/pulse/mine", { token: await t.token("counter1") })).json().answered,
    ).toBe(true);
  });

  it("should take one answer per person and quarter, and keep no trace of who gave which", async () => {
    const again = await answer("counter1", 1);
    expect(again.statusCode).toBe(409);
    expect((await results()).json().answered).toBe(5);
    const columns = await queryRows<{ c: string }>(
      t.database.db,
      sql`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'pulse_answers'`,
    );
    expect(columns.map((c) => c.c).sort()).toEqual(["answers", "comment", "hall_id", "id", "quarter"]);
    // Random ids (version 4), not time-ordered ones that would give the order of answering away.
    const ids = (await t.database.db.select({ id: pulseAnswers.id }).from(pulseAnswers)).map((r) => r.id);
    expect(ids.every((id) => id[14] === "4")).toBe(true);
  });

  it("should let only a hall's own people answer and only its managers read", async () => {
    expect((await answer("area", 3)).statusCode).toBe(403);
    const byStaff = await t.api("GET", `/api/halls/${t.demo.hallId}/pulse`, {
      token: await t.token("counter2"),
    });
    expect(byStaff.statusCode).toBe(403);
    const otherHall = await t.api("GET", `/api/halls/${t.demo.hallId}/pulse`, {
      token: await t.token("coop"),
    });
    expect(otherHall.statusCode).toBe(403);
    const bad = await t.api("POST", "/api/quality/pulse", {
      token: await t.token("counter4"),
      body: { answers: { ...all(3), overall: 6 } },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("should compute nothing below five answers in the rule itself", () => {
    expect(pulseResults([all(5), all(5), all(5), all(5)] as never)).toBeNull();
  });
});
