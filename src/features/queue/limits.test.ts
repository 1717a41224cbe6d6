import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { hallEvents, outbox } from "../../core/tables.js";

const allDay = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];

describe("time limits, peak warnings, diversion, visits and appointments", () => {
  let t: TestApp;
  let admin: string;
  let hallId: string;
  let counterIds: string[];

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    const hall = await t.api("POST", "/api/halls", {
      token: admin,
      body: {
        name: "限时测试厅",
        type: "self_run",
        regionCode: "T-2",
        openingHours: allDay,
        settings: { waitLimitSeconds: { payment: 1 } },
      },
    });
    hallId = hall.json().id;
    counterIds = [];
    for (const label of ["1号窗口", "2号窗口"]) {
      const c = await t.api("POST", `/api/halls/${hallId}/counters`, {
        token: admin,
        body: { label, businessTypes: ["payment", "consultation"] },
      });
      counterIds.push(c.json().id);
    }
  });
  afterAll(() => t.close());

  const events = async (type: string) =>
    (await t.database.db.select().from(hallEvents).where(eq(hallEvents.hallId, hallId))).filter(
      (e) => e.type === type,
    );
  const issue = (body: object) => t.api("POST", `/api/halls/${hallId}/tickets`, { token: admin, body });

  it("should record a waiting breach while the ticket still waits, once, and say so live", async () => {
    const ticket = (await issue({ businessType: "payment" })).json();
    await new Promise((r) => setTimeout(r, 1300));
    await t.app.ctx.sweeper.runOnce();
    await t.app.ctx.sweeper.runOnce();
    const breached = await events("limit.breached");
    expect(breached).toHaveLength(1);
    expect(breached[0].data).toMatchObject({ kind: "wait", ticketId: ticket.id, limitSeconds: 1 });
    const after = (await t.api("GET", `/api/tickets/${ticket.id}`, { token: admin })).json();
    expect(after.waitBreached).toBe(true);
    const list = (await t.api("GET", `/api/halls/${hallId}/breaches`, { token: admin })).json();
    expect(list).toHaveLength(1);
  });

  it("should announce each peak level change once, with its actions, and clear it when the ratio falls", async () => {
    // One ticket waits and no counter is open: level 3. Opening both counters: 1 / 2 = 0.5 → level 0.
    const peaks = (await events("peak.changed")).map((e) => e.data as { level: number; actions: unknown[] });
    expect(peaks.at(-1)).toMatchObject({ level: 3 });
    expect(peaks.at(-1)!.actions.length).toBeGreaterThan(0);
    for (const id of counterIds)
      await t.api("POST", `/api/halls/${hallId}/counters/${id}/open`, { token: admin });
    const after = (await events("peak.changed")).map((e) => e.data as { level: number; actions: unknown[] });
    expect(after.at(-1)).toMatchObject({ level: 0, actions: [] });
    // 5 waiting on 2 counters = 2.5 → level 1, announced once however many tickets follow below 3.5.
    for (let i = 0; i < 4; i++) await issue({ businessType: "consultation" });
    const now = (await events("peak.changed")).map((e) => (e.data as { level: number }).level);
    expect(now.slice(after.length)).toEqual([1]);
    const q = (await t.api("GET", `/api/halls/${hallId}/queue`, { token: admin })).json();
    expect(q).toMatchObject({ waiting: 5, openCounters: 2, ratio: 2.5, peakLevel: 1 });
  });

  it("should suggest channels for a waiting ticket and take it out of the queue when the customer accepts", async () => {
    const ticket = (await issue({ businessType: "payment" })).json();
    const suggestions = (
      await t.api("GET", `/api/tickets/${ticket.id}/divert-suggestions`, { token: admin })
    ).json();
    expect(suggestions.map((s: { channel: string }) => s.channel)).toEqual([
      "self_service_terminal",
      "online_hall",
      "sms_hall",
    ]);
    const declined = await t.api("POST", `/api/tickets/${ticket.id}/divert`, {
      token: admin,
      body: { channel: "online_hall", accepted: false },
    });
    expect(declined.json().status).toBe("waiting");
    const taken = await t.api("POST", `/api/tickets/${ticket.id}/divert`, {
      token: admin,
      body: { channel: "self_service_terminal", accepted: true },
    });
    expect(taken.json()).toMatchObject({ status: "diverted", divertChannel: "self_service_terminal" });
    const q = (await t.api("GET", `/api/halls/${hallId}/queue`, { token: admin })).json();
    expect(q.tickets.map((x: { id: string }) => x.id)).not.toContain(ticket.id);
  });

  it("should time a visit's nodes from greeting to completion and flag a late greeting", async () => {
    const enteredAt = new Date(Date.now() - 90_000).toISOString();
    const greeted = await t.api("POST", `/api/halls/${hallId}/visit-nodes`, {
      token: admin,
      body: { node: "Z1", enteredAt },
    });
    expect(greeted.statusCode).toBe(200);
    const visit = greeted.json();
    expect(visit.greetingBreached).toBe(true);
    const ticket = (await issue({ businessType: "consultation", visitId: visit.id })).json();
    await t.api("POST", `/api/halls/${hallId}/visit-nodes`, {
      token: admin,
      body: { node: "Z4", ticketId: ticket.id, note: "解释等候时间" },
    });
    const called = await t.api("POST", `/api/halls/${hallId}/counters/${counterIds[0]}/call`, {
      token: admin,
      body: { ticketId: ticket.id },
    });
    expect(called.json().ticket.calledOutOfOrder).toBe(true);
    await t.api("POST", `/api/tickets/${ticket.id}/start`, { token: admin });
    await t.api("POST", `/api/tickets/${ticket.id}/finish`, {
      token: admin,
      body: { outcome: "completed", recommended: ["broadband-300"] },
    });
    const visits = (await t.api("GET", `/api/halls/${hallId}/visits`, { token: admin })).json();
    const v = visits.find((x: { id: string }) => x.id === visit.id);
    expect(v.nodes.map((n: { node: string }) => n.node)).toEqual(["Z1", "Z4", "Z5", "Z6", "Z7"]);
    expect(v.tickets).toEqual([{ id: ticket.id, number: ticket.number, status: "finished" }]);
  });

  it("should call a checked-in appointment before walk-ins who came after its slot began", async () => {
    const slotStart = new Date(Date.now() - 5 * 60_000).toISOString();
    const booked = await t.api("POST", `/api/halls/${hallId}/appointments`, {
      token: admin,
      body: { businessType: "consultation", slotStart, phone: "13900001111", name: "张三" },
    });
    // A slot that has already begun cannot be booked.
    expect(booked.statusCode).toBe(422);
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const a = (
      await t.api("POST", `/api/halls/${hallId}/appointments`, {
        token: admin,
        body: { businessType: "consultation", slotStart: future, phone: "13900001111" },
      })
    ).json();
    expect(a.phone).toBe("139****1111");
    const ticket = await t.api("POST", `/api/appointments/${a.id}/check-in`, { token: admin });
    expect(ticket.statusCode).toBe(201);
    expect(ticket.json().channel).toBe("appointment");
    expect((await t.api("POST", `/api/appointments/${a.id}/check-in`, { token: admin })).statusCode).toBe(
      409,
    );
  });

  it("should send the near-turn SMS once when a ticket comes within three of the front", async () => {
    const hall = (
      await t.api("POST", "/api/halls", {
        token: admin,
        body: { name: "短信厅", type: "self_run", regionCode: "T-3", openingHours: allDay },
      })
    ).json();
    const c = (
      await t.api("POST", `/api/halls/${hall.id}/counters`, {
        token: admin,
        body: { label: "1", businessTypes: ["payment"] },
      })
    ).json();
    await t.api("POST", `/api/halls/${hall.id}/counters/${c.id}/open`, { token: admin });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        (
          await t.api("POST", `/api/halls/${hall.id}/tickets`, {
            token: admin,
            body: { businessType: "payment", phone: `1380000000${i}` },
          })
        ).json().id,
      );
    }
    const sms = async () =>
      (await t.database.db.select().from(outbox).where(eq(outbox.hallId, hall.id)))
        .filter((m) => m.dedupeKey?.startsWith("near-turn:"))
        .map((m) => m.recipient)
        .sort();
    // Three are within three of the front at issue; the 4th and 5th are not yet.
    expect(await sms()).toEqual(["13800000000", "13800000001", "13800000002"]);
    for (let i = 0; i < 2; i++) {
      const called = (
        await t.api("POST", `/api/halls/${hall.id}/counters/${c.id}/call-next`, { token: admin })
      ).json().ticket;
      await t.api("POST", `/api/tickets/${called.id}/start`, { token: admin });
      await t.api("POST", `/api/tickets/${called.id}/finish`, {
        token: admin,
        body: { outcome: "completed" },
      });
    }
    expect(await sms()).toEqual(["13800000000", "13800000001", "13800000002", "13800000003", "13800000004"]);
  });
});
