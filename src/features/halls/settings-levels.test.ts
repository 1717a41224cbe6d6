import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { queryRows } from "../../core/db.js";
import { sweepGreetings } from "../queue/sweeps.js";

// Issue 16: every number is a default that the operator, a region or a hall may change — each key from the
// nearest level that sets it — and every change is on record with what changed.
describe("settings inherited operator → region → hall", () => {
  let t: TestApp;
  let admin: string;
  let area: string;
  let manager: string;
  let hallId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    area = await t.token("area");
    manager = await t.token("manager");
    hallId = t.demo.hallId;
  });
  afterAll(() => t.close());

  const put = (scope: string, settings: object, token = admin) =>
    t.api("PUT", "/api/settings/levels", { token, body: { scope, settings } });
  const effective = async () =>
    (await t.api("GET", `/api/halls/${hallId}`, { token: manager })).json().effectiveSettings;

  it("should take each key from the nearest level that sets it", async () => {
    expect(
      (await put("operator", { greetingLimitSeconds: 90, vipWaitBeforeRegularSeconds: 600 })).statusCode,
    ).toBe(200);
    expect(await effective()).toMatchObject({ greetingLimitSeconds: 90, vipWaitBeforeRegularSeconds: 600 });
    // The region (the demo hall's, SH-PD) sets the greeting limit again; the VIP wait stays the operator's.
    const region = await put(
      "region:SH-PD",
      { greetingLimitSeconds: 45, waitLimitSeconds: { payment: 300 } },
      area,
    );
    expect(region.statusCode).toBe(200);
    expect(region.json()).toMatchObject({
      settings: { greetingLimitSeconds: 45 },
      inherited: { greetingLimitSeconds: 90, vipWaitBeforeRegularSeconds: 600 },
      updatedBy: "王片区",
    });
    expect(await effective()).toMatchObject({ greetingLimitSeconds: 45, vipWaitBeforeRegularSeconds: 600 });
    // The hall's own value wins, and the per-type limits merge type by type.
    const own = await t.api("PATCH", `/api/halls/${hallId}/settings`, {
      token: manager,
      body: { greetingLimitSeconds: 30, waitLimitSeconds: { change: 900 } },
    });
    expect(own.json().settings).toMatchObject({ greetingLimitSeconds: 30 });
    expect(own.json().effectiveSettings).toMatchObject({
      greetingLimitSeconds: 30,
      waitLimitSeconds: { payment: 300, change: 900 },
    });
  });

  it("should act on the inherited value: the greeting sweep and a ticket's waiting limit", async () => {
    // The hall's own 30 s greeting limit: a visit ungreeted 40 s is a breach.
    await t.api("POST", `/api/halls/${hallId}/tickets`, {
      token: manager,
      body: { businessType: "payment" },
    });
    expect(await sweepGreetings(t.app.ctx, new Date(Date.now() + 40_000))).toBeGreaterThanOrEqual(1);
    // A payment ticket carries the region's 300 s waiting limit.
    const ticket = (
      await t.api("POST", `/api/halls/${hallId}/tickets`, {
        token: manager,
        body: { businessType: "payment" },
      })
    ).json();
    const [row] = await queryRows<{ limit: number }>(
      t.database.db,
      sql`SELECT wait_limit_seconds AS limit FROM tickets WHERE id = ${ticket.id}`,
    );
    expect(row.limit).toBe(300);
  });

  it("should set the opening rule and the fault clocks of a region", async () => {
    await put("region:SH-PD", { minOpeningHours: 8, faultRepairHours: { broadband: 12 } }, area);
    // 09:00–18:00 is 9 hours: short of the operator's default 10, enough for the region's 8.
    const hall = await t.api("POST", "/api/halls", {
      token: area,
      body: {
        name: "八小时厅",
        type: "self_run",
        regionCode: "SH-PD",
        openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "09:00", close: "18:00" }],
      },
    });
    expect(hall.json().warnings).toBeUndefined();
    // A broadband fault recorded in the region: repaired within the region's 12 hours, reported within 5 min.
    const fault = await t.api("POST", "/api/faults", {
      token: await t.token("agent"),
      body: {
        customer: { name: "李大爷", phone: "13600001234", address: "红星村3组12号" },
        service: "broadband",
        symptom: "宽带无法上网",
      },
    });
    expect(fault.statusCode).toBe(201);
    const f = fault.json();
    const recorded = Date.parse(f.recordedAt ?? f.createdAt);
    expect(Date.parse(f.repairDueAt) - recorded).toBe(12 * 3_600_000);
    expect(Date.parse(f.reportDueAt) - recorded).toBe(5 * 60_000);
    await put("region:SH-PD", { greetingLimitSeconds: 45, waitLimitSeconds: { payment: 300 } }, area);
  });

  it("should put every change on record with what changed", async () => {
    const log = (await t.api("GET", "/api/audit?action=settings_changed", { token: admin })).json().items;
    expect(log.map((e: { subjectId: string }) => e.subjectId)).toEqual([
      "region:SH-PD",
      "region:SH-PD",
      `hall:${hallId}`,
      "region:SH-PD",
      "operator",
    ]);
    expect(log[4].reason).toContain("greetingLimitSeconds: — → 90");
    expect(log[1].reason).toContain('faultRepairHours: — → {"broadband":12}');
    expect(log[3]).toMatchObject({ actorName: "王片区" });
  });

  it("should keep each level to its people and refuse bad values", async () => {
    expect((await put("operator", {}, area)).statusCode).toBe(403);
    expect((await put("region:SH-XH", {}, area)).statusCode).toBe(403);
    expect((await put("region:SH-PD", {}, manager)).statusCode).toBe(403);
    expect((await put("city:SH", {})).statusCode).toBe(400);
    expect((await put("operator", { peakThresholds: [3, 2, 4] })).statusCode).toBe(400);
    expect((await put("operator", { expressBusinessTypes: ["nope"] })).statusCode).toBe(400);
    // Cleared at the region: the operator's value comes back.
    await put("region:SH-PD", {}, area);
    await t.api("PATCH", `/api/halls/${hallId}`, { token: admin, body: { settings: {} } });
    expect(await effective()).toMatchObject({ greetingLimitSeconds: 90 });
  });
});
