import { describe, expect, it } from "vitest";
import { exponential, poisson, seededRng } from "../features/staff/random.js";
import {
  arrivalRate,
  arrivalTimes,
  BUSINESS_MIX,
  drawDay,
  mean,
  percentile,
  pickWeighted,
  serviceSeconds,
  staffedCounters,
} from "./simulate-model.js";

const limits = {
  payment: 180,
  change: 180,
  suspension: 180,
  sim_replacement: 300,
  new_subscription: 600,
  consultation: 300,
};

describe("seededRng", () => {
  it("should repeat the same sequence when given the same seed", () => {
    const a = seededRng(42);
    const b = seededRng(42);
    const c = seededRng(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
  });

  it("should draw uniformly in [0, 1)", () => {
    const rng = seededRng(7);
    const draws = Array.from({ length: 20_000 }, rng);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(mean(draws)).toBeCloseTo(0.5, 1);
  });
});

describe("Poisson sampling", () => {
  it("should draw exponential gaps with the asked mean", () => {
    const rng = seededRng(1);
    expect(mean(Array.from({ length: 20_000 }, () => exponential(rng, 90)))).toBeGreaterThan(87);
    expect(mean(Array.from({ length: 20_000 }, () => exponential(rng, 90)))).toBeLessThan(93);
  });

  it("should draw Poisson counts whose mean and variance both equal the rate", () => {
    const rng = seededRng(2);
    const draws = Array.from({ length: 20_000 }, () => poisson(rng, 4));
    const m = mean(draws);
    const variance = mean(draws.map((d) => (d - m) ** 2));
    expect(m).toBeCloseTo(4, 1);
    expect(variance).toBeGreaterThan(3.8);
    expect(variance).toBeLessThan(4.2);
  });

  it("should produce as many arrivals per hour as the profile expects", () => {
    // Fifty days of 10:00–11:00: the mean count is the integral of the rate over the hour, give or take
    // a few (one standard deviation of the mean is about 1.4 here).
    const counts = Array.from({ length: 50 }, (_, i) => arrivalTimes(seededRng(100 + i), 10, 1).length);
    const expected = mean(Array.from({ length: 600 }, (_, i) => arrivalRate(10 + (i + 0.5) / 600)));
    expect(Math.abs(mean(counts) - expected)).toBeLessThan(5);
  });

  it("should keep arrivals sorted and inside the day", () => {
    const times = arrivalTimes(seededRng(3), 9, 10);
    expect(times.length).toBeGreaterThan(400);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[times.length - 1]).toBeLessThan(10 * 3600);
  });
});

describe("arrival profile", () => {
  it("should peak in the morning and late afternoon above the lunch hour", () => {
    expect(arrivalRate(10.5)).toBeGreaterThan(arrivalRate(12.5));
    expect(arrivalRate(17.5)).toBeGreaterThan(arrivalRate(12.5));
    expect(arrivalRate(17.5)).toBeGreaterThan(arrivalRate(9.2));
  });

  it("should scale with the number of counters", () => {
    expect(arrivalRate(10, 12)).toBeCloseTo(arrivalRate(10) * 2, 6);
  });

  it("should staff every counter at the peaks and keep at least one open", () => {
    expect(staffedCounters(17.2, 6)).toBe(6);
    expect(staffedCounters(12.5, 6)).toBe(4);
    expect(staffedCounters(8, 1)).toBe(1);
    expect(staffedCounters(20, 2)).toBe(1);
  });
});

describe("customers", () => {
  it("should only pick weighted keys", () => {
    const rng = seededRng(4);
    const picks = new Set(Array.from({ length: 500 }, () => pickWeighted(rng, { a: 1, b: 3, c: 0 })));
    expect([...picks].sort()).toEqual(["a", "b"]);
  });

  it("should center handling times under the type's limit with a tail above it", () => {
    const rng = seededRng(5);
    const draws = Array.from({ length: 10_000 }, () => serviceSeconds(rng, 300));
    const over = draws.filter((d) => d > 300).length / draws.length;
    expect(percentile(draws, 50)).toBeGreaterThan(170);
    expect(percentile(draws, 50)).toBeLessThan(190);
    expect(over).toBeGreaterThan(0.05);
    expect(over).toBeLessThan(0.15);
  });

  it("should draw the same day for the same seed and only the hall's business types", () => {
    const day = drawDay({ seed: 9, startHour: 9, hours: 10, counters: 6, limits });
    expect(drawDay({ seed: 9, startHour: 9, hours: 10, counters: 6, limits })).toEqual(day);
    expect(new Set(day.map((c) => c.businessType)).size).toBeLessThanOrEqual(Object.keys(limits).length);
    for (const c of day) {
      expect(c.businessType in limits).toBe(true);
      expect(c.businessType in BUSINESS_MIX).toBe(true);
      if (c.returnsAfter !== undefined) expect(c.noShow).toBe(true);
      if (c.phone) expect(c.phone).toMatch(/^1\d{10}$/);
    }
    expect(day.filter((c) => c.noShow).length).toBeGreaterThan(0);
  });
});

describe("statistics", () => {
  it("should interpolate percentiles between ranks", () => {
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(percentile([10, 20], 90)).toBe(19);
    expect(percentile([5, 1, 3], 0)).toBe(1);
    expect(percentile([5, 1, 3], 100)).toBe(5);
    expect(percentile([], 90)).toBeNaN();
  });

  it("should average", () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNaN();
  });
});
