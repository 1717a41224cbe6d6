import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { queryRows } from "../../core/db.js";
import { fieldContracts } from "./tables.js";

const DAY = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

// Contracts (协议) with product and amount, corrected on the customer card; opportunities (商机) with an
// amount in yuan to the fen, summed in the area manager's pipeline; visit plans booked from the card.
describe("field contracts, opportunity amounts and visit plans through the API", () => {
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
    const created = await t.api("POST", "/api/users", {
      token: admin,
      body: {
        username: "agent-cd",
        displayName: "成都代理",
        password: "tingwu-demo",
        role: "rural_agent",
        regionCode: "SC-CD",
      },
    });
    expect(created.statusCode).toBe(201);
    otherAgent = await t.token("agent-cd");
    const c = await t.api("POST", "/api/field/customers", {
      token: agent,
      body: { name: "张江电子厂", tier: "key", areaCode: "SH-PD", village: "联群村" },
    });
    customerId = c.json().id;
  });
  afterAll(() => t.close());

  const contracts = async () =>
    t.database.db.select().from(fieldContracts).where(eq(fieldContracts.customerId, customerId));
  const addContract = (body: object, token = agent) =>
    t.api("POST", `/api/field/customers/${customerId}/contracts`, { token, body });

  describe("contracts", () => {
    it("should record a contract with its product and amount in yuan", async () => {
      const res = await addContract({
        title: "政企宽带协议",
        product: "政企专线 100M",
        amount: 12345.67,
        startsOn: "2025-01-01",
        endsOn: dateIn(200),
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ product: "政企专线 100M", amount: 12345.67, status: "active" });
      const list = await t.api("GET", `/api/field/customers/${customerId}/contracts`, { token: agent });
      expect(list.json()[0]).toMatchObject({ title: "政企宽带协议", amount: 12345.67 });
    });

    it("should refuse an amount below zero or finer than a fen, and dates out of order, storing nothing", async () => {
      const before = (await contracts()).length;
      for (const body of [
        { title: "x", amount: -1, startsOn: "2025-01-01", endsOn: "2026-01-01" },
        { title: "x", amount: 10.005, startsOn: "2025-01-01", endsOn: "2026-01-01" },
        { title: "x", amount: "100", startsOn: "2025-01-01", endsOn: "2026-01-01" },
        { title: "x", startsOn: "2025-02-30", endsOn: "2026-01-01" },
        { title: "x", startsOn: "2026-01-01", endsOn: "2025-01-01" },
      ]) {
        const res = await addContract(body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.code).toBe("invalid_input");
      }
      expect((await contracts()).length).toBe(before);
    });

    it("should correct an active contract and start its reminders afresh when the end date moves", async () => {
      const k = (
        await addContract({ title: "IPTV 协议", startsOn: "2025-01-01", endsOn: dateIn(20) })
      ).json();
      // The 60- and 30-day reminders went out for the old end date.
      await t.database.db
        .update(fieldContracts)
        .set({ remindedDays: [60, 30] })
        .where(eq(fieldContracts.id, k.id));
      const path = `/api/field/contracts/${k.id}`;
      const fixed = await t.api("PATCH", path, {
        token: agent,
        body: { product: "天翼高清", amount: 1999.9, endsOn: dateIn(400) },
      });
      expect(fixed.statusCode).toBe(200);
      expect(fixed.json()).toMatchObject({ title: "IPTV 协议", product: "天翼高清", amount: 1999.9 });
      const [row] = await t.database.db.select().from(fieldContracts).where(eq(fieldContracts.id, k.id));
      expect(row.remindedDays).toEqual([]);
      // Only the amount changes: the reminders already sent stay sent.
      await t.database.db
        .update(fieldContracts)
        .set({ remindedDays: [60] })
        .where(eq(fieldContracts.id, k.id));
      await t.api("PATCH", path, { token: agent, body: { amount: null } });
      const [again] = await t.database.db.select().from(fieldContracts).where(eq(fieldContracts.id, k.id));
      expect(again).toMatchObject({ amount: null, remindedDays: [60], product: "天翼高清" });

      // An empty correction is refused (as on every PATCH route) and changes nothing.
      expect((await t.api("PATCH", path, { token: agent, body: {} })).statusCode).toBe(400);
      const same = await t.api("PATCH", path, { token: agent, body: { product: "天翼高清" } });
      expect(same.statusCode).toBe(200);
      expect(same.json()).toMatchObject({ amount: null, product: "天翼高清" });

      const backwards = await t.api("PATCH", path, { token: agent, body: { startsOn: dateIn(500) } });
      expect(backwards.statusCode).toBe(400);
      const nope = await t.api("PATCH", path, { token: otherAgent, body: { amount: 1 } });
      expect(nope.statusCode).toBe(403);
      const unknown = await t.api("PATCH", "/api/field/contracts/00000000-0000-4000-8000-000000000000", {
        token: agent,
        body: { amount: 1 },
      });
      expect(unknown.statusCode).toBe(404);
      const [after] = await t.database.db.select().from(fieldContracts).where(eq(fieldContracts.id, k.id));
      expect(after).toMatchObject({ startsOn: "2025-01-01", amount: null });
    });

    it("should carry product and amount into a renewal and keep the renewed contract as history", async () => {
      const k = (
        await addContract({
          title: "专线协议",
          product: "政企专线",
          amount: 8800,
          startsOn: "2025-01-01",
          endsOn: dateIn(30),
        })
      ).json();
      const renewed = await t.api("POST", `/api/field/contracts/${k.id}/renew`, {
        token: agent,
        body: { endsOn: dateIn(395) },
      });
      expect(renewed.statusCode).toBe(201);
      expect(renewed.json()).toMatchObject({ product: "政企专线", amount: 8800, startsOn: dateIn(30) });
      const late = await t.api("PATCH", `/api/field/contracts/${k.id}`, {
        token: agent,
        body: { amount: 1 },
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.details).toMatchObject({ state: "renewed" });
    });
  });

  describe("opportunity amounts and the pipeline", () => {
    const addOpp = (body: object) =>
      t.api("POST", `/api/field/customers/${customerId}/opportunities`, { token: agent, body });
    const pipeline = async () =>
      (await t.api("GET", "/api/field/reports/pipeline", { token: area })).json() as {
        stage: string;
        count: number;
        amount: number;
      }[];

    it("should sum amounts to the fen per stage in the pipeline and in the weekly report", async () => {
      for (const amount of [0.1, 0.2])
        expect((await addOpp({ title: "流量包", amount })).statusCode).toBe(201);
      expect((await addOpp({ title: "宽带提速" })).json().amount).toBeNull();
      const lines = await pipeline();
      expect(lines.map((l) => l.stage)).toEqual([
        "new",
        "qualified",
        "proposal",
        "negotiation",
        "won",
        "lost",
      ]);
      expect(lines[0]).toEqual({ stage: "new", count: 3, amount: 0.3 });
      const weekly = (await t.api("GET", "/api/field/reports/opportunities-weekly", { token: area })).json();
      expect(weekly.agents[0]).toMatchObject({ agentName: "刘代理", open: 3, openValue: 0.3 });
      // Another region's agent sees none of it.
      const theirs = (await t.api("GET", "/api/field/reports/pipeline", { token: otherAgent })).json();
      expect(theirs.every((l: { count: number }) => l.count === 0)).toBe(true);
    });

    it("should take an amount from a visit record and correct it while the opportunity is open", async () => {
      const visit = await t.api("POST", `/api/field/customers/${customerId}/visits`, {
        token: agent,
        body: {
          kind: "in_person",
          at: new Date().toISOString(),
          opportunities: [{ title: "厂区千兆光纤", amount: 30000.5 }],
        },
      });
      expect(visit.statusCode).toBe(201);
      const all = (
        await t.api("GET", `/api/field/opportunities?customerId=${customerId}`, { token: agent })
      ).json();
      const o = all.find((x: { title: string }) => x.title === "厂区千兆光纤");
      expect(o.amount).toBe(30000.5);
      const path = `/api/field/opportunities/${o.id}`;
      expect((await t.api("PATCH", path, { token: agent, body: {} })).statusCode).toBe(400);
      const fixed = await t.api("PATCH", path, { token: agent, body: { amount: 28000 } });
      expect(fixed.json()).toMatchObject({ amount: 28000, title: "厂区千兆光纤" });
      for (const amount of [-5, 1.001]) {
        const bad = await t.api("PATCH", path, { token: agent, body: { amount } });
        expect(bad.statusCode).toBe(400);
      }
      expect((await t.api("PATCH", path, { token: otherAgent, body: { amount: 1 } })).statusCode).toBe(403);
      await t.api("POST", `${path}/stage`, { token: agent, body: { stage: "won" } });
      const closed = await t.api("PATCH", path, { token: agent, body: { amount: 1 } });
      expect(closed.statusCode).toBe(409);
      const won = (await pipeline()).find((l) => l.stage === "won");
      expect(won).toEqual({ stage: "won", count: 1, amount: 28000 });
    });

    it("should keep an amount as numeric(14,2) in the database", async () => {
      const [col] = await queryRows<{ data_type: string; numeric_scale: number }>(
        t.database.db,
        sql`SELECT data_type, numeric_scale FROM information_schema.columns
            WHERE table_name = 'field_opportunities' AND column_name = 'amount'`,
      );
      expect(col).toMatchObject({ data_type: "numeric", numeric_scale: 2 });
    });
  });

  describe("visit plans", () => {
    const book = (body: object, token = agent, id = customerId) =>
      t.api("POST", `/api/field/customers/${id}/visit-plans`, { token, body });
    const planCount = async () =>
      Number(
        (
          await queryRows<{ n: number }>(
            t.database.db,
            sql`SELECT count(*)::int AS n FROM field_visit_plans WHERE customer_id = ${customerId}`,
          )
        )[0].n,
      );

    it("should book a visit from the card and list it on the agent's day", async () => {
      const at = new Date(Date.now() + 2 * DAY);
      const res = await book({ kind: "in_person", plannedAt: at.toISOString(), purpose: "续约洽谈" });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ status: "planned", purpose: "续约洽谈", warnings: [] });
      const plans = (await t.api("GET", "/api/field/visit-plans", { token: agent })).json();
      expect(plans.map((p: { id: string }) => p.id)).toContain(res.json().id);
    });

    it("should refuse a visit in the past, more than a year ahead, malformed or out of scope, booking nothing", async () => {
      const before = await planCount();
      for (const body of [
        { kind: "in_person", plannedAt: new Date(Date.now() - 3_600_000).toISOString() },
        { kind: "in_person", plannedAt: new Date(Date.now() + 400 * DAY).toISOString() },
        { kind: "in_person", plannedAt: "next tuesday" },
        { kind: "by_pigeon", plannedAt: new Date(Date.now() + DAY).toISOString() },
        { kind: "phone", plannedAt: new Date(Date.now() + DAY).toISOString(), purpose: "x".repeat(501) },
      ]) {
        const res = await book(body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.code).toBe("invalid_input");
      }
      const theirs = await book(
        { kind: "phone", plannedAt: new Date(Date.now() + DAY).toISOString() },
        otherAgent,
      );
      expect(theirs.statusCode).toBe(403);
      const nobody = await book(
        { kind: "phone", plannedAt: new Date(Date.now() + DAY).toISOString() },
        agent,
        "00000000-0000-4000-8000-000000000000",
      );
      expect(nobody.statusCode).toBe(404);
      expect(await planCount()).toBe(before);
    });
  });
});
