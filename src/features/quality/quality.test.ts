import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { summarize } from "./rules.js";

type Ticket = { id: string; counterId: string | null };

describe("R-EVAL summary", () => {
  it("should count satisfied as very satisfied plus satisfied over all ratings", () => {
    expect(summarize({ very_satisfied: 2, satisfied: 1, unsatisfied: 1 })).toMatchObject({
      count: 4,
      satisfiedShare: 0.75,
    });
  });
  it("should have no share before the first rating", () => {
    expect(summarize({}).satisfiedShare).toBeNull();
  });
});

describe("POST /api/tickets/:id/evaluation", () => {
  let t: TestApp;
  let counters: { id: string; number: number }[];
  beforeAll(async () => {
    t = await buildTestApp();
    counters = (
      await t.api("GET", `/api/halls/${t.demo.hallId}/counters`, { token: await t.token("manager") })
    ).json();
  });
  afterAll(() => t.close());

  const pad = (counterId: string) =>
    t.demo.devices.find((d) => d.kind === "pad" && d.counterId === counterId)!.token;

  async function servedTicket(counterNumber: number, finish = true): Promise<Ticket> {
    const staff = await t.token(`counter${counterNumber}`);
    const counter = counters.find((c) => c.number === counterNumber)!;
    await t.api("POST", `/api/halls/${t.demo.hallId}/counters/${counter.id}/open`, {
      token: staff,
      body: {},
    });
    const kiosk = t.demo.devices.find((d) => d.kind === "kiosk")!.token;
    await t.api("POST", `/api/halls/${t.demo.hallId}/tickets`, {
      token: kiosk,
      body: { businessType: "payment" },
    });
    const called = (
      await t.api("POST", `/api/halls/${t.demo.hallId}/counters/${counter.id}/call-next`, { token: staff })
    ).json().ticket as Ticket;
    await t.api("POST", `/api/tickets/${called.id}/start`, { token: staff });
    if (finish)
      await t.api("POST", `/api/tickets/${called.id}/finish`, {
        token: staff,
        body: { outcome: "completed" },
      });
    return called;
  }

  it("should store one rating from the pad of the counter that served, with the staff member", async () => {
    const ticket = await servedTicket(1);
    const res = await t.api("POST", `/api/tickets/${ticket.id}/evaluation`, {
      token: pad(ticket.counterId!),
      body: { rating: "very_satisfied", reasons: ["efficient"] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      ticketId: ticket.id,
      counterId: ticket.counterId,
      rating: "very_satisfied",
      reasons: ["efficient"],
    });
    expect(res.json().staffId).toEqual(expect.any(String));

    const again = await t.api("POST", `/api/tickets/${ticket.id}/evaluation`, {
      token: pad(ticket.counterId!),
      body: { rating: "neutral" },
    });
    expect(again.statusCode).toBe(409);
  });

  it("should refuse the pad of another counter", async () => {
    const ticket = await servedTicket(2);
    const other = counters.find((c) => c.id !== ticket.counterId)!;
    const res = await t.api("POST", `/api/tickets/${ticket.id}/evaluation`, {
      token: pad(other.id),
      body: { rating: "satisfied" },
    });
    expect(res.statusCode).toBe(403);
  });

  it("should refuse a ticket that is not finished", async () => {
    const ticket = await servedTicket(3, false);
    const res = await t.api("POST", `/api/tickets/${ticket.id}/evaluation`, {
      token: pad(ticket.counterId!),
      body: { rating: "satisfied" },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toMatchObject({ state: "serving" });
  });

  it("should refuse staff a rating for their own counter's ticket or another's, and leave it to the pad", async () => {
    const ticket = await servedTicket(6);
    const rating = { rating: "very_satisfied" };
    for (const who of ["counter6", "counter1", "manager", "admin"]) {
      const res = await t.api("POST", `/api/tickets/${ticket.id}/evaluation`, {
        token: await t.token(who),
        body: rating,
      });
      expect(res.statusCode, who).toBe(403);
    }
    // Nothing was stored, so the customer's own rating on the pad still counts.
    const res = await t.api("POST", `/api/tickets/${ticket.id}/evaluation`, {
      token: pad(ticket.counterId!),
      body: { rating: "unsatisfied", reasons: ["long_wait"] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ rating: "unsatisfied" });
  });

  it("should refuse a floor user and an unknown rating", async () => {
    const ticket = await servedTicket(4);
    const floor = await t.api("POST", `/api/tickets/${ticket.id}/evaluation`, {
      token: await t.token("floor"),
      body: { rating: "satisfied" },
    });
    expect(floor.statusCode).toBe(403);
    const bad = await t.api("POST", `/api/tickets/${ticket.id}/evaluation`, {
      token: pad(ticket.counterId!),
      body: { rating: "great" },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("should count ratings and services in today's stats", async () => {
    const stats = (
      await t.api("GET", `/api/halls/${t.demo.hallId}/stats/today`, { token: await t.token("manager") })
    ).json();
    expect(stats.evaluations).toMatchObject({ count: 2, satisfiedShare: 0.5 });
    expect(stats.served).toBe(4);
    expect(stats.issued).toBe(5);
    expect(stats.withinTenMinutesShare).toBe(1);
    const c1 = stats.perCounter.find((c: { number: number }) => c.number === 1);
    expect(c1).toMatchObject({ served: 1, status: "open", staffName: "台席1号" });
    expect(stats.byHalfHour.reduce((n: number, s: { arrivals: number }) => n + s.arrivals, 0)).toBe(5);
  });
});
