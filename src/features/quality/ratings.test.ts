import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

type Ticket = { id: string; counterId: string | null };

// R-EVAL roll-ups: the pad's ratings of a hall by counter, person, business type and period for its
// managers; each person's own for themselves — never a colleague's.
describe("rating roll-ups", () => {
  let t: TestApp;
  let counters: { id: string; number: number; label: string }[];
  let manager: string;
  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
    counters = (await t.api("GET", `/api/halls/${t.demo.hallId}/counters`, { token: manager })).json();
    // counter1 at window 1 serves two payments (rated 5 and 4), counter2 at window 2 one consultation (2).
    const plan: [number, string, string][] = [
      [1, "payment", "very_satisfied"],
      [1, "payment", "satisfied"],
      [2, "consultation", "unsatisfied"],
    ];
    for (const [n, businessType, rating] of plan) {
      const staff = await t.token(`counter${n}`);
      const counter = counters.find((c) => c.number === n)!;
      await t.api("POST", `/api/halls/${t.demo.hallId}/counters/${counter.id}/open`, {
        token: staff,
        body: {},
      });
      await t.api("POST", `/api/halls/${t.demo.hallId}/tickets`, { token: manager, body: { businessType } });
      const called = (
        await t.api("POST", `/api/halls/${t.demo.hallId}/counters/${counter.id}/call`, {
          token: staff,
          body: {
            ticketId: (
              await t.api("GET", `/api/halls/${t.demo.hallId}/queue`, { token: manager })
            )
              .json()
              .tickets.find((x: { businessType: string }) => x.businessType === businessType).id,
          },
        })
      ).json().ticket as Ticket;
      await t.api("POST", `/api/tickets/${called.id}/start`, { token: staff });
      await t.api("POST", `/api/tickets/${called.id}/finish`, {
        token: staff,
        body: { outcome: "completed" },
      });
      const pad = t.demo.devices.find((d) => d.kind === "pad" && d.counterId === counter.id)!.token;
      const rated = await t.api("POST", `/api/tickets/${called.id}/evaluation`, {
        token: pad,
        body: { rating },
      });
      expect(rated.statusCode, rated.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  const hallRatings = (by: string, token = manager) =>
    t.api("GET", `/api/halls/${t.demo.hallId}/ratings?by=${by}`, { token });

  it("should roll a hall's ratings up by counter, person, business type and day, adding up", async () => {
    const byCounter = (await hallRatings("counter")).json();
    expect(byCounter.total).toMatchObject({ count: 3 });
    expect(byCounter.total.satisfiedShare).toBeCloseTo(2 / 3, 5);
    const one = counters.find((c) => c.number === 1)!;
    expect(byCounter.groups[0]).toMatchObject({ key: one.id, label: one.label, count: 2, satisfiedShare: 1 });
    const byStaff = (await hallRatings("staff")).json();
    expect(byStaff.groups.map((g: { label: string; count: number }) => [g.label, g.count])).toEqual([
      ["台席1号", 2],
      ["台席2号", 1],
    ]);
    const byType = (await hallRatings("business_type")).json();
    expect(byType.groups.map((g: { key: string; label: string }) => [g.key, g.label])).toEqual([
      ["payment", "交费"],
      ["consultation", "咨询"],
    ]);
    const byDay = (await hallRatings("day")).json();
    expect(byDay.groups).toHaveLength(1);
    expect(byDay.groups[0]).toMatchObject({ key: byDay.to, count: 3, byRating: { unsatisfied: 1 } });
    expect((await hallRatings("quarter")).json().groups[0].key).toMatch(/^\d{4}-Q[1-4]$/);
  });

  it("should show a person their own ratings only, and the hall's to its managers only", async () => {
    const mine = await t.api("GET", "/api/quality/my-ratings?by=month", { token: await t.token("counter2") });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total).toMatchObject({ count: 1, satisfiedShare: 0 });
    const byColleague = await t.api("GET", "/api/quality/my-ratings?by=staff", {
      token: await t.token("counter2"),
    });
    expect(byColleague.statusCode).toBe(400);
    expect((await hallRatings("staff", await t.token("counter1"))).statusCode).toBe(403);
    expect((await hallRatings("staff", await t.token("coop"))).statusCode).toBe(403);
    const bad = await t.api("GET", `/api/halls/${t.demo.hallId}/ratings?from=2026-05-01&to=2026-04-01`, {
      token: manager,
    });
    expect(bad.statusCode).toBe(400);
  });
});
