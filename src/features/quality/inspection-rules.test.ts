import { describe, expect, it } from "vitest";
import { alignment, inspectionScore, periodDays, scoreProblem } from "./inspection-rules.js";

const items = [
  { code: "wait", label: "等候", weight: 4 },
  { code: "greet", label: "问候", weight: 1 },
  { code: "tidy", label: "整洁", weight: 1 },
  { code: "farewell", label: "道别", weight: 0.25 },
];

describe("inspection rules (R-MYSTERY)", () => {
  it("should score the weighted mean of the items scored", () => {
    expect(
      inspectionScore(items, [
        { item: "wait", score: 50 },
        { item: "greet", score: 100 },
      ]),
    ).toBe(60);
    expect(inspectionScore(items, [{ item: "tidy", score: 70 }])).toBe(70);
  });

  it("should name unknown, repeated and weightless scores", () => {
    expect(scoreProblem(items, [{ item: "x", score: 1 }])).toMatch(/x is not an item/);
    expect(
      scoreProblem(items, [
        { item: "wait", score: 1 },
        { item: "wait", score: 2 },
      ]),
    ).toMatch(/twice/);
    expect(scoreProblem([{ code: "a", label: "a", weight: 0 }], [{ item: "a", score: 1 }])).toMatch(
      /weighted/,
    );
    expect(scoreProblem(items, [{ item: "wait", score: 1 }])).toBeNull();
  });

  it("should turn a quarter or a month into its local days", () => {
    expect(periodDays("2026-Q3")).toEqual({ from: "2026-07-01", to: "2026-10-01" });
    expect(periodDays("2026-Q4")).toEqual({ from: "2026-10-01", to: "2027-01-01" });
    expect(periodDays("2026-12")).toEqual({ from: "2026-12-01", to: "2027-01-01" });
  });

  it("should flag overweighted and underweighted items by the issue's thresholds, keeping the total", () => {
    const kpi = [60, 65, 70, 75, 80];
    const halls = kpi.map((k, i) => ({
      hallId: `h${i}`,
      kpi: k,
      // wait does not follow the KPI; farewell (weight 0.25, under half the mean 1.5625) follows it closely.
      itemScores: { wait: [80, 50, 90, 60, 70][i], greet: 80, farewell: k + 10 },
    }));
    const rows = new Map(alignment(items, halls).map((r) => [r.code, r]));
    expect(rows.get("wait")).toMatchObject({ flag: "overweighted", halls: 5 });
    expect(rows.get("farewell")).toMatchObject({ correlation: 1, flag: "underweighted" });
    expect(rows.get("greet")).toMatchObject({ correlation: null, flag: null });
    expect(rows.get("tidy")).toMatchObject({ correlation: null, halls: 0 });
    // wait halves to 2, farewell doubles to 0.5: raw 4.5 scaled back to 6.25.
    expect(rows.get("wait")?.suggestedWeight).toBeCloseTo((2 * 6.25) / 4.5, 2);
    const total = [...rows.values()].reduce((s, r) => s + r.suggestedWeight, 0);
    expect(total).toBeCloseTo(6.25, 1);
    // Four halls are too few for a correlation.
    expect(alignment(items, halls.slice(0, 4)).every((r) => r.correlation === null)).toBe(true);
  });
});
