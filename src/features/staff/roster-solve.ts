import { highs, solveCover } from "./cover.js";
import type { DayRequirement } from "./roster-contract.js";
import {
  candidates,
  hasSkill,
  intervalsOf,
  type RosterStaff,
  restMinutes,
  type Shift,
  type Template,
} from "./roster-rules.js";

// A week's roster of named people (排班 R-ROSTER), one integer programme solved by HiGHS:
//   x_{p,d,k} ∈ {0,1}: person p works template k on day d (only the candidates: available, present)
//   minimise Σ minutes·x + M·(short counter-half-hours) + M/4·(half hours without a needed skill)
//   Σ_{x covers (d,t)} x + short_{d,t} ≥ counters_{d,t}         the plan, per half hour
//   Σ_{x of p skilled in b covers (d,t)} x + noSkill_{d,t,b} ≥ 1   someone can serve b when b is forecast
//   Σ_k x_{p,d,k} ≤ 1                                           one shift a day
//   x_{p,d,k} + x_{p,d+1,k'} ≤ 1 when the rest between them is short
//   Σ minutes·x_{p,·,·} ≤ p's contracted minutes
// The slack keeps a short-staffed week solvable: the roster then says where it falls short. The lower
// bound is the anonymous shift cover's (cover.ts): no roster of these templates covers the plan with
// fewer staff-minutes, named or not.

export type RosterRequest = {
  staff: RosterStaff[];
  days: DayRequirement[];
  templates: Template[];
  minRestMinutes: number;
  timeLimitSeconds?: number;
};

export type RosterSolution = {
  shifts: (Shift & { templateId: string })[];
  staffMinutes: number;
  lowerBoundMinutes: number;
  optimal: boolean;
  solveSeconds: number;
};

const SHORT_PENALTY = 10_000;

type Entry = [row: number, value: number];

export async function solveRoster(req: RosterRequest): Promise<RosterSolution> {
  const started = performance.now();
  const { staff, days, templates } = req;
  const cand = candidates(staff, days, templates);
  const lower: number[] = [];
  const upper: number[] = [];
  const addRow = (lo: number, up: number) => {
    upper.push(up);
    return lower.push(lo) - 1;
  };
  const cols: Entry[][] = cand.map(() => []);
  const colCost: number[] = cand.map((c) => templates[c.template].lengthMinutes);
  const colUpper: number[] = cand.map(() => 1);
  const addSlack = (row: number, cost: number, up: number) => {
    cols.push([[row, 1]]);
    colCost.push(cost);
    colUpper.push(up);
  };
  const covering = new Map<string, number[]>();
  cand.forEach((c, j) => {
    const t = templates[c.template];
    for (const i of intervalsOf(days[c.day], t.startMinute, t.lengthMinutes)) {
      const key = `${c.day}:${i}`;
      covering.set(key, [...(covering.get(key) ?? []), j]);
    }
  });
  days.forEach((d, dj) => {
    d.counters.forEach((need, i) => {
      if (need <= 0) return;
      const on = covering.get(`${dj}:${i}`) ?? [];
      const r = addRow(need, Infinity);
      for (const j of on) cols[j].push([r, 1]);
      addSlack(r, SHORT_PENALTY, need);
      for (const b of d.typesByInterval[i] ?? []) {
        const skilled = on.filter((j) => hasSkill(staff[cand[j].staff], b));
        // Everyone who could be on duty serves it: the cover row already holds it.
        if (skilled.length === on.length) continue;
        const rb = addRow(1, Infinity);
        for (const j of skilled) cols[j].push([rb, 1]);
        addSlack(rb, SHORT_PENALTY / 4, 1);
      }
    });
  });
  const byPersonDay = new Map<string, number[]>();
  cand.forEach((c, j) => {
    const key = `${c.staff}:${c.day}`;
    byPersonDay.set(key, [...(byPersonDay.get(key) ?? []), j]);
  });
  for (const js of byPersonDay.values()) {
    if (js.length < 2) continue;
    const r = addRow(-Infinity, 1);
    for (const j of js) cols[j].push([r, 1]);
  }
  const shiftOf = (j: number): Shift => {
    const c = cand[j];
    const t = templates[c.template];
    return {
      staffId: staff[c.staff].id,
      date: days[c.day].date,
      startMinute: t.startMinute,
      lengthMinutes: t.lengthMinutes,
    };
  };
  for (const [key, js] of byPersonDay) {
    const [p, d] = key.split(":").map(Number);
    for (const next of byPersonDay.get(`${p}:${d + 1}`) ?? []) {
      for (const j of js) {
        if (restMinutes(shiftOf(j), shiftOf(next)) >= req.minRestMinutes) continue;
        const r = addRow(-Infinity, 1);
        cols[j].push([r, 1]);
        cols[next].push([r, 1]);
      }
    }
  }
  staff.forEach((s, p) => {
    const js = cand.flatMap((c, j) => (c.staff === p ? [j] : []));
    if (js.reduce((n, j) => n + colCost[j], 0) <= s.contractMinutesPerWeek) return;
    const r = addRow(-Infinity, s.contractMinutesPerWeek);
    for (const j of js) cols[j].push([r, colCost[j]]);
  });

  const h = await highs();
  const n = cols.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const c of cols) {
    for (const [r, v] of c) {
      indices.push(r);
      values.push(v);
    }
    starts.push(indices.length);
  }
  const inf = (v: number) => (v === Infinity ? h.infinity : v === -Infinity ? -h.infinity : v);
  const { x, optimal } = h.withModel(
    {
      numCols: n,
      numRows: lower.length,
      colCost,
      colLower: new Float64Array(n),
      colUpper,
      rowLower: lower.map(inf),
      rowUpper: upper.map(inf),
      matrix: {
        format: "csc",
        numRows: lower.length,
        numCols: n,
        starts: Int32Array.from(starts),
        indices: Int32Array.from(indices),
        values: Float64Array.from(values),
      },
      integrality: new Int32Array(n).fill(h.constants.variableType.integer),
    },
    (model) => {
      model.options.set({
        output_flag: false,
        time_limit: req.timeLimitSeconds ?? 10,
        mip_rel_gap: 1e-4,
        random_seed: 0,
      });
      model.run();
      const ok = Number(model.info.get("primal_solution_status")) === 2;
      return {
        x: ok ? Array.from(model.getSolution().colValue) : new Array<number>(n).fill(0),
        optimal: model.getModelStatus() === h.constants.modelStatus.optimal,
      };
    },
  );
  const shifts = cand.flatMap((c, j) =>
    x[j] > 0.5 ? [{ ...shiftOf(j), templateId: templates[c.template].id }] : [],
  );
  const staffMinutes = shifts.reduce((m, s) => m + s.lengthMinutes, 0);
  const bound = await anonymousBound(days, templates, req.timeLimitSeconds ?? 10);
  return {
    shifts,
    staffMinutes,
    lowerBoundMinutes: Math.min(bound, staffMinutes),
    optimal,
    solveSeconds: (performance.now() - started) / 1000,
  };
}

/**
 * The anonymous shift cover of the same week (cover.ts): the least staff-minutes of these templates that
 * cover the plan, whoever works them. No named roster can do better, so it bounds the gap.
 */
async function anonymousBound(
  days: readonly DayRequirement[],
  templates: readonly Template[],
  limit: number,
) {
  const requirements = days.flatMap((d) => d.counters);
  const offsets = days.map((_, j) => days.slice(0, j).reduce((n, d) => n + d.counters.length, 0));
  const shifts = days.flatMap((d, j) =>
    templates.flatMap((t) => {
      const covered = intervalsOf(d, t.startMinute, t.lengthMinutes);
      if (covered.length === 0) return [];
      return [
        {
          id: `${j}:${t.id}`,
          startInterval: offsets[j] + covered[0],
          lengthIntervals: covered.length,
          cost: t.lengthMinutes,
        },
      ];
    }),
  );
  // Half hours no template reaches cannot be covered by any roster: they bound nothing.
  const reachable = new Uint8Array(requirements.length);
  for (const s of shifts) for (let k = 0; k < s.lengthIntervals; k++) reachable[s.startInterval + k] = 1;
  const coverable = requirements.map((r, i) => (reachable[i] ? r : 0));
  if (coverable.every((r) => r === 0)) return 0;
  const r = await solveCover({ requirements: coverable, shifts, timeLimitSeconds: limit });
  return r.ok ? r.cover.lowerBound : 0;
}
