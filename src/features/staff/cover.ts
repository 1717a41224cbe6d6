import loadHighs, { type Highs, type Model } from "highs";

// Shift cover (排班 R-ROSTER), the integer programme under every roster: how many people to put on each
// shift template so that every interval has at least its required counters, at the least cost.
//   minimise Σ cost_s · x_s   subject to   Σ_{s covers t} x_s ≥ r_t for every t,   x_s ∈ ℤ≥0
// (and Σ x_s ≤ maxShifts when the staff are few). Solved by HiGHS (branch and cut, compiled to
// WebAssembly; docs/decisions.md). Its dual bound is the proof: when a time limit stops the search the
// answer says how far from optimal the roster can be.

export type ShiftTemplate = {
  id: string;
  startInterval: number;
  lengthIntervals: number;
  cost: number;
};

export type CoverRequest = {
  /** Counters needed in each interval. */
  requirements: readonly number[];
  shifts: readonly ShiftTemplate[];
  /** A shift running past the last interval goes on at the first (a week that repeats itself). */
  cyclic?: boolean;
  /** At most this many shifts in all (the staff × days they may work); absent = no limit. */
  maxShifts?: number;
  timeLimitSeconds?: number;
};

export type Cover = {
  counts: Record<string, number>;
  cost: number;
  /** No roster of these shifts can cost less (HiGHS's dual bound; equals cost when optimal). */
  lowerBound: number;
  optimal: boolean;
  /** (cost − lowerBound) / cost. */
  gap: number;
  /** Counters on duty per interval under the roster. */
  coverage: number[];
  solveSeconds: number;
};

export type CoverResult =
  | { ok: true; cover: Cover }
  | { ok: false; code: "rule_violation"; message: string; details?: unknown };

let runtime: Promise<Highs> | undefined;
/** The WebAssembly solver, loaded once per process (about 60 ms) from the package's own highs.wasm. */
export const highs = () => {
  runtime ??= loadHighs();
  return runtime;
};

export async function solveCover(req: CoverRequest): Promise<CoverResult> {
  const { requirements, shifts } = req;
  const T = requirements.length;
  // The intervals a shift covers: wrapping round the end when the week repeats, cut off at it otherwise.
  const coverOf = shifts.map((s) =>
    Array.from({ length: Math.min(s.lengthIntervals, T) }, (_, k) => s.startInterval + k)
      .map((t) => (req.cyclic ? t % T : t))
      .filter((t) => t < T),
  );
  const coverable = new Uint8Array(T);
  for (const c of coverOf) for (const t of c) coverable[t] = 1;
  const uncovered = requirements.findIndex((r, t) => r > 0 && !coverable[t]);
  if (uncovered !== -1) {
    return {
      ok: false,
      code: "rule_violation",
      message: `No shift covers interval ${uncovered}, which needs ${requirements[uncovered]} counters`,
      details: { interval: uncovered },
    };
  }
  // One row per interval that needs anyone (the others constrain nothing), then the staff limit.
  const rowOf = new Int32Array(requirements.length).fill(-1);
  const lower: number[] = [];
  requirements.forEach((r, t) => {
    if (r > 0) rowOf[t] = lower.push(r) - 1;
  });
  const coverRows = lower.length;
  const limited = req.maxShifts !== undefined;
  const numRows = coverRows + (limited ? 1 : 0);
  const starts = [0];
  const indices: number[] = [];
  for (const c of coverOf) {
    for (const t of c) if (rowOf[t] !== -1) indices.push(rowOf[t]);
    if (limited) indices.push(coverRows);
    starts.push(indices.length);
  }
  const h = await highs();
  const n = shifts.length;
  const started = performance.now();
  return h.withModel(
    {
      numCols: n,
      numRows,
      colCost: shifts.map((s) => s.cost),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(h.infinity),
      rowLower: [...lower, ...(limited ? [0] : [])],
      rowUpper: [...lower.map(() => h.infinity), ...(limited ? [req.maxShifts as number] : [])],
      matrix: {
        format: "csc",
        numRows,
        numCols: n,
        starts: Int32Array.from(starts),
        indices: Int32Array.from(indices),
        values: new Float64Array(indices.length).fill(1),
      },
      integrality: new Int32Array(n).fill(h.constants.variableType.integer),
    },
    (model): CoverResult => {
      model.options.set({
        output_flag: false,
        time_limit: req.timeLimitSeconds ?? 10,
        // Prove the optimum, not HiGHS's default 0.01 % of it: the counts must be the least there are.
        mip_rel_gap: 0,
        random_seed: 0,
      });
      // A greedy roster to start from: a time limit then always leaves a roster to return.
      model.setSolution({ colValue: greedyCover(requirements, shifts, coverOf) });
      model.run();
      const status = model.getModelStatus();
      const s = h.constants.modelStatus;
      if (status === s.infeasible) {
        return {
          ok: false,
          code: "rule_violation",
          message: `No roster of at most ${req.maxShifts} shifts covers the requirements`,
        };
      }
      const values = model.getSolution().colValue;
      // HiGHS's solution status 2: a feasible solution is at hand (a time limit may still leave one).
      if (Number(model.info.get("primal_solution_status")) !== 2) {
        return {
          ok: false,
          code: "rule_violation",
          message: "The solver found no roster within its time limit",
        };
      }
      const counts: Record<string, number> = {};
      const coverage = new Array<number>(T).fill(0);
      let cost = 0;
      shifts.forEach((shift, j) => {
        const x = Math.round(values[j]);
        counts[shift.id] = (counts[shift.id] ?? 0) + x;
        cost += x * shift.cost;
        for (const t of coverOf[j]) coverage[t] += x;
      });
      const optimal = status === s.optimal;
      const lowerBound = optimal ? cost : Math.min(cost, boundAfterLimit(model, h));
      return {
        ok: true,
        cover: {
          counts,
          cost,
          lowerBound,
          optimal,
          gap: cost > 0 ? (cost - lowerBound) / cost : 0,
          coverage,
          solveSeconds: (performance.now() - started) / 1000,
        },
      };
    },
  );
}

/**
 * Stopped by the time limit: the better of HiGHS's dual bound and the LP relaxation (solved now, with
 * integrality dropped, in a few seconds at most) says how far from optimal the roster can be.
 */
function boundAfterLimit(model: Model, h: Highs): number {
  const dual = Number(model.info.get("mip_dual_bound"));
  model.clearIntegrality();
  model.zeroAllClocks();
  model.options.set({ time_limit: 5 });
  model.run();
  const lp = model.getModelStatus() === h.constants.modelStatus.optimal ? model.getObjectiveValue() : 0;
  return Math.max(0, Number.isFinite(dual) ? dual : 0, lp);
}

/** Cover the earliest short interval with the shift that covers most shortfall per cost, until none is short. */
function greedyCover(
  requirements: readonly number[],
  shifts: readonly ShiftTemplate[],
  coverOf: readonly number[][],
): Float64Array {
  const short = Array.from(requirements);
  const counts = new Float64Array(shifts.length);
  const by = requirements.map(() => [] as number[]);
  coverOf.forEach((c, j) => {
    for (const t of c) by[t].push(j);
  });
  for (let t = 0; t < short.length; t++) {
    while (short[t] > 0) {
      let best = by[t][0];
      let bestValue = -1;
      for (const j of by[t]) {
        const helps = coverOf[j].reduce((n, u) => n + (short[u] > 0 ? 1 : 0), 0);
        const value = shifts[j].cost > 0 ? helps / shifts[j].cost : Infinity;
        if (value > bestValue) {
          best = j;
          bestValue = value;
        }
      }
      const copies = short[t];
      counts[best] += copies;
      for (const u of coverOf[best]) short[u] -= copies;
    }
  }
  return counts;
}
