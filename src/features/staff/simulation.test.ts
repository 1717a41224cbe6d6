import { describe, expect, it } from "vitest";
import { type QueueModel, queueFigures } from "./erlang.js";
import { type DayFigures, type HallDay, simulateDay } from "./simulation.js";
import { mean, standardError } from "./statistics.js";

// Student's t, 0.995 quantile, 29 degrees of freedom (any t table): the half-width of a two-sided 99 %
// confidence interval over 30 independent replications is 2.756 standard errors.
const REPLICATIONS = 30;
const T_99 = 2.756;

/** A long stationary day: 60 hours of the same rate, the first 4 hours left out as warm-up. */
const stationary = (m: QueueModel, extra: Partial<HallDay> = {}): HallDay => ({
  intervalMinutes: 30,
  arrivalsPerHour: Array(120).fill(m.arrivalsPerHour),
  businessTypes: [{ id: "payment", share: 1, meanServiceSeconds: m.meanServiceSeconds }],
  counters: Array(120).fill(m.counters),
  targetWaitSeconds: m.targetWaitSeconds,
  warmupIntervals: 8,
  ...extra,
});

const exact = (m: QueueModel) => {
  const r = queueFigures(m);
  if (!r.ok) throw new Error(r.message);
  return r.figures;
};

/** Holds the replications' mean to a value within the 99 % confidence interval. */
function expectWithin99(values: number[], expected: number) {
  const halfWidth = T_99 * standardError(values);
  expect(halfWidth).toBeGreaterThan(0);
  expect(Math.abs(mean(values) - expected)).toBeLessThanOrEqual(halfWidth);
}

const perReplication = (f: DayFigures, key: "serviceLevel" | "meanWaitSeconds") =>
  f.replications.map((r) => r[key]);

describe("hall simulation against queueing theory", () => {
  it("should agree with Erlang C in steady state: 200 an hour, 180 s, 14 counters, 20 s target", () => {
    const m = { arrivalsPerHour: 200, meanServiceSeconds: 180, counters: 14, targetWaitSeconds: 20 };
    const f = simulateDay(stationary(m), { replications: REPLICATIONS, seed: 11 });
    const e = exact(m); // SL 0.88835, mean wait 7.836 s
    expectWithin99(perReplication(f, "serviceLevel"), e.serviceLevel);
    expectWithin99(perReplication(f, "meanWaitSeconds"), e.meanWaitSeconds);
    expect(f.customers).toBeCloseTo(200 * 56, -2); // 56 measured hours
  });

  it("should agree with Erlang C at a 10-minute target with 5-minute business and 92 % occupancy", () => {
    const m = { arrivalsPerHour: 132, meanServiceSeconds: 300, counters: 12, targetWaitSeconds: 600 };
    const f = simulateDay(
      stationary(m, {
        arrivalsPerHour: Array(200).fill(132),
        counters: Array(200).fill(12),
        warmupIntervals: 40,
      }),
      {
        replications: REPLICATIONS,
        seed: 5,
      },
    );
    expectWithin99(perReplication(f, "serviceLevel"), exact(m).serviceLevel);
  });

  it("should agree with Erlang A when customers give up after an exponential patience", () => {
    const m = {
      arrivalsPerHour: 200,
      meanServiceSeconds: 180,
      counters: 11,
      targetWaitSeconds: 20,
      meanPatienceSeconds: 300,
    };
    const f = simulateDay(stationary(m, { meanPatienceSeconds: 300 }), {
      replications: REPLICATIONS,
      seed: 3,
    });
    const e = exact(m); // SL 0.6569, mean wait 20.98 s, abandonment 7.0 %
    expectWithin99(perReplication(f, "serviceLevel"), e.serviceLevel);
    expectWithin99(perReplication(f, "meanWaitSeconds"), e.meanWaitSeconds);
    expect(f.abandoned / f.customers).toBeCloseTo(e.probabilityOfAbandon as number, 2);
  });

  it("should agree with Pollaczek–Khinchine for log-normal service on one counter", () => {
    // M/G/1: E[wait] = λ·E[S²] / (2(1 − ρ)); log-normal with mean 300 s and cv 0.5 has E[S²] = 300²·1.25.
    const day = stationary(
      { arrivalsPerHour: 6, meanServiceSeconds: 300, counters: 1, targetWaitSeconds: 600 },
      {
        arrivalsPerHour: Array(600).fill(6),
        counters: Array(600).fill(1),
        businessTypes: [
          {
            id: "change",
            share: 1,
            meanServiceSeconds: 300,
            service: { distribution: "lognormal", cv: 0.5 },
          },
        ],
      },
    );
    const f = simulateDay(day, { replications: REPLICATIONS, seed: 8 });
    expectWithin99(perReplication(f, "meanWaitSeconds"), ((6 / 3600) * 300 ** 2 * 1.25) / (2 * 0.5)); // 187.5 s
  });

  it("should call VIP tickets first: Cobham's priority waits on one counter", () => {
    // Non-preemptive priority M/M/1, ρ = 2/3, a quarter VIP (ρ₁ = 1/6): W₀ = λ·E[S²]/2 = 200 s,
    // VIP wait W₀/(1 − ρ₁) = 240 s; over everyone the FCFS mean 600 s (the conservation law).
    const day = stationary(
      { arrivalsPerHour: 8, meanServiceSeconds: 300, counters: 1, targetWaitSeconds: 600 },
      {
        arrivalsPerHour: Array(600).fill(8),
        counters: Array(600).fill(1),
        businessTypes: [{ id: "payment", share: 1, meanServiceSeconds: 300, vipShare: 0.25 }],
      },
    );
    const f = simulateDay(day, { replications: REPLICATIONS, seed: 21 });
    expectWithin99(
      f.replications.map((r) => r.vipMeanWaitSeconds as number),
      240,
    );
    expectWithin99(perReplication(f, "meanWaitSeconds"), 600);
    expect(f.vip.customers / f.customers).toBeCloseTo(0.25, 1);
  });
});

describe("hall simulation of the hall's own rules", () => {
  const m = { arrivalsPerHour: 12, meanServiceSeconds: 300, counters: 2, targetWaitSeconds: 300 };

  it("should serve a business type only at the counters that handle it", () => {
    // Two types, each with its own counter: two M/M/1 lines, worse than one M/M/2 line for both.
    const split = stationary(m, {
      businessTypes: [
        { id: "payment", share: 1, meanServiceSeconds: 300 },
        { id: "broadband", share: 1, meanServiceSeconds: 300 },
      ],
      counterSkills: [["payment"], ["broadband"]],
    });
    const f = simulateDay(split, { replications: REPLICATIONS, seed: 4 });
    expectWithin99(
      perReplication(f, "serviceLevel"),
      exact({ ...m, arrivalsPerHour: 6, counters: 1 }).serviceLevel,
    );
    const pooled = simulateDay(
      { ...split, counterSkills: undefined },
      { replications: REPLICATIONS, seed: 4 },
    );
    expectWithin99(perReplication(pooled, "serviceLevel"), exact(m).serviceLevel);
  });

  it("should take diverted customers out of the line, as if fewer had come", () => {
    const f = simulateDay(stationary({ ...m, arrivalsPerHour: 16 }, { diversionShare: 0.25 }), {
      replications: REPLICATIONS,
      seed: 9,
    });
    expectWithin99(perReplication(f, "serviceLevel"), exact(m).serviceLevel);
    expect(f.diverted / (f.diverted + f.customers)).toBeCloseTo(0.25, 1);
  });

  it("should spend counter time on no-shows without counting them as customers", () => {
    const day = stationary(m, { noShowShare: 0.2, noShowSeconds: 0 });
    const free = simulateDay(day, { replications: 10, seed: 2 });
    const costly = simulateDay({ ...day, noShowSeconds: 120 }, { replications: 10, seed: 2 });
    // The same customers (same seed): only the calls nobody answers differ.
    expect(costly.customers).toBe(free.customers);
    expect(costly.noShows).toBe(free.noShows);
    expect(free.noShows / (free.noShows + free.customers)).toBeCloseTo(0.2, 1);
    expect(costly.serviceLevel).toBeLessThan(free.serviceLevel);
    expect(costly.meanWaitSeconds).toBeGreaterThan(free.meanWaitSeconds);
  });

  it("should open and close counters by interval, and count those left in line at closing as misses", () => {
    const day: HallDay = {
      intervalMinutes: 30,
      arrivalsPerHour: [20, 20, 20],
      businessTypes: [{ id: "payment", share: 1, meanServiceSeconds: 120 }],
      counters: [3, 0, 3],
      targetWaitSeconds: 60,
    };
    const f = simulateDay(day, { replications: 20, seed: 1 });
    // Nobody is called while every counter is shut; those who came then wait for 10:00's counters.
    expect(f.byInterval[1].serviceLevel).toBeLessThan(0.1);
    expect(f.byInterval[0].serviceLevel).toBeGreaterThan(0.9);
    const closed = simulateDay({ ...day, counters: [3, 3, 0] }, { replications: 20, seed: 1 });
    expect(closed.unserved).toBeCloseTo(10, -1); // the last half hour's customers
    expect(closed.byInterval[2].serviceLevel).toBe(0);
  });

  it("should replay the same figures for the same seed and differ for another", () => {
    const day = stationary(m, {
      arrivalsPerHour: Array(24).fill(12),
      counters: Array(24).fill(2),
      warmupIntervals: 0,
    });
    const a = simulateDay(day, { replications: 5, seed: 42 });
    expect(simulateDay(day, { replications: 5, seed: 42 })).toEqual(a);
    expect(simulateDay(day, { replications: 5, seed: 43 }).serviceLevel).not.toBe(a.serviceLevel);
    expect(a.p90WaitSeconds).toBeGreaterThan(0);
  });
});
