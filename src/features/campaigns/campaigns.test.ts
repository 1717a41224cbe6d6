import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, deviceToken, type TestApp } from "../../../test/helpers.js";
import { addDays } from "../../core/calendar.js";
import { localParts } from "../../core/time.js";

// R-CAMPAIGN through the API: plan, warn, review, the counters' talking points, and what they offered.
describe("campaign calendar", () => {
  let t: TestApp;
  let manager: string;
  let area: string;
  const today = localParts(new Date(), "Asia/Shanghai").date;
  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
    area = await t.token("area");
    // The demo's two campaigns of the main hall would count in every overlap below: they end first.
    for (const c of (await t.api("GET", "/api/campaigns", { token: area })).json())
      expect((await t.api("POST", `/api/campaigns/${c.id}/withdraw`, { token: area })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const plan = async (token: string, body: Record<string, unknown>) =>
    t.api("POST", "/api/campaigns", {
      token,
      body: { talkingPoints: ["先问客户每月流量用多少"], from: today, to: addDays(today, 6), ...body },
    });

  it("should keep a draft from the counters until an area manager approves it", async () => {
    const res = await plan(manager, {
      name: "5G升级月",
      products: [{ code: "upgrade_5g", name: "5G升级", pitch: "月费不变，速率翻倍" }],
      faq: [{ q: "要换卡吗？", a: "不用换卡，原号原卡。" }],
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    // A hall's manager plans for their own hall; they may edit and withdraw it, not approve it.
    expect(c).toMatchObject({ state: "draft", hallIds: [t.demo.hallId], regionCode: null, warnings: [] });
    expect(c.allowedActions).toEqual(["edit", "withdraw"]);
    const points = () =>
      t.api("GET", `/api/halls/${t.demo.hallId}/talking-points`, { token: manager }).then((r) => r.json());
    expect((await points()).campaigns).toEqual([]);
    expect((await t.api("POST", `/api/campaigns/${c.id}/approve`, { token: manager })).statusCode).toBe(403);

    const mine = (await t.api("GET", `/api/campaigns/${c.id}`, { token: area })).json();
    expect(mine.allowedActions).toEqual(["edit", "approve", "withdraw"]);
    const approved = await t.api("POST", `/api/campaigns/${c.id}/approve`, { token: area });
    expect(approved.json()).toMatchObject({ state: "approved", allowedActions: ["withdraw"] });
    expect((await t.api("POST", `/api/campaigns/${c.id}/approve`, { token: area })).statusCode).toBe(409);
    const edit = await t.api("PATCH", `/api/campaigns/${c.id}`, { token: manager, body: { name: "改名" } });
    expect(edit.statusCode).toBe(409);

    const inForce = await points();
    expect(inForce.date).toBe(today);
    expect(inForce.campaigns).toEqual([
      expect.objectContaining({
        id: c.id,
        name: "5G升级月",
        talkingPoints: ["先问客户每月流量用多少"],
        faq: [{ q: "要换卡吗？", a: "不用换卡，原号原卡。" }],
      }),
    ]);
    // Counters read them; the other hall of the region does not get this hall's campaign; nor after its end.
    const counter = await t.token("counter1");
    expect(
      (await t.api("GET", `/api/halls/${t.demo.hallId}/talking-points`, { token: counter })).statusCode,
    ).toBe(200);
    const coop = await t.api("GET", `/api/halls/${t.demo.cooperativeHallId}/talking-points`, {
      token: area,
    });
    expect(coop.json().campaigns).toEqual([]);
    const later = await t.api("GET", `/api/halls/${t.demo.hallId}/talking-points?date=${addDays(today, 7)}`, {
      token: manager,
    });
    expect(later.json().campaigns).toEqual([]);
    // Another hall's manager sees neither the campaign nor this hall's points.
    const other = await t.token("coop");
    expect((await t.api("GET", `/api/campaigns/${c.id}`, { token: other })).statusCode).toBe(404);
    expect(
      (await t.api("GET", `/api/halls/${t.demo.hallId}/talking-points`, { token: other })).statusCode,
    ).toBe(403);

    const withdrawn = await t.api("POST", `/api/campaigns/${c.id}/withdraw`, { token: manager });
    expect(withdrawn.json()).toMatchObject({ state: "withdrawn", allowedActions: [] });
    expect((await points()).campaigns).toEqual([]);
  });

  it("should warn at the fourth campaign overlapping in a hall, and on a product said two ways", async () => {
    const from = addDays(today, 30);
    const ids: string[] = [];
    for (const [i, name] of ["宽带提速", "家庭套餐", "积分兑换"].entries()) {
      const res = await plan(area, {
        name,
        from: addDays(from, i),
        to: addDays(from, 10),
        products: [{ code: `p${i}`, name, pitch: "统一口径" }],
      });
      expect(res.json().warnings).toEqual([]);
      ids.push(res.json().id);
    }
    // The region's three campaigns plus one for the main hall: four in force there from day 2.
    const fourth = await plan(manager, {
      name: "老用户回馈",
      from: addDays(from, 2),
      to: addDays(from, 3),
      products: [{ code: "p0", name: "宽带提速", pitch: "首月免费" }],
    });
    expect(fourth.statusCode).toBe(201);
    expect(fourth.json().warnings).toEqual([
      {
        kind: "overlap",
        hallId: t.demo.hallId,
        hallName: "陆家嘴自营厅",
        date: addDays(from, 2),
        count: 4,
        limit: 3,
        campaignIds: [fourth.json().id, ...ids],
      },
      { kind: "wording", productCode: "p0", campaignId: ids[0], campaignName: "宽带提速", pitch: "统一口径" },
    ]);
    // The calendar shows the same warning on the region's campaigns that meet it.
    const calendar = (
      await t.api("GET", `/api/campaigns?from=${from}&to=${addDays(from, 10)}`, { token: area })
    ).json() as { id: string; state: string; warnings: { kind: string }[] }[];
    // Withdrawn ones stay on the calendar (the demo's two), without warnings.
    expect(calendar.filter((c) => c.state === "withdrawn").every((c) => c.warnings.length === 0)).toBe(true);
    expect(calendar.filter((c) => c.state !== "withdrawn").map((c) => c.id)).toEqual([
      ids[0],
      ids[1],
      ids[2],
      fourth.json().id,
    ]);
    expect(calendar.find((c) => c.id === ids[0])!.warnings.map((w) => w.kind)).toEqual([
      "overlap",
      "wording",
    ]);

    // A hall with a higher limit is not warned: the operator's setting for the hall.
    const admin = await t.token("admin");
    const raised = await t.api("PATCH", `/api/halls/${t.demo.hallId}`, {
      token: admin,
      body: { settings: { maxOverlappingCampaigns: 4 } },
    });
    expect(raised.statusCode).toBe(200);
    const again = (await t.api("GET", `/api/campaigns/${fourth.json().id}`, { token: area })).json();
    expect(again.warnings.map((w: { kind: string }) => w.kind)).toEqual(["wording"]);
  });

  it("should refuse bad input and other people's halls, changing nothing", async () => {
    const before = (await t.api("GET", "/api/campaigns", { token: area })).json().length;
    const backwards = await plan(area, { name: "倒序", from: addDays(today, 3), to: today });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe("invalid_input");
    expect((await plan(area, { name: "空", talkingPoints: [] })).statusCode).toBe(400);
    const dup = await plan(area, {
      name: "重复",
      products: [
        { code: "a", name: "A", pitch: "x" },
        { code: "a", name: "A", pitch: "y" },
      ],
    });
    expect(dup.statusCode).toBe(400);
    // A hall manager may not plan for the region, nor for another hall (which they cannot see: 404).
    expect((await plan(manager, { name: "越权", regionCode: "SH-PD" })).statusCode).toBe(403);
    expect((await plan(manager, { name: "越权", hallIds: [t.demo.cooperativeHallId] })).statusCode).toBe(404);
    expect((await plan(area, { name: "无此业务", businessTypes: ["nope"] })).statusCode).toBe(400);
    const counter = await t.token("counter1");
    expect((await plan(counter, { name: "台席" })).statusCode).toBe(403);
    expect((await t.api("GET", "/api/campaigns", { token: area })).json()).toHaveLength(before);
    // A patch that moves one end past the other is refused as the body's check would, and changes nothing.
    const draft = (await plan(area, { name: "改期" })).json();
    const moved = await t.api("PATCH", `/api/campaigns/${draft.id}`, {
      token: area,
      body: { to: addDays(today, -1) },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.code).toBe("invalid_input");
    const kept = (await t.api("GET", `/api/campaigns/${draft.id}`, { token: area })).json();
    expect(kept).toMatchObject({ from: today, to: addDays(today, 6) });
  });

  it("should approve a draft once when two reviewers press at the same moment", async () => {
    const draft = (await plan(area, { name: "同时审核" })).json();
    const admin = await t.token("admin");
    const answers = await Promise.all(
      [area, admin].map((token) => t.api("POST", `/api/campaigns/${draft.id}/approve`, { token })),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = (await t.api("GET", `/api/campaigns/${draft.id}`, { token: area })).json();
    expect(after.state).toBe("approved");
  });

  it("should report what the counters offered and customers took, per product and person", async () => {
    const c = (
      await plan(area, {
        name: "自动缴费推广",
        products: [
          { code: "auto_pay", name: "自动缴费", pitch: "绑卡后每月自动缴，不怕停机" },
          { code: "app", name: "营业厅App", pitch: "在手机上查话费、办业务" },
        ],
      })
    ).json();
    await t.api("POST", `/api/campaigns/${c.id}/approve`, { token: area });
    const counters = (await t.api("GET", `/api/halls/${t.demo.hallId}/counters`, { token: manager })).json();
    const serve = async (n: number, recommended: string[], accepted: string[]) => {
      const staff = await t.token(`counter${n}`);
      const counter = counters.find((x: { number: number }) => x.number === n);
      await t.api("POST", `/api/halls/${t.demo.hallId}/counters/${counter.id}/open`, {
        token: staff,
        body: {},
      });
      await t.api("POST", `/api/halls/${t.demo.hallId}/tickets`, {
        token: deviceToken(t.demo, "kiosk"),
        body: { businessType: "payment" },
      });
      const called = (
        await t.api("POST", `/api/halls/${t.demo.hallId}/counters/${counter.id}/call-next`, { token: staff })
      ).json().ticket;
      await t.api("POST", `/api/tickets/${called.id}/start`, { token: staff });
      const done = await t.api("POST", `/api/tickets/${called.id}/finish`, {
        token: staff,
        body: { outcome: "completed", recommended, accepted },
      });
      expect(done.statusCode).toBe(200);
    };
    await serve(1, ["auto_pay", "app"], ["auto_pay"]);
    await serve(1, ["auto_pay"], []);
    await serve(2, ["app", "other_thing"], ["app"]);
    await serve(2, [], []);
    const report = (await t.api("GET", `/api/campaigns/${c.id}/report`, { token: area })).json();
    expect(report).toMatchObject({ campaignId: c.id, offered: 4, accepted: 2 });
    expect(report.byProduct).toEqual([
      { code: "auto_pay", name: "自动缴费", offered: 2, accepted: 1 },
      { code: "app", name: "营业厅App", offered: 2, accepted: 1 },
    ]);
    expect(
      report.byStaff.map((s: { name: string; offered: number; accepted: number }) => [
        s.name,
        s.offered,
        s.accepted,
      ]),
    ).toEqual([
      ["台席1号", 3, 1],
      ["台席2号", 1, 1],
    ]);
    const counter = await t.token("counter1");
    expect((await t.api("GET", `/api/campaigns/${c.id}/report`, { token: counter })).statusCode).toBe(403);
  });
});
