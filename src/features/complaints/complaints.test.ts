import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { auditLog } from "../../core/tables.js";
import { users } from "../users/tables.js";
import { complaints } from "./tables.js";

const body = (extra: object = {}) => ({
  customer: { name: "张女士", phone: "13812341234" },
  channel: "counter",
  category: "billing",
  description: "套餐外流量被多收费 30 元",
  request: "退还多收的费用",
  confirmedByCustomer: true,
  ...extra,
});

describe("complaints: record, own, hand over, work order, reply, resolve, callback, close", () => {
  let t: TestApp;
  let tok: Record<string, string>;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await buildTestApp();
    tok = {};
    for (const u of ["counter1", "counter2", "manager", "area", "agent", "admin", "inspector", "coop"])
      tok[u] = await t.token(u);
    const rows = await t.database.db.select({ id: users.id, username: users.username }).from(users);
    ids = Object.fromEntries(rows.map((r) => [r.username, r.id]));
  });
  afterAll(() => t.close());

  const post = (id: string, action: string, who: string, b?: object) =>
    t.api("POST", `/api/complaints/${id}/${action}`, { token: tok[who], body: b });

  it("should record a complaint owned by its receiver, first reply due 48 h after receipt, phone masked", async () => {
    const res = await t.api("POST", "/api/complaints", {
      token: tok.counter1,
      body: body({ receivedAt: "2025-03-03T23:30:00+08:00" }),
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      state: "received",
      ownerId: ids.counter1,
      hallId: t.demo.hallId,
      dueKind: "first_reply",
    });
    expect(c.firstReplyDueAt).toBe("2025-03-05T15:30:00.000Z");
    expect(c.customer.phone).toBe("138****1234");
    expect(c.recordConfirmedAt).not.toBeNull();
    const detail = (await t.api("GET", `/api/complaints/${c.id}`, { token: tok.manager })).json();
    expect(detail.customer.phone).toBe("138****1234");
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(["record", "confirm-record"]);
    const phone = await t.api("GET", `/api/complaints/${c.id}/phone?reason=callback`, { token: tok.manager });
    expect(phone.json()).toEqual({ phone: "13812341234" });
    // The detail's read and the unmasking, with its reason, both on record.
    const logged = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, c.id))
      .orderBy(auditLog.id);
    expect(logged.map((l) => [l.action, l.reason])).toEqual([
      ["read", null],
      ["unmask_phone", "callback"],
    ]);
    expect(
      (await t.api("GET", `/api/complaints/${c.id}/phone?reason=callback`, { token: tok.counter1 }))
        .statusCode,
    ).toBe(403);
  });

  it("should refuse bad input with 400 in the one error shape and record nothing", async () => {
    const [{ n: before }] = await t.database.db.select({ n: count() }).from(complaints);
    const bad = await t.api("POST", "/api/complaints", {
      token: tok.counter1,
      body: body({ customer: { name: "", phone: "12" } }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_input");
    const future = await t.api("POST", "/api/complaints", {
      token: tok.counter1,
      body: body({ receivedAt: "2099-01-01T00:00:00Z" }),
    });
    expect(future.statusCode).toBe(400);
    const [{ n: after }] = await t.database.db.select({ n: count() }).from(complaints);
    expect(after).toBe(before);
  });

  it("should not let a counter member reassign someone else's complaint, but keep a hand-over on record", async () => {
    const c = (await t.api("POST", "/api/complaints", { token: tok.counter1, body: body() })).json();
    const denied = await post(c.id, "hand-over", "counter2", { toUserId: ids.counter2, reason: "我来处理" });
    expect(denied.statusCode).toBe(403);
    expect((await post(c.id, "contact", "counter2", { text: "您好", channel: "phone" })).statusCode).toBe(
      403,
    );
    const noReason = await post(c.id, "hand-over", "counter1", { toUserId: ids.counter2 });
    expect(noReason.statusCode).toBe(400);
    const outside = await post(c.id, "hand-over", "counter1", { toUserId: ids.coop, reason: "转合作厅" });
    expect(outside.statusCode).toBe(422);
    const ok = await post(c.id, "hand-over", "counter1", {
      toUserId: ids.counter2,
      reason: "换班，交给2号台席",
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().ownerId).toBe(ids.counter2);
    const h = ok.json().history.at(-1);
    expect(h).toMatchObject({ action: "hand-over", actorId: ids.counter1, note: "换班，交给2号台席" });
    // The manager may move it on.
    expect(
      (await post(c.id, "hand-over", "manager", { toUserId: ids.counter1, reason: "回到首问人" })).statusCode,
    ).toBe(200);
  });

  it("should go through a work order to a reply, resolution, a callback on working days and closing", async () => {
    const c = (await t.api("POST", "/api/complaints", { token: tok.counter1, body: body() })).json();
    const sent = await post(c.id, "send-work-order", "counter1", {
      department: "billing",
      brief: "核查 3 月流量计费",
    });
    expect(sent.json().state).toBe("work_order");
    const early = await post(c.id, "reply", "counter1", { channel: "phone" });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details).toEqual({ state: "work_order" });
    const queue = (await t.api("GET", "/api/work-orders?department=billing", { token: tok.area })).json();
    const wo = queue.find((w: { complaintId: string }) => w.complaintId === c.id);
    expect(wo).toMatchObject({ state: "queued", brief: "核查 3 月流量计费" });
    expect((await t.api("GET", "/api/work-orders", { token: tok.counter1 })).statusCode).toBe(403);
    expect((await t.api("POST", `/api/work-orders/${wo.id}/claim`, { token: tok.area })).json().state).toBe(
      "claimed",
    );
    const replied = await t.api("POST", `/api/work-orders/${wo.id}/reply`, {
      token: tok.area,
      body: { text: "经核查多收 30 元，已退回话费账户。" },
    });
    expect(replied.json()).toMatchObject({
      state: "replied",
      replyText: "经核查多收 30 元，已退回话费账户。",
    });
    const answer = await post(c.id, "reply", "counter1", { channel: "phone" });
    expect(answer.json()).toMatchObject({ state: "replied", dueKind: "progress" });
    expect(answer.json().history.at(-1).note).toBe("经核查多收 30 元，已退回话费账户。");
    const resolved = (await post(c.id, "resolve", "counter1")).json();
    expect(resolved).toMatchObject({ state: "resolved", dueKind: "callback" });
    const due = await t.api(
      "GET",
      `/api/calendar/add-working-days?from=${encodeURIComponent(resolved.resolvedAt)}&days=2`,
      {
        token: tok.counter1,
      },
    );
    expect(resolved.callbackDueAt).toBe(due.json().due);
    expect(resolved.workOrders[0].state).toBe("resolved");
    expect((await post(c.id, "close", "counter1")).statusCode).toBe(409);
    expect((await post(c.id, "callback", "counter1", { satisfaction: "satisfied" })).json().state).toBe(
      "callback_done",
    );
    const closed = (await post(c.id, "close", "counter1")).json();
    expect(closed).toMatchObject({ state: "closed", satisfaction: "satisfied", dueAt: null });
    const actions = closed.history.map((h: { action: string }) => h.action);
    expect(actions).toEqual([
      "record",
      "confirm-record",
      "send-work-order",
      "work_order.claim",
      "work_order.reply",
      "reply",
      "resolve",
      "callback",
      "close",
    ]);
    const tc = await t.api("POST", `/api/complaints/${c.id}/typical-case`, {
      token: tok.manager,
      body: { title: "流量多收费", summary: "核查后退费", lessons: "先核查计费再答复", tags: ["计费"] },
    });
    expect(tc.statusCode).toBe(201);
    const found = (await t.api("GET", "/api/typical-cases?tag=计费", { token: tok.counter2 })).json();
    expect(found.map((x: { complaintId: string }) => x.complaintId)).toContain(c.id);
  });

  it("should reopen when the callback finds the customer dissatisfied, and pause the clock while waiting", async () => {
    const c = (await t.api("POST", "/api/complaints", { token: tok.counter1, body: body() })).json();
    const paused = (await post(c.id, "wait-customer", "counter1", { reason: "等客户提供账单截图" })).json();
    expect(paused).toMatchObject({ state: "waiting_customer", dueAt: null, warnAt: null });
    const resumed = (await post(c.id, "resume", "counter1")).json();
    expect(resumed.state).toBe("received");
    expect(Date.parse(resumed.dueAt)).toBeGreaterThanOrEqual(Date.parse(c.dueAt));
    await post(c.id, "reply", "counter1", { text: "已为您退费", channel: "phone" });
    await post(c.id, "resolve", "counter1");
    const reopened = (
      await post(c.id, "callback", "counter1", { satisfaction: "dissatisfied", note: "金额不对" })
    ).json();
    expect(reopened).toMatchObject({ state: "reopened", reopenCount: 1, dueKind: "progress" });
  });

  it("should resolve on the spot only with the reply given, and refuse appeals past their time bar", async () => {
    const c = (await t.api("POST", "/api/complaints", { token: tok.counter1, body: body() })).json();
    expect((await post(c.id, "resolve-on-spot", "counter1", {})).statusCode).toBe(400);
    const done = (
      await post(c.id, "resolve-on-spot", "counter1", { reply: "当场退费", satisfaction: "satisfied" })
    ).json();
    expect(done).toMatchObject({ state: "closed" });
    expect(done.firstRepliedAt).not.toBeNull();
    const old = await t.api("POST", "/api/complaints", {
      token: tok.manager,
      body: body({
        kind: "appeal",
        appeal: {
          disputeKind: "fee",
          disputeStartedAt: "2020-01-01T00:00:00Z",
          priorOutcome: "dissatisfied",
          priorComplaintAt: "2020-02-01T00:00:00Z",
        },
      }),
    });
    expect(old.statusCode).toBe(422);
    const appeal = await t.api("POST", "/api/complaints", {
      token: tok.manager,
      body: body({
        kind: "appeal",
        appeal: { disputeKind: "fee", disputeStartedAt: new Date().toISOString(), priorComplaintId: c.id },
      }),
    });
    expect(appeal.statusCode).toBe(422); // answered in time and the customer was satisfied
    const reopenedAppeal = await t.api("POST", "/api/complaints", {
      token: tok.manager,
      body: body({
        kind: "appeal",
        appeal: {
          disputeKind: "other",
          disputeStartedAt: new Date().toISOString(),
          priorOutcome: "dissatisfied",
          priorComplaintAt: new Date().toISOString(),
        },
      }),
    });
    expect(reopenedAppeal.statusCode).toBe(201);
    expect(reopenedAppeal.json()).toMatchObject({ kind: "appeal", dueKind: "appeal_decision" });
    const id = reopenedAppeal.json().id;
    const accepted = (await post(id, "accept", "manager", { materialsComplete: true })).json();
    expect(accepted).toMatchObject({ state: "accepted", dueKind: "appeal_reply" });
    expect(Date.parse(accepted.dueAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });

  it("should keep each person to their scope: an agent sees the region's, a hall the hall's", async () => {
    const mine = (
      await t.api("POST", "/api/complaints", {
        token: tok.agent,
        body: body({ channel: "phone", category: "network" }),
      })
    ).json();
    expect(mine).toMatchObject({ hallId: null, regionCode: "SH-PD", ownerId: ids.agent });
    expect((await t.api("GET", `/api/complaints/${mine.id}`, { token: tok.counter1 })).statusCode).toBe(403);
    const list = (await t.api("GET", "/api/complaints", { token: tok.agent })).json();
    expect(list.items.every((c: { regionCode: string }) => c.regionCode === "SH-PD")).toBe(true);
    const hallList = (await t.api("GET", "/api/complaints?mine=true", { token: tok.counter1 })).json();
    expect(hallList.items.every((c: { ownerId: string }) => c.ownerId === ids.counter1)).toBe(true);
    expect((await t.api("POST", "/api/complaints", { token: tok.inspector, body: body() })).statusCode).toBe(
      403,
    );
    const esc = (
      await post(mine.id, "customer-escalate", "agent", { to: "工信部", note: "客户已拨打12300" })
    ).json();
    expect(esc).toMatchObject({ customerEscalated: true, escalationLevel: 2 });
    const sla = (
      await t.api("GET", "/api/complaints/sla?from=2025-01-01&to=2030-01-01&by=category", { token: tok.area })
    ).json();
    expect(sla.find((r: { key: string }) => r.key === "network")).toMatchObject({ onTime: 1, breached: 0 });
    for (const by of ["week", "hall"]) {
      const res = await t.api("GET", `/api/complaints/sla?from=2025-01-01&to=2030-01-01&by=${by}`, {
        token: tok.area,
      });
      expect(res.statusCode).toBe(200);
      const rows = res.json() as { label: string; onTime: number; breached: number }[];
      expect(rows.reduce((n, r) => n + r.onTime + r.breached, 0)).toBeGreaterThan(5);
      if (by === "hall") expect(rows.map((r) => r.label)).toContain("陆家嘴自营厅");
    }
  });

  it("should apply an operator's limit for a category, set by an admin only", async () => {
    const limit = {
      firstReplyHours: 24,
      progressHours: 24,
      callbackWorkingDays: 1,
      pausedStates: ["waiting_customer"],
      workingHoursOnly: false,
    };
    expect(
      (await t.api("PUT", "/api/complaint-limits/fraud", { token: tok.manager, body: limit })).statusCode,
    ).toBe(403);
    expect(
      (await t.api("PUT", "/api/complaint-limits/fraud", { token: tok.admin, body: limit })).statusCode,
    ).toBe(200);
    const c = (
      await t.api("POST", "/api/complaints", { token: tok.counter1, body: body({ category: "fraud" }) })
    ).json();
    expect(Date.parse(c.firstReplyDueAt) - Date.parse(c.receivedAt)).toBe(24 * 3_600_000);
    const limits = (await t.api("GET", "/api/complaint-limits", { token: tok.counter1 })).json();
    expect(limits.map((l: { category: string }) => l.category)).toEqual(["*", "fraud"]);
  });

  it("should let a department return an order for more information and the owner supplement it", async () => {
    const c = (await t.api("POST", "/api/complaints", { token: tok.counter1, body: body() })).json();
    const wo = (
      await post(c.id, "send-work-order", "counter1", { department: "network", brief: "家中信号弱" })
    ).json().workOrders[0];
    const claim = await t.api("POST", `/api/work-orders/${wo.id}/claim`, { token: tok.manager });
    expect(claim.json().state).toBe("claimed");
    // Someone else's claimed order is not another worker's to answer.
    expect((await t.api("POST", `/api/work-orders/${wo.id}/claim`, { token: tok.area })).statusCode).toBe(
      409,
    );
    const back = await t.api("POST", `/api/work-orders/${wo.id}/return`, {
      token: tok.manager,
      body: { reason: "请提供具体地址" },
    });
    expect(back.json()).toMatchObject({ state: "returned", returnReason: "请提供具体地址" });
    expect((await post(c.id, "reply", "counter1", { text: "处理中", channel: "phone" })).statusCode).toBe(
      409,
    );
    expect(
      (
        await t.api("POST", `/api/work-orders/${wo.id}/supplement`, {
          token: tok.counter2,
          body: { info: "x" },
        })
      ).statusCode,
    ).toBe(403);
    const more = await t.api("POST", `/api/work-orders/${wo.id}/supplement`, {
      token: tok.counter1,
      body: { info: "浦东新区XX路1号" },
    });
    expect(more.json()).toMatchObject({ state: "queued" });
    expect(more.json().brief).toContain("浦东新区XX路1号");
    const detail = (await t.api("GET", `/api/complaints/${c.id}`, { token: tok.counter1 })).json();
    expect(detail.history.map((h: { action: string }) => h.action).slice(-3)).toEqual([
      "work_order.claim",
      "work_order.return",
      "work_order.supplement",
    ]);
  });
});
