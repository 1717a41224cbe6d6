import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { queryRows } from "../../core/db.js";
import { sweepContractReminders } from "../customers/sweeps.js";
import { sweepMissedDeadlines, sweepOverdueVisits, sweepWeeklyReports } from "../field-visits/sweeps.js";

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
// A 1×1 PNG padded to look like a drawn signature (the server checks type and size, not strokes).
const signature = `data:image/png;base64,${Buffer.concat([
  Buffer.from("89504e470d0a1a0a", "hex"),
  Buffer.alloc(300, 7),
]).toString("base64")}`;

describe("care, service orders, opportunities, intelligence and sweeps", () => {
  let t: TestApp;
  let agent: string;
  let area: string;
  let customerId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    agent = await t.token("agent");
    area = await t.token("area");
    const res = await t.api("POST", "/api/field/customers", {
      token: agent,
      body: {
        name: "张江电子厂",
        tier: "key",
        areaCode: "SH-PD",
        village: "新丰村",
        address: "新丰村3组12号",
        phone: "13812341234",
        contacts: [{ name: "李厂长", phone: "13900002222", birthday: "09-20", decisionMaker: true }],
      },
    });
    customerId = res.json().id;
  });
  afterAll(() => t.close());

  const outbox = async (like: string) =>
    queryRows<{ recipient: string; body: string }>(
      t.database.db,
      sql`SELECT recipient, body FROM outbox WHERE dedupe_key LIKE ${like} ORDER BY id`,
    );

  it("should list Mid-Autumn 2026 on its lunar date and the decision-maker's birthday", async () => {
    const res = await t.api("GET", "/api/field/care?from=2026-09-01&to=2026-09-30", { token: agent });
    expect(res.statusCode).toBe(200);
    const due = res.json();
    expect(due.map((g: { occasion: string; date: string }) => `${g.occasion}@${g.date}`)).toEqual([
      "birthday@2026-09-20",
      "mid_autumn@2026-09-25",
    ]);
    expect(due[1]).toMatchObject({ customerName: "张江电子厂", contactName: "李厂长", phone: "139****2222" });
    expect(due[1].template).toContain("中秋");
    const spring = (
      await t.api("GET", "/api/field/care?from=2027-01-01&to=2027-02-28", { token: agent })
    ).json();
    expect(spring.find((g: { occasion: string }) => g.occasion === "spring_festival").date).toBe(
      "2027-02-06",
    );
  });

  it("should send a greeting SMS once however often it is recorded", async () => {
    const due = (
      await t.api("GET", "/api/field/care?from=2026-09-01&to=2026-09-30", { token: agent })
    ).json();
    const g = due[1];
    const body = { customerId, contactId: g.contactId, occasion: "mid_autumn", year: 2026, channel: "sms" };
    const first = await t.api("POST", "/api/field/greetings", { token: agent, body });
    expect(first.statusCode).toBe(201);
    expect((await t.api("POST", "/api/field/greetings", { token: agent, body })).statusCode).toBe(201);
    const sms = await outbox("field-greeting:%");
    expect(sms).toHaveLength(1);
    expect(sms[0].recipient).toBe("13900002222");
    const after = (
      await t.api("GET", "/api/field/care?from=2026-09-25&to=2026-09-25", { token: agent })
    ).json();
    expect(after[0].greeted).toBe(true);
  });

  it("should check, then sign a service order with the four notices told", async () => {
    const o = await t.api("POST", `/api/field/customers/${customerId}/service-orders`, {
      token: agent,
      body: { kind: "install", orderName: "张江电子厂", orderAddress: "新丰村3组12号", orderTier: "key" },
    });
    expect(o.statusCode).toBe(201);
    const id = o.json().id;
    const early = await t.api("POST", `/api/field/service-orders/${id}/sign`, {
      token: agent,
      body: { form: "work_sheet", signature, noticesTold: ["10000", "10001", "114", "online"] },
    });
    expect(early.statusCode).toBe(409);
    const check = await t.api("POST", `/api/field/service-orders/${id}/check`, {
      token: agent,
      body: { name: "张江电子厂", address: "新丰村4组", tier: "household" },
    });
    expect(check.json()).toMatchObject({ status: "checked", mismatches: ["address", "tier"] });
    const missing = await t.api("POST", `/api/field/service-orders/${id}/sign`, {
      token: agent,
      body: { form: "work_sheet", signature, noticesTold: ["10000", "114"] },
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.missing).toEqual(["10001", "online"]);
    const signed = await t.api("POST", `/api/field/service-orders/${id}/sign`, {
      token: agent,
      body: { form: "work_sheet", signature, noticesTold: ["10000", "10001", "114", "online"] },
    });
    expect(signed.json()).toMatchObject({ status: "signed", signed: true, signatureForm: "work_sheet" });
    const img = await t.api("GET", `/api/field/service-orders/${id}/signature`, { token: agent });
    expect(img.headers["content-type"]).toBe("image/png");
    expect(img.rawPayload.length).toBe(308);
  });

  it("should follow an opportunity through its stages and report it weekly", async () => {
    const o = await t.api("POST", `/api/field/customers/${customerId}/opportunities`, {
      token: agent,
      body: { title: "厂区千兆光纤", amount: 30000 },
    });
    const id = o.json().id;
    expect(
      (
        await t.api("POST", `/api/field/opportunities/${id}/stage`, {
          token: agent,
          body: { stage: "proposal" },
        })
      ).json().stage,
    ).toBe("proposal");
    const back = await t.api("POST", `/api/field/opportunities/${id}/stage`, {
      token: agent,
      body: { stage: "new" },
    });
    expect(back.statusCode).toBe(409);
    await t.api("POST", `/api/field/opportunities/${id}/stage`, { token: agent, body: { stage: "won" } });
    const report = (await t.api("GET", "/api/field/reports/opportunities-weekly", { token: area })).json();
    expect(report.agents[0]).toMatchObject({ agentName: "刘代理", created: 1, advanced: 1, won: 1 });
    // Next Monday the week's report goes to the area manager once, however many instances sweep.
    const nextWeek = new Date(Date.parse(`${report.weekEnd}T12:00:00+08:00`) + DAY);
    const db = t.database.db;
    await Promise.all([
      sweepWeeklyReports(db, "Asia/Shanghai", nextWeek),
      sweepWeeklyReports(db, "Asia/Shanghai", nextWeek),
    ]);
    await sweepWeeklyReports(db, "Asia/Shanghai", nextWeek);
    const weekly = await outbox(`field-opp-weekly:SH-PD:${report.weekStart}:%`);
    expect(weekly.map((m) => m.recipient)).toEqual(["area"]);
    expect(weekly[0].body).toContain("刘代理: 新增1 推进1 成功1");
  });

  it("should forward a blind spot to the network department once and record its answer", async () => {
    const b = await t.api("POST", "/api/field/blind-spots", {
      token: agent,
      body: { areaCode: "SH-PD", village: "新丰村", place: "3组晒谷场", kind: "weak_signal", customerId },
    });
    expect(b.statusCode).toBe(201);
    const id = b.json().id;
    expect((await t.api("POST", `/api/field/blind-spots/${id}/forward`, { token: agent })).statusCode).toBe(
      403,
    );
    expect((await t.api("POST", `/api/field/blind-spots/${id}/forward`, { token: area })).json().status).toBe(
      "forwarded",
    );
    expect((await t.api("POST", `/api/field/blind-spots/${id}/forward`, { token: area })).statusCode).toBe(
      409,
    );
    expect(await outbox("field-blind-spot:%")).toHaveLength(1);
    const answered = await t.api("POST", `/api/field/blind-spots/${id}/answer`, {
      token: area,
      body: { answer: "已列入下季度基站建设" },
    });
    expect(answered.json()).toMatchObject({ status: "answered", answer: "已列入下季度基站建设" });
    const village = await t.api("PUT", "/api/field/villages", {
      token: agent,
      body: {
        areaCode: "SH-PD",
        town: "张江镇",
        village: "新丰村",
        population: 2310,
        households: 780,
        competitorPrices: "移动宽带 68元/月",
      },
    });
    expect(village.json()).toMatchObject({ population: 2310, households: 780 });
  });

  it("should flag overdue visits, missed deadlines and ending contracts exactly once", async () => {
    // A visit three weeks ago with an open question: in person overdue since 6 days, answers long overdue.
    await t.api("POST", `/api/field/customers/${customerId}/visits`, {
      token: agent,
      body: {
        kind: "in_person",
        at: new Date(Date.now() - 21 * DAY).toISOString(),
        questions: [{ text: "能否上门安装IPTV？" }],
        promises: [{ text: "送宣传资料", dueOn: inDays(-2) }],
      },
    });
    await t.api("POST", `/api/field/customers/${customerId}/contracts`, {
      token: agent,
      body: { title: "政企宽带协议", startsOn: "2024-01-01", endsOn: inDays(20) },
    });
    const db = t.database.db;
    for (let i = 0; i < 2; i++) {
      await Promise.all([sweepOverdueVisits(db), sweepOverdueVisits(db)]);
      await sweepMissedDeadlines(db, "Asia/Shanghai");
      await sweepContractReminders(db, "Asia/Shanghai");
    }
    // The agent and the area manager each hear of each lapse once.
    expect((await outbox(`field-overdue:${customerId}:in_person:%`)).map((m) => m.recipient).sort()).toEqual([
      "agent",
      "area",
    ]);
    expect(await outbox("field-answers:%")).toHaveLength(2);
    expect(await outbox("field-promise:%")).toHaveLength(2);
    expect(await outbox("field-archive:%")).toHaveLength(2);
    const contract = await outbox("field-contract:%");
    expect(contract).toHaveLength(2);
    expect(contract[0].body).toContain("提前30天");
    const ending = (
      await t.api("GET", `/api/field/contracts/ending?from=${today()}&to=${inDays(30)}`, { token: area })
    ).json();
    expect(ending[0]).toMatchObject({ customerName: "张江电子厂", title: "政企宽带协议" });
    const renewed = await t.api("POST", `/api/field/contracts/${ending[0].id}/renew`, {
      token: agent,
      body: { endsOn: inDays(400) },
    });
    expect(renewed.statusCode).toBe(201);
    expect(
      (
        await t.api("POST", `/api/field/contracts/${ending[0].id}/renew`, {
          token: agent,
          body: { endsOn: inDays(500) },
        })
      ).statusCode,
    ).toBe(409);
    const compliance = (await t.api("GET", "/api/field/compliance", { token: area })).json();
    expect(compliance[0]).toMatchObject({
      agentName: "刘代理",
      overdueInPerson: 1,
      questionsOverdue: 1,
      promisesOverdue: 1,
    });
    expect((await t.api("GET", "/api/field/compliance", { token: agent })).statusCode).toBe(403);
    const day = (await t.api("GET", "/api/field/my-day", { token: agent })).json();
    expect(day.dueVisits.find((v: { kind: string }) => v.kind === "in_person")).toMatchObject({
      overdue: true,
    });
    expect(day.openQuestions).toHaveLength(1);
  });
});
