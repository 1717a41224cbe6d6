import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erlangB, type QueueFigures, type QueueModel, queueFigures, requiredCounters } from "./erlang.js";

const figures = (m: QueueModel): QueueFigures => {
  const r = queueFigures(m);
  if (!r.ok) throw new Error(r.message);
  return r.figures;
};

// The classic call-centre example: 100 calls in 30 minutes, 180 s handling time, answer within 20 s.
const classic = { arrivalsPerHour: 200, meanServiceSeconds: 180, targetWaitSeconds: 20 };

describe("Erlang C", () => {
  it("should give the published figures of 100 calls per 30 min, 180 s, 14 agents, 20 s target", () => {
    // pyworkforce 0.1.0 README (pypi.org/project/pyworkforce/0.1.0): ErlangC(transactions=100, aht=3,
    // asa=20/60, interval=30) → raw_positions 14, service_level 0.8883500191794669, occupancy
    // 0.7142857142857143, waiting_probability 0.1741319335950498. The R package ErlangC 0.1.0 (CRAN,
    // README) gives the same: traffic_intensity 10, wait_probability 0.1741319, service_level 0.88835,
    // average_speed_of_answer 7.83593701177724 s.
    const f = figures({ ...classic, counters: 14 });
    expect(f.offeredLoad).toBe(10);
    expect(f.probabilityOfWaiting).toBeCloseTo(0.1741319335950498, 14);
    expect(f.serviceLevel).toBeCloseTo(0.8883500191794669, 14);
    expect(f.occupancy).toBeCloseTo(0.7142857142857143, 14);
    expect(f.meanWaitSeconds).toBeCloseTo(7.83593701177724, 10);
  });

  it("should give the R package ErlangC's first step of its agent search: 11 agents wait with 0.6821182", () => {
    // ErlangC 0.1.0 README, calculate_agents(...)$process: traffic_intensity 10, wait_probability 0.6821182.
    expect(figures({ ...classic, counters: 11 }).probabilityOfWaiting).toBeCloseTo(0.6821182, 7);
  });

  it("should find 14 agents the least that reach 80 % within 20 s (pyworkforce raw_positions)", () => {
    expect(requiredCounters({ ...classic, targetServiceLevel: 0.8 })).toBe(14);
    expect(figures({ ...classic, counters: 13 }).serviceLevel).toBeLessThan(0.8);
  });

  it("should give the Erlang B table's 1.84 % for 5 Erlangs on 10 lines", () => {
    // Erlang B tables (e.g. ITU-T E.800 handbooks): B(10, 5) = 0.01838.
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 6);
  });

  it("should refuse a load the counters cannot keep up with as unstable_load", () => {
    const r = queueFigures({ ...classic, counters: 10 });
    expect(r).toMatchObject({ ok: false, code: "unstable_load", offeredLoad: 10 });
    expect(queueFigures({ ...classic, counters: 9 }).ok).toBe(false);
  });

  it("should stay exact for thousands of counters and close to saturation, with no overflow", () => {
    // 1,000 Erlangs on 1,001 counters: ρ = 0.999. Factorials would overflow at 171!.
    const f = figures({
      arrivalsPerHour: 3_600_000,
      meanServiceSeconds: 1,
      counters: 1001,
      targetWaitSeconds: 1,
    });
    expect(f.probabilityOfWaiting).toBeGreaterThan(0.9);
    expect(f.probabilityOfWaiting).toBeLessThan(1);
    // Mean wait = C/(cμ − λ) = C / 1 s⁻¹.
    expect(f.meanWaitSeconds).toBeCloseTo(f.probabilityOfWaiting, 12);
    // B(c) recursion against the closed form for small c, where the closed form is still safe.
    const closed = (c: number, a: number) => {
      let term = 1;
      let sum = 1;
      for (let k = 1; k <= c; k++) sum += term *= a / k;
      return term / sum;
    };
    for (const [c, a] of [
      [1, 0.5],
      [7, 3.2],
      [30, 25],
      [120, 100],
    ] as const) {
      expect(erlangB(c, a)).toBeCloseTo(closed(c, a), 14);
    }
  });

  it("should have nothing to wait for when nobody comes", () => {
    expect(figures({ ...classic, arrivalsPerHour: 0, counters: 1 })).toMatchObject({
      probabilityOfWaiting: 0,
      serviceLevel: 1,
      meanWaitSeconds: 0,
    });
    expect(requiredCounters({ ...classic, arrivalsPerHour: 0, targetServiceLevel: 0.9 })).toBe(0);
  });
});

// Stable M/M/c models: a load, and enough counters to carry it.
const stableModel = fc
  .record({
    arrivalsPerHour: fc.double({ min: 1, max: 2000, noNaN: true }),
    meanServiceSeconds: fc.double({ min: 10, max: 1800, noNaN: true }),
    targetWaitSeconds: fc.double({ min: 0, max: 1200, noNaN: true }),
    spare: fc.integer({ min: 1, max: 30 }),
  })
  .map(({ spare, ...m }) => ({
    ...m,
    counters: Math.floor((m.arrivalsPerHour * m.meanServiceSeconds) / 3600) + spare,
  }));

describe("Erlang C and A properties", () => {
  it("should serve more within the target and make shorter waits with each counter added", () => {
    fc.assert(
      fc.property(stableModel, fc.boolean(), (m, patient) => {
        const model = patient ? { ...m, meanPatienceSeconds: 300 } : m;
        const one = figures(model);
        const more = figures({ ...model, counters: model.counters + 1 });
        expect(more.serviceLevel).toBeGreaterThanOrEqual(one.serviceLevel - 1e-12);
        expect(more.meanWaitSeconds).toBeLessThanOrEqual(one.meanWaitSeconds + 1e-9);
        expect(more.probabilityOfWaiting).toBeLessThanOrEqual(one.probabilityOfWaiting + 1e-12);
      }),
    );
  });

  it("should become Erlang C as patience grows without end", () => {
    // Off the saturation edge: at 99.999 % occupancy the tail of the line needs millions of terms per case,
    // which made this property take minutes on a loaded machine (the API caps patience at 4 h, so it never does).
    const belowSaturation = stableModel.filter(
      (m) => (m.arrivalsPerHour * m.meanServiceSeconds) / 3600 / m.counters <= 0.99,
    );
    fc.assert(
      fc.property(belowSaturation, (m) => {
        const c = figures(m);
        // A line of k people loses about θ·k²/(2cμ) of its tail to patience: near saturation k is long, so
        // "patient enough" is measured against the line Erlang C expects (λ·W).
        const line = 1 + (m.arrivalsPerHour / 3600) * c.meanWaitSeconds;
        const a = figures({
          ...m,
          meanPatienceSeconds: (1e9 * line ** 2 * m.meanServiceSeconds) / m.counters,
        });
        expect(a.probabilityOfWaiting).toBeCloseTo(c.probabilityOfWaiting, 4);
        expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 4);
        expect(Math.abs(a.meanWaitSeconds - c.meanWaitSeconds)).toBeLessThan(1e-3 * c.meanWaitSeconds + 1e-9);
        expect(a.probabilityOfAbandon).toBeLessThan(1e-4);
      }),
    );
  });

  it("should keep the flow balance of Erlang A: abandonment rate = patience rate × people in line", () => {
    // λ·P(abandon) = θ·E[queue] and E[queue] = λ·E[wait] (Little), so P(abandon) = E[wait]/patience.
    fc.assert(
      fc.property(
        stableModel,
        fc.integer({ min: -20, max: 0 }),
        fc.double({ min: 30, max: 3600, noNaN: true }),
        (m, fewer, patience) => {
          const f = figures({
            ...m,
            counters: Math.max(1, m.counters + fewer),
            meanPatienceSeconds: patience,
          });
          expect(f.probabilityOfAbandon as number).toBeCloseTo(f.meanWaitSeconds / patience, 9);
          expect(f.serviceLevel).toBeLessThanOrEqual(1 - (f.probabilityOfAbandon as number) + 1e-12);
        },
      ),
    );
  });

  it("should give Erlang A a Poisson number in the hall when patience equals the service time (an M/M/∞)", () => {
    // With θ = μ every customer present leaves at rate μ, served or not: N ~ Poisson(A), exactly.
    for (const [load, c] of [
      [4, 3],
      [10, 8],
      [25, 30],
      [60, 40],
    ] as const) {
      const f = figures({
        arrivalsPerHour: load * 12,
        meanServiceSeconds: 300,
        counters: c,
        targetWaitSeconds: 60,
        meanPatienceSeconds: 300,
      });
      let p = Math.exp(-load);
      let below = 0;
      let excess = 0; // E[(N − c)+]
      for (let n = 0; n < 400; n++) {
        if (n < c) below += p;
        else excess += (n - c) * p;
        p *= load / (n + 1);
      }
      expect(f.probabilityOfWaiting).toBeCloseTo(1 - below, 12);
      expect(f.probabilityOfAbandon as number).toBeCloseTo(excess / load, 12);
    }
  });

  it("should turn away in Erlang A what Erlang B blocks when nobody will wait at all", () => {
    const m = { ...classic, counters: 8 };
    const f = figures({ ...m, meanPatienceSeconds: 1e-6 });
    expect(f.probabilityOfAbandon as number).toBeCloseTo(erlangB(8, 10), 6);
  });

  it("should stay defined for Erlang A with fewer counters than the load, and for hundreds of counters", () => {
    const over = figures({ ...classic, counters: 5, meanPatienceSeconds: 600 });
    // 10 Erlangs on 5 counters: about half must give up, and every counter is busy.
    expect(over.probabilityOfAbandon as number).toBeGreaterThan(0.49);
    expect(over.occupancy).toBeGreaterThan(0.999);
    const big = figures({
      arrivalsPerHour: 720_000,
      meanServiceSeconds: 2,
      counters: 390,
      targetWaitSeconds: 5,
      meanPatienceSeconds: 60,
    });
    expect(big.occupancy).toBeGreaterThan(0.95);
    expect(Number.isFinite(big.meanWaitSeconds)).toBe(true);
  });
});
