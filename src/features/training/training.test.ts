import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, multipartFile, type TestApp } from "../../../test/helpers.js";

// R-TRAIN through the API: a bank, a test taken on a phone, the analysis, and a plan tracked to passed.
describe("training and knowledge tests", () => {
  let t: TestApp;
  let area: string;
  let manager: string;
  let testId: string;
  const questions: { id: string; businessType: string; answer: number[] }[] = [];
  const upload = (url: string, csv: string) => {
    const { contentType, payload } = multipartFile("bank.csv", "text/csv", csv);
    return t.app.inject({
      method: "POST",
      url,
      headers: { authorization: `Bearer ${area}`, "content-type": contentType },
      payload,
    });
  };
  const right = () => questions.map((q) => (q.answer.length > 1 ? q.answer : q.answer[0]));

  beforeAll(async () => {
    t = await buildTestApp();
    area = await t.token("area");
    manager = await t.token("manager");
  });
  afterAll(() => t.close());

  it("should build the bank by hand and from a sheet, refusing a sheet with a bad row whole", async () => {
    const one = await t.api("POST", "/api/training/questions", {
      token: area,
      body: {
        businessType: "payment",
        text: "自助终端可以交哪些费用？",
        choices: ["话费", "宽带费", "水电费"],
        answer: [0, 1],
      },
    });
    expect(one.statusCode).toBe(201);
    expect(one.json()).toMatchObject({ kind: "multiple", answer: [0, 1] });
    const bad = await t.api("POST", "/api/training/questions", {
      token: area,
      body: { businessType: "payment", text: "x", choices: ["a", "b"], answer: 2 },
    });
    expect(bad.statusCode).toBe(400);
    // A hall's manager builds tests from the bank, but the bank is the region's and the operator's.
    const byManager = await t.api("POST", "/api/training/questions", {
      token: manager,
      body: { businessType: "payment", text: "x", choices: ["a", "b"], answer: 0 },
    });
    expect(byManager.statusCode).toBe(403);

    const csv = [
      "业务类型,题目,选项A,选项B,选项C,选项D,答案,解析",
      "payment,欠费停机后交费多久恢复？,立即,2小时内,次日,3天,B,交费后2小时内开机",
      "change,过户需要哪些证件？,新机主身份证,原机主身份证,双方身份证,户口本,C,",
      "change,套餐变更何时生效？,立即,次月1日,7天后,不能变更,B,",
      "change,携号转网要先做什么？,查询资格,直接办理,交押金,换卡,A,",
    ].join("\n");
    const badCsv = `${csv}\nchange,错的一行,甲,乙,,,D,`;
    const refused = await upload("/api/training/questions/import", badCsv);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.rows).toEqual([
      { row: 6, column: "answer", reason: expect.any(String) },
    ]);
    expect((await t.api("GET", "/api/training/questions", { token: area })).json()).toHaveLength(1);
    const dry = await upload("/api/training/questions/import?dryRun=1", csv);
    expect(dry.json()).toEqual({ dryRun: true, created: 0, byBusinessType: { payment: 1, change: 3 } });
    const imported = await upload("/api/training/questions/import", csv);
    expect(imported.statusCode).toBe(201);
    expect(imported.json().created).toBe(4);
    const bank = (await t.api("GET", "/api/training/questions", { token: manager })).json();
    expect(bank).toHaveLength(5);
    questions.push(...bank);
  });

  it("should let the hall's staff take the test on a phone, without seeing the answers first", async () => {
    const created = await t.api("POST", "/api/training/tests", {
      token: manager,
      body: { name: "12月业务知识测试", questionIds: questions.map((q) => q.id) },
    });
    expect(created.statusCode).toBe(201);
    testId = created.json().id;
    expect(created.json()).toMatchObject({ hallId: t.demo.hallId, regionCode: null });
    const counter = await t.token("counter1");
    const seen = (await t.api("GET", `/api/training/tests/${testId}`, { token: counter })).json();
    expect(seen.questions.every((q: { answer: unknown }) => q.answer === null)).toBe(true);
    // Another hall's people do not see it.
    expect(
      (await t.api("GET", `/api/training/tests/${testId}`, { token: await t.token("coop") })).statusCode,
    ).toBe(404);

    const wrongCount = await t.api("POST", `/api/training/tests/${testId}/attempts`, {
      token: counter,
      body: { answers: [0] },
    });
    expect(wrongCount.statusCode).toBe(400);
    const answers = right();
    // Every 变更 question wrong: 2 of 5 right.
    const miss = questions.map((q, i) =>
      q.businessType === "change" ? (q.answer[0] === 3 ? 0 : 3) : answers[i],
    );
    const weak = await t.api("POST", `/api/training/tests/${testId}/attempts`, {
      token: counter,
      body: { answers: miss },
    });
    expect(weak.statusCode).toBe(201);
    const w = weak.json();
    expect(w).toMatchObject({
      score: 40,
      correct: 2,
      total: 5,
      passed: false,
      weakBusinessTypes: ["change"],
    });
    expect(w.plan).toMatchObject({ state: "open", weakBusinessTypes: ["change"], lastScore: 40 });
    expect(w.plan.material[0]).toMatchObject({ kind: "bank", ref: "change" });

    const floor = await t.token("floor");
    const good = await t.api("POST", `/api/training/tests/${testId}/attempts`, {
      token: floor,
      body: { answers },
    });
    expect(good.json()).toMatchObject({ score: 100, passed: true, plan: null });

    const analysis = (
      await t.api("GET", `/api/training/tests/${testId}/analysis`, { token: manager })
    ).json();
    expect(analysis).toMatchObject({ attempts: 2, people: 2, meanScore: 70, passShare: 0.5 });
    expect(analysis.byBusinessType).toEqual(
      expect.arrayContaining([
        { businessType: "change", correctShare: 0.5, weak: true },
        { businessType: "payment", correctShare: 1, weak: false },
      ]),
    );
    expect(analysis.byPerson[0]).toMatchObject({ score: 40, weakBusinessTypes: ["change"] });
    expect(analysis.byQuestion).toHaveLength(5);
    // A counter does not read the analysis.
    expect(
      (await t.api("GET", `/api/training/tests/${testId}/analysis`, { token: counter })).statusCode,
    ).toBe(403);
  });

  it("should track the plan until the retest is passed", async () => {
    const counter = await t.token("counter1");
    const mine = (await t.api("GET", "/api/training/plans?mine=true", { token: counter })).json();
    expect(mine).toHaveLength(1);
    const moved = await t.api("PATCH", `/api/training/plans/${mine[0].id}`, {
      token: manager,
      body: { retestAt: "2026-12-20" },
    });
    expect(moved.json().retestAt).toBe("2026-12-20");
    expect(
      (
        await t.api("PATCH", `/api/training/plans/${mine[0].id}`, {
          token: await t.token("coop"),
          body: { retestAt: "2026-12-21" },
        })
      ).statusCode,
    ).toBe(404);
    const retest = await t.api("POST", `/api/training/tests/${testId}/attempts`, {
      token: counter,
      body: { answers: right() },
    });
    expect(retest.json()).toMatchObject({
      passed: true,
      plan: { id: mine[0].id, state: "passed", lastScore: 100 },
    });
    const open = (
      await t.api("GET", `/api/training/plans?state=open&hallId=${t.demo.hallId}`, { token: manager })
    ).json();
    expect(open).toEqual([]);
    const list = (await t.api("GET", "/api/training/tests", { token: counter })).json();
    expect(list[0]).toMatchObject({
      id: testId,
      myScore: 100,
      myPassed: true,
      myAttempts: 2,
      questionCount: 5,
    });
  });
});
