import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, deviceToken, type TestApp } from "../../../test/helpers.js";
import { hallEvents } from "../../core/tables.js";
import { ticketHistory, tickets } from "./tables.js";

// The hall as staff use it: the consult desk's look-up of a missed ticket, the counter's undo of a
// no-show, and what the screens read back after a reload.
describe("the consult desk and the counter after a no-show", () => {
  let t: TestApp;
  let hallId: string;
  let counters: { id: string; number: number }[];
  let desk: string;
  let counter1: string;
  let counter2: string;

  beforeAll(async () => {
    t = await buildTestApp();
    hallId = t.demo.hallId;
    desk = await t.token("desk");
    counter1 = await t.token("counter1");
    counter2 = await t.token("counter2");
    counters = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: desk })).json();
    await t.api("POST", `/api/halls/${hallId}/counters/${counters[0].id}/open`, { token: counter1 });
    await t.api("POST", `/api/halls/${hallId}/counters/${counters[1].id}/open`, { token: counter2 });
  });
  afterAll(() => t.close());

  const issue = (body: object) =>
    t.api("POST", `/api/halls/${hallId}/tickets`, { token: deviceToken(t.demo, "kiosk"), body });
  const callNext = (i: number, token: string) =>
    t.api("POST", `/api/halls/${hallId}/counters/${counters[i].id}/call-next`, { token });
  const act = (id: string, action: string, token: string, body?: object) =>
    t.api("POST", `/api/tickets/${id}/${action}`, { token, body });
  const lookUp = (query: string, token = desk) =>
    t.api("GET", `/api/halls/${hallId}/tickets?${query}`, { token });
  /** Everything waiting is called and finished, so the next issue is the next call. */
  async function drain() {
    for (;;) {
      const r = await callNext(0, counter1);
      if (r.statusCode === 204) return;
      await act(r.json().ticket.id, "cancel", desk);
    }
  }
  /** A ticket called at counter 1 and marked a no-show there. */
  async function noShow(phone = "13912340001") {
    await drain();
    const issued = (await issue({ businessType: "payment", phone })).json();
    expect((await callNext(0, counter1)).json().ticket.id).toBe(issued.id);
    const marked = await act(issued.id, "no-show", counter1);
    expect(marked.statusCode).toBe(200);
    return { issued, marked: marked.json() };
  }

  it("should find today's ticket by number or whole phone, masked, with what the desk may do", async () => {
    const { issued } = await noShow("13912340002");
    await issue({ businessType: "payment", phone: "13912340003" }); // someone else
    const byNumber = await lookUp(`number=${issued.number.toLowerCase()}`);
    expect(byNumber.statusCode).toBe(200);
    expect(byNumber.json().items).toEqual([
      expect.objectContaining({
        id: issued.id,
        status: "no_show",
        phone: "139****0002",
        allowedActions: ["return"],
      }),
    ]);
    const byPhone = (await lookUp("phone=13912340002")).json();
    expect(byPhone.items.map((x: { id: string }) => x.id)).toEqual([issued.id]);
    expect(byPhone.total).toBe(1);
    // Yesterday's list does not have it; a bad number or phone is a 400, not a scan.
    expect((await lookUp(`number=${issued.number}&date=2020-01-01`)).json().items).toEqual([]);
    expect((await lookUp("number=12")).statusCode).toBe(400);
    expect((await lookUp("phone=10000000000")).statusCode).toBe(400);
    // A kiosk may not search the hall's customers.
    expect((await lookUp("phone=13912340002", deviceToken(t.demo, "kiosk"))).statusCode).toBe(403);
  });

  it("should return a no-show to the line at the desk, reprint it, move it, and cancel it", async () => {
    const { issued } = await noShow("13912340004");
    const back = await act(issued.id, "return", desk);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: "waiting" });
    expect(back.json().allowedActions).toEqual(["cancel", "transfer", "divert", "reprint"]);
    // Reprint: the slip's figures again, with the place the return gave it.
    const slip = (await t.api("GET", `/api/tickets/${issued.id}`, { token: desk })).json();
    expect(slip).toMatchObject({ number: issued.number, status: "waiting", ahead: expect.any(Number) });
    const moved = await act(issued.id, "transfer", desk, { businessType: "change" });
    expect(moved.json()).toMatchObject({ status: "waiting", businessType: "change", number: issued.number });
    const cancelled = await act(issued.id, "cancel", desk);
    expect(cancelled.json()).toMatchObject({ status: "cancelled", allowedActions: [] });
  });

  it("should take a no-show back within the minute, called at its counter as it was", async () => {
    const { issued, marked } = await noShow("13912340005");
    expect(marked.allowedActions).toEqual(["undo-no-show", "return"]);
    const called = (await t.api("GET", `/api/tickets/${issued.id}`, { token: counter1 })).json();
    // Someone else may not; the desk cannot (a counter's step).
    expect((await act(issued.id, "undo-no-show", counter2)).statusCode).toBe(403);
    expect((await act(issued.id, "undo-no-show", desk)).statusCode).toBe(403);
    const undone = await act(issued.id, "undo-no-show", counter1);
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({
      status: "called",
      counterId: counters[0].id,
      counterNumber: counters[0].number,
      calledAt: marked.calledAt,
      recallCount: called.recallCount,
      waitSeconds: marked.waitSeconds,
    });
    expect(undone.json().allowedActions).toEqual(["recall", "start", "no-show", "cancel", "transfer"]);
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, issued.id));
    expect(row.staffId).not.toBeNull();
    const history = await t.database.db
      .select()
      .from(ticketHistory)
      .where(eq(ticketHistory.ticketId, issued.id))
      .orderBy(ticketHistory.at);
    expect(history.map((h) => [h.action, h.fromStatus, h.toStatus, h.counterId])).toEqual([
      ["issue", null, "waiting", null],
      ["call", "waiting", "called", counters[0].id],
      ["no_show", "called", "no_show", counters[0].id],
      ["undo_no_show", "no_show", "called", counters[0].id],
    ]);
    const events = (await t.database.db.select().from(hallEvents).orderBy(hallEvents.id)).filter(
      (e) => (e.data as { ticket?: { id: string } }).ticket?.id === issued.id,
    );
    expect(events.at(-1)).toMatchObject({
      type: "ticket.no_show_undone",
      data: { ticket: { status: "called" }, counter: { id: counters[0].id, number: counters[0].number } },
    });
    // The counter holds it again: it cannot call anyone else until it is done.
    expect((await callNext(0, counter1)).statusCode).toBe(409);
    await act(issued.id, "start", counter1);
    await act(issued.id, "finish", counter1, { outcome: "completed" });
  });

  it("should refuse an undo after the minute, or once the counter has called someone else", async () => {
    const late = await noShow("13912340006");
    await t.database.db
      .update(ticketHistory)
      .set({ at: sql`${ticketHistory.at} - interval '61 seconds'` })
      .where(and(eq(ticketHistory.ticketId, late.issued.id), eq(ticketHistory.action, "no_show")));
    const tooLate = await act(late.issued.id, "undo-no-show", counter1);
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().error.message).toMatch(/60 seconds/);
    const [lateRow] = await t.database.db.select().from(tickets).where(eq(tickets.id, late.issued.id));
    expect(lateRow).toMatchObject({ status: "no_show", counterId: null });
    const found = (await lookUp(`number=${late.issued.number}`, counter1)).json().items[0];
    expect(found.allowedActions).toEqual(["return"]);

    const busy = await noShow("13912340007");
    const next = (await issue({ businessType: "payment" })).json();
    expect((await callNext(0, counter1)).json().ticket.id).toBe(next.id);
    const refused = await act(busy.issued.id, "undo-no-show", counter1);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toMatchObject({ state: "busy", ticket: next.number });
    await act(next.id, "cancel", desk);
  });

  it("should let a display read back the day's last calls, latest first, and nothing about customers", async () => {
    await drain();
    const a = (await issue({ businessType: "payment", phone: "13912340008" })).json();
    const b = (await issue({ businessType: "payment" })).json();
    await callNext(0, counter1);
    await callNext(1, counter2);
    const calls = await t.api("GET", `/api/halls/${hallId}/calls?limit=2`, {
      token: deviceToken(t.demo, "display"),
    });
    expect(calls.statusCode).toBe(200);
    expect(calls.json()).toEqual([
      expect.objectContaining({ ticketId: b.id, number: b.number, counterNumber: counters[1].number }),
      expect.objectContaining({ ticketId: a.id, number: a.number, counterNumber: counters[0].number }),
    ]);
    expect(Object.keys(calls.json()[0]).sort()).toEqual(
      ["businessType", "calledAt", "counterNumber", "number", "recall", "ticketId"].sort(),
    );
    await act(a.id, "recall", counter1);
    const again = (
      await t.api("GET", `/api/halls/${hallId}/calls?limit=1`, { token: deviceToken(t.demo, "display") })
    ).json();
    expect(again).toEqual([expect.objectContaining({ ticketId: a.id, recall: true })]);
    await act(a.id, "cancel", desk);
    await act(b.id, "cancel", desk);
  });

  it("should give a pad its counter's finished, unrated service for two minutes, and only its own", async () => {
    await drain();
    const serve = async () => {
      const issued = (await issue({ businessType: "payment" })).json();
      await callNext(0, counter1);
      await act(issued.id, "start", counter1);
      await act(issued.id, "finish", counter1, { outcome: "completed" });
      return issued;
    };
    const pad = t.demo.devices.find((d) => d.kind === "pad" && d.counterId === counters[0].id)!.token;
    const otherPad = t.demo.devices.find((d) => d.kind === "pad" && d.counterId === counters[1].id)!.token;
    const prompt = (token: string, i = 0) =>
      t.api("GET", `/api/halls/${hallId}/counters/${counters[i].id}/rating-prompt`, { token });
    // Whatever the counter finished before (three minutes ago and more) is too long ago to ask about.
    await serve();
    await t.database.db
      .update(tickets)
      .set({ finishedAt: sql`${tickets.finishedAt} - interval '3 minutes'` })
      .where(eq(tickets.counterId, counters[0].id));
    expect((await prompt(pad)).statusCode).toBe(204);

    const served = await serve();
    const asked = await prompt(pad);
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({ ticket: { id: served.id, number: served.number } });
    expect(Object.keys(asked.json().ticket).sort()).toEqual(["businessType", "finishedAt", "id", "number"]);
    expect(Date.parse(asked.json().askUntil) - Date.parse(asked.json().ticket.finishedAt)).toBe(120_000);
    expect(asked.json().secondsLeft).toBeGreaterThan(100);
    expect((await prompt(otherPad)).statusCode).toBe(403);
    expect((await prompt(otherPad, 1)).statusCode).toBe(204);
    // Rated: nothing more to ask.
    await t.api("POST", `/api/tickets/${served.id}/evaluation`, {
      token: pad,
      body: { rating: "satisfied" },
    });
    expect((await prompt(pad)).statusCode).toBe(204);
  });

  it("should give the floor back its own reception in progress, until the farewell", async () => {
    const floor = await t.token("floor");
    const current = (token: string) => t.api("GET", `/api/halls/${hallId}/visits/current`, { token });
    expect((await current(desk)).json()).toEqual({ visit: null });
    const greeted = (
      await t.api("POST", `/api/halls/${hallId}/visit-nodes`, { token: desk, body: { node: "Z1" } })
    ).json();
    await t.api("POST", `/api/halls/${hallId}/visit-nodes`, {
      token: desk,
      body: { node: "Z2", visitId: greeted.id },
    });
    const mine = (await current(desk)).json().visit;
    expect(mine).toMatchObject({ id: greeted.id });
    expect(mine.nodes.map((n: { node: string }) => n.node)).toEqual(["Z1", "Z2"]);
    expect((await current(floor)).json()).toEqual({ visit: null });
    expect((await current(deviceToken(t.demo, "kiosk"))).statusCode).toBe(403);
    await t.api("POST", `/api/halls/${hallId}/visit-nodes`, {
      token: desk,
      body: { node: "Z9", visitId: greeted.id },
    });
    expect((await current(desk)).json()).toEqual({ visit: null });
  });
});
