import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { type Database, openDatabase, queryRows } from "../../core/db.js";
import { type FaultActionPath, type FaultState, faultActionBodies } from "./contract.js";
import { faultNext } from "./rules.js";
import { sweepFaultClocks } from "./sweeps.js";

const MIN = 60_000;
const fault = (extra: object = {}) => ({
  customer: { name: "李大爷", phone: "13600001234", address: "红星村3组12号" },
  service: "broadband",
  symptom: "宽带无法上网，光猫红灯",
  ...extra,
});

describe("property: no fault closes without the customer's confirmation", () => {
  it("should hold for any sequence of actions", () => {
    const actions = Object.keys(faultActionBodies) as FaultActionPath[];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 30 }), (steps) => {
        let state: FaultState = "recorded";
        let confirmed = false;
        for (const a of steps) {
          const to = faultNext(state, a);
          if (!to) continue;
          if (a === "confirm") confirmed = true;
          state = to;
          if (state === "closed") expect(confirmed).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("faults API and clocks", () => {
  let t: TestApp;
  let second: Database | null = null;
  let agent: string;
  beforeAll(async () => {
    t = await buildTestApp();
    agent = await t.token("agent");
    if (t.url) second = await openDatabase({ url: t.url, poolSize: 5 });
  });
  afterAll(async () => {
    await second?.close();
    await t.close();
  });
  const act = (id: string, action: string, body?: object, token = agent) =>
    t.api("POST", `/api/faults/${id}/${action}`, { token, body });
  async function sweepBoth(now: Date) {
    if (second) await Promise.all([sweepFaultClocks(t.database.db, now), sweepFaultClocks(second.db, now)]);
    else {
      await sweepFaultClocks(t.database.db, now);
      await sweepFaultClocks(t.database.db, now);
    }
  }
  const outbox = (id: string) =>
    queryRows<{ clock: string; level: string; recipient: string }>(
      t.database.db,
      sql`SELECT payload->>'clock' AS clock, payload->>'level' AS level, recipient FROM outbox WHERE payload->>'faultId' = ${id} ORDER BY id`,
    );

  it("should record a fault with its 5-minute, 30-minute and 24-hour clocks, masked phone", async () => {
    const res = await t.api("POST", "/api/faults", { token: agent, body: fault({ keyCustomer: true }) });
    expect(res.statusCode).toBe(201);
    const f = res.json();
    const at = Date.parse(f.recordedAt);
    expect(Date.parse(f.reportDueAt) - at).toBe(5 * MIN);
    expect(Date.parse(f.progressDueAt) - at).toBe(30 * MIN);
    expect(Date.parse(f.repairDueAt) - at).toBe(24 * 60 * MIN);
    expect(f.customer.phone).toBe("136****1234");
    const mobile = (
      await t.api("POST", "/api/faults", { token: agent, body: fault({ service: "mobile" }) })
    ).json();
    expect(mobile.progressDueAt).toBeNull();
    expect(Date.parse(mobile.repairDueAt) - Date.parse(mobile.recordedAt)).toBe(48 * 60 * MIN);
    expect(
      (await t.api("POST", "/api/faults", { token: agent, body: fault({ service: "tv" }) })).statusCode,
    ).toBe(400);
  });

  it("should text the customer a progress update told by SMS, and nothing for one told by phone", async () => {
    const f = (
      await t.api("POST", "/api/faults", { token: agent, body: fault({ keyCustomer: true }) })
    ).json();
    expect((await act(f.id, "report", { reference: "10000-9001" })).statusCode).toBe(200);
    expect((await act(f.id, "progress", { note: "维修人员已出发", channel: "phone" })).statusCode).toBe(200);
    expect((await act(f.id, "progress", { note: "预计下午三点前修复", channel: "sms" })).statusCode).toBe(
      200,
    );
    const texts = await queryRows<{ recipient: string; body: string }>(
      t.database.db,
      sql`SELECT recipient, body FROM outbox WHERE payload->>'faultId' = ${f.id} AND payload->>'kind' = 'fault_progress'`,
    );
    expect(texts).toEqual([
      { recipient: "13600001234", body: "【故障处理】李大爷您好，您的宽带故障进展：预计下午三点前修复" },
    ]);
  });

  it("should close only after the customer confirms, then a callback; unsatisfied ones are collected", async () => {
    const f = (await t.api("POST", "/api/faults", { token: agent, body: fault() })).json();
    expect((await act(f.id, "report", { reference: "10000-8812" })).json()).toMatchObject({
      state: "reported",
      reportLate: false,
    });
    expect((await act(f.id, "callback", { satisfaction: "satisfied" })).statusCode).toBe(409);
    expect((await act(f.id, "repaired", { note: "更换光猫" })).json().state).toBe("repaired");
    expect((await act(f.id, "callback", { satisfaction: "satisfied" })).statusCode).toBe(409);
    expect((await act(f.id, "confirm", { method: "phone" })).statusCode).toBe(400);
    const confirmed = (await act(f.id, "confirm", { confirmedBy: "李大爷本人", method: "phone" })).json();
    expect(confirmed).toMatchObject({
      state: "confirmed",
      confirmedBy: "李大爷本人",
      confirmMethod: "phone",
    });
    const closed = (await act(f.id, "callback", { satisfaction: "dissatisfied", note: "等太久" })).json();
    expect(closed.state).toBe("closed");
    expect(closed.history.map((h: { action: string }) => h.action)).toEqual([
      "record",
      "report",
      "repaired",
      "confirm",
      "callback",
    ]);
    const unsatisfied = (
      await t.api("GET", "/api/faults?unsatisfied=true", { token: await t.token("area") })
    ).json();
    expect(unsatisfied.map((x: { id: string }) => x.id)).toContain(f.id);
  });

  it("should keep an agent to their own area and another person's fault to its owner", async () => {
    const f = (await t.api("POST", "/api/faults", { token: agent, body: fault() })).json();
    expect((await t.api("GET", `/api/faults/${f.id}`, { token: await t.token("counter1") })).statusCode).toBe(
      403,
    );
    expect((await t.api("GET", `/api/faults/${f.id}`, { token: await t.token("coop") })).statusCode).toBe(
      403,
    );
    const other = await t.api("POST", "/api/faults", { token: agent, body: fault({ regionCode: "BJ-HD" }) });
    expect(other.statusCode).toBe(403);
    expect((await act(f.id, "report", {}, await t.token("counter1"))).statusCode).toBe(403);
    expect(
      (await t.api("GET", `/api/faults/${f.id}/phone?reason=callback`, { token: agent })).json(),
    ).toEqual({
      phone: "13600001234",
    });
  });

  it("should warn and escalate each fault clock once with two instances, and flag a late report", async () => {
    const f = (
      await t.api("POST", "/api/faults", { token: agent, body: fault({ keyCustomer: true }) })
    ).json();
    const at = Date.parse(f.recordedAt);
    await sweepBoth(new Date(at + 4.5 * MIN)); // 90 % of the 5 minutes
    expect((await outbox(f.id)).map((m) => `${m.clock}:${m.level}`)).toEqual(["report:warning"]);
    await sweepBoth(new Date(at + 6 * MIN));
    await sweepBoth(new Date(at + 7 * MIN));
    const afterReport = await outbox(f.id);
    expect(afterReport.map((m) => `${m.clock}:${m.level}`)).toEqual(["report:warning", "report:breach"]);
    const late = (await t.api("GET", `/api/faults/${f.id}`, { token: agent })).json();
    expect(late.reportLate).toBe(true);
    // 30-minute progress for a key customer: the agent, then the agent and the area manager.
    await sweepBoth(new Date(at + 31 * MIN));
    await sweepBoth(new Date(at + 32 * MIN));
    const progress = (await outbox(f.id)).filter((m) => m.clock === "progress");
    expect(progress.map((m) => m.level)).toEqual(["warning", "breach", "breach"]);
    // The repair limit: the area manager hears before it passes (at 80 %), then once more when it does.
    await sweepBoth(new Date(at + 20 * 60 * MIN));
    await sweepBoth(new Date(at + 25 * 60 * MIN));
    await sweepBoth(new Date(at + 26 * 60 * MIN));
    const repair = (await outbox(f.id)).filter((m) => m.clock === "repair");
    expect(repair.map((m) => m.level)).toEqual(["warning", "breach", "breach"]);
    const alerts = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM fault_alerts WHERE fault_id = ${f.id}`,
    );
    expect(Number(alerts[0].n)).toBe(6);
  });

  it("should tell the area manager of a major fault at once", async () => {
    const f = (await t.api("POST", "/api/faults", { token: agent, body: fault({ major: true }) })).json();
    expect((await outbox(f.id)).map((m) => `${m.clock}:${m.level}`)).toEqual(["major:breach"]);
  });
});
