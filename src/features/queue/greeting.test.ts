import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import type { AppContext } from "../../core/context.js";
import { hallEvents } from "../../core/tables.js";
import { sweepGreetings } from "./sweeps.js";
import { journeys } from "./tables.js";

const allDay = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];

// R-TIME greeting (Z1 进厅问候): a visit nobody greets within the hall's greetingLimitSeconds (default 60)
// of its ticket is a greeting breach, recorded by the sweep as the limit passes — once — and shown live.
describe("greeting breaches found by the sweep", () => {
  let t: TestApp;
  let admin: string;
  let hallId: string;
  let ctx: AppContext;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    const hall = await t.api("POST", "/api/halls", {
      token: admin,
      body: { name: "问候测试厅", type: "self_run", regionCode: "T-3", openingHours: allDay },
    });
    hallId = hall.json().id;
    ctx = t.app.ctx;
  });
  afterAll(() => t.close());

  const issue = async () =>
    (
      await t.api("POST", `/api/halls/${hallId}/tickets`, { token: admin, body: { businessType: "payment" } })
    ).json();
  const breaches = async () =>
    (await t.api("GET", `/api/halls/${hallId}/breaches`, { token: admin }))
      .json()
      .filter((b: { kind: string }) => b.kind === "greeting");
  const later = (seconds: number) => new Date(Date.now() + seconds * 1000);

  it("should breach an ungreeted visit once its limit passes, once, with its event", async () => {
    const ticket = await issue();
    // Not yet: within the minute nothing is recorded.
    expect(await sweepGreetings(ctx, later(30))).toBe(0);
    expect(await breaches()).toEqual([]);
    expect(await sweepGreetings(ctx, later(61))).toBe(1);
    expect(await sweepGreetings(ctx, later(120))).toBe(0);
    const found = await breaches();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: "greeting", limitSeconds: 60 });
    const [visit] = await t.database.db.select().from(journeys).where(eq(journeys.id, ticket.visitId));
    expect(visit.greetingBreached).toBe(true);
    const events = await t.database.db
      .select()
      .from(hallEvents)
      .where(and(eq(hallEvents.hallId, hallId), eq(hallEvents.type, "limit.breached")));
    expect(events.map((e) => e.data)).toContainEqual({
      kind: "greeting",
      visitId: ticket.visitId,
      limitSeconds: 60,
    });
  });

  it("should leave a greeted visit alone, and take the hall's own limit", async () => {
    const ticket = await issue();
    const greeted = await t.api("POST", `/api/halls/${hallId}/visit-nodes`, {
      token: admin,
      body: { node: "Z1", visitId: ticket.visitId },
    });
    expect(greeted.statusCode).toBe(200);
    expect(greeted.json().greetingBreached).toBe(false);
    expect(await sweepGreetings(ctx, later(600))).toBe(0);

    expect(
      (
        await t.api("PATCH", `/api/halls/${hallId}/settings`, {
          token: admin,
          body: { greetingLimitSeconds: 300 },
        })
      ).statusCode,
    ).toBe(200);
    const slow = await issue();
    expect(await sweepGreetings(ctx, later(120))).toBe(0);
    expect(await sweepGreetings(ctx, later(301))).toBe(1);
    const mine = (await breaches()).filter((b: { visitId: string }) => b.visitId === slow.visitId);
    expect(mine).toMatchObject([{ limitSeconds: 300 }]);
  });

  it("should record a hall's overdue visits together, each once, with two sweeps racing", async () => {
    const before = (await breaches()).length;
    const visits = [await issue(), await issue(), await issue()].map((x) => x.visitId);
    // Past the hall's 300 s limit (set above); two instances sweeping at once record each visit once.
    const [a, b] = await Promise.all([sweepGreetings(ctx, later(400)), sweepGreetings(ctx, later(400))]);
    expect(a + b).toBe(3);
    const found = await breaches();
    expect(found).toHaveLength(before + 3);
    expect(found.filter((x: { visitId: string }) => visits.includes(x.visitId))).toHaveLength(3);
    const events = await t.database.db
      .select()
      .from(hallEvents)
      .where(and(eq(hallEvents.hallId, hallId), eq(hallEvents.type, "limit.breached")));
    for (const visitId of visits)
      expect(events.filter((e) => (e.data as { visitId?: string }).visitId === visitId)).toHaveLength(1);
  });

  it("should refuse a greeting limit out of range (400) and keep the one set", async () => {
    const res = await t.api("PATCH", `/api/halls/${hallId}/settings`, {
      token: admin,
      body: { greetingLimitSeconds: 5 },
    });
    expect(res.statusCode).toBe(400);
    const hall = (await t.api("GET", `/api/halls/${hallId}`, { token: admin })).json();
    expect(hall.settings.greetingLimitSeconds).toBe(300);
  });
});
