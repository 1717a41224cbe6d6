import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

describe("staffing API", () => {
  let t: TestApp;
  let manager: string;
  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
  });
  afterAll(() => t.close());

  const get = (path: string, token = manager) => t.api("GET", path, { token });
  const post = (path: string, body: unknown, token = manager) => t.api("POST", path, { token, body });

  it("should give a hall manager the classic Erlang C figures, and Erlang A with a patience", async () => {
    const res = await get(
      "/api/staffing/erlang?arrivalsPerHour=200&meanServiceSeconds=180&counters=14&targetWaitSeconds=20",
    );
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.offeredLoad).toBe(10);
    expect(f.serviceLevel).toBeCloseTo(0.88835, 5);
    expect(f.probabilityOfAbandon).toBeUndefined();
    const a = await get(
      "/api/staffing/erlang?arrivalsPerHour=200&meanServiceSeconds=180&counters=8&targetWaitSeconds=20&meanPatienceSeconds=300",
    );
    expect(a.statusCode).toBe(200);
    expect(a.json().probabilityOfAbandon).toBeGreaterThan(0.1);
  });

  it("should answer 422 unstable_load when the counters cannot keep up under Erlang C", async () => {
    const res = await get(
      "/api/staffing/erlang?arrivalsPerHour=200&meanServiceSeconds=180&counters=10&targetWaitSeconds=20",
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: "unstable_load",
      details: { offeredLoad: 10, counters: 10 },
    });
  });

  it("should give the least counters for a target", async () => {
    const res = await get(
      "/api/staffing/required?arrivalsPerHour=200&meanServiceSeconds=180&targetWaitSeconds=20&targetServiceLevel=0.8",
    );
    expect(res.json()).toEqual({ counters: 14 });
  });

  it("should simulate a day with a counter count per interval and label the intervals by clock", async () => {
    const res = await post("/api/staffing/simulate", {
      opensAt: "08:30",
      arrivalsPerHour: [30, 60, 90, 60],
      meanServiceSeconds: 300,
      counters: [3, 5, 8, 5],
      targetWaitSeconds: 600,
      replications: 20,
      seed: 7,
    });
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.byInterval.map((b: { from: string }) => b.from)).toEqual(["08:30", "09:00", "09:30", "10:00"]);
    expect(f.serviceLevel).toBeGreaterThan(0.8);
    expect(f.p90WaitSeconds).toBeGreaterThanOrEqual(0);
    // The same seed replays the same day.
    const again = await post("/api/staffing/simulate", {
      opensAt: "08:30",
      arrivalsPerHour: [30, 60, 90, 60],
      meanServiceSeconds: 300,
      counters: [3, 5, 8, 5],
      replications: 20,
      seed: 7,
    });
    expect(again.json()).toEqual(f);
  });

  it("should simulate business types, counter skills, VIP tickets, no-shows and diversion", async () => {
    const res = await post("/api/staffing/simulate", {
      arrivalsPerHour: 50,
      hours: 8,
      counters: 5,
      businessTypes: [
        { id: "payment", share: 3, meanServiceSeconds: 240, vipShare: 0.2 },
        { id: "broadband", share: 1, meanServiceSeconds: 600, distribution: "lognormal", cv: 0.8 },
      ],
      counterSkills: [["payment"], ["payment"], null, null, ["broadband"]],
      noShowShare: 0.05,
      diversionShare: 0.1,
      replications: 10,
      seed: 3,
    });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.byInterval).toHaveLength(16);
    expect(f.diverted).toBeGreaterThan(0);
    expect(f.noShows).toBeGreaterThan(0);
    expect(f.vip.customers).toBeGreaterThan(0);
    expect(f.vip.meanWaitSeconds).toBeLessThan(f.meanWaitSeconds);
  });

  it("should plan a day and cover it with shifts", async () => {
    const plan = await post("/api/staffing/plan", {
      opensAt: "09:00",
      intervalMinutes: 30,
      arrivalsPerHour: [20, 40, 80, 120, 120, 80, 40, 20],
      meanServiceSeconds: 300,
      targetWaitSeconds: 600,
      targetServiceLevel: 0.9,
    });
    expect(plan.statusCode).toBe(200);
    const p = plan.json();
    expect(p.met).toBe(true);
    expect(p.simulatedServiceLevel).toBeGreaterThanOrEqual(0.9);
    expect(p.counters).toHaveLength(8);
    expect(p.counterHours).toBe(p.counters.reduce((s: number, c: number) => s + c, 0) / 2);
    expect(p.simulation.byInterval[0].from).toBe("09:00");

    const cover = await post("/api/staffing/cover", {
      requirements: p.counters,
      shifts: [
        { id: "early", startHour: 0, lengthHours: 2, cost: 2 },
        { id: "middle", startHour: 1, lengthHours: 2, cost: 2 },
        { id: "late", startHour: 2, lengthHours: 2, cost: 2 },
        { id: "day", startInterval: 0, lengthIntervals: 8, cost: 4 },
      ],
    });
    expect(cover.statusCode).toBe(200);
    const c = cover.json();
    expect(c.optimal).toBe(true);
    expect(c.lowerBound).toBe(c.cost);
    for (const [i, n] of (c.coverage as number[]).entries()) expect(n).toBeGreaterThanOrEqual(p.counters[i]);
  });

  it("should keep the event loop turning while a plan is being computed", async () => {
    let pending = true;
    const started = performance.now();
    const plan = post("/api/staffing/plan", {
      arrivalsPerHour: Array.from({ length: 48 }, (_, i) => 40 + 30 * Math.sin(i / 5)),
      meanServiceSeconds: 300,
      targetServiceLevel: 0.9,
      minIntervalServiceLevel: 0.8,
    }).finally(() => {
      pending = false;
    });
    // The plan runs in the staffing worker, so timers (and the halls' requests) keep their turn meanwhile;
    // computed on the main thread, one gap between ticks would be the whole plan.
    let last = performance.now();
    let longestGap = 0;
    while (pending) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }
    const elapsed = performance.now() - started;
    expect((await plan).statusCode).toBe(200);
    expect(longestGap).toBeLessThan(elapsed / 2);
  });

  it("should refuse with 429 what would queue behind eight jobs, and serve again once they are done", async () => {
    const body = {
      arrivalsPerHour: 100,
      hours: 24,
      meanServiceSeconds: 300,
      counters: 10,
      replications: 100,
    };
    const answers = await Promise.all(Array.from({ length: 12 }, () => post("/api/staffing/simulate", body)));
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(8);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(answers.find((r) => r.statusCode === 429)?.json().error.code).toBe("rate_limited");
    expect((await post("/api/staffing/simulate", { ...body, replications: 1 })).statusCode).toBe(200);
  });

  it("should let only managers and the operator use the staffing models", async () => {
    const path =
      "/api/staffing/required?arrivalsPerHour=20&meanServiceSeconds=300&targetWaitSeconds=600&targetServiceLevel=0.9";
    for (const user of ["area", "admin"]) expect((await get(path, await t.token(user))).statusCode).toBe(200);
    for (const user of ["counter1", "floor", "inspector"]) {
      expect((await get(path, await t.token(user))).statusCode).toBe(403);
    }
    expect((await t.api("GET", path)).statusCode).toBe(401);
  });

  it("should refuse bad input with 400 in the one error shape", async () => {
    const bad = [
      await get(
        "/api/staffing/erlang?arrivalsPerHour=-5&meanServiceSeconds=180&counters=14&targetWaitSeconds=20",
      ),
      await get(
        "/api/staffing/erlang?arrivalsPerHour=200&meanServiceSeconds=0&counters=14&targetWaitSeconds=20",
      ),
      await get(
        "/api/staffing/erlang?arrivalsPerHour=200&meanServiceSeconds=180&counters=14.5&targetWaitSeconds=20",
      ),
      await get(
        "/api/staffing/required?arrivalsPerHour=200&meanServiceSeconds=180&targetWaitSeconds=20&targetServiceLevel=1",
      ),
      await get(
        "/api/staffing/erlang?arrivalsPerHour=2000&meanServiceSeconds=7200&counters=14&targetWaitSeconds=20",
      ),
      await post("/api/staffing/simulate", {
        arrivalsPerHour: [10, 20, 30],
        meanServiceSeconds: 300,
        counters: [1, 2],
      }),
      await post("/api/staffing/simulate", { arrivalsPerHour: 10, meanServiceSeconds: 300, counters: 1.5 }),
      await post("/api/staffing/simulate", {
        arrivalsPerHour: 10,
        meanServiceSeconds: 300,
        counters: 2,
        replications: 1000,
      }),
      // 2,000 an hour for 48 hours × 100 replications: far more customers than a request may simulate.
      await post("/api/staffing/simulate", {
        arrivalsPerHour: 2000,
        meanServiceSeconds: 60,
        counters: 40,
        hours: 48,
        replications: 100,
      }),
      await post("/api/staffing/simulate", {
        arrivalsPerHour: Array(97).fill(10),
        meanServiceSeconds: 300,
        counters: 2,
      }),
      await post("/api/staffing/simulate", { arrivalsPerHour: 10, counters: 2 }),
      await post("/api/staffing/simulate", {
        arrivalsPerHour: 10,
        counters: 2,
        businessTypes: [{ id: "payment", share: 1, meanServiceSeconds: 200 }],
        counterSkills: [["refund"]],
      }),
      await post("/api/staffing/plan", {
        arrivalsPerHour: [100, -1],
        meanServiceSeconds: 300,
        targetServiceLevel: 0.9,
      }),
      await post("/api/staffing/plan", {
        arrivalsPerHour: Array(48).fill(400),
        meanServiceSeconds: 60,
        targetServiceLevel: 0.9,
      }),
      await post("/api/staffing/cover", {
        requirements: [1, 2],
        shifts: [{ id: "a", startInterval: 1, lengthIntervals: 2 }],
      }),
      await post("/api/staffing/cover", {
        requirements: [1, 2],
        shifts: [{ id: "a", startHour: 0.25, lengthHours: 1 }],
      }),
      await post("/api/staffing/cover", {
        requirements: [1, 2],
        shifts: [
          { id: "a", startInterval: 0, lengthIntervals: 2 },
          { id: "a", startInterval: 0, lengthIntervals: 1 },
        ],
      }),
    ];
    for (const res of bad) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: "invalid_input", message: expect.any(String) });
    }
  });

  it("should answer 422 when no shift can cover an interval", async () => {
    const res = await post("/api/staffing/cover", {
      requirements: [1, 0, 3],
      shifts: [{ id: "morning", startInterval: 0, lengthIntervals: 2 }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: "rule_violation", details: { interval: 2 } });
  });
});
