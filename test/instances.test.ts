import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { type Database, openDatabase } from "../src/core/db.js";
import { buildTestApp, deviceToken, type TestApp, testEnv } from "./helpers.js";
import { openSse, type SseEvent, type SseStream, sleep } from "./server.js";

// Two instances on one PostgreSQL: a change made through one reaches the displays connected to the other,
// through LISTEN/NOTIFY. PGlite is one process's database, so there is no second instance to ask.
describe.skipIf(!process.env.DATABASE_URL)("two instances on one PostgreSQL (needs DATABASE_URL)", () => {
  let a: TestApp;
  let b: FastifyInstance;
  let bDatabase: Database;
  const base: Record<"a" | "b", string> = { a: "", b: "" };
  let hallId: string;
  let manager: string;
  let display: string;
  let counters: string[];
  const streams: SseStream[] = [];

  beforeAll(async () => {
    a = await buildTestApp();
    bDatabase = await openDatabase({ url: a.url, poolSize: 10 });
    b = await buildApp({ database: bDatabase, env: testEnv(), logger: false });
    await a.app.listen({ port: 0, host: "127.0.0.1" });
    await b.listen({ port: 0, host: "127.0.0.1" });
    base.a = `http://127.0.0.1:${(a.app.server.address() as AddressInfo).port}`;
    base.b = `http://127.0.0.1:${(b.server.address() as AddressInfo).port}`;
    hallId = a.demo.hallId;
    manager = await a.token("manager");
    display = deviceToken(a.demo, "display", 0);
    counters = (await a.api("GET", `/api/halls/${hallId}/counters`, { token: manager }))
      .json()
      .map((c: { id: string }) => c.id);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await b?.close();
    await bDatabase?.close();
    await a?.close();
  });

  const subscribe = async (on: "a" | "b", lastEventId?: string) => {
    const s = await openSse(
      `${base[on]}/api/halls/${hallId}/events?device=${display}`,
      lastEventId ? { "last-event-id": lastEventId } : {},
    );
    streams.push(s);
    return s;
  };
  const json = (e: SseEvent) => JSON.parse(e.data) as { data: { ticket?: { id: string; number: string } } };
  const calledEvent = (ticketId: string) => (e: SseEvent) =>
    e.event === "ticket.called" && json(e).data.ticket?.id === ticketId;

  /** Issues a payment ticket, calls it at `counter` (index 4, 5号窗口, serves no payments) and marks it a no-show. */
  async function issueAndCall(on: "a" | "b", counter: number) {
    const post = (path: string, body?: object) =>
      fetch(`${base[on]}${path}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${manager}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    const counterId = counters[counter];
    expect((await post(`/api/halls/${hallId}/counters/${counterId}/open`)).status).toBe(200);
    const ticket = await (await post(`/api/halls/${hallId}/tickets`, { businessType: "payment" })).json();
    const calledAt = Date.now();
    const res = await post(`/api/halls/${hallId}/counters/${counterId}/call`, { ticketId: ticket.id });
    expect(res.status).toBe(200);
    // The customer does not come: the counter is free for the next call.
    expect((await post(`/api/tickets/${ticket.id}/no-show`)).status).toBe(200);
    return { ticket: ticket as { id: string; number: string }, calledAt };
  }

  it("should show a call made on instance A in instance B's stream within a second", async () => {
    const onB = await subscribe("b");
    const { ticket, calledAt } = await issueAndCall("a", 0);
    const e = await onB.waitFor(calledEvent(ticket.id), 1_000);
    expect(e.receivedAt - calledAt).toBeLessThan(1_000);
    expect(json(e).data.ticket).toMatchObject({ number: ticket.number });
  });

  it("should show a call made on instance B in instance A's stream within a second", async () => {
    const onA = await subscribe("a");
    const { ticket, calledAt } = await issueAndCall("b", 1);
    const e = await onA.waitFor(calledEvent(ticket.id), 1_000);
    expect(e.receivedAt - calledAt).toBeLessThan(1_000);
  });

  it("should give a display on B the same events, with the same ids, as a display on A", async () => {
    const onA = await subscribe("a");
    const onB = await subscribe("b");
    const { ticket } = await issueAndCall("a", 2);
    const noShow = (e: SseEvent) => e.event === "ticket.no_show" && json(e).data.ticket?.id === ticket.id;
    await onA.waitFor(noShow);
    await onB.waitFor(noShow);
    // Each display starts where the stream stood when it connected (its "ready" position); an event
    // committed just before may still reach one of them if an older transaction was running then.
    const key = (id: string) =>
      id
        .split("-")
        .map((n) => n.padStart(20, "0"))
        .join("-");
    const start = [onA, onB].map((s) => key(s.events[0].id!)).sort()[1];
    const ids = (s: SseStream) =>
      s.events.filter((e) => e.event !== "ready" && key(e.id!) > start).map((e) => `${e.id} ${e.event}`);
    expect(onA.events[0].event).toBe("ready");
    expect(ids(onB)).toEqual(ids(onA));
    expect(ids(onA).length).toBeGreaterThanOrEqual(3);
  });

  it("should not lose a call for B's displays when B's LISTEN connection drops", async () => {
    const onB = await subscribe("b");
    let lastId = "";
    const track = (s: SseStream) => {
      for (const e of s.events) if (e.id) lastId = e.id;
    };
    const { ticket: first } = await issueAndCall("a", 3);
    await onB.waitFor(calledEvent(first.id), 1_000);
    track(onB);
    // Cut every LISTEN connection to this database (as a restart or a network blip would).
    const admin = new pg.Client({ connectionString: a.url });
    await admin.connect();
    const cut = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()",
    );
    await admin.end();
    expect(cut.rowCount).toBeGreaterThan(0);
    await sleep(100);
    const { ticket: second } = await issueAndCall("a", 5);
    // What a browser's EventSource does: keep the stream, or reconnect with Last-Event-ID when it ends.
    const deadline = Date.now() + 5_000;
    let stream = onB;
    for (;;) {
      const got = await Promise.race([
        stream.waitFor(calledEvent(second.id), 5_000).then(() => "event" as const),
        stream.ended.then(() => "ended" as const),
      ]).catch(() => "timeout" as const);
      if (got === "event") break;
      expect(got, "the call never reached B's display").toBe("ended");
      expect(Date.now()).toBeLessThan(deadline);
      track(stream);
      stream = await subscribe("b", lastId);
    }
    // And B listens again: the next call arrives live.
    const { ticket: third, calledAt } = await issueAndCall("a", 0);
    const e = await stream.waitFor(calledEvent(third.id), 1_000);
    expect(e.receivedAt - calledAt).toBeLessThan(1_000);
  }, 20_000);
});
