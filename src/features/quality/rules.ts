import { type EvaluationSummary, type Rating, ratings } from "./contract.js";

const satisfied: readonly Rating[] = ["very_satisfied", "satisfied"];

/** R-EVAL: counts per rating and the share of satisfied customers (very satisfied + satisfied). */
export function summarize(counts: Partial<Record<Rating, number>>): EvaluationSummary {
  const byRating = Object.fromEntries(ratings.map((r) => [r, counts[r] ?? 0])) as Record<Rating, number>;
  const count = ratings.reduce((n, r) => n + byRating[r], 0);
  const good = satisfied.reduce((n, r) => n + byRating[r], 0);
  return { count, satisfiedShare: count ? good / count : null, byRating };
}
