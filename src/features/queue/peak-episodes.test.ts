import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, deviceToken, type TestApp } from "../../../test/helpers.js";
import { outbox } from "../../core/tables.js";
import { users } from "../users/tables.js";

// R-PEAK levels that act: each peak is an episode (start, highest level, end, what was done and by whom);
// from level 2 diversion is forced and the manager is told how many counters to open; level 3 tells the
// region's area manager through the outbox, once per episode. Security diverts too (R-DIVERT).
describe("peak episodes", () => {
  let t: TestApp;
  let hallId: string;
  let manager: string;
  let counter1: string;
  let counter2: string;
  const issued: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    hallId = t.demo.hallId;
    manager = await t.token("manager");
    const counters: { id: string; number: number }[] = (
      await t.api("GET", `/api/halls/${hallId}/counters`, { token: manager })
    ).json();
    counter1 = counters.find((c) => c.number === 1)!.id;
    counter2 = counters.find((c) => c.number === 2)!.id;
    const opened = await t.api("POST", `/api/halls/${hallId}/counters/${counter1}/open`, {
      token: await t.token("counter1"),
      body: {},
    });
    expect(opened.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const post = async (path: string, body?: object, token = manager) => t.api("POST", path, { token, body });
  const issue = async () => {
    const res = await post(`/api/halls/${hallId}/tickets`, { businessType: "payment" });
    issued.push(res.json().id);
  };
  const queue = async () => (await t.api("GET", `/api/halls/${hallId}/queue`, { token: manager })).json();
  const episodes = async () =>
    (await t.api("GET", `/api/halls/${hallId}/peak-episodes`, { token: manager })).json();
  const areaMessages = async () =>
    (await t.database.db.select().from(outbox)).filter(
      (m) => (m.payload as { kind?: string } | null)?.kind === "peak_level3",
    );

  it("should refuse an action when no peak is in progress", async () => {
    const res = await post(`/api/halls/${hallId}/peak/actions`, { text: "引导自助" });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: "illegal_state", details: { state: "no_peak" } });
    expect(await episodes()).toEqual([]);
  });

  it("should start an episode at level 1, force diversion and name the counters to open at level 2", async () => {
    for (let i = 0; i < 3; i++) await issue(); // 3 waiting ÷ 1 open = 3: level 1
    let q = await queue();
    expect(q).toMatchObject({ peakLevel: 1, diversion: "suggested", openMoreCounters: null });
    const [started] = await episodes();
    expect(started).toMatchObject({ peakLevel: 1, peakWaiting: 3, endedAt: null, areaNotifiedAt: null });
    await issue(); // 4 ÷ 1: level 2
    q = await queue();
    // 4 payments at 3 minutes are 12 minutes of work: 2 counters within the 10-minute limit, and 2 keep
    // the ratio under 2.5 — one more than the one open.
    expect(q).toMatchObject({ peakLevel: 2, diversion: "forced", openMoreCounters: 1 });
    const board = await t.api("GET", `/api/halls/${hallId}/board`, { token: deviceToken(t.demo, "kiosk") });
    expect(board.json().diversion).toBe("forced");
    expect(await episodes()).toEqual([
      expect.objectContaining({ id: started.id, peakLevel: 2, peakWaiting: 4 }),
    ]);
  });

  it("should tell the area manager at level 3 once in the episode, however often it returns", async () => {
    await issue(); // 5 ÷ 1: level 3
    const [area] = await t.database.db.select().from(users).where(eq(users.username, "area"));
    let sent = await areaMessages();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: "sms", recipient: `user:${area.id}` });
    expect(sent[0].body).toContain("高峰三级预警");
    // Down to level 2 and up to 3 again: the same episode, no second message.
    expect((await post(`/api/tickets/${issued.pop()}/cancel`)).statusCode).toBe(200);
    expect((await queue()).peakLevel).toBe(2);
    await issue();
    expect((await queue()).peakLevel).toBe(3);
    sent = await areaMessages();
    expect(sent).toHaveLength(1);
    const [e] = await episodes();
    expect(e).toMatchObject({ peakLevel: 3, peakWaiting: 5 });
    expect(e.areaNotifiedAt).not.toBeNull();
  });

  it("should record what was done, by whom: an action from the floor, a counter opened", async () => {
    const floor = await t.token("floor");
    const recorded = await post(
      `/api/halls/${hallId}/peak/actions`,
      { text: "引导 3 位客户到自助终端" },
      floor,
    );
    expect(recorded.statusCode).toBe(200);
    expect(
      (await post(`/api/halls/${hallId}/counters/${counter2}/open`, {}, await t.token("counter2")))
        .statusCode,
    ).toBe(200);
    const [e] = await episodes();
    expect(e.actions).toEqual([
      expect.objectContaining({ kind: "recorded", text: "引导 3 位客户到自助终端", byName: "赵流动" }),
      expect.objectContaining({ kind: "counter_opened", text: "2号窗口" }),
    ]);
  });

  it("should let security divert a waiting customer", async () => {
    const security = await t.token("security");
    const id = issued.pop()!;
    const suggestions = await t.api("GET", `/api/tickets/${id}/divert-suggestions`, { token: security });
    expect(suggestions.statusCode).toBe(200);
    const channel = suggestions.json()[0].channel;
    const diverted = await post(`/api/tickets/${id}/divert`, { channel, accepted: true }, security);
    expect(diverted.statusCode).toBe(200);
    expect(diverted.json().status).toBe("diverted");
    // …but security does not cancel tickets.
    expect((await post(`/api/tickets/${issued[0]}/cancel`, undefined, security)).statusCode).toBe(403);
  });

  it("should end the episode when the line is back to level 0, and keep it for the report", async () => {
    for (const id of issued.splice(0)) expect((await post(`/api/tickets/${id}/cancel`)).statusCode).toBe(200);
    expect((await queue()).peakLevel).toBe(0);
    const [e] = await episodes();
    expect(e.endedAt).not.toBeNull();
    expect(e.minutes).toBeGreaterThanOrEqual(0);
    // The episode's own (local) day lists it; a day with no peak lists none.
    const day = new Date(e.startedAt).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
    const range = (from: string, to: string) =>
      t.api("GET", `/api/halls/${hallId}/peak-episodes?from=${from}&to=${to}`, { token: manager });
    expect((await range(day, day)).json().map((x: { id: string }) => x.id)).toEqual([e.id]);
    expect((await range("2026-01-01", "2026-01-02")).json()).toEqual([]);
    expect((await range("2026-01-02", "2026-01-01")).statusCode).toBe(400);
  });
});
