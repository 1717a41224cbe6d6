import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

const allDay = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];

// R-VISIT: the journey report — each node's time, front stage (what the customer sees) and back stage
// (the wait in line between ticket and counter), per day and for the period, from the visits recorded.
describe("the hall's journey report", () => {
  let t: TestApp;
  let admin: string;
  let hallId: string;
  let counterId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    const hall = await t.api("POST", "/api/halls", {
      token: admin,
      body: { name: "旅程测试厅", type: "self_run", regionCode: "T-J", openingHours: allDay },
    });
    hallId = hall.json().id;
    const c = await t.api("POST", `/api/halls/${hallId}/counters`, {
      token: admin,
      body: { label: "1号窗口", businessTypes: ["payment"] },
    });
    counterId = c.json().id;
    expect(
      (await t.api("POST", `/api/halls/${hallId}/counters/${counterId}/open`, { token: admin })).statusCode,
    ).toBe(200);
  });
  afterAll(() => t.close());

  const post = (path: string, body?: object) => t.api("POST", path, { token: admin, body });
  /** A ticket served from call to finish at the counter (its Z5 and Z7). */
  const serve = async (visitId?: string) => {
    const ticket = (await post(`/api/halls/${hallId}/tickets`, { businessType: "payment", visitId })).json();
    const steps = [
      await post(`/api/halls/${hallId}/counters/${counterId}/call`, { ticketId: ticket.id }),
      await post(`/api/tickets/${ticket.id}/start`),
      await post(`/api/tickets/${ticket.id}/finish`, { outcome: "completed" }),
    ];
    expect(steps.map((s) => s.statusCode)).toEqual([200, 200, 200]);
    return ticket;
  };
  // Local (Asia/Shanghai) times on 1 and 2 December 2026.
  const at = (day: number, hhmmss: string) => `2026-12-0${day}T${hhmmss}+08:00`;
  const place = async (visitId: string, enteredAt: string, nodes: Record<string, string>) => {
    await t.database.db.execute(sql`UPDATE visits SET entered_at = ${enteredAt} WHERE id = ${visitId}`);
    for (const [node, time] of Object.entries(nodes))
      await t.database.db.execute(
        sql`UPDATE visit_nodes SET at = ${time} WHERE visit_id = ${visitId} AND node = ${node}`,
      );
  };
  const placeTicket = (ticketId: string, issuedAt: string, startedAt: string) =>
    t.database.db.execute(
      sql`UPDATE tickets SET issued_at = ${issuedAt}, called_at = ${startedAt}, started_at = ${startedAt} WHERE id = ${ticketId}`,
    );
  const report = (period: string) =>
    t.api("GET", `/api/halls/${hallId}/journey-report?period=${period}`, { token: admin });

  it("should time each node, the front and back stage, and add the days up to the period", async () => {
    // A greeted visit: Z1 at 0:30, Z2 at 1:00 with its ticket, at the counter 6:00–9:00, farewell at 10:00.
    const greeted = (await post(`/api/halls/${hallId}/visit-nodes`, { node: "Z1" })).json();
    await post(`/api/halls/${hallId}/visit-nodes`, { node: "Z2", visitId: greeted.id });
    const first = await serve(greeted.id);
    await post(`/api/halls/${hallId}/visit-nodes`, { node: "Z9", visitId: greeted.id });
    await place(greeted.id, at(1, "10:00:00"), {
      Z1: at(1, "10:00:30"),
      Z2: at(1, "10:01:00"),
      Z5: at(1, "10:06:00"),
      Z7: at(1, "10:09:00"),
      Z9: at(1, "10:10:00"),
    });
    await placeTicket(first.id, at(1, "10:01:00"), at(1, "10:06:00"));
    // A ticket-only visit: issued at 11:00, at the counter 11:02–11:05.
    const second = await serve();
    await place(second.visitId, at(1, "11:00:00"), { Z5: at(1, "11:02:00"), Z7: at(1, "11:05:00") });
    await placeTicket(second.id, at(1, "11:00:00"), at(1, "11:02:00"));
    // The next day a ticket still waits: a visit, with no times yet.
    const waiting = (await post(`/api/halls/${hallId}/tickets`, { businessType: "payment" })).json();
    await place(waiting.visitId, at(2, "09:30:00"), {});

    const res = await report("range:2026-12-01..2026-12-02");
    expect(res.statusCode).toBe(200);
    const r = res.json();
    // Visit lengths 600 s and 300 s; waits in line 300 s and 120 s; one greeting after 30 s.
    expect(r).toMatchObject({
      visits: 3,
      timedVisits: 2,
      meanTotalSeconds: 450,
      meanBackSeconds: 210,
      meanFrontSeconds: 240,
      meanGreetingSeconds: 30,
    });
    const node = (code: string) => r.nodes.find((n: { node: string }) => n.node === code);
    expect(node("Z1")).toEqual({
      node: "Z1",
      visits: 1,
      share: 1 / 3,
      meanDwellSeconds: 30,
      meanFromEntrySeconds: 30,
    });
    expect(node("Z2")).toMatchObject({ visits: 1, meanDwellSeconds: 300 });
    expect(node("Z5")).toMatchObject({ visits: 2, meanDwellSeconds: 180, meanFromEntrySeconds: 240 });
    // Z7's time is until the farewell, where there was one; the visit ends at its last node.
    expect(node("Z7")).toMatchObject({ visits: 2, meanDwellSeconds: 60 });
    expect(node("Z9")).toMatchObject({ visits: 1, meanDwellSeconds: null, meanFromEntrySeconds: 600 });
    expect(r.byDay).toEqual([
      expect.objectContaining({ date: "2026-12-01", visits: 2, timedVisits: 2, meanTotalSeconds: 450 }),
      expect.objectContaining({ date: "2026-12-02", visits: 1, timedVisits: 0, meanTotalSeconds: null }),
    ]);
    // A day alone is its part of the period.
    const day = (await report("day:2026-12-01")).json();
    expect(day).toMatchObject({ visits: 2, meanFrontSeconds: 240, meanBackSeconds: 210 });
  });

  it("should answer an empty period with no visits and no means", async () => {
    const r = (await report("day:2026-11-01")).json();
    expect(r).toMatchObject({ visits: 0, timedVisits: 0, meanTotalSeconds: null, nodes: [], byDay: [] });
  });

  it("should refuse a period longer than a quarter and a malformed one", async () => {
    const long = await report("range:2026-01-01..2026-06-30");
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe("invalid_input");
    expect((await report("yesterday")).statusCode).toBe(400);
  });
});
