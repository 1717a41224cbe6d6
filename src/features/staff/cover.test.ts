import { describe, expect, it } from "vitest";
import { solveCover } from "./cover.js";

const cover = async (...args: Parameters<typeof solveCover>) => {
  const r = await solveCover(...args);
  if (!r.ok) throw new Error(r.message);
  return r.cover;
};

describe("shift cover (HiGHS)", () => {
  it("should find the hand-checked optimum of four intervals", async () => {
    // Needs 1, 2, 2, 1. Two-interval shifts cost 2, the whole day costs 3. The whole day plus the middle
    // shift (3 + 2 = 5) covers 1, 2, 2, 1 exactly; anything else costs 6 (two whole days, or three shorts).
    const c = await cover({
      requirements: [1, 2, 2, 1],
      shifts: [
        { id: "early", startInterval: 0, lengthIntervals: 2, cost: 2 },
        { id: "middle", startInterval: 1, lengthIntervals: 2, cost: 2 },
        { id: "late", startInterval: 2, lengthIntervals: 2, cost: 2 },
        { id: "day", startInterval: 0, lengthIntervals: 4, cost: 3 },
      ],
    });
    expect(c).toMatchObject({
      counts: { early: 0, middle: 1, late: 0, day: 1 },
      cost: 5,
      lowerBound: 5,
      optimal: true,
    });
    expect(c.coverage).toEqual([1, 2, 2, 1]);
  });

  it("should solve the textbook post-office problem: five days on, two off, 23 people", async () => {
    // The post office problem of Winston, Operations Research: Applications and Algorithms: Monday–Sunday
    // needs 17, 13, 15, 19, 14, 16, 11;
    // each employee works five consecutive days. LP optimum 67/3; integer optimum 23.
    const c = await cover({
      requirements: [17, 13, 15, 19, 14, 16, 11],
      cyclic: true,
      shifts: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((id, d) => ({
        id,
        startInterval: d,
        lengthIntervals: 5,
        cost: 1,
      })),
    });
    expect(c.cost).toBe(23);
    expect(c.optimal).toBe(true);
    expect(c.lowerBound).toBe(23);
    [17, 13, 15, 19, 14, 16, 11].forEach((need, d) => {
      expect(c.coverage[d]).toBeGreaterThanOrEqual(need);
    });
  });

  it("should say there is no roster when the staff limit is too low", async () => {
    const r = await solveCover({
      requirements: [2, 2],
      shifts: [{ id: "day", startInterval: 0, lengthIntervals: 2, cost: 1 }],
      maxShifts: 1,
    });
    expect(r).toMatchObject({ ok: false, code: "rule_violation" });
    const ok = await cover({
      requirements: [2, 2],
      shifts: [{ id: "day", startInterval: 0, lengthIntervals: 2, cost: 1 }],
      maxShifts: 2,
    });
    expect(ok.counts.day).toBe(2);
  });

  it("should return a roster and its gap to the lower bound when the time limit stops it", async () => {
    // A week of 48 half hours, 4 h / 6 h / 8 h shifts from every half hour, irregular costs: HiGHS needs
    // about a second for the optimum; a millisecond leaves the greedy start and the LP bound.
    let x = 12345;
    const random = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x / 2147483648;
    };
    const T = 7 * 48;
    const requirements = Array.from({ length: T }, (_, t) =>
      Math.max(0, Math.round(8 + 6 * Math.sin(((t % 48) / 2 - 6) * (Math.PI / 6)) + 4 * random())),
    );
    const shifts = Array.from({ length: T }, (_, s) =>
      [8, 12, 16].map((len) => ({
        id: `${s}-${len}`,
        startInterval: s,
        lengthIntervals: len,
        cost: len + 3 + Math.floor(random() * 3),
      })),
    ).flat();
    const c = await cover({ requirements, shifts, cyclic: true, timeLimitSeconds: 0.001 });
    expect(c.optimal).toBe(false);
    expect(c.lowerBound).toBeGreaterThan(0);
    expect(c.lowerBound).toBeLessThanOrEqual(c.cost);
    expect(c.gap).toBeCloseTo((c.cost - c.lowerBound) / c.cost, 12);
    requirements.forEach((need, t) => {
      expect(c.coverage[t]).toBeGreaterThanOrEqual(need);
    });
  });
});
