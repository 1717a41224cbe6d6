import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { queryRows } from "../../core/db.js";

const DAY = 86_400_000;

describe("field customers and visits through the API", () => {
  let t: TestApp;
  let agent: string;
  let area: string;
  let otherAgent: string;
  let customerId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    agent = await t.token("agent");
    area = await t.token("area");
    const admin = await t.token("admin");
    const res = await t.api("POST", "/api/users", {
      token: admin,
      body: {
        username: "agent-cd",
        displayName: "成都代理",
        password: "tingwu-demo",
        role: "rural_agent",
        regionCode: "SC-CD",
      },
    });
    expect(res.statusCode).toBe(201);
    otherAgent = await t.token("agent-cd");
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number(
      (await queryRows<{ n: number }>(t.database.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]
        .n,
    );

  it("should create a key customer due in person in 15 days and by phone in 7, phone masked", async () => {
    const res = await t.api("POST", "/api/field/customers", {
      token: agent,
      body: {
        name: "新丰村村委会",
        tier: "gov_enterprise",
        areaCode: "SH-PD",
        town: "张江镇",
        village: "新丰村",
        phone: "13812341234",
        products: [
          { name: "天翼宽带", ours: true },
          { name: "4G套餐", ours: false, operator: "移动" },
        ],
        contacts: [
          {
            name: "王书记",
            title: "村支书",
            phone: "13900001111",
            birthday: "1970-09-20",
            decisionMaker: true,
          },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    customerId = c.id;
    expect(c).toMatchObject({ tier: "gov_enterprise", areaCode: "SH-PD", phone: "138****1234", overdue: [] });
    expect(c.contacts[0]).toMatchObject({ name: "王书记", phone: "139****1111", birthday: "09-20" });
    const created = Date.parse(c.createdAt);
    expect(Date.parse(c.nextInPersonVisitDueAt) - created).toBe(15 * DAY);
    expect(Date.parse(c.nextPhoneVisitDueAt) - created).toBe(7 * DAY);
  });

  it("should refuse bad input with 400 in the one error shape and change nothing", async () => {
    const before = await count("field_customers");
    const res = await t.api("POST", "/api/field/customers", {
      token: agent,
      body: { name: "", tier: "vip", areaCode: "SH-PD" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBeTypeOf("string");
    expect(await count("field_customers")).toBe(before);
  });

  it("should move the due dates: 15 days after an in-person visit, 7 after a phone visit", async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    const res = await t.api("POST", `/api/field/customers/${customerId}/visits`, {
      token: agent,
      body: {
        clientId: "phone-visit-0001",
        kind: "in_person",
        at,
        purpose: "季度走访",
        met: "王书记",
        questions: [{ text: "村里能否增加一个基站？" }, { text: "宽带资费", answer: "已当场介绍199元套餐" }],
        promises: [{ text: "周五前回复基站选址", dueOn: "2030-01-01" }],
        opportunities: [{ title: "村委会专线", product: "政企专线", amount: 12000 }],
      },
    });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(Date.parse(r.nextInPersonVisitDueAt) - Date.parse(at)).toBe(15 * DAY);
    expect(Date.parse(r.nextPhoneVisitDueAt) - Date.parse(at)).toBe(7 * DAY);
    expect(r.answersDueAt).not.toBeNull();
    expect(Date.parse(r.archiveDueAt)).toBeGreaterThan(Date.parse(r.answersDueAt));
    expect(r.questions[1]).toMatchObject({ answer: "已当场介绍199元套餐" });
    expect(r.promises).toHaveLength(1);

    const phoneAt = new Date().toISOString();
    const p = await t.api("POST", `/api/field/customers/${customerId}/visits`, {
      token: agent,
      body: { kind: "phone", at: phoneAt, notes: "电话回访" },
    });
    expect(p.statusCode).toBe(201);
    expect(p.json().nextInPersonVisitDueAt).toBe(r.nextInPersonVisitDueAt);
    expect(Date.parse(p.json().nextPhoneVisitDueAt) - Date.parse(phoneAt)).toBe(7 * DAY);
  });

  it("should store a record sent twice with the same clientId once", async () => {
    const before = await count("field_visit_records");
    const promises = await count("field_promises");
    const body = {
      clientId: "phone-visit-0001",
      kind: "in_person",
      at: new Date().toISOString(),
      promises: [{ text: "again", dueOn: "2030-01-01" }],
    };
    const again = await t.api("POST", `/api/field/customers/${customerId}/visits`, { token: agent, body });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      clientId: "phone-visit-0001",
      duplicate: true,
      purpose: "季度走访",
    });
    // Concurrent repeats (a flaky connection retrying) also land once.
    const body2 = { ...body, clientId: "phone-visit-0002" };
    const all = await Promise.all(
      [1, 2, 3].map(() =>
        t.api("POST", `/api/field/customers/${customerId}/visits`, { token: agent, body: body2 }),
      ),
    );
    expect(all.map((x) => x.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(all.map((x) => x.json().id)).size).toBe(1);
    expect(await count("field_visit_records")).toBe(before + 1);
    expect(await count("field_promises")).toBe(promises + 1);
  });

  it("should answer an open question and close the record's answer deadline", async () => {
    const visits = (await t.api("GET", `/api/field/customers/${customerId}/visits`, { token: agent })).json();
    const first = visits.find((v: { clientId: string }) => v.clientId === "phone-visit-0001");
    const res = await t.api("POST", `/api/field/visits/${first.id}/answers`, {
      token: agent,
      body: { index: 0, answer: "已报网络部，下月勘察" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().answeredAt).not.toBeNull();
    const twice = await t.api("POST", `/api/field/visits/${first.id}/answers`, {
      token: agent,
      body: { index: 0, answer: "x" },
    });
    expect(twice.statusCode).toBe(409);
  });

  it("should let an agent see only the customers of their own area", async () => {
    const mine = (await t.api("GET", "/api/field/customers", { token: agent })).json();
    expect(mine.map((c: { id: string }) => c.id)).toContain(customerId);
    const theirs = await t.api("GET", "/api/field/customers", { token: otherAgent });
    expect(theirs.json()).toEqual([]);
    expect((await t.api("GET", `/api/field/customers/${customerId}`, { token: otherAgent })).statusCode).toBe(
      403,
    );
    const visit = await t.api("POST", `/api/field/customers/${customerId}/visits`, {
      token: otherAgent,
      body: { kind: "phone", at: new Date().toISOString() },
    });
    expect(visit.statusCode).toBe(403);
    const create = await t.api("POST", "/api/field/customers", {
      token: otherAgent,
      body: { name: "越界客户", tier: "key", areaCode: "SH-PD" },
    });
    expect(create.statusCode).toBe(403);
    const manager = await t.token("manager"); // a hall manager has no field role
    expect((await t.api("GET", "/api/field/customers", { token: manager })).statusCode).toBe(403);
  });

  it("should unmask a phone only on record", async () => {
    const res = await t.api("GET", `/api/field/customers/${customerId}/phone?reason=callback`, {
      token: agent,
    });
    expect(res.json()).toMatchObject({ phone: "13812341234", contacts: [{ phone: "13900001111" }] });
    const [row] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = ${customerId}`,
    );
    expect(Number(row.n)).toBe(1);
  });

  it("should let the operator set the cadence per tier, and no one else", async () => {
    const admin = await t.token("admin");
    const body = [{ tier: "household", inPersonDays: 30, phoneDays: null }];
    expect((await t.api("PUT", "/api/field/cadence", { token: area, body })).statusCode).toBe(403);
    const res = await t.api("PUT", "/api/field/cadence", { token: admin, body });
    expect(res.json()).toContainEqual({ tier: "household", inPersonDays: 30, phoneDays: null });
    const c = await t.api("POST", "/api/field/customers", {
      token: agent,
      body: { name: "李家", tier: "household", areaCode: "SH-PD" },
    });
    expect(Date.parse(c.json().nextInPersonVisitDueAt) - Date.parse(c.json().createdAt)).toBe(30 * DAY);
    expect(c.json().nextPhoneVisitDueAt).toBeNull();
  });

  it("should book a visit with a warning when less than a day ahead", async () => {
    const soon = await t.api("POST", `/api/field/customers/${customerId}/visit-plans`, {
      token: agent,
      body: { kind: "in_person", plannedAt: new Date(Date.now() + 3 * 3_600_000).toISOString() },
    });
    expect(soon.statusCode).toBe(201);
    expect(soon.json().warnings).toEqual(["less_than_one_day_ahead"]);
    expect(Date.parse(soon.json().plannedAt) - Date.parse(soon.json().arriveBy)).toBe(5 * 60_000);
    const later = await t.api("POST", `/api/field/customers/${customerId}/visit-plans`, {
      token: agent,
      body: { kind: "phone", plannedAt: new Date(Date.now() + 2 * DAY).toISOString() },
    });
    expect(later.json().warnings).toEqual([]);
  });
});
