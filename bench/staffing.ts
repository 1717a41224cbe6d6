// The staffing models under load (排班 R-ROSTER), no database: plans for many synthetic halls' days,
// the simulation of one busy day, and the shift cover of a week's roster for 30 staff.

import { solveCover } from "../src/features/staff/cover.js";
import { planDay } from "../src/features/staff/plan.js";
import { seededRng } from "../src/features/staff/random.js";
import { simulateDay } from "../src/features/staff/simulation.js";
import { type Latency, latency, table } from "./stats.js";

export type StaffingFigures = {
  halls: number;
  plan: {
    intervals: { min: number; max: number };
    wallMs: Latency;
    cpuMs: Latency;
    evaluations: { mean: number; max: number };
    met: number;
    /** Counter-hours of the plans ÷ those of per-interval Erlang C, over all halls. */
    hoursVsErlang: number;
    totalSeconds: number;
  };
  simulateBusyDay: { customers: number; replications: number; wallMs: Latency; cpuMs: Latency };
  cover: CoverFigures[];
};

type CoverFigures = {
  name: string;
  intervals: number;
  shifts: number;
  maxShifts: number;
  cost: number;
  lowerBound: number;
  optimal: boolean;
  gap: number;
  solveSeconds: number;
};

const busyDay = [
  40, 60, 80, 100, 110, 120, 150, 190, 210, 190, 140, 110, 100, 100, 110, 130, 160, 200, 230, 240, 200, 150,
  100, 60,
];

/** A hall's day of `intervals` half hours: a noon and an evening peak scaled to its size, with noise. */
function hallDay(rng: () => number, intervals: number, peak: number): number[] {
  const noon = intervals * (0.3 + 0.1 * rng());
  const evening = intervals * (0.72 + 0.1 * rng());
  return Array.from({ length: intervals }, (_, i) => {
    const shape =
      0.25 +
      0.55 * Math.exp(-(((i - noon) / (intervals * 0.08)) ** 2)) +
      Math.exp(-(((i - evening) / (intervals * 0.1)) ** 2));
    return Math.round(peak * shape * (0.85 + 0.3 * rng()));
  });
}

const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

export async function staffingBench(o: { halls: number }): Promise<StaffingFigures> {
  const rng = seededRng(20261202);
  const wall: number[] = [];
  const cpu: number[] = [];
  let evaluations = 0;
  let maxEvaluations = 0;
  let met = 0;
  let planHours = 0;
  let erlangHours = 0;
  const started = performance.now();
  for (let h = 0; h < o.halls; h++) {
    const intervals = 20 + Math.floor(rng() * 29); // 20–48 half hours
    const peak = 30 + rng() * 220; // arrivals an hour at the evening peak
    const meanServiceSeconds = 180 + rng() * 240;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const plan = planDay({
      day: {
        intervalMinutes: 30,
        arrivalsPerHour: hallDay(rng, intervals, peak),
        businessTypes: [{ id: "all", share: 1, meanServiceSeconds }],
        targetWaitSeconds: 600,
      },
      targetServiceLevel: 0.9,
      replications: 20,
      seed: h,
      maxEvaluations: 200,
    });
    cpu.push(cpuMs(c0));
    wall.push(performance.now() - t0);
    evaluations += plan.evaluations;
    maxEvaluations = Math.max(maxEvaluations, plan.evaluations);
    if (plan.met) met++;
    planHours += plan.counterHours;
    erlangHours += plan.erlangCounters.reduce((s, c) => s + c, 0) / 2;
    if ((h + 1) % 100 === 0) process.stdout.write(`  ${h + 1} halls planned\r`);
  }
  const totalSeconds = (performance.now() - started) / 1000;

  const simWall: number[] = [];
  const simCpu: number[] = [];
  let customers = 0;
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const f = simulateDay(
      {
        intervalMinutes: 30,
        arrivalsPerHour: busyDay,
        businessTypes: [{ id: "payment", share: 1, meanServiceSeconds: 300 }],
        counters: Array(24).fill(15),
        targetWaitSeconds: 600,
      },
      { replications: 20, seed: i },
    );
    simCpu.push(cpuMs(c0));
    simWall.push(performance.now() - t0);
    customers = f.customers;
  }

  return {
    halls: o.halls,
    plan: {
      intervals: { min: 20, max: 48 },
      wallMs: latency(wall),
      cpuMs: latency(cpu),
      evaluations: { mean: Math.round((evaluations / o.halls) * 10) / 10, max: maxEvaluations },
      met,
      hoursVsErlang: Math.round((planHours / erlangHours) * 1000) / 1000,
      totalSeconds: Math.round(totalSeconds * 10) / 10,
    },
    simulateBusyDay: {
      customers: Math.round(customers),
      replications: 20,
      wallMs: latency(simWall),
      cpuMs: latency(simCpu),
    },
    cover: [
      await weekCover("7 days × 24 half hours (08:30–20:30)", 24, false),
      await weekCover("7 days × 48 half hours (24 h, the week wraps)", 48, true),
    ],
  };
}

/**
 * A week's roster for 30 staff, each working at most 5 shifts (maxShifts 150): requirements from a
 * hall's plan for each day (weekends busier), 4 h / 6 h / 8 h shifts starting every half hour, each
 * costing its hours plus one (a shift has a fixed cost: handover, travel).
 */
async function weekCover(name: string, perDay: number, cyclic: boolean): Promise<CoverFigures> {
  const rng = seededRng(perDay);
  const requirements: number[] = [];
  for (let d = 0; d < 7; d++) {
    const plan = planDay({
      day: {
        intervalMinutes: 30,
        arrivalsPerHour: hallDay(rng, perDay, (d >= 5 ? 1.3 : 1) * 75),
        businessTypes: [{ id: "all", share: 1, meanServiceSeconds: 300 }],
        targetWaitSeconds: 600,
      },
      targetServiceLevel: 0.9,
      seed: d,
    });
    requirements.push(...plan.counters);
  }
  const T = requirements.length;
  const shifts = [];
  for (let d = 0; d < 7; d++) {
    for (const hours of [4, 6, 8]) {
      const length = hours * 2;
      const lastStart = cyclic ? perDay - 1 : perDay - length;
      for (let s = 0; s <= lastStart; s++) {
        shifts.push({
          id: `d${d}-${s}-${hours}h`,
          startInterval: d * perDay + s,
          lengthIntervals: length,
          cost: hours + 1,
        });
      }
    }
  }
  const r = await solveCover({ requirements, shifts, cyclic, maxShifts: 150, timeLimitSeconds: 30 });
  if (!r.ok) throw new Error(`${name}: ${r.message}`);
  return {
    name,
    intervals: T,
    shifts: shifts.length,
    maxShifts: 150,
    cost: r.cover.cost,
    lowerBound: r.cover.lowerBound,
    optimal: r.cover.optimal,
    gap: r.cover.gap,
    solveSeconds: Math.round(r.cover.solveSeconds * 1000) / 1000,
  };
}

export function printStaffing(f: StaffingFigures) {
  const p = f.plan;
  console.log(
    `\nstaffing: plans for ${f.halls} halls × ${p.intervals.min}–${p.intervals.max} half hours, 20 replications each`,
  );
  console.log(
    table([
      ["per hall", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms"],
      ["wall", p.wallMs.p50Ms, p.wallMs.p95Ms, p.wallMs.p99Ms, p.wallMs.maxMs, p.wallMs.meanMs],
      ["CPU", p.cpuMs.p50Ms, p.cpuMs.p95Ms, p.cpuMs.p99Ms, p.cpuMs.maxMs, p.cpuMs.meanMs],
    ]),
  );
  console.log(
    `simulations per plan: mean ${p.evaluations.mean}, max ${p.evaluations.max}; target met ${p.met}/${f.halls}; ` +
      `counter-hours ${p.hoursVsErlang}× per-interval Erlang C; ${p.totalSeconds} s in all`,
  );
  const s = f.simulateBusyDay;
  console.log(
    `simulate one busy day (${s.customers} customers) × ${s.replications} replications: wall p50 ${s.wallMs.p50Ms} ms ` +
      `p99 ${s.wallMs.p99Ms} ms; CPU p50 ${s.cpuMs.p50Ms} ms`,
  );
  console.log(
    table([
      [
        "cover (30 staff, ≤ 150 shifts)",
        "intervals",
        "shifts",
        "cost",
        "lower bound",
        "optimal",
        "gap",
        "solve s",
      ],
      ...f.cover.map((c) => [
        c.name,
        c.intervals,
        c.shifts,
        c.cost,
        c.lowerBound,
        String(c.optimal),
        c.gap,
        c.solveSeconds,
      ]),
    ]),
  );
  console.log();
}
