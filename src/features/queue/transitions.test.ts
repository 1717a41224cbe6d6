import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { hallEvents } from "../../core/tables.js";
import { breaches, journeyNodes, ticketHistory, tickets } from "./tables.js";

// issue, call-next, call, start and finish are each one statement (steps/): everything
// a transaction of the general path writes — history, blueprint nodes, breaches, events — must be
// written by them too, once, and only when the change was the caller's to make.

const allDay = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];

describe("the counter's steps in one statement each", () => {
  let t: TestApp;
  let hallId: string;
  let counterIds: string[];
  let manager: string;
  let counter1: string;

  beforeAll(async () => {
    t = await buildTestApp();
    hallId = t.demo.hallId;
    manager = await t.token("manager");
    counter1 = await t.token("counter1");
    const counters = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: manager })).json();
    counterIds = counters.map((c: { id: string }) => c.id);
    // counter1 holds them: the counter steps below are theirs (a manager may step in, see mayWorkCounter).
    for (const id of counterIds.slice(0, 3))
      await t.api("POST", `/api/halls/${hallId}/counters/${id}/open`, { token: counter1 });
  });
  afterAll(() => t.close());

  const db = () => t.database.db;
  const act = (id: string, action: string, token: string, body?: object) =>
    t.api("POST", `/api/tickets/${id}/${action}`, { token, body });
  /** A payment ticket called at counter `i` of the demo hall (or of `hall`). */
  async function called(i = 0, hall = hallId, counters = counterIds, token = manager) {
    const issued = await t.api("POST", `/api/halls/${hall}/tickets`, {
      token,
      body: { businessType: "payment", phone: "13812345678" },
    });
    expect(issued.statusCode).toBe(201);
    const call = await t.api("POST", `/api/halls/${hall}/counters/${counters[i]}/call-next`, { token });
    expect(call.json().ticket.id).toBe(issued.json().id);
    return issued.json().id as string;
  }
  const eventsOf = async (ticketId: string) =>
    (await db().select().from(hallEvents).orderBy(hallEvents.id)).filter(
      (e) =>
        (e.data as { ticket?: { id: string }; ticketId?: string }).ticket?.id === ticketId ||
        (e.data as { ticketId?: string }).ticketId === ticketId,
    );

  it("should write the history, the blueprint nodes and the events the displays read", async () => {
    const id = await called();
    const started = await act(id, "start", counter1);
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ id, status: "serving", phone: "138****5678" });
    const finished = await act(id, "finish", counter1, {
      outcome: "completed",
      recommended: ["5g_upgrade", "broadband"],
      accepted: ["broadband", "not_offered"],
    });
    expect(finished.statusCode).toBe(200);
    // What the caller may do next (allowedActions) is the caller's own; the rest is what the displays get.
    const { allowedActions, ...ticket } = finished.json();
    expect(allowedActions).toEqual([]);
    expect(ticket).toMatchObject({
      status: "finished",
      outcome: "completed",
      recommended: ["5g_upgrade", "broadband"],
      handlingBreached: false,
    });
    expect(ticket.handlingSeconds).toBeGreaterThanOrEqual(0);
    const [row] = await db().select().from(tickets).where(eq(tickets.id, id));
    expect(row.accepted).toEqual(["broadband"]); // only what was recommended

    const history = await db().select().from(ticketHistory).where(eq(ticketHistory.ticketId, id));
    const counterUser = (await t.api("GET", "/api/auth/me", { token: counter1 })).json().principal;
    expect(history.filter((h) => h.action === "start")).toEqual([
      expect.objectContaining({ fromStatus: "called", toStatus: "serving", actorId: counterUser.id }),
    ]);
    expect(history.filter((h) => h.action === "finish")).toEqual([
      expect.objectContaining({ fromStatus: "serving", toStatus: "finished", counterId: counterIds[0] }),
    ]);

    const nodes = await db().select().from(journeyNodes).where(eq(journeyNodes.ticketId, id));
    expect(nodes.map((n) => [n.node, n.note]).sort()).toEqual([
      ["Z5", null],
      ["Z6", "5g_upgrade,broadband"],
      ["Z7", "completed"],
    ]);

    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual([
      "ticket.issued",
      "ticket.called",
      "ticket.started",
      "ticket.finished",
    ]);
    const finishedEvent = events[3].data as { ticket: unknown; counter: { id: string; number: number } };
    // The displays get exactly what the API answered, phone masked.
    expect(finishedEvent.ticket).toEqual(ticket);
    expect(finishedEvent.counter).toEqual({ id: counterIds[0], number: ticket.counterNumber });
    const { allowedActions: next, ...startedTicket } = started.json();
    expect(next).toEqual(["finish", "transfer"]);
    expect((events[2].data as { ticket: unknown }).ticket).toEqual(startedTicket);
  });

  it("should record a too-long handling once: the breach, its event, and the ticket's flag", async () => {
    const id = await called(1);
    await act(id, "start", counter1);
    // Served for 20 minutes: payment's handling limit is 3.
    await db()
      .update(tickets)
      .set({ startedAt: new Date(Date.now() - 20 * 60_000) })
      .where(eq(tickets.id, id));
    const finished = await act(id, "finish", counter1, { outcome: "completed" });
    expect(finished.statusCode).toBe(200);
    expect(finished.json()).toMatchObject({ handlingBreached: true });
    expect(finished.json().handlingSeconds).toBeGreaterThanOrEqual(1200);
    expect(finished.json().handlingSeconds).toBeLessThan(1210);
    const recorded = await db()
      .select()
      .from(breaches)
      .where(and(eq(breaches.ticketId, id), eq(breaches.kind, "handling")));
    expect(recorded).toHaveLength(1);
    expect(recorded[0].limitSeconds).toBe(180);
    const breached = (await eventsOf(id)).filter((e) => e.type === "limit.breached");
    expect(breached.map((e) => e.data)).toEqual([
      expect.objectContaining({
        kind: "handling",
        ticketId: id,
        limitSeconds: 180,
        actualSeconds: finished.json().handlingSeconds,
      }),
    ]);
  });

  it("should let a region's area manager act in its halls and not in another region's", async () => {
    const area = await t.token("area");
    const id = await called(2);
    expect((await act(id, "start", area)).statusCode).toBe(200);

    const admin = await t.token("admin");
    const elsewhere = (
      await t.api("POST", "/api/halls", {
        token: admin,
        body: { name: "外区厅", type: "self_run", regionCode: "ELSEWHERE", openingHours: allDay },
      })
    ).json().id as string;
    const counter = (
      await t.api("POST", `/api/halls/${elsewhere}/counters`, {
        token: admin,
        body: { label: "1号窗口", businessTypes: ["payment"], vip: false },
      })
    ).json().id as string;
    await t.api("POST", `/api/halls/${elsewhere}/counters/${counter}/open`, { token: admin });
    const other = await called(0, elsewhere, [counter], admin);
    const refused = await act(other, "start", area);
    expect(refused.statusCode).toBe(403);
    const [row] = await db().select().from(tickets).where(eq(tickets.id, other));
    expect(row).toMatchObject({ status: "called", startedAt: null });
    expect((await act(other, "start", admin)).statusCode).toBe(200);
  });

  it("should send the displays exactly what issue and call-next answered", async () => {
    const issued = await t.api("POST", `/api/halls/${hallId}/tickets`, {
      token: manager,
      body: { businessType: "payment", phone: "13900001111" },
    });
    const { ahead, estimatedWaitSeconds, ...ticket } = issued.json();
    expect(ahead).toBe(0);
    expect(estimatedWaitSeconds).toBe(0);
    const call = await t.api("POST", `/api/halls/${hallId}/counters/${counterIds[0]}/call-next`, {
      token: counter1,
    });
    expect(call.statusCode).toBe(200);
    const events = await eventsOf(ticket.id);
    expect(events.map((e) => e.type)).toEqual(["ticket.issued", "ticket.called"]);
    expect(events[0].data).toEqual({ ticket });
    const counters = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: manager })).json();
    const { allowedActions: _, ...calledTicket } = call.json().ticket;
    expect(events[1].data).toEqual({
      ticket: calledTicket,
      counter: { id: counterIds[0], number: counters[0].number, label: counters[0].label },
    });
    const history = await db().select().from(ticketHistory).where(eq(ticketHistory.ticketId, ticket.id));
    expect(history.map((h) => [h.action, h.fromStatus, h.toStatus]).sort()).toEqual([
      ["call", "waiting", "called"],
      ["issue", null, "waiting"],
    ]);
    await act(ticket.id, "no-show", counter1);
  });

  it("should record a first call after too long a wait as a breach, once, live", async () => {
    const issued = (
      await t.api("POST", `/api/halls/${hallId}/tickets`, {
        token: manager,
        body: { businessType: "payment" },
      })
    ).json();
    // Waiting for 25 minutes: the hall's limit is 10.
    await db()
      .update(tickets)
      .set({ issuedAt: new Date(Date.now() - 25 * 60_000) })
      .where(eq(tickets.id, issued.id));
    const call = await t.api("POST", `/api/halls/${hallId}/counters/${counterIds[1]}/call-next`, {
      token: counter1,
    });
    const ticket = call.json().ticket;
    expect(ticket).toMatchObject({ id: issued.id, waitBreached: true });
    expect(ticket.waitSeconds).toBeGreaterThanOrEqual(1500);
    expect(ticket.waitSeconds).toBeLessThan(1510);
    const recorded = await db()
      .select()
      .from(breaches)
      .where(and(eq(breaches.ticketId, issued.id), eq(breaches.kind, "wait")));
    expect(recorded).toHaveLength(1);
    const breached = (await eventsOf(issued.id)).filter((e) => e.type === "limit.breached");
    expect(breached.map((e) => e.data)).toEqual([
      expect.objectContaining({ kind: "wait", limitSeconds: 600, actualSeconds: ticket.waitSeconds }),
    ]);
    // Called again after a no-show and a return: the wait and the breach stay as they were.
    await act(issued.id, "no-show", counter1);
    await act(issued.id, "return", manager);
    const again = await t.api("POST", `/api/halls/${hallId}/counters/${counterIds[1]}/call-next`, {
      token: counter1,
    });
    expect(again.json().ticket).toMatchObject({ id: issued.id, waitSeconds: ticket.waitSeconds });
    expect((await eventsOf(issued.id)).filter((e) => e.type === "limit.breached")).toHaveLength(1);
    await act(issued.id, "no-show", counter1);
  });

  it("should refuse a call at a closed or unknown counter and change nothing", async () => {
    const waiting = (
      await t.api("POST", `/api/halls/${hallId}/tickets`, {
        token: manager,
        body: { businessType: "payment" },
      })
    ).json();
    const closed = await t.api("POST", `/api/halls/${hallId}/counters/${counterIds[5]}/call-next`, {
      token: counter1,
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error).toMatchObject({ code: "counter_closed", details: { state: "closed" } });
    const unknown = await t.api(
      "POST",
      `/api/halls/${hallId}/counters/00000000-0000-4000-8000-000000000000/call-next`,
      { token: counter1 },
    );
    expect(unknown.statusCode).toBe(404);
    const [row] = await db().select().from(tickets).where(eq(tickets.id, waiting.id));
    expect(row).toMatchObject({ status: "waiting", counterId: null, calledAt: null });
    expect((await eventsOf(waiting.id)).map((e) => e.type)).toEqual(["ticket.issued"]);
    await act(waiting.id, "cancel", manager);
  });

  it("should call one named ticket out of order in one statement, and say why not with a specific code", async () => {
    const issue = async () =>
      (
        await t.api("POST", `/api/halls/${hallId}/tickets`, {
          token: manager,
          body: { businessType: "payment" },
        })
      ).json();
    const [first, second] = [await issue(), await issue()];
    const call = (ticketId: string) =>
      t.api("POST", `/api/halls/${hallId}/counters/${counterIds[0]}/call`, {
        token: counter1,
        body: { ticketId },
      });
    const called = await call(second.id);
    expect(called.json().ticket).toMatchObject({ id: second.id, status: "called", calledOutOfOrder: true });
    const history = await db().select().from(ticketHistory).where(eq(ticketHistory.ticketId, second.id));
    expect(history.find((h) => h.action === "call")).toMatchObject({ detail: "called out of order" });
    expect((await eventsOf(second.id)).map((e) => e.type)).toEqual(["ticket.issued", "ticket.called"]);
    // The counter still has `second`: busy, whatever the ticket.
    expect((await call(first.id)).json().error).toMatchObject({
      code: "counter_busy",
      details: { state: "busy" },
    });
    await act(second.id, "no-show", counter1);
    expect((await call(second.id)).json().error).toMatchObject({
      code: "ticket_not_waiting",
      details: { state: "no_show" },
    });
    const [row] = await db().select().from(tickets).where(eq(tickets.id, first.id));
    expect(row).toMatchObject({ status: "waiting", counterId: null });
    await act(first.id, "cancel", manager);
  });

  it("should let one of many finishes racing for a ticket through, and refuse the others with 409", async () => {
    const id = await called();
    await act(id, "start", counter1);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => act(id, "finish", counter1, { outcome: "completed" })),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, ...Array(11).fill(409)]);
    for (const refused of answers.filter((a) => a.statusCode === 409))
      expect(refused.json().error).toMatchObject({
        code: "ticket_not_serving",
        details: { state: "finished" },
      });
    const history = await db().select().from(ticketHistory).where(eq(ticketHistory.ticketId, id));
    expect(history.filter((h) => h.action === "finish")).toHaveLength(1);
    expect((await eventsOf(id)).filter((e) => e.type === "ticket.finished")).toHaveLength(1);
    const nodes = await db().select().from(journeyNodes).where(eq(journeyNodes.ticketId, id));
    expect(nodes.filter((n) => n.node === "Z7")).toHaveLength(1);
  });
});
