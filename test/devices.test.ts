import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, deviceToken, type TestApp } from "./helpers.js";
import { openSse, type SseEvent, type SseStream } from "./server.js";

// Each device token does its screen's job and nothing more: the kiosk issues tickets and shows how many
// wait, the display shows the calls and the waiting counts, the pad shows its own counter and rates its
// tickets. None of them reads what staff read: appointments (customer names), visits, stats, breaches,
// tickets with their phones.
describe("device tokens", () => {
  let t: TestApp;
  let base: string;
  let hallId: string;
  let manager: string;
  let kiosk: string;
  let display: string;
  let counters: { id: string; number: number }[];
  const pad = (counterId: string) =>
    t.demo.devices.find((d) => d.kind === "pad" && d.counterId === counterId)!.token;
  const counter = (n: number) => counters.find((c) => c.number === n)!;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    hallId = t.demo.hallId;
    manager = await t.token("manager");
    kiosk = deviceToken(t.demo, "kiosk", 0);
    display = deviceToken(t.demo, "display", 0);
    counters = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: manager })).json();
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t?.close();
  });

  const issue = async (body: object, token = kiosk) =>
    t.api("POST", `/api/halls/${hallId}/tickets`, { token, body });
  /** Opens counter n for its staff member and calls the next ticket there. */
  async function callAt(n: number) {
    const staff = await t.token(`counter${n}`);
    await t.api("POST", `/api/halls/${hallId}/counters/${counter(n).id}/open`, { token: staff, body: {} });
    const res = await t.api("POST", `/api/halls/${hallId}/counters/${counter(n).id}/call-next`, {
      token: staff,
    });
    expect(res.statusCode).toBe(200);
    return { staff, ticket: res.json().ticket as { id: string; number: string } };
  }

  it("should refuse the kiosk, the display and the pad every staff read of the hall (403)", async () => {
    const ticket = (await issue({ businessType: "payment", phone: "13812345678" })).json();
    const reads = [
      `/api/halls/${hallId}/queue`,
      `/api/halls/${hallId}/tickets`,
      `/api/tickets/${ticket.id}`,
      `/api/halls/${hallId}/appointments`,
      `/api/halls/${hallId}/visits`,
      `/api/halls/${hallId}/stats/today`,
      `/api/halls/${hallId}/breaches`,
      `/api/halls/${hallId}/counters`,
    ];
    const answered: string[] = [];
    for (const [kind, token] of [
      ["kiosk", kiosk],
      ["display", display],
      ["pad", pad(counter(1).id)],
    ]) {
      for (const path of reads) {
        const res = await t.api("GET", path, { token });
        if (res.statusCode !== 403) answered.push(`${kind} GET ${path}: ${res.statusCode}`);
      }
    }
    expect(answered).toEqual([]);
    // Staff still read them.
    for (const path of reads) expect((await t.api("GET", path, { token: manager })).statusCode).toBe(200);
  });

  it("should show the kiosk and the display the board: waiting per business and the calls, no phones", async () => {
    await issue({ businessType: "payment", phone: "13812345678" });
    const { ticket } = await callAt(1);
    for (const token of [kiosk, display]) {
      const res = await t.api("GET", `/api/halls/${hallId}/board`, { token });
      expect(res.statusCode).toBe(200);
      const board = res.json();
      expect(board.calls).toContainEqual(
        expect.objectContaining({ id: ticket.id, number: ticket.number, counterNumber: 1 }),
      );
      expect(board.byBusinessType[0]).toMatchObject({ businessType: expect.any(String) });
      expect(res.body).not.toMatch(/\*\*\*\*|1381234|"phone"|"visitId"|Breached/);
    }
    expect((await t.api("GET", `/api/halls/${hallId}/board`, { token: pad(counter(1).id) })).statusCode).toBe(
      403,
    );
    // Another hall's display sees nothing of this hall.
    const other = deviceToken(t.demo, "display", 1);
    expect((await t.api("GET", `/api/halls/${hallId}/board`, { token: other })).statusCode).toBe(403);
  });

  it("should show a pad its own counter (who serves, the ticket there) and no other counter", async () => {
    const { ticket } = await callAt(2);
    const mine = await t.api("GET", `/api/halls/${hallId}/counters/${counter(2).id}/now`, {
      token: pad(counter(2).id),
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      counterId: counter(2).id,
      label: "2号窗口",
      staffName: "台席2号",
      ticket: { id: ticket.id, number: ticket.number, status: "called" },
    });
    expect(mine.body).not.toMatch(/\*\*\*\*|"phone"/);
    const theirs = await t.api("GET", `/api/halls/${hallId}/counters/${counter(1).id}/now`, {
      token: pad(counter(2).id),
    });
    expect(theirs.statusCode).toBe(403);
    for (const token of [kiosk, display]) {
      const res = await t.api("GET", `/api/halls/${hallId}/counters/${counter(2).id}/now`, { token });
      expect(res.statusCode).toBe(403);
    }
  });

  it("should always give a kiosk ticket the kiosk channel, and refuse staff-only fields from a kiosk", async () => {
    const plain = await issue({ businessType: "payment" });
    expect(plain.json().channel).toBe("kiosk");
    expect((await issue({ businessType: "payment", channel: "kiosk" })).json().channel).toBe("kiosk");
    for (const channel of ["staff", "remote", "appointment"]) {
      const res = await issue({ businessType: "payment", channel });
      expect(res.statusCode, channel).toBe(403);
      expect(res.json().error.code).toBe("forbidden");
    }
    const visit = (await issue({ businessType: "payment" }, manager)).json().visitId;
    const joined = await issue({ businessType: "change", visitId: visit });
    expect(joined.statusCode).toBe(403);
    // Staff may still name a channel and a visit.
    const byStaff = await issue({ businessType: "change", channel: "remote", visitId: visit }, manager);
    expect(byStaff.statusCode).toBe(201);
    expect(byStaff.json()).toMatchObject({ channel: "remote", visitId: visit });
  });

  it("should give a kiosk VIP ticket only with a member card or a phone the server knows as VIP (422)", async () => {
    const bare = await issue({ businessType: "payment", vip: true });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error).toMatchObject({ code: "rule_violation", details: { vip: "not_recognised" } });
    const stranger = await issue({ businessType: "payment", vip: true, phone: "13700000001" });
    expect(stranger.statusCode).toBe(422);
    const card = await issue({ businessType: "payment", vip: true, vipCard: "6222020012345678" });
    expect(card.statusCode).toBe(201);
    expect(card.json()).toMatchObject({ vip: true, number: expect.stringMatching(/^V/) });
    // A key customer of the archive (重要客户), or a contact of one, is a VIP by their phone.
    const admin = await t.token("admin");
    const customer = await t.api("POST", "/api/field/customers", {
      token: admin,
      body: {
        name: "浦东某集团",
        tier: "key",
        areaCode: "SH-PD",
        phone: "13700000002",
        contacts: [{ name: "王总", phone: "13700000003" }],
      },
    });
    expect(customer.statusCode).toBe(201);
    for (const phone of ["13700000002", "13700000003"]) {
      const res = await issue({ businessType: "payment", vip: true, phone });
      expect(res.statusCode, phone).toBe(201);
      expect(res.json().vip).toBe(true);
    }
    // A household of the archive is not a VIP.
    await t.api("POST", "/api/field/customers", {
      token: admin,
      body: { name: "张家", tier: "household", areaCode: "SH-PD", phone: "13700000004" },
    });
    expect((await issue({ businessType: "payment", vip: true, phone: "13700000004" })).statusCode).toBe(422);
    // Staff at the desk decide VIP themselves.
    expect((await issue({ businessType: "payment", vip: true }, manager)).statusCode).toBe(201);
  });

  it("should not let a kiosk check an appointment in (that is the desk's job)", async () => {
    const slotStart = new Date(Date.now() + 5 * 60_000).toISOString();
    const booked = await t.api("POST", `/api/halls/${hallId}/appointments`, {
      token: manager,
      body: { businessType: "payment", slotStart, phone: "13812345678", name: "王女士" },
    });
    expect(booked.statusCode).toBe(201);
    const res = await t.api("POST", `/api/appointments/${booked.json().id}/check-in`, { token: kiosk });
    expect(res.statusCode).toBe(403);
    const desk = await t.api("POST", `/api/appointments/${booked.json().id}/check-in`, {
      token: await t.token("desk"),
    });
    expect(desk.statusCode).toBe(201);
  });

  it("should stream to a display the calls and queue changes without phones, and to a pad only its counter", async () => {
    const connect = async (token: string) => {
      const s = await openSse(`${base}/api/halls/${hallId}/events?device=${token}`);
      streams.push(s);
      expect((await s.next()).event).toBe("ready");
      return s;
    };
    const onDisplay = await connect(display);
    const onPad = await connect(pad(counter(3).id));
    const desk = await t.token("desk");
    // A customer with a phone: greeted on the floor, served at counter 3, rated on its pad.
    const ticket = (await issue({ businessType: "payment", phone: "13812345678" })).json();
    await t.api("POST", `/api/halls/${hallId}/visit-nodes`, {
      token: desk,
      body: { node: "Z2", ticketId: ticket.id, note: "问了套餐" },
    });
    const staff3 = await t.token("counter3");
    await t.api("POST", `/api/halls/${hallId}/counters/${counter(3).id}/open`, { token: staff3, body: {} });
    const called = await t.api("POST", `/api/halls/${hallId}/counters/${counter(3).id}/call`, {
      token: staff3,
      body: { ticketId: ticket.id },
    });
    expect(called.statusCode).toBe(200);
    await t.api("POST", `/api/tickets/${ticket.id}/start`, { token: staff3 });
    await t.api("POST", `/api/tickets/${ticket.id}/finish`, {
      token: staff3,
      body: { outcome: "completed" },
    });
    const rated = await t.api("POST", `/api/tickets/${ticket.id}/evaluation`, {
      token: pad(counter(3).id),
      body: { rating: "satisfied" },
    });
    expect(rated.statusCode).toBe(201);
    // Meanwhile another counter serves someone else; then a last call at counter 3 ends the scene.
    await issue({ businessType: "payment" });
    await callAt(4);
    const last = (await issue({ businessType: "payment" })).json();
    await t.api("POST", `/api/halls/${hallId}/counters/${counter(3).id}/call`, {
      token: staff3,
      body: { ticketId: last.id },
    });
    const isLast = (e: SseEvent) => e.event === "ticket.called" && e.data.includes(last.id);
    await onDisplay.waitFor(isLast);
    await onPad.waitFor(isLast);

    const seen = (s: SseStream) => s.events.filter((e) => e.event !== "ready");
    const displayed = seen(onDisplay);
    expect(displayed.map((e) => e.event)).toEqual(expect.arrayContaining(["ticket.issued", "ticket.called"]));
    for (const e of displayed) {
      expect(e.event).toMatch(/^(ticket|counter)\./);
      expect(e.data).not.toMatch(/\*\*\*\*|1381234|"phone"|问了套餐|"rating"/);
    }
    // A display that was away resumes with the same narrowed events it would have had live.
    const resumed = await openSse(`${base}/api/halls/${hallId}/events?device=${display}`, {
      "last-event-id": displayed[0].id!,
    });
    streams.push(resumed);
    await resumed.waitFor(isLast);
    expect(resumed.events.map((e) => `${e.id} ${e.data}`)).toEqual(
      displayed.slice(1).map((e) => `${e.id} ${e.data}`),
    );
    // The pad hears of its own counter only: the finish that asks for a rating, never counter 4's call.
    const padded = seen(onPad);
    expect(padded.map((e) => e.event)).toContain("ticket.finished");
    for (const e of padded) {
      const data = JSON.parse(e.data).data as {
        ticket?: { counterId: string | null };
        counter?: { id: string | null };
      };
      expect([data.ticket?.counterId, data.counter?.id]).toContain(counter(3).id);
      expect(e.data).not.toMatch(/\*\*\*\*|"phone"/);
    }
  });
});
