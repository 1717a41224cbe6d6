import { describe, expect, it } from "vitest";
import { SEED_TABLE } from "../../../test/fixtures/survey-seed.js";
import { kpiAnswer } from "./survey-kpi.js";
import { DEFAULT_KPI_SETTINGS, SURVEY_ITEMS, satisfactionOf, wholeBase } from "./survey-rules.js";

// 领先联通 / 领先电信 as printed, item by item.
const LEAD_UNICOM = [7.43, -1.31, 5.05, 4.19, 3.6, 6.05, 8.08, 8.6, 3.92, 5.29, 3.97, 9.36];
const LEAD_TELECOM = [8.46, 4.53, 10.75, 11.33, 5.86, 11.99, 11.73, 10.3, 10.41, 11.14, 8.89, 18.76];

// The firm printed from unrounded answers: a computed figure may differ from the printed one by 0.01.
const near = (a: number | undefined, b: number | undefined) =>
  expect(Math.abs((a ?? Number.NaN) - (b ?? Number.NaN))).toBeLessThanOrEqual(0.0101);

describe("the satisfaction KPI (R-KPI) on the seed's table", () => {
  it("should give back every row's printed satisfaction from the four factors", () => {
    for (const r of SEED_TABLE)
      near(satisfactionOf(r.scores, DEFAULT_KPI_SETTINGS.weights), r.scores.satisfaction);
  });

  it("should give the whole base, the brands, the leads over 联通 and 电信, and the target met", () => {
    const k = kpiAnswer("operator", "2026-Q3", SEED_TABLE, DEFAULT_KPI_SETTINGS);
    expect(k).toMatchObject({
      satisfaction: 81.69,
      factors: { environment: 87.56, waiting: 77.72, staff: 76.66, speed: 85.25 },
      target: 72,
      met: true,
      sampleSize: 3102,
    });
    expect(k?.segments.map((s) => s.segment)).toEqual(["全球通", "神州行", "动感地带"]);
    for (const [i, s] of (k?.segments ?? []).entries()) near(s.satisfaction, [81.22, 84.32, 74.37][i]);
    const lead = Object.fromEntries(k?.vsCompetitors.map((c) => [c.carrier, c.lead]) ?? []);
    expect(lead).toEqual({ 电信: 8.89, 联通: 3.97, 竞争对手: 5.64 });
    // Item by item, as the seed's 领先 rows (its 11.99 for 地点方便 is 81.87 − 69.89 = 11.98 rounded apart).
    for (const [carrier, printed] of [
      ["联通", LEAD_UNICOM],
      ["电信", LEAD_TELECOM],
    ] as const)
      for (const [i, item] of (k?.items ?? []).entries())
        expect(item.ours - (item.competitors[carrier] as number)).toBeCloseTo(printed[i], 1);
  });

  it("should colour as the seed does: red under 69 or under 10 ahead, blue over 90 and over 20 ahead", () => {
    const k = kpiAnswer("operator", "2026-Q3", SEED_TABLE, DEFAULT_KPI_SETTINGS);
    const red = k?.flags.filter((f) => f.colour === "red" && f.carrier === "联通").map((f) => f.item);
    // Against 联通 we lead by less than 10 on every item.
    expect(red).toEqual(["kpi", ...SURVEY_ITEMS]);
    const telecom = k?.flags.filter((f) => f.carrier === "电信" && f.colour === "red").map((f) => f.item);
    expect(telecom).toEqual([
      "kpi",
      "environment",
      "waiting_acceptable",
      "rarely_system_failure",
      "satisfaction",
    ]);
    expect(k?.flags.filter((f) => f.reason === "low")).toEqual([]);
    expect(k?.flags.filter((f) => f.colour === "blue")).toEqual([]);
    // 动感地带's 66.72 for 很少遇到系统故障 is the seed's red cell under 69.
    const youth = kpiAnswer("operator", "2026-Q3", [SEED_TABLE[2]], DEFAULT_KPI_SETTINGS);
    expect(youth?.flags).toContainEqual({
      item: "rarely_system_failure",
      colour: "red",
      reason: "low",
      value: 66.72,
    });
  });

  it("should weigh the brands by their samples when a scope has no whole-base row", () => {
    const base = wholeBase(SEED_TABLE.slice(0, 3));
    expect(base?.sampleSize).toBe(3102);
    // (974 × 87.56 + 964 × 89.03 + 1164 × 83.08) ÷ 3102: the firm's own whole-base row (87.56) is weighted
    // otherwise, which is why a row for the whole base, when the file has one, is taken as it is.
    expect(base?.scores.environment).toBe(86.34);
    const k = kpiAnswer("operator", "2026-Q3", SEED_TABLE.slice(0, 3), DEFAULT_KPI_SETTINGS);
    expect(k?.satisfaction).toBe(satisfactionOf(base?.scores ?? {}, DEFAULT_KPI_SETTINGS.weights));
    expect(kpiAnswer("operator", "2026-Q3", SEED_TABLE.slice(4), DEFAULT_KPI_SETTINGS)).toBeNull();
  });
});
