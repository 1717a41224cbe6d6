import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, deviceToken, type TestApp } from "../../../test/helpers.js";
import { addDays } from "../../core/calendar.js";
import { localParts } from "../../core/time.js";

// R-MEET through the API. The meeting is held for tomorrow, so that "the day before" is today, whose
// tickets, complaint and campaign this test makes.
describe("pre-shift meetings", () => {
  let t: TestApp;
  let manager: string;
  const today = localParts(new Date(), "Asia/Shanghai").date;
  const tomorrow = addDays(today, 1);
  const hall = () => t.demo.hallId;
  const idOf = async (name: string) =>
    (await t.api("GET", "/api/auth/me", { token: await t.token(name) })).json().principal.id as string;
  let meetingId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
    const counter1 = await t.token("counter1");
    const counters = (await t.api("GET", `/api/halls/${hall()}/counters`, { token: manager })).json();
    const counter = counters.find((c: { number: number }) => c.number === 1);
    await t.api("POST", `/api/halls/${hall()}/counters/${counter.id}/open`, { token: counter1, body: {} });
    for (let i = 0; i < 2; i++)
      await t.api("POST", `/api/halls/${hall()}/tickets`, {
        token: deviceToken(t.demo, "kiosk"),
        body: { businessType: "payment" },
      });
    const called = (
      await t.api("POST", `/api/halls/${hall()}/counters/${counter.id}/call-next`, { token: counter1 })
    ).json().ticket;
    await t.api("POST", `/api/tickets/${called.id}/start`, { token: counter1 });
    expect(
      (
        await t.api("POST", `/api/tickets/${called.id}/finish`, {
          token: counter1,
          body: { outcome: "completed" },
        })
      ).statusCode,
    ).toBe(200);
    const complaint = await t.api("POST", "/api/complaints", {
      token: counter1,
      body: {
        customer: { name: "张女士", phone: "13812341234" },
        channel: "counter",
        category: "billing",
        description: "套餐外流量被多收费 30 元",
        request: "退还多收的费用",
        confirmedByCustomer: true,
      },
    });
    expect(complaint.statusCode).toBe(201);
    const area = await t.token("area");
    const c = await t.api("POST", "/api/campaigns", {
      token: area,
      body: {
        name: "冬季宽带提速",
        from: tomorrow,
        to: addDays(tomorrow, 10),
        hallIds: [hall()],
        talkingPoints: ["问客户家里几个人用网"],
      },
    });
    await t.api("POST", `/api/campaigns/${c.json().id}/approve`, { token: area });
  });
  afterAll(() => t.close());

  it("should fill in the day before's figures and the campaigns that start, and refuse a second meeting", async () => {
    const res = await t.api("POST", `/api/halls/${hall()}/meetings`, {
      token: manager,
      body: { date: tomorrow, agenda: ["昨日服务回顾", "今日活动"], notices: ["明日起宽带提速活动开始"] },
    });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    meetingId = m.id;
    expect(m.figures).toMatchObject({ date: today, issued: 2, served: 1, complaints: 1 });
    expect(m.campaigns[0]).toMatchObject({
      name: "冬季宽带提速",
      starts: true,
      talkingPoints: ["问客户家里几个人用网"],
    });
    expect(m.state).toBe("open");
    expect(m.allowedActions).toEqual(["edit", "close", "confirm"]);
    const staff = m.unconfirmed.map((u: { name: string }) => u.name);
    expect(staff).toEqual(expect.arrayContaining(["李厅经理", "赵流动", "周保安"]));
    expect(staff).not.toContain("吴合作厅经理");
    const again = await t.api("POST", `/api/halls/${hall()}/meetings`, {
      token: manager,
      body: { date: tomorrow },
    });
    expect(again.statusCode).toBe(409);
    // A counter does not hold meetings.
    const counter = await t.api("POST", `/api/halls/${hall()}/meetings`, {
      token: await t.token("counter1"),
      body: { date: addDays(today, 2) },
    });
    expect(counter.statusCode).toBe(403);
  });

  it("should let the hall's staff confirm the notices once, and no one else", async () => {
    const counter1 = await t.token("counter1");
    const list = (await t.api("GET", `/api/halls/${hall()}/meetings`, { token: counter1 })).json();
    expect(list.items[0]).toMatchObject({ id: meetingId, confirmedByMe: false, notices: 1, confirmed: 0 });
    const first = await t.api("POST", `/api/meetings/${meetingId}/confirm`, { token: counter1 });
    expect(first.json()).toMatchObject({ confirmedByMe: true, allowedActions: [] });
    const at = first.json().confirmations[0].at;
    const second = (await t.api("POST", `/api/meetings/${meetingId}/confirm`, { token: counter1 })).json();
    expect(second.confirmations).toHaveLength(1);
    expect(second.confirmations[0].at).toBe(at);
    expect(second.unconfirmed.map((u: { userId: string }) => u.userId)).not.toContain(await idOf("counter1"));
    expect(
      (await t.api("POST", `/api/meetings/${meetingId}/confirm`, { token: await t.token("area") }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.api("GET", `/api/meetings/${meetingId}`, { token: await t.token("coop") })).statusCode,
    ).toBe(404);
    const after = (await t.api("GET", `/api/halls/${hall()}/meetings`, { token: manager })).json();
    expect(after.items[0].confirmed).toBe(1);
  });

  it("should take attendance and minutes, and close only with both", async () => {
    const empty = await t.api("POST", `/api/halls/${hall()}/meetings`, {
      token: manager,
      body: { date: today },
    });
    const refused = await t.api("POST", `/api/meetings/${empty.json().id}/close`, { token: manager });
    expect(refused.statusCode).toBe(422);

    const desk = await idOf("desk");
    const counter1 = await idOf("counter1");
    const stranger = await t.api("PATCH", `/api/meetings/${meetingId}`, {
      token: manager,
      body: { attendance: [{ userId: await idOf("coop"), present: true }] },
    });
    expect(stranger.statusCode).toBe(404);
    const taken = await t.api("PATCH", `/api/meetings/${meetingId}`, {
      token: manager,
      body: {
        attendance: [
          { userId: counter1, present: true },
          { userId: desk, present: false, reason: "病假" },
        ],
        minutes: "回顾昨日 1 件投诉；布置宽带提速活动话术。",
      },
    });
    expect(taken.statusCode).toBe(200);
    expect(taken.json().attendance).toEqual([
      { userId: counter1, present: true, name: expect.any(String) },
      { userId: desk, present: false, reason: "病假", name: "陈咨询" },
    ]);
    const closed = await t.api("POST", `/api/meetings/${meetingId}/close`, { token: manager });
    expect(closed.json()).toMatchObject({ state: "closed", allowedActions: ["confirm"] });
    const late = await t.api("PATCH", `/api/meetings/${meetingId}`, {
      token: manager,
      body: { minutes: "改" },
    });
    expect(late.statusCode).toBe(409);
    // Staff who were away still read and confirm afterwards.
    const deskConfirm = await t.api("POST", `/api/meetings/${meetingId}/confirm`, {
      token: await t.token("desk"),
    });
    expect(deskConfirm.json().confirmedByMe).toBe(true);
    const page = (await t.api("GET", `/api/halls/${hall()}/meetings?limit=1`, { token: manager })).json();
    expect(page.items.map((x: { date: string }) => x.date)).toEqual([tomorrow]);
    const next = (
      await t.api("GET", `/api/halls/${hall()}/meetings?limit=1&cursor=${page.nextCursor}`, {
        token: manager,
      })
    ).json();
    expect(next.items.map((x: { date: string }) => x.date)).toEqual([today]);
  });
});
