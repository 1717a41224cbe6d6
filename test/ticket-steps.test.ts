import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hallEvents } from "../src/core/tables.js";
import { diversions, ticketHistory } from "../src/features/queue/tables.js";
import { buildTestApp, type TestApp } from "./helpers.js";
import { type HttpResult, request } from "./server.js";

// Every ticket action is a real change or no change, never a duplicate: identical requests raced through
// real HTTP (without an Idempotency-Key, as an older screen or another client sends them).

type Ticket = { id: string; status: string; businessType: string; targetCounterId: string | null };
type Counter = { id: string; label: string; status: string; businessTypes: string[] };

describe("ticket steps: a repeat is no step, and no ticket is sent where no one calls it", () => {
  let t: TestApp;
  let base: string;
  let manager: string;
  let hallId: string;
  let counters: Counter[];

  const call = (method: string, path: string, body?: unknown): Promise<HttpResult> =>
    request(base, method, path, { token: manager, body });
  const issue = async (businessType = "payment") =>
    (await call("POST", `/api/halls/${hallId}/tickets`, { businessType })).body as Ticket;
  const act = (id: string, action: string, body?: unknown) =>
    call("POST", `/api/tickets/${id}/${action}`, body);
  const historyOf = async (ticketId: string, action: string) =>
    t.database.db
      .select()
      .from(ticketHistory)
      .where(and(eq(ticketHistory.ticketId, ticketId), eq(ticketHistory.action, action)));
  const eventsOf = async (ticketId: string, type: string) =>
    t.database.db
      .select()
      .from(hallEvents)
      .where(and(eq(hallEvents.type, type), sql`${hallEvents.data}->'ticket'->>'id' = ${ticketId}`));
  const counterFor = (type: string, skip = 0) => counters.filter((c) => c.businessTypes.includes(type))[skip];

  beforeAll(async () => {
    t = await buildTestApp({
      limits: { loginPerMinute: 1000, publicPerMinute: 1000, kioskPerMinute: 100_000 },
    });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    hallId = t.demo.hallId;
    manager = await t.token("manager");
    counters = (await call("GET", `/api/halls/${hallId}/counters`)).body as Counter[];
  });
  afterAll(() => t?.close());

  it("should record 20 identical transfers raced at once as one transfer: one history row, one event", async () => {
    const ticket = await issue("payment");
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => act(ticket.id, "transfer", { businessType: "change" })),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    for (const a of answers) expect((a.body as Ticket).businessType).toBe("change");
    expect(await historyOf(ticket.id, "transfer")).toHaveLength(1);
    expect(await eventsOf(ticket.id, "ticket.transferred")).toHaveLength(1);
  });

  it("should send a called ticket back to its line once when 20 transfers race", async () => {
    const counter = counterFor("consultation");
    expect((await call("POST", `/api/halls/${hallId}/counters/${counter.id}/open`)).status).toBe(200);
    const ticket = await issue("consultation");
    const called = await call("POST", `/api/halls/${hallId}/counters/${counter.id}/call`, {
      ticketId: ticket.id,
    });
    expect(called.status, JSON.stringify(called.body)).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => act(ticket.id, "transfer", { businessType: "consultation" })),
    );
    for (const a of answers) expect((a.body as Ticket).status).toBe("waiting");
    expect(await historyOf(ticket.id, "transfer")).toHaveLength(1);
    expect(await eventsOf(ticket.id, "ticket.transferred")).toHaveLength(1);
    expect((await call("POST", `/api/halls/${hallId}/counters/${counter.id}/close`)).status).toBe(200);
  });

  it("should answer a transfer to the line and counter a ticket already has with the ticket, recording nothing", async () => {
    const ticket = await issue("payment");
    const same = await act(ticket.id, "transfer", { businessType: "payment" });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ id: ticket.id, status: "waiting", businessType: "payment" });
    expect(await historyOf(ticket.id, "transfer")).toHaveLength(0);
    expect(await eventsOf(ticket.id, "ticket.transferred")).toHaveLength(0);
  });

  it("should refuse a transfer to a closed counter with 409 counter_closed, even with a business type named", async () => {
    const closed = counterFor("payment");
    expect(closed.status).toBe("closed");
    const ticket = await issue("payment");
    for (const body of [{ counterId: closed.id }, { counterId: closed.id, businessType: "payment" }]) {
      const res = await act(ticket.id, "transfer", body);
      expect(res.status).toBe(409);
      expect((res.body as { error: { code: string } }).error.code).toBe("counter_closed");
    }
    const after = (await call("GET", `/api/tickets/${ticket.id}`)).body as Ticket;
    expect(after.targetCounterId).toBeNull();
    expect(await historyOf(ticket.id, "transfer")).toHaveLength(0);
  });

  it("should send the tickets transferred to a counter back to their line when it closes, to be called elsewhere", async () => {
    const [first, second] = [counterFor("payment", 0), counterFor("payment", 1)];
    for (const c of [first, second])
      expect((await call("POST", `/api/halls/${hallId}/counters/${c.id}/open`)).status).toBe(200);
    // Nothing else waits for payment ahead of it: end those of the earlier tests.
    const waiting = (await call("GET", `/api/halls/${hallId}/tickets?status=waiting`)).body as {
      items: Ticket[];
    };
    for (const w of waiting.items) expect((await act(w.id, "cancel")).status).toBe(200);
    const ticket = await issue("payment");
    const sent = await act(ticket.id, "transfer", { counterId: first.id });
    expect((sent.body as Ticket).targetCounterId).toBe(first.id);
    // Only the counter it was sent to may call it, while that counter is open.
    expect((await call("POST", `/api/halls/${hallId}/counters/${second.id}/call-next`)).status).toBe(204);
    expect((await call("POST", `/api/halls/${hallId}/counters/${first.id}/close`)).status).toBe(200);
    const after = (await call("GET", `/api/tickets/${ticket.id}`)).body as Ticket;
    expect(after).toMatchObject({ status: "waiting", targetCounterId: null });
    expect(await historyOf(ticket.id, "transfer")).toHaveLength(2);
    const next = await call("POST", `/api/halls/${hallId}/counters/${second.id}/call-next`);
    expect((next.body as { ticket: Ticket }).ticket.id).toBe(ticket.id);
  });

  it("should record a diversion declined by 10 identical requests at once as one offer", async () => {
    const ticket = await issue("payment");
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => act(ticket.id, "divert", { channel: "online_hall", accepted: false })),
    );
    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200);
    const rows = await t.database.db.select().from(diversions).where(eq(diversions.ticketId, ticket.id));
    expect(rows).toHaveLength(1);
  });
});
