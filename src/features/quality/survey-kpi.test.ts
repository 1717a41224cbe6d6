import { describe, expect, it } from "vitest";
import { kpiAnswer } from "./survey-kpi.js";
import {
  DEFAULT_KPI_SETTINGS,
  SURVEY_ITEMS,
  type SurveyRow,
  satisfactionOf,
  wholeBase,
} from "./survey-rules.js";

// The improvement plan's own table (营业厅满意度细项, %): ours by brand and whole (移动总体 N=3102 = 974 + 964
// + 1164), 联通, 电信 and the two together. Its printed 营业厅服务满意度 per row is what the formula gives.
const row = (segment: string, carrier: string, sampleSize: number, values: number[]): SurveyRow => ({
  segment,
  carrier,
  sampleSize,
  scores: Object.fromEntries(SURVEY_ITEMS.map((code, i) => [code, values[i]])),
});
export const SEED_TABLE: SurveyRow[] = [
  row(
    "全球通",
    "ours",
    974,
    [87.56, 77.43, 76.57, 83.68, 73.73, 80.12, 87.97, 77.18, 78.01, 83.4, 81.22, 80.08],
  ),
  row(
    "神州行",
    "ours",
    964,
    [89.03, 82.15, 78.16, 88.68, 77.71, 86.3, 87.34, 75.59, 77.73, 84.33, 84.32, 81.85],
  ),
  row(
    "动感地带",
    "ours",
    1164,
    [83.08, 64.63, 72.25, 77.13, 66.72, 70.99, 90.61, 77.99, 69.28, 70.14, 74.37, 78.18],
  ),
  row("", "ours", 3102, [87.56, 77.72, 76.66, 85.25, 74.66, 81.87, 88.1, 76.45, 76.28, 81.53, 81.69, 80.71]),
  row("", "联通", 911, [80.13, 79.03, 71.62, 81.06, 71.06, 75.82, 80.02, 67.85, 72.37, 76.24, 77.72, 71.35]),
  row("", "电信", 799, [79.1, 73.19, 65.91, 73.92, 68.8, 69.89, 76.37, 66.15, 65.87, 70.39, 72.8, 61.95]),
  row(
    "",
    "竞争对手",
    1710,
    [79.78, 77.05, 69.68, 78.63, 70.29, 73.81, 78.78, 67.28, 70.16, 74.25, 76.05, 68.15],
  ),
];
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
    k?.segments.forEach((s, i) => near(s.satisfaction, [81.22, 84.32, 74.37][i]));
    const lead = Object.fromEntries(k?.vsCompetitors.map((c) => [c.carrier, c.lead]) ?? []);
    expect(lead).toEqual({ 电信: 8.89, 联通: 3.97, 竞争对手: 5.64 });
    // Item by item, as the seed's 领先 rows (its 11.99 for 地点方便 is 81.87 − 69.89 = 11.98 rounded apart).
    for (const [carrier, printed] of [
      ["联通", LEAD_UNICOM],
      ["电信", LEAD_TELECOM],
    ] as const)
      k?.items.forEach((item, i) => {
        expect(item.ours - (item.competitors[carrier] as number)).toBeCloseTo(printed[i], 1);
      });
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
