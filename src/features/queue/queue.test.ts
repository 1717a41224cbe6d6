import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, deviceToken, type TestApp } from "../../../test/helpers.js";
import { auditLog } from "../../core/tables.js";
import { hallCache } from "../halls/data.js";
import { ticketHistory } from "./tables.js";

describe("the hall queue through the API", () => {
  let t: TestApp;
  let hallId: string;
  let counters: { id: string; number: number; vip: boolean; businessTypes: string[] }[];
  let manager: string;
  let counter1: string;

  beforeAll(async () => {
    t = await buildTestApp();
    hallId = t.demo.hallId;
    manager = await t.token("manager");
    counter1 = await t.token("counter1");
    counters = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: manager })).json();
  });
  afterAll(() => t.close());

  const issue = async (body: object, token = manager) =>
    t.api("POST", `/api/halls/${hallId}/tickets`, { token, body });
  // counter1 opens (and so holds) the counters it works in these tests.
  const open = (i: number) =>
    t.api("POST", `/api/halls/${hallId}/counters/${counters[i].id}/open`, { token: counter1 });
  const close = (i: number) =>
    t.api("POST", `/api/halls/${hallId}/counters/${counters[i].id}/close`, { token: manager });
  const callNext = (i: number, token = counter1) =>
    t.api("POST", `/api/halls/${hallId}/counters/${counters[i].id}/call-next`, { token });
  const act = (id: string, action: string, body?: object, token = counter1) =>
    t.api("POST", `/api/tickets/${id}/${action}`, { token, body });

  // The ticket is locked first and its hall read inside the same transaction: on PGlite (one connection,
  // held by the transaction) reading the hall outside it would wait for ever on a cache miss.
  it("should act on a ticket when its hall is no longer cached", async () => {
    const ticket = (await issue({ businessType: "consultation" })).json();
    hallCache.forget(t.database.db);
    const cancelled = await act(ticket.id, "cancel", undefined, manager);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe("cancelled");
  });

  it("should number tickets by prefix and report people ahead", async () => {
    const a = await issue({ businessType: "payment" });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ number: "A001", businessType: "payment", status: "waiting", ahead: 0 });
    const b = await issue({ businessType: "payment", phone: "13812341234" });
    expect(b.json()).toMatchObject({ number: "A002", ahead: 1 });
    expect(b.json().estimatedWaitSeconds).toBeGreaterThan(0);
    const c = await issue({ businessType: "change" });
    expect(c.json()).toMatchObject({ number: "B001", ahead: 0 });
    const v = await issue({ businessType: "change", vip: true });
    expect(v.json()).toMatchObject({ number: "V001", vip: true });
  });

  it("should call the VIP ticket first, then first come first served", async () => {
    expect((await open(0)).statusCode).toBe(200);
    const first = await callNext(0);
    expect(first.statusCode).toBe(200);
    expect(first.json().ticket).toMatchObject({ number: "V001", status: "called", counterNumber: 1 });
    // The wait is written with the closing statement; what is stored is what was answered.
    const calledStored = (
      await t.api("GET", `/api/tickets/${first.json().ticket.id}`, { token: manager })
    ).json();
    expect(calledStored.waitSeconds).toEqual(expect.any(Number));
    expect(calledStored).toMatchObject({
      waitSeconds: first.json().ticket.waitSeconds,
      status: "called",
      counterNumber: 1,
      calledAt: first.json().ticket.calledAt,
    });
    // The counter is busy until its ticket is finished or a no-show.
    expect((await callNext(0)).statusCode).toBe(409);
    const id = first.json().ticket.id;
    expect((await act(id, "start")).json().status).toBe("serving");
    const done = await act(id, "finish", {
      outcome: "completed",
      recommended: ["5G-99"],
      accepted: ["5G-99"],
    });
    expect(done.json()).toMatchObject({ status: "finished", outcome: "completed", recommended: ["5G-99"] });
    // The handling time is written with the closing statement; what is stored is what was answered.
    const stored = (await t.api("GET", `/api/tickets/${id}`, { token: manager })).json();
    expect(stored.handlingSeconds).toBe(done.json().handlingSeconds);
    expect(stored.handlingSeconds).toEqual(expect.any(Number));
    expect(stored.finishedAt).toBe(done.json().finishedAt);
    const second = await callNext(0);
    expect(second.json().ticket.number).toBe("A001");
  });

  it("should take a VIP by member card, recording only the card's last four digits", async () => {
    expect((await issue({ businessType: "payment", vipCard: "6222020012345678" })).statusCode).toBe(400);
    const res = await issue({ businessType: "payment", vip: true, vipCard: "6222020012345678" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ vip: true, phone: null });
    expect(res.json().number).toMatch(/^V\d{3}$/);
    const [h] = await t.database.db
      .select()
      .from(ticketHistory)
      .where(eq(ticketHistory.ticketId, res.json().id));
    expect(h.detail).toBe("VIP card ****5678");
  });

  it("should refuse an illegal transition with 409 naming the state", async () => {
    const q = (await t.api("GET", `/api/halls/${hallId}/queue`, { token: manager })).json();
    const waitingId = q.tickets[0].id;
    const res = await act(waitingId, "finish", { outcome: "completed" });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: "ticket_not_serving", details: { state: "waiting" } });
  });

  // "start" is sent together with the ticket's lock, guarded by the states it may start from: a refusal
  // must still leave the ticket exactly as it was.
  it("should refuse starting a waiting ticket, or another hall's ticket, and change nothing", async () => {
    const waiting = (await issue({ businessType: "consultation" })).json();
    const refused = await act(waiting.id, "start");
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: "ticket_not_called", details: { state: "waiting" } });
    const after = (await t.api("GET", `/api/tickets/${waiting.id}`, { token: manager })).json();
    expect(after).toMatchObject({ status: "waiting", startedAt: null });

    // A ticket called in another hall (open round the clock): counter staff of this hall may not start it.
    const admin = await t.token("admin");
    const otherHall = (
      await t.api("POST", "/api/halls", {
        token: admin,
        body: {
          name: "测试厅",
          type: "self_run",
          regionCode: "SH-PD",
          openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
        },
      })
    ).json().id as string;
    const otherCounter = (
      await t.api("POST", `/api/halls/${otherHall}/counters`, {
        token: admin,
        body: { label: "1号窗口", businessTypes: ["payment"], vip: false },
      })
    ).json().id as string;
    await t.api("POST", `/api/halls/${otherHall}/counters/${otherCounter}/open`, { token: admin });
    const other = (
      await t.api("POST", `/api/halls/${otherHall}/tickets`, {
        token: admin,
        body: { businessType: "payment" },
      })
    ).json();
    const called = await t.api("POST", `/api/halls/${otherHall}/counters/${otherCounter}/call-next`, {
      token: admin,
    });
    expect(called.json().ticket.id).toBe(other.id);
    expect((await act(other.id, "start")).statusCode).toBe(403);
    const still = (await t.api("GET", `/api/tickets/${other.id}`, { token: admin })).json();
    expect(still).toMatchObject({ status: "called", startedAt: null });
  });

  it("should only call business types the counter serves", async () => {
    await open(4); // counter 5: new subscriptions, SIM, data changes, cancellation, refund
    expect((await callNext(4)).statusCode).toBe(204);
    await issue({ businessType: "sim_replacement" });
    const res = await callNext(4);
    expect(res.json().ticket).toMatchObject({ number: "D001", counterNumber: 5 });
    expect((await act(res.json().ticket.id, "no-show")).json().status).toBe("no_show");
  });

  it("should mask phone numbers for counter staff and unmask for the manager with an audit entry", async () => {
    const list = (
      await t.api("GET", `/api/halls/${hallId}/tickets?businessType=payment`, { token: counter1 })
    ).json();
    const withPhone = list.items.find((x: { phone: string | null }) => x.phone);
    expect(withPhone.phone).toBe("138****1234");
    expect(
      (await t.api("GET", `/api/tickets/${withPhone.id}/phone?reason=callback`, { token: counter1 }))
        .statusCode,
    ).toBe(403);
    const unmasked = await t.api("GET", `/api/tickets/${withPhone.id}/phone?reason=callback`, {
      token: manager,
    });
    expect(unmasked.json()).toEqual({ phone: "13812341234" });
    const log = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, withPhone.id));
    expect(log).toMatchObject([{ action: "unmask_phone", subjectType: "ticket" }]);
  });

  it("should mask phones in the queue and ticket lists for every role, the manager too", async () => {
    const q = (await t.api("GET", `/api/halls/${hallId}/queue`, { token: manager })).json();
    const phones = [...q.tickets, ...q.serving].map((x: { phone: string | null }) => x.phone).filter(Boolean);
    expect(phones.length).toBeGreaterThan(0);
    for (const p of phones) expect(p).toMatch(/^\d{3}\*{4}\d{4}$/);
    const list = (await t.api("GET", `/api/halls/${hallId}/tickets`, { token: manager })).json();
    for (const x of list.items) if (x.phone) expect(x.phone).toContain("****");
  });

  it("should let a hall manager set the peak levels of their own hall, merged into its settings", async () => {
    const res = await t.api("PATCH", `/api/halls/${hallId}/settings`, {
      token: manager,
      body: { peakThresholds: [2, 3, 4], peakActions: { "1": [{ action: "开窗", who: "hall_manager" }] } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings).toMatchObject({
      peakThresholds: [2, 3, 4],
      peakActions: { "1": [{ action: "开窗" }] },
    });
    const kept = await t.api("PATCH", `/api/halls/${hallId}/settings`, {
      token: manager,
      body: { noShowSetback: 2 },
    });
    expect(kept.json().settings).toMatchObject({ peakThresholds: [2, 3, 4], noShowSetback: 2 });
    const other = await t.api("PATCH", `/api/halls/${t.demo.cooperativeHallId}/settings`, {
      token: manager,
      body: { noShowSetback: 1 },
    });
    expect(other.statusCode).toBe(403);
    const counterStaff = await t.api("PATCH", `/api/halls/${hallId}/settings`, {
      token: counter1,
      body: { noShowSetback: 1 },
    });
    expect(counterStaff.statusCode).toBe(403);
    // Back to the defaults for the tests below.
    await t.api("PATCH", `/api/halls/${hallId}/settings`, {
      token: manager,
      body: { peakThresholds: [2.5, 3.5, 4.5], noShowSetback: 3 },
    });
  });

  it("should let an inspector read the day's visits but not act on tickets", async () => {
    const inspector = await t.token("inspector");
    expect((await t.api("GET", `/api/halls/${hallId}/visits`, { token: inspector })).statusCode).toBe(200);
    expect(
      (
        await t.api("POST", `/api/halls/${hallId}/tickets`, {
          token: inspector,
          body: { businessType: "payment" },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("should put a returning no-show three places behind the front", async () => {
    // Clear the payment line, then queue five payments.
    const hall2 = await t.api("POST", "/api/halls", {
      token: await t.token("admin"),
      body: {
        name: "测试厅",
        type: "self_run",
        regionCode: "T-1",
        openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
      },
    });
    const h = hall2.json().id;
    const admin = await t.token("admin");
    const c = (
      await t.api("POST", `/api/halls/${h}/counters`, {
        token: admin,
        body: { label: "1号窗口", businessTypes: ["payment"] },
      })
    ).json();
    await t.api("POST", `/api/halls/${h}/counters/${c.id}/open`, { token: admin });
    const nums: string[] = [];
    for (let i = 0; i < 6; i++)
      nums.push(
        (
          await t.api("POST", `/api/halls/${h}/tickets`, { token: admin, body: { businessType: "payment" } })
        ).json().number,
      );
    const called = (
      await t.api("POST", `/api/halls/${h}/counters/${c.id}/call-next`, { token: admin })
    ).json().ticket;
    expect(called.number).toBe("A001");
    expect((await act(called.id, "no-show", undefined, admin)).json().status).toBe("no_show");
    const back = await act(called.id, "return", undefined, admin);
    expect(back.json().status).toBe("waiting");
    const order = (await t.api("GET", `/api/halls/${h}/queue`, { token: admin }))
      .json()
      .tickets.map((x: { number: string }) => x.number);
    expect(order).toEqual(["A002", "A003", "A004", "A001", "A005", "A006"]);
  });

  it("should keep the original place on transfer to another business type", async () => {
    const early = (await issue({ businessType: "consultation" })).json();
    await issue({ businessType: "payment" });
    const moved = await act(early.id, "transfer", { businessType: "payment" }, manager);
    expect(moved.json()).toMatchObject({ businessType: "payment", status: "waiting", number: early.number });
    const q = (await t.api("GET", `/api/halls/${hallId}/queue`, { token: manager })).json();
    const payments = q.tickets.filter(
      (x: { businessType: string; vip: boolean }) => x.businessType === "payment",
    );
    expect(payments.findIndex((x: { id: string }) => x.id === early.id)).toBeLessThan(payments.length - 1);
  });

  it("should refuse SIM replacement at a cooperative hall, naming the nearest hall that can", async () => {
    const kiosk = deviceToken(t.demo, "kiosk", 1); // the cooperative hall's kiosk
    const res = await t.api("POST", `/api/halls/${t.demo.cooperativeHallId}/tickets`, {
      token: kiosk,
      body: { businessType: "sim_replacement" },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("business_not_allowed_here");
    expect(res.json().error.details.nearestHall.name).toBe("世纪大道自营厅");
  });

  it("should let a kiosk token issue tickets and nothing else", async () => {
    const kiosk = deviceToken(t.demo, "kiosk", 0);
    expect((await issue({ businessType: "payment" }, kiosk)).json().channel).toBe("kiosk");
    expect((await callNext(0, kiosk)).statusCode).toBe(403);
    expect(
      (
        await t.api("POST", "/api/halls", {
          token: kiosk,
          body: { name: "x", type: "self_run", regionCode: "x" },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("should forbid a counter member of one hall from another hall", async () => {
    const res = await t.api("POST", `/api/halls/${t.demo.cooperativeHallId}/tickets`, {
      token: counter1,
      body: { businessType: "payment" },
    });
    expect(res.statusCode).toBe(403);
  });

  it("should publish each open hall's waiting count without a login", async () => {
    const q = (await t.api("GET", `/api/halls/${hallId}/queue`, { token: manager })).json();
    const pub = await t.api("GET", "/api/public/halls?regionCode=SH-PD");
    expect(pub.statusCode).toBe(200);
    const mine = pub.json().find((h: { id: string }) => h.id === hallId);
    expect(mine).toMatchObject({ name: "陆家嘴自营厅", open: true, waiting: q.waiting });
    // The hall's estimate is its longest line's, as the queue view estimates each line.
    expect(q.byBusinessType.length).toBeGreaterThan(0);
    expect(mine.estimatedWaitSeconds).toBe(
      Math.max(...q.byBusinessType.map((l: { estimatedWaitSeconds: number }) => l.estimatedWaitSeconds)),
    );
  });

  it("should report the peak level from waiting per open counter", async () => {
    await close(4);
    const q = (await t.api("GET", `/api/halls/${hallId}/queue`, { token: manager })).json();
    expect(q.openCounters).toBe(1);
    expect(q.ratio).toBe(q.waiting);
    expect(q.peakLevel).toBe(q.waiting >= 4.5 ? 3 : q.waiting >= 3.5 ? 2 : q.waiting >= 2.5 ? 1 : 0);
  });
});
