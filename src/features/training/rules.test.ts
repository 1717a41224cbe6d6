import { describe, expect, it } from "vitest";
import { analyse, grade, parseLetters, weakBusinessTypes } from "./rules.js";
import { checkQuestionSheet } from "./sheet.js";

const qs = [
  { id: "q1", businessType: "payment", answer: [1] },
  { id: "q2", businessType: "payment", answer: [0, 2] },
  { id: "q3", businessType: "change", answer: [3] },
  { id: "q4", businessType: "change", answer: [0] },
  { id: "q5", businessType: "broadband", answer: [2] },
];

describe("grading (R-TRAIN)", () => {
  it("should score exact answers only, a multiple choice question by all its choices", () => {
    const g = grade(qs, [1, [2, 0], 3, 1, 2]);
    expect(g.results.map((r) => r.correct)).toEqual([true, true, true, false, true]);
    expect(g).toMatchObject({ correct: 4, total: 5, score: 80 });
    // Half of 变更 right: weak there, so not passed though the score is 80.
    expect(g.weak).toEqual(["change"]);
    expect(g.passed).toBe(false);
    expect(grade(qs, [1, [0], 3, 0, 2]).results[1].correct).toBe(false);
    expect(grade(qs, [1, [0, 2], 3, 0, 2])).toMatchObject({ score: 100, weak: [], passed: true });
  });

  it("should analyse by business type, by person's latest attempt and by question", () => {
    const at = (m: number) => new Date(Date.UTC(2026, 11, 7, 2, m));
    const results = (answers: (number | number[])[]) => grade(qs, answers).results;
    const a = analyse(
      [
        { userId: "u1", score: 40, results: results([0, [0], 3, 1, 1]), at: at(0) },
        { userId: "u1", score: 100, results: results([1, [0, 2], 3, 0, 2]), at: at(30) },
        { userId: "u2", score: 60, results: results([1, [0, 2], 0, 1, 2]), at: at(10) },
      ],
      qs.map((q) => ({ id: q.id, text: q.id, businessType: q.businessType })),
    );
    expect(a).toMatchObject({ attempts: 3, people: 2, meanScore: 80, passShare: 0.5 });
    expect(a.byBusinessType).toEqual([
      { businessType: "payment", correctShare: 1 },
      { businessType: "change", correctShare: 0.5 },
      { businessType: "broadband", correctShare: 1 },
    ]);
    expect(a.byPerson).toEqual([
      { userId: "u2", score: 60, attempts: 1, weakBusinessTypes: ["change"] },
      { userId: "u1", score: 100, attempts: 2, weakBusinessTypes: [] },
    ]);
    expect(a.byQuestion.find((q) => q.questionId === "q3")?.correctShare).toBe(0.5);
    expect(weakBusinessTypes([])).toEqual([]);
  });

  it("should read answer letters the way a sheet writes them", () => {
    expect(parseLetters("B", 4)).toEqual([1]);
    expect(parseLetters("c, a", 4)).toEqual([0, 2]);
    expect(parseLetters("A、D", 4)).toEqual([0, 3]);
    expect(parseLetters("E", 4)).toBeNull();
    expect(parseLetters("AA", 4)).toBeNull();
    expect(parseLetters("", 4)).toBeNull();
  });

  it("should check a question sheet whole, with the row of each problem", () => {
    const sheet = (rows: string[][]) => rows.map((cells, i) => ({ row: i + 1, cells }));
    const ok = checkQuestionSheet(
      sheet([
        ["业务类型", "题目", "选项A", "选项B", "选项C", "答案"],
        ["payment", "话费可以用哪些方式交？", "只能现金", "现金、银行卡、自助终端", "只能网上", "B"],
        ["change", "过户要带什么？", "双方身份证", "原机主身份证", "", "A"],
      ]),
      (c) => ["payment", "change"].includes(c),
    );
    expect(ok.problems).toEqual([]);
    expect(ok.questions.map((q) => [q.row, q.choices.length, q.answer])).toEqual([
      [2, 3, [1]],
      [3, 2, [0]],
    ]);
    const bad = checkQuestionSheet(
      sheet([
        ["businessType", "text", "A", "B", "answer"],
        ["karaoke", "x", "1", "2", "A"],
        ["payment", "y", "1", "2", "C"],
      ]),
      (c) => c === "payment",
    );
    expect(bad.questions).toEqual([]);
    expect(bad.problems.map((p) => [p.row, p.column])).toEqual([
      [2, "businessType"],
      [3, "answer"],
    ]);
  });
});
