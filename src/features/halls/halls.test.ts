import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, buildTestApp, type TestApp } from "../../../test/helpers.js";
import { seedEssentials } from "../../cli/seed.js";
import { businessTypes } from "./tables.js";

const ALL_DAY = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];

describe("halls, counters and the catalog through the API", () => {
  let t: TestApp;
  let admin: string;
  let area: string; // area manager of SH-PD, the demo's region
  let otherArea: string; // area manager of BJ-HD
  let manager: string;
  let counter1: string;
  let bjHallId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    area = await t.token("area");
    manager = await t.token("manager");
    counter1 = await t.token("counter1");
    const created = await t.api("POST", "/api/users", {
      token: admin,
      body: {
        username: "area-bj",
        displayName: "北京片区",
        password: "beijing-area-pw",
        role: "area_manager",
        regionCode: "BJ-HD",
      },
    });
    expect(created.statusCode).toBe(201);
    const res = await t.api("POST", "/api/auth/token", {
      body: { username: "area-bj", password: "beijing-area-pw" },
    });
    otherArea = res.json().token;
  });
  afterAll(() => t.close());

  const createHall = (token: string, body: object) => t.api("POST", "/api/halls", { token, body });
  const names = (res: { json: () => { name: string }[] }) => res.json().map((h) => h.name);

  describe("halls", () => {
    it("should create a hall with 09:00–19:00 every day when no hours are given", async () => {
      const res = await createHall(admin, { name: "中关村自营厅", type: "self_run", regionCode: "BJ-HD" });
      expect(res.statusCode).toBe(201);
      const hall = res.json();
      bjHallId = hall.id;
      expect(hall).toMatchObject({
        id: expect.any(String),
        name: "中关村自营厅",
        type: "self_run",
        regionCode: "BJ-HD",
        openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "09:00", close: "19:00" }],
      });
      expect(hall.warnings).toBeUndefined();
      const got = await t.api("GET", `/api/halls/${hall.id}`, { token: admin });
      expect(got.json()).toMatchObject({ id: hall.id, name: "中关村自营厅" });
    });

    it("should list for an area manager only the halls of their own region", async () => {
      const mine = await t.api("GET", "/api/halls", { token: area });
      expect(mine.statusCode).toBe(200);
      expect(mine.json().every((h: { regionCode: string }) => h.regionCode === "SH-PD")).toBe(true);
      expect(names(mine)).toEqual(expect.arrayContaining(["陆家嘴自营厅", "世纪大道自营厅", "张江合作厅"]));
      expect(names(mine)).not.toContain("中关村自营厅");
      expect(names(await t.api("GET", "/api/halls", { token: otherArea }))).toEqual(["中关村自营厅"]);
      expect(names(await t.api("GET", "/api/halls", { token: admin }))).toContain("中关村自营厅");
      // A hall's own staff see their hall only.
      expect(names(await t.api("GET", "/api/halls", { token: counter1 }))).toEqual(["陆家嘴自营厅"]);
    });

    it("should refuse an area manager another region's hall", async () => {
      expect((await t.api("GET", `/api/halls/${bjHallId}`, { token: area })).statusCode).toBe(403);
      const patch = await t.api("PATCH", `/api/halls/${bjHallId}`, { token: area, body: { name: "改名" } });
      expect(patch.statusCode).toBe(403);
      expect(patch.json().error.code).toBe("forbidden");
      const create = await createHall(area, { name: "越界厅", type: "self_run", regionCode: "BJ-HD" });
      expect(create.statusCode).toBe(403);
      expect(names(await t.api("GET", "/api/halls", { token: admin }))).not.toContain("越界厅");
    });

    it("should let an area manager create and update halls in their region, but not move one out", async () => {
      const res = await createHall(area, { name: "金桥自营厅", type: "self_run", regionCode: "SH-PD" });
      expect(res.statusCode).toBe(201);
      const id = res.json().id;
      const renamed = await t.api("PATCH", `/api/halls/${id}`, { token: area, body: { name: "金桥旗舰厅" } });
      expect(renamed.statusCode).toBe(200);
      expect((await t.api("GET", `/api/halls/${id}`, { token: area })).json().name).toBe("金桥旗舰厅");
      const moved = await t.api("PATCH", `/api/halls/${id}`, { token: area, body: { regionCode: "BJ-HD" } });
      expect(moved.statusCode).toBe(403);
      expect((await t.api("GET", `/api/halls/${id}`, { token: admin })).json().regionCode).toBe("SH-PD");
    });

    it("should not let hall staff create halls", async () => {
      for (const token of [manager, counter1]) {
        expect(
          (await createHall(token, { name: "x", type: "self_run", regionCode: "SH-PD" })).statusCode,
        ).toBe(403);
      }
    });
  });

  describe("opening hours (R-HALL)", () => {
    const hours = (open: string, close: string, weekdays = [1, 2, 3, 4, 5, 6, 7]) => [
      { weekdays, open, close },
    ];
    const withHours = (openingHours: unknown) =>
      createHall(admin, { name: "营业时间厅", type: "self_run", regionCode: "T-HRS", openingHours });

    it.each([
      ["opening at closing time", hours("09:00", "09:00")],
      ["opening after closing", hours("19:00", "09:00")],
      ["an hour that does not exist", hours("09:00", "25:00")],
      ["a weekday 8", hours("09:00", "19:00", [1, 8])],
      ["a weekday twice", [...hours("09:00", "19:00", [1, 2]), ...hours("10:00", "20:00", [2, 3])]],
      ["no weekdays", hours("09:00", "19:00", [])],
    ])("should refuse %s with 400", async (_, openingHours) => {
      const res = await withHours(openingHours);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("invalid_input");
    });

    it("should accept a close of 24:00 without a warning", async () => {
      const res = await withHours(ALL_DAY);
      expect(res.statusCode).toBe(201);
      expect(res.json().warnings).toBeUndefined();
    });

    it("should accept hours shorter than 10 continuous hours with a warning", async () => {
      const res = await withHours([
        ...hours("09:00", "19:00", [1, 2, 3, 4, 5]),
        ...hours("10:00", "16:00", [6, 7]),
      ]);
      expect(res.statusCode).toBe(201);
      expect(res.json().warnings).toEqual([expect.stringMatching(/6,7.*shorter than 10/)]);
      expect(res.json().openingHours).toHaveLength(2);
    });

    it("should warn on an update to short hours and stop warning once they are long enough", async () => {
      const id = (await withHours(ALL_DAY)).json().id;
      const short = await t.api("PATCH", `/api/halls/${id}`, {
        token: admin,
        body: { openingHours: hours("09:00", "17:00") },
      });
      expect(short.statusCode).toBe(200);
      expect(short.json().warnings).toHaveLength(1);
      const long = await t.api("PATCH", `/api/halls/${id}`, {
        token: admin,
        body: { openingHours: hours("08:30", "18:30") },
      });
      expect(long.json().warnings).toBeUndefined();
      const bad = await t.api("PATCH", `/api/halls/${id}`, {
        token: admin,
        body: { openingHours: hours("18:00", "08:00") },
      });
      expect(bad.statusCode).toBe(400);
      expect((await t.api("GET", `/api/halls/${id}`, { token: admin })).json().openingHours).toEqual(
        hours("08:30", "18:30"),
      );
    });
  });

  describe("counters", () => {
    const addCounter = (token: string, hallId: string, body: object) =>
      t.api("POST", `/api/halls/${hallId}/counters`, { token, body });

    it("should refuse a counter with an unknown business type, naming it", async () => {
      const res = await addCounter(admin, bjHallId, {
        label: "1号窗口",
        businessTypes: ["payment", "teleportation"],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: "invalid_input",
        message: expect.stringContaining("teleportation"),
      });
      expect((await addCounter(admin, bjHallId, { label: "1号窗口", businessTypes: [] })).statusCode).toBe(
        400,
      );
      expect((await t.api("GET", `/api/halls/${bjHallId}/counters`, { token: admin })).json()).toEqual([]);
    });

    it("should number new counters one after another, closed until opened", async () => {
      const first = await addCounter(otherArea, bjHallId, { label: "1号窗口", businessTypes: ["payment"] });
      const second = await addCounter(otherArea, bjHallId, {
        label: "2号窗口 VIP",
        businessTypes: ["payment"],
        vip: true,
      });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({
        number: 1,
        status: "closed",
        vip: false,
        businessTypes: ["payment"],
      });
      expect(second.json()).toMatchObject({ number: 2, vip: true });
    });

    it("should let only managers in scope add counters", async () => {
      const body = { label: "3号窗口", businessTypes: ["payment"] };
      expect((await addCounter(area, bjHallId, body)).statusCode).toBe(403);
      expect((await addCounter(manager, bjHallId, body)).statusCode).toBe(403);
      expect((await addCounter(counter1, t.demo.hallId, body)).statusCode).toBe(403);
      expect((await addCounter(manager, t.demo.hallId, body)).statusCode).toBe(201);
    });

    it("should not reach another hall's counter through this hall's address", async () => {
      const coopCounter = (
        await t.api("GET", `/api/halls/${t.demo.cooperativeHallId}/counters`, { token: admin })
      ).json()[0];
      const res = await t.api("PATCH", `/api/halls/${t.demo.hallId}/counters/${coopCounter.id}`, {
        token: admin,
        body: { label: "劫持" },
      });
      expect(res.statusCode).toBe(404);
      const after = (
        await t.api("GET", `/api/halls/${t.demo.cooperativeHallId}/counters`, { token: admin })
      ).json()[0];
      expect(after.label).toBe(coopCounter.label);
    });
  });

  describe("business catalog (R-CATALOG)", () => {
    it("should offer the spec's types with their prefixes, limits and hall restrictions", async () => {
      const res = await t.api("GET", "/api/business-types", { token: counter1 });
      expect(res.statusCode).toBe(200);
      const byCode = new Map(res.json().map((b: { code: string }) => [b.code, b]));
      expect(byCode.get("payment")).toMatchObject({ name: "交费", prefix: "A", handlingLimitSeconds: 180 });
      expect(byCode.get("suspension")).toMatchObject({ name: "停机", handlingLimitSeconds: 180 });
      expect(byCode.get("sim_replacement")).toMatchObject({ name: "挂失补卡", handlingLimitSeconds: 300 });
      expect(byCode.get("change")).toMatchObject({ name: "业务变更", handlingLimitSeconds: 180 });
      // The improvement plan's divertible business, with the channels that do it without a counter.
      for (const [code, name] of [
        ["balance_query", "话费查询"],
        ["bill_printing", "清单打印"],
      ])
        expect(byCode.get(code)).toMatchObject({
          name,
          forbiddenHallTypes: [],
          divertChannels: ["self_service_terminal", "online_hall", "sms_hall"],
        });
      const cooperativeMayNot = [
        "cancellation",
        "refund",
        "sim_replacement",
        "points_redemption",
        "data_change",
      ];
      for (const code of [
        ...cooperativeMayNot,
        "new_subscription",
        "consultation",
        "payment",
        "suspension",
        "change",
      ]) {
        expect(byCode.has(code), code).toBe(true);
        const forbidden = (byCode.get(code) as { forbiddenHallTypes: string[] }).forbiddenHallTypes;
        expect(forbidden.includes("cooperative"), code).toBe(cooperativeMayNot.includes(code));
      }
      const prefixes = res.json().map((b: { prefix: string }) => b.prefix);
      expect(new Set(prefixes).size).toBe(prefixes.length);
    });

    const newType = {
      code: "broadband",
      name: "宽带报装",
      nameEn: "Broadband",
      prefix: "N",
      handlingLimitSeconds: 600,
    };

    it("should let only an operator admin add or change a business type", async () => {
      for (const token of [area, manager, counter1]) {
        expect((await t.api("POST", "/api/business-types", { token, body: newType })).statusCode).toBe(403);
        const patch = await t.api("PATCH", "/api/business-types/payment", {
          token,
          body: { handlingLimitSeconds: 1 },
        });
        expect(patch.statusCode).toBe(403);
      }
      const created = await t.api("POST", "/api/business-types", { token: admin, body: newType });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ ...newType, active: true, waitLimitSeconds: 600 });
      const changed = await t.api("PATCH", "/api/business-types/payment", {
        token: admin,
        body: { handlingLimitSeconds: 240 },
      });
      expect(changed.statusCode).toBe(200);
      const catalog = (await t.api("GET", "/api/business-types", { token: counter1 })).json();
      expect(catalog.find((b: { code: string }) => b.code === "payment").handlingLimitSeconds).toBe(240);
      // The new type can be served at once.
      const counter = await t.api("POST", `/api/halls/${bjHallId}/counters`, {
        token: admin,
        body: { label: "宽带窗口", businessTypes: ["broadband"] },
      });
      expect(counter.statusCode).toBe(201);
    });

    it("should give a running operator the defaults added since at its next start, and keep its own changes", async () => {
      const before = (await t.api("GET", "/api/business-types", { token: admin })).json();
      await t.database.db.delete(businessTypes).where(eq(businessTypes.code, "bill_printing"));
      await seedEssentials(t.database.db, ADMIN_PASSWORD);
      const after = (await t.api("GET", "/api/business-types", { token: admin })).json();
      expect(after).toEqual(before);
    });

    it("should refuse a repeated code or prefix with 409 and an unknown code with 404", async () => {
      const again = await t.api("POST", "/api/business-types", { token: admin, body: newType });
      expect(again.statusCode).toBe(409);
      const samePrefix = await t.api("POST", "/api/business-types", {
        token: admin,
        body: { ...newType, code: "fiber" },
      });
      expect(samePrefix.statusCode).toBe(409);
      const takenPrefix = await t.api("PATCH", "/api/business-types/broadband", {
        token: admin,
        body: { prefix: "A" },
      });
      expect(takenPrefix.statusCode).toBe(409);
      expect(
        (await t.api("PATCH", "/api/business-types/nonexistent", { token: admin, body: { name: "x" } }))
          .statusCode,
      ).toBe(404);
      const catalog = (await t.api("GET", "/api/business-types", { token: admin })).json();
      expect(catalog.find((b: { code: string }) => b.code === "broadband").prefix).toBe("N");
      expect(catalog.some((b: { code: string }) => b.code === "fiber")).toBe(false);
    });
  });
});
