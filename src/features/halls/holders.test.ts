import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, deviceToken, type TestApp } from "../../../test/helpers.js";
import { hallEvents } from "../../core/tables.js";
import { evaluations } from "../quality/tables.js";
import { tickets } from "../queue/tables.js";

// 台席归属: a counter is held by whoever opened it; nobody works it silently in their place.
describe("who holds a counter, and taking one over", () => {
  let t: TestApp;
  let hallId: string;
  let counters: { id: string; label: string }[];
  let manager: string;
  let counter1: string;
  let counter2: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await buildTestApp();
    hallId = t.demo.hallId;
    manager = await t.token("manager");
    counter1 = await t.token("counter1");
    counter2 = await t.token("counter2");
    counters = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: manager })).json();
    const me = async (token: string) =>
      (await t.api("GET", "/api/auth/me", { token })).json().principal.id as string;
    ids = { counter1: await me(counter1), counter2: await me(counter2), manager: await me(manager) };
  });
  afterAll(() => t.close());

  const open = (i: number, token: string, body: object = {}) =>
    t.api("POST", `/api/halls/${hallId}/counters/${counters[i].id}/open`, { token, body });
  const callNext = (i: number, token: string) =>
    t.api("POST", `/api/halls/${hallId}/counters/${counters[i].id}/call-next`, { token });
  const act = (id: string, action: string, token: string, body?: object) =>
    t.api("POST", `/api/tickets/${id}/${action}`, { token, body });
  const issue = async () =>
    (
      await t.api("POST", `/api/halls/${hallId}/tickets`, {
        token: deviceToken(t.demo, "kiosk"),
        body: { businessType: "payment" },
      })
    ).json();
  const history = async (i: number) =>
    (
      await t.api("GET", `/api/halls/${hallId}/counters/${counters[i].id}/history`, { token: manager })
    ).json();

  it("should refuse opening a counter someone else holds, naming them, and change nothing", async () => {
    expect((await open(0, counter1)).json()).toMatchObject({ status: "open", staffId: ids.counter1 });
    expect((await open(0, counter1)).statusCode).toBe(200); // the holder again: nothing to do
    const refused = await open(0, counter2);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: "counter_held",
      details: { counterId: counters[0].id, holder: { id: ids.counter1, name: "台席1号" } },
    });
    expect(refused.json().error.message).toContain("台席1号");
    // A manager too must say takeover: naming someone else is no way round it.
    expect((await open(0, manager, { staffId: ids.counter2 })).json().error.code).toBe("counter_held");
    const listed = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: counter2 })).json();
    expect(listed[0]).toMatchObject({ staffId: ids.counter1, staffName: "台席1号" });
    expect((await history(0)).map((h: { action: string }) => h.action)).toEqual(["open"]);
  });

  it("should refuse calls, starts and finishes at a counter by someone who does not hold it", async () => {
    const first = await issue();
    const notHolder = await callNext(0, counter2);
    expect(notHolder.statusCode).toBe(409);
    expect(notHolder.json().error).toMatchObject({
      code: "counter_held",
      details: { holder: { name: "台席1号" } },
    });
    const [waiting] = await t.database.db.select().from(tickets).where(eq(tickets.id, first.id));
    expect(waiting.status).toBe("waiting"); // the refused call took nothing
    const out = await t.api("POST", `/api/halls/${hallId}/counters/${counters[0].id}/call`, {
      token: counter2,
      body: { ticketId: first.id },
    });
    expect(out.json().error.code).toBe("counter_held");

    expect((await callNext(0, counter1)).json().ticket.id).toBe(first.id);
    for (const action of ["recall", "start", "no-show"]) {
      const r = await act(first.id, action, counter2);
      expect(r.statusCode, action).toBe(409);
      expect(r.json().error.code, action).toBe("counter_held");
    }
    expect((await act(first.id, "start", counter1)).statusCode).toBe(200);
    const finish = await act(first.id, "finish", counter2, { outcome: "completed" });
    expect(finish.json().error.code).toBe("counter_held");
    const [serving] = await t.database.db.select().from(tickets).where(eq(tickets.id, first.id));
    expect(serving).toMatchObject({ status: "serving", staffId: ids.counter1 });
    expect((await act(first.id, "finish", counter1, { outcome: "completed" })).statusCode).toBe(200);
  });

  it("should let a manager step in at someone's counter, credited as the manager", async () => {
    const ticket = await issue();
    const called = await callNext(0, manager);
    expect(called.statusCode).toBe(200);
    expect(called.json().ticket.id).toBe(ticket.id);
    await act(ticket.id, "start", manager);
    await act(ticket.id, "finish", manager, { outcome: "completed" });
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row.staffId).toBe(ids.manager);
    // The counter is still counter1's.
    const listed = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: manager })).json();
    expect(listed[0].staffId).toBe(ids.counter1);
  });

  it("should record a takeover with both people and credit the new holder from then on", async () => {
    const ticket = await issue();
    await callNext(0, counter1);
    await act(ticket.id, "start", counter1);
    const taken = await open(0, counter2, { takeover: true });
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ status: "open", staffId: ids.counter2 });
    const [last] = await history(0);
    expect(last).toMatchObject({
      action: "takeover",
      staffId: ids.counter2,
      previousStaffId: ids.counter1,
      actorId: ids.counter2,
    });
    const events = await t.database.db.select().from(hallEvents).orderBy(hallEvents.id);
    expect(events.at(-1)).toMatchObject({
      type: "counter.taken_over",
      data: { counter: { id: counters[0].id, staffId: ids.counter2 }, previousStaffId: ids.counter1 },
    });
    // The old holder is out; the new one finishes the service in progress and is credited with it.
    expect((await act(ticket.id, "finish", counter1, { outcome: "completed" })).json().error.code).toBe(
      "counter_held",
    );
    expect((await act(ticket.id, "finish", counter2, { outcome: "completed" })).statusCode).toBe(200);
    const [row] = await t.database.db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row.staffId).toBe(ids.counter2);
    const pad = t.demo.devices.find((d) => d.kind === "pad" && d.counterId === counters[0].id)!.token;
    await t.api("POST", `/api/tickets/${ticket.id}/evaluation`, {
      token: pad,
      body: { rating: "satisfied" },
    });
    const [rating] = await t.database.db
      .select()
      .from(evaluations)
      .where(eq(evaluations.ticketId, ticket.id));
    expect(rating.staffId).toBe(ids.counter2);
    expect((await callNext(0, counter1)).json().error.code).toBe("counter_held");
  });

  it("should give a closed counter to exactly one of two people opening it at once", async () => {
    const answers = await Promise.all([open(2, counter1), open(2, counter2)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.statusCode === 200)!.json().staffId;
    const loser = answers.find((a) => a.statusCode === 409)!.json();
    expect(loser.error).toMatchObject({ code: "counter_held", details: { holder: { id: winner } } });
    expect((await history(2)).map((h: { action: string }) => h.action)).toEqual(["open"]);
  });

  it("should refuse closing a counter someone else holds, so close-then-open is no silent takeover", async () => {
    expect((await open(3, counter1)).statusCode).toBe(200);
    const refused = await t.api("POST", `/api/halls/${hallId}/counters/${counters[3].id}/close`, {
      token: counter2,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: "counter_held",
      details: { holder: { id: ids.counter1 } },
    });
    const listed = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: counter2 })).json();
    expect(listed.find((c: { id: string }) => c.id === counters[3].id)).toMatchObject({
      status: "open",
      staffId: ids.counter1,
    });
    expect((await history(3)).map((h: { action: string }) => h.action)).toEqual(["open"]);
    // Its holder closes it.
    const closed = await t.api("POST", `/api/halls/${hallId}/counters/${counters[3].id}/close`, {
      token: counter1,
    });
    expect(closed.json()).toMatchObject({ status: "closed" });
  });

  it("should record a close with the holder it ended", async () => {
    await t.api("POST", `/api/halls/${hallId}/counters/${counters[2].id}/close`, { token: manager });
    const [closed] = await history(2);
    expect(closed).toMatchObject({ action: "close", staffId: null, actorId: ids.manager });
    expect(closed.previousStaffId).toEqual(expect.any(String));
    expect(
      (await t.api("GET", `/api/halls/${hallId}/counters/${counters[2].id}/history`, { token: counter1 }))
        .statusCode,
    ).toBe(403);
  });
});
