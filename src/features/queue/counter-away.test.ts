import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, deviceToken, type TestApp } from "../../../test/helpers.js";

// 暂离 (R-HALL): a clerk steps away from an open counter and comes back; meanwhile the counter calls
// nothing, and every period is kept with its reason and summed per person for the manager.
describe("a counter temporarily away", () => {
  let t: TestApp;
  let hallId: string;
  let counterId: string;
  let counterNumber: number;
  let clerk: string;
  let manager: string;

  beforeAll(async () => {
    t = await buildTestApp();
    hallId = t.demo.hallId;
    clerk = await t.token("counter1");
    manager = await t.token("manager");
    const counters: { id: string; number: number; vip: boolean; businessTypes: string[] }[] = (
      await t.api("GET", `/api/halls/${hallId}/counters`, { token: manager })
    ).json();
    const c = counters.find((c) => !c.vip && c.businessTypes.includes("payment")) as {
      id: string;
      number: number;
    };
    counterId = c.id;
    counterNumber = c.number;
  });
  afterAll(() => t.close());

  const at = (action: string, body?: object, token = clerk) =>
    t.api("POST", `/api/halls/${hallId}/counters/${counterId}/${action}`, { token, body });

  it("should refuse to step away from a closed counter, and then with a ticket at the counter", async () => {
    expect((await at("away", { reason: "用餐" })).json().error.code).toBe("counter_closed");
    expect((await at("open")).statusCode).toBe(200);
    await t.api("POST", `/api/halls/${hallId}/tickets`, {
      token: manager,
      body: { businessType: "payment" },
    });
    const called = await at("call-next");
    expect(called.statusCode).toBe(200);
    const busy = await at("away", { reason: "用餐" });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe("counter_busy");
    const id = called.json().ticket.id;
    expect((await t.api("POST", `/api/tickets/${id}/no-show`, { token: clerk })).statusCode).toBe(200);
  });

  it("should call nothing while away, and call again once back", async () => {
    expect((await at("away", { reason: "   " })).statusCode).toBe(400);
    const away = await at("away", { reason: "如厕" });
    expect(away.statusCode).toBe(200);
    expect(away.json().away).toMatchObject({ reason: "如厕" });
    expect((await at("away", { reason: "如厕" })).json().error.code).toBe("counter_away");
    const ticket = (
      await t.api("POST", `/api/halls/${hallId}/tickets`, {
        token: manager,
        body: { businessType: "payment" },
      })
    ).json();
    const refused = await at("call-next");
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("counter_away");
    const still = (await t.api("GET", `/api/tickets/${ticket.id}`, { token: manager })).json();
    expect(still.status).toBe("waiting");
    // The calling display learns the counter is paused (for its apology), not why.
    const display = deviceToken(t.demo, "display");
    const board = await t.api("GET", `/api/halls/${hallId}/board`, { token: display });
    expect(board.json().awayCounters).toEqual([counterNumber]);
    expect(board.body).not.toContain("如厕");
    const back = await at("back");
    expect(back.statusCode).toBe(200);
    expect(back.json().away).toBeNull();
    expect(
      (await t.api("GET", `/api/halls/${hallId}/board`, { token: display })).json().awayCounters,
    ).toEqual([]);
    expect((await at("back")).json().error.code).toBe("counter_not_away");
    const call = await at("call-next");
    expect(call.statusCode).toBe(200);
    expect(call.json().ticket.id).toBe(ticket.id);
    expect((await t.api("POST", `/api/tickets/${ticket.id}/no-show`, { token: clerk })).statusCode).toBe(200);
  });

  it("should end the period when the counter closes while away, and sum the day per person", async () => {
    expect((await at("away", { reason: "交接" })).statusCode).toBe(200);
    expect((await at("close", undefined, manager)).statusCode).toBe(200);
    const report = await t.api("GET", `/api/halls/${hallId}/counter-away`, { token: manager });
    expect(report.statusCode).toBe(200);
    const r = report.json();
    expect(r.periods.map((p: { reason: string }) => p.reason)).toEqual(["如厕", "交接"]);
    expect(r.periods.every((p: { endedAt: string | null }) => p.endedAt !== null)).toBe(true);
    expect(r.byStaff).toHaveLength(1);
    expect(r.byStaff[0]).toMatchObject({ periods: 2, staffName: expect.any(String) });
    expect(r.byStaff[0].seconds).toBe(
      r.periods.reduce((n: number, p: { seconds: number }) => n + p.seconds, 0),
    );
    // A clerk does not read the hall's report.
    expect((await t.api("GET", `/api/halls/${hallId}/counter-away`, { token: clerk })).statusCode).toBe(403);
  });
});
