// Latency figures for the benchmarks: percentiles by nearest rank over recorded milliseconds.

export type Latency = {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
};

export function latency(samples: readonly number[]): Latency {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
  const sum = sorted.reduce((s, v) => s + v, 0);
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    meanMs: r(sorted.length ? sum / sorted.length : 0),
    p50Ms: r(at(50)),
    p95Ms: r(at(95)),
    p99Ms: r(at(99)),
    maxMs: r(sorted.length ? sorted[sorted.length - 1] : 0),
  };
}

export const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000 * 10) / 10;

/** One aligned line per row for the console. */
export function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) =>
      r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  "),
    )
    .join("\n");
}
