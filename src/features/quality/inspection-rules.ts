import { sampleCorrelation } from "simple-statistics";
import { parsePeriod } from "../../core/periods.js";
import { round2 } from "./survey-rules.js";

// R-MYSTERY: mystery-shopper (暗访) and open (明查) inspections against versioned checklists. Pure rules:
// an inspection's score, the period an inspection falls in, and the alignment of each item with what
// customers say (the improvement plans' contradiction 2: 神秘顾客的评分与客户感知不一致).

export const CHECKLIST_KINDS = ["mystery", "open"] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];
export const EVIDENCE = ["photo", "note", "seconds"] as const;
export type Evidence = (typeof EVIDENCE)[number];
export type ChecklistItem = { code: string; label: string; weight: number; evidence?: Evidence };
export type ItemScore = { item: string; score: number; note?: string; seconds?: number; photoIds?: string[] };

/** The inspection's score: the weighted mean of its item scores (items left out do not count). */
export function inspectionScore(items: ChecklistItem[], scores: ItemScore[]): number {
  const weight = new Map(items.map((i) => [i.code, i.weight]));
  let sum = 0;
  let total = 0;
  for (const s of scores) {
    const w = weight.get(s.item) ?? 0;
    sum += w * s.score;
    total += w;
  }
  return total > 0 ? round2(sum / total) : 0;
}

/** The mean score of each item over many inspections' scores (an item scored nowhere is absent). */
export function meanItemScores(scores: ItemScore[][]): Record<string, number> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const s of scores.flat()) {
    const a = sums.get(s.item) ?? { sum: 0, n: 0 };
    sums.set(s.item, { sum: a.sum + s.score, n: a.n + 1 });
  }
  return Object.fromEntries([...sums].map(([code, a]) => [code, a.sum / a.n]));
}

/** What is wrong with a set of scores for a checklist, if anything: unknown or repeated items. */
export function scoreProblem(items: ChecklistItem[], scores: ItemScore[]): string | null {
  const codes = new Set(items.map((i) => i.code));
  const seen = new Set<string>();
  for (const s of scores) {
    if (!codes.has(s.item)) return `scores: ${s.item} is not an item of this checklist`;
    if (seen.has(s.item)) return `scores: ${s.item} is scored twice`;
    seen.add(s.item);
  }
  if (!items.some((i) => seen.has(i.code) && i.weight > 0)) return "scores: score at least one weighted item";
  return null;
}

/** The local days [from, to) of a survey period: a quarter (2026-Q3) or a month (2026-08). */
export function periodDays(period: string): { from: string; to: string } {
  const { from, to } = parsePeriod(`${period.includes("Q") ? "quarter" : "month"}:${period}`);
  return { from, to };
}

export type AlignmentThresholds = {
  minHalls: number;
  overweightRatio: number;
  overweightMaxR: number;
  underweightRatio: number;
  underweightMinR: number;
};
// The thresholds: weight ≥ 1.5 × mean and |r| < 0.3 is overweighted; ≤ 0.5 × mean and r ≥ 0.5 under.
export const DEFAULT_ALIGNMENT: AlignmentThresholds = {
  minHalls: 5,
  overweightRatio: 1.5,
  overweightMaxR: 0.3,
  underweightRatio: 0.5,
  underweightMinR: 0.5,
};

export type HallPoint = { hallId: string; kpi: number; itemScores: Record<string, number> };

/**
 * Per item: Pearson's r across the halls between the hall's mean item score and its satisfaction KPI,
 * null with fewer than minHalls halls or when either side does not vary; a flag where the weight and the
 * correlation disagree, and a suggested weight (halved when overweighted, doubled when underweighted,
 * then scaled so the weights keep their total).
 */
export function alignment(items: ChecklistItem[], halls: HallPoint[], t = DEFAULT_ALIGNMENT) {
  const meanWeight = items.reduce((s, i) => s + i.weight, 0) / (items.length || 1);
  const rows = items.map((item) => {
    const points = halls.filter((h) => h.itemScores[item.code] !== undefined);
    const xs = points.map((h) => h.itemScores[item.code]);
    const ys = points.map((h) => h.kpi);
    const varies = (v: number[]) => v.some((x) => x !== v[0]);
    const r = points.length >= t.minHalls && varies(xs) && varies(ys) ? sampleCorrelation(xs, ys) : null;
    const flag =
      r === null
        ? null
        : item.weight >= t.overweightRatio * meanWeight && Math.abs(r) < t.overweightMaxR
          ? ("overweighted" as const)
          : item.weight <= t.underweightRatio * meanWeight && r >= t.underweightMinR
            ? ("underweighted" as const)
            : null;
    const raw =
      flag === "overweighted" ? item.weight / 2 : flag === "underweighted" ? item.weight * 2 : item.weight;
    return {
      code: item.code,
      label: item.label,
      weight: item.weight,
      correlation: r === null ? null : round2(r),
      halls: points.length,
      flag,
      raw,
      points: points.map((h) => ({ hallId: h.hallId, score: round2(h.itemScores[item.code]), kpi: h.kpi })),
    };
  });
  const total = items.reduce((s, i) => s + i.weight, 0);
  const rawTotal = rows.reduce((s, r) => s + r.raw, 0);
  return rows.map(({ raw, ...r }) => ({
    ...r,
    suggestedWeight: rawTotal > 0 ? round2((raw * total) / rawTotal) : r.weight,
  }));
}
