import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

// 突发事件 (R-SITE) through the API: the time line, who was told, the closure, and the outage's fault.
describe("incidents", () => {
  let t: TestApp;
  let manager: string;
  const hall = () => t.demo.hallId;
  const record = (token: string, body: Record<string, unknown>) =>
    t.api("POST", `/api/halls/${hall()}/incidents`, { token, body });
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
  });
  afterAll(() => t.close());

  it("should keep a serious disturbance's time line and close it only once the police and security were told", async () => {
    const security = await t.token("security");
    const res = await record(security, {
      kind: "disturbance",
      severity: "serious",
      occurredAt: minutesAgo(30),
      summary: "一名客户因停机争执，推搡柜台人员",
      people: [
        { name: "张先生", role: "customer" },
        { name: "钱柜员", role: "staff", note: "手臂擦伤" },
      ],
      actions: ["引导客户至贵宾室单独沟通"],
    });
    expect(res.statusCode).toBe(201);
    const i = res.json();
    expect(i).toMatchObject({
      state: "open",
      mustNotify: ["police", "security"],
      missing: ["police", "security"],
    });
    expect(i.timeline.map((l: { kind: string }) => l.kind)).toEqual(["opened", "action"]);
    expect(i.timeline[0].text).toBe("一名客户因停机争执，推搡柜台人员");
    // Security records, a manager closes.
    expect(i.allowedActions).toEqual(["note", "notify"]);

    const close = (token: string) =>
      t.api("POST", `/api/incidents/${i.id}/close`, { token, body: { summary: "客户致歉离开，柜员就医" } });
    expect((await close(security)).statusCode).toBe(403);
    const early = await close(manager);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details).toEqual({ missing: ["police", "security"] });

    const told = await t.api("POST", `/api/incidents/${i.id}/notify`, {
      token: security,
      body: { party: "police", reference: "沪公陆 2026-118" },
    });
    expect(told.json()).toMatchObject({ policeReference: "沪公陆 2026-118", missing: ["security"] });
    await t.api("POST", `/api/incidents/${i.id}/notify`, { token: manager, body: { party: "security" } });
    await t.api("POST", `/api/incidents/${i.id}/entries`, {
      token: manager,
      body: { kind: "action", text: "调取监控录像备查" },
    });
    const closed = await close(manager);
    expect(closed.statusCode).toBe(200);
    const c = closed.json();
    expect(c).toMatchObject({
      state: "closed",
      missing: [],
      allowedActions: [],
      closure: { summary: "客户致歉离开，柜员就医" },
    });
    expect(c.timeline.map((l: { kind: string }) => l.kind)).toEqual([
      "opened",
      "action",
      "notified",
      "notified",
      "action",
      "closed",
    ]);
    expect(c.timeline[2]).toMatchObject({ text: "已报告公安机关（编号 沪公陆 2026-118）", byName: "周保安" });
    expect((await close(manager)).statusCode).toBe(409);
    const note = await t.api("POST", `/api/incidents/${i.id}/entries`, {
      token: manager,
      body: { kind: "note", text: "x" },
    });
    expect(note.statusCode).toBe(409);

    // Another hall's manager does not see it; the region's area manager does.
    expect((await t.api("GET", `/api/incidents/${i.id}`, { token: await t.token("coop") })).statusCode).toBe(
      404,
    );
    expect((await t.api("GET", `/api/incidents/${i.id}`, { token: await t.token("area") })).statusCode).toBe(
      200,
    );
  });

  it("should open a major fault for the back office when the hall's systems are down", async () => {
    const bad = await record(manager, {
      kind: "system_outage",
      occurredAt: minutesAgo(5),
      summary: "CRM 无法登录",
    });
    expect(bad.statusCode).toBe(400);
    const res = await record(manager, {
      kind: "system_outage",
      occurredAt: minutesAgo(5),
      summary: "CRM 无法登录，全部柜台停办",
      outage: { service: "broadband", contactPhone: "021-62345678" },
    });
    expect(res.statusCode).toBe(201);
    const i = res.json();
    expect(i.faultId).toBeTruthy();
    expect(i.timeline.at(-1).text).toBe("已向后台申告故障");
    const fault = (await t.api("GET", `/api/faults/${i.faultId}`, { token: await t.token("area") })).json();
    expect(fault).toMatchObject({ major: true, keyCustomer: true, hallId: hall(), service: "broadband" });
    expect(fault.symptom).toContain("CRM 无法登录");
    // An ordinary outage closes with its report alone.
    const closed = await t.api("POST", `/api/incidents/${i.id}/close`, {
      token: manager,
      body: { summary: "10:40 恢复", causes: "机房交换机故障" },
    });
    expect(closed.json().state).toBe("closed");
  });

  it("should list the hall's incidents newest first by page, filtered by state and kind", async () => {
    await record(manager, {
      kind: "medical",
      occurredAt: minutesAgo(1),
      summary: "老人等候时头晕，已扶至座位",
    });
    const first = (await t.api("GET", `/api/halls/${hall()}/incidents?limit=2`, { token: manager })).json();
    expect(first.items.map((i: { kind: string }) => i.kind)).toEqual(["medical", "system_outage"]);
    const next = (
      await t.api("GET", `/api/halls/${hall()}/incidents?limit=2&cursor=${first.nextCursor}`, {
        token: manager,
      })
    ).json();
    expect(next.items.map((i: { kind: string }) => i.kind)).toEqual(["disturbance"]);
    expect(next.nextCursor).toBeNull();
    const open = (await t.api("GET", `/api/halls/${hall()}/incidents?state=open`, { token: manager })).json();
    expect(open.items.map((i: { kind: string }) => i.kind)).toEqual(["medical"]);
    const future = await record(manager, {
      kind: "other",
      occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
      summary: "x",
    });
    expect(future.statusCode).toBe(400);
    expect(
      (await record(await t.token("agent"), { kind: "other", occurredAt: minutesAgo(1), summary: "x" }))
        .statusCode,
    ).toBe(403);
  });
});
