import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, deviceToken, type TestApp } from "../../../test/helpers.js";
import { principalsOfTokens } from "../../core/auth.js";
import { outbox } from "../../core/tables.js";
import { localParts } from "../../core/time.js";
import { sweepDevices } from "./sweeps.js";

const tz = "Asia/Shanghai";
const clock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

// R-SITE through the API: the opening check, its tasks, the devices the server watches.
describe("site checks", () => {
  let t: TestApp;
  let manager: string;
  let managerId: string;
  const hall = () => t.demo.hallId;
  const passing = (overrides: Record<string, unknown>[] = []) => {
    const codes = ["temperature", "light_air", "clean", "water", "seats", "ticket_machine", "self_service"];
    return codes.map((code) => {
      const o = overrides.find((x) => x.code === code);
      return o ?? (code === "temperature" ? { code, value: 25 } : { code, ok: true });
    });
  };
  const check = (token: string, items: unknown[]) =>
    t.api("POST", `/api/halls/${hall()}/site-checks`, { token, body: { items } });

  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
    managerId = (await t.api("GET", "/api/auth/me", { token: manager })).json().principal.id;
    // The hall opened five minutes ago and its first ticket is now: on time.
    const now = localParts(new Date(), tz).minutes;
    const area = await t.token("area");
    const open = clock(Math.max(0, now - 5));
    const hours = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open, close: "24:00" }];
    const patched = await t.api("PATCH", `/api/halls/${hall()}`, {
      token: area,
      body: { openingHours: hours },
    });
    expect(patched.statusCode).toBe(200);
    const issued = await t.api("POST", `/api/halls/${hall()}/tickets`, {
      token: deviceToken(t.demo, "kiosk"),
      body: { businessType: "payment" },
    });
    expect(issued.statusCode).toBe(201);
    // The pads say they are there; the calling display has not been heard from.
    for (const d of t.demo.devices.filter((x) => x.hallId === hall() && x.kind === "pad"))
      expect((await t.api("GET", `/api/halls/${hall()}`, { token: d.token })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it("should offer the seed's items and show which devices are silent", async () => {
    const form = (await t.api("GET", `/api/halls/${hall()}/site-checks/form`, { token: manager })).json();
    expect(form.items.map((i: { code: string }) => i.code)).toEqual([
      "opening",
      "temperature",
      "light_air",
      "clean",
      "water",
      "seats",
      "ticket_machine",
      "self_service",
      "devices",
    ]);
    expect(form.items.find((i: { code: string }) => i.code === "temperature")).toMatchObject({
      min: 24,
      max: 26,
    });
    const silent = form.devices
      .filter((d: { silent: boolean }) => d.silent)
      .map((d: { kind: string }) => d.kind);
    expect(silent).toEqual(["display"]);
  });

  it("should fail 27.5 °C and raise a task for the hall's manager, and one for the silent display", async () => {
    const res = await check(manager, passing([{ code: "temperature", value: 27.5, note: "空调未开" }]));
    expect(res.statusCode).toBe(201);
    const c = res.json();
    const byCode = Object.fromEntries(c.items.map((i: { code: string }) => [i.code, i]));
    expect(byCode.temperature).toMatchObject({ ok: false, value: 27.5 });
    expect(byCode.opening).toMatchObject({ ok: true, auto: true });
    expect(byCode.devices.ok).toBe(false);
    expect(c.failed).toBe(2);
    const temp = c.tasks.find((x: { item: string }) => x.item === "temperature");
    expect(temp).toMatchObject({ ownerId: managerId, ownerName: "李厅经理", state: "open", checkId: c.id });
    expect(Date.parse(temp.dueAt) - Date.parse(c.at)).toBe(120 * 60_000);
    const display = c.tasks.find((x: { item: string }) => x.item === "devices");
    expect(display.title).toContain("叫号屏");
    expect(c.tasks).toHaveLength(2);
    // The owner is told by SMS.
    const sent = await t.database.db.select().from(outbox);
    expect(sent.some((m) => m.recipient === `user:${managerId}` && m.body.includes("室温"))).toBe(true);

    // A second check the same day keeps the display's one open task.
    const again = (await check(manager, passing())).json();
    expect(again.tasks.map((x: { id: string }) => x.id)).toEqual([display.id]);
    const open = (
      await t.api("GET", `/api/halls/${hall()}/site-tasks?state=open`, { token: manager })
    ).json();
    expect(open.map((x: { id: string }) => x.id).sort()).toEqual([temp.id, display.id].sort());
  });

  it("should refuse a check that leaves items out or names unknown ones, changing nothing", async () => {
    const before = (await t.api("GET", `/api/halls/${hall()}/site-checks`, { token: manager })).json().items
      .length;
    const missing = await check(manager, passing().slice(1));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toMatchObject({ missing: ["temperature"] });
    const unknown = await check(manager, [...passing(), { code: "karaoke", ok: true }]);
    expect(unknown.json().error.details).toMatchObject({ unknown: ["karaoke"] });
    const empty = await check(manager, passing([{ code: "clean" }]));
    expect(empty.statusCode).toBe(400);
    const after = (await t.api("GET", `/api/halls/${hall()}/site-checks`, { token: manager })).json().items
      .length;
    expect(after).toBe(before);
    // The floor walks the check; a counter does not; another hall's manager may not.
    expect((await check(await t.token("floor"), passing())).statusCode).toBe(201);
    expect((await check(await t.token("counter1"), passing())).statusCode).toBe(403);
    expect((await check(await t.token("coop"), passing())).statusCode).toBe(403);
  });

  it("should track a task to done by its owner or a manager, and hand it on within the hall", async () => {
    const c = (await check(manager, passing([{ code: "water", ok: false, note: "没有纸杯" }]))).json();
    const task = c.tasks.find((x: { item: string }) => x.item === "water");
    const counter = await t.token("counter1");
    const refused = await t.api("POST", `/api/site-tasks/${task.id}/done`, { token: counter, body: {} });
    expect(refused.statusCode).toBe(403);
    const coop = await t.token("coop");
    expect(
      (await t.api("POST", `/api/site-tasks/${task.id}/done`, { token: coop, body: {} })).statusCode,
    ).toBe(404);
    const floor = await t.token("floor");
    const floorId = (await t.api("GET", "/api/auth/me", { token: floor })).json().principal.id;
    const coopId = (await t.api("GET", "/api/auth/me", { token: coop })).json().principal.id;
    const owners = (await t.api("GET", `/api/halls/${hall()}/site-tasks/owners`, { token: manager })).json();
    expect(owners.map((o: { id: string }) => o.id)).toContain(floorId);
    expect(owners.map((o: { id: string }) => o.id)).not.toContain(coopId);
    expect(owners.find((o: { name: string }) => o.name === "王片区")).toMatchObject({ role: "area_manager" });
    const elsewhere = await t.api("PATCH", `/api/site-tasks/${task.id}`, {
      token: manager,
      body: { ownerId: coopId },
    });
    expect(elsewhere.statusCode).toBe(404);
    const handed = await t.api("PATCH", `/api/site-tasks/${task.id}`, {
      token: manager,
      body: { ownerId: floorId },
    });
    expect(handed.json()).toMatchObject({ ownerId: floorId, ownerName: "赵流动" });
    const mine = (await t.api("GET", `/api/halls/${hall()}/site-tasks?mine=true`, { token: floor })).json();
    expect(mine.map((x: { id: string }) => x.id)).toEqual([task.id]);
    expect(mine[0].allowedActions).toEqual(["done"]);
    const done = await t.api("POST", `/api/site-tasks/${task.id}/done`, {
      token: floor,
      body: { note: "已补纸杯" },
    });
    expect(done.json()).toMatchObject({
      state: "done",
      doneBy: floorId,
      doneNote: "已补纸杯",
      allowedActions: [],
    });
    expect(
      (await t.api("POST", `/api/site-tasks/${task.id}/done`, { token: floor, body: {} })).statusCode,
    ).toBe(409);
  });

  it("should count a device with an open stream as seen (the hub's recheck marks it)", async () => {
    const coopDisplay = t.demo.devices.find(
      (d) => d.hallId === t.demo.cooperativeHallId && d.kind === "display",
    )!;
    const seen = async () =>
      (
        await t.api("GET", `/api/halls/${t.demo.cooperativeHallId}/site-checks/form`, {
          token: await t.token("area"),
        })
      )
        .json()
        .devices.find((d: { kind: string }) => d.kind === "display");
    expect((await seen()).lastSeenAt).toBeNull();
    const resolved = await principalsOfTokens(t.database.db, [coopDisplay.token]);
    expect(resolved.get(coopDisplay.token)).toMatchObject({ kind: "device", deviceKind: "display" });
    expect(await seen()).toMatchObject({ silent: false });
  });

  it("should raise a task by itself for a device gone silent while the hall is open, and close it when it is back", async () => {
    // Open all day from here on, so the sweep's "twenty minutes on" is inside the hours whatever the time.
    const allDay = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];
    const area = await t.token("area");
    await t.api("PATCH", `/api/halls/${hall()}`, { token: area, body: { openingHours: allDay } });
    const display = deviceToken(t.demo, "display");
    const tasks = async () =>
      (await t.api("GET", `/api/halls/${hall()}/site-tasks?state=open`, { token: manager }))
        .json()
        .filter((x: { item: string }) => x.item === "devices");
    const before = await tasks();
    expect(before).toHaveLength(1);
    // The display comes up: the next sweep closes its task.
    expect((await t.api("GET", `/api/halls/${hall()}/board`, { token: display })).statusCode).toBe(200);
    await sweepDevices(t.database.db, tz);
    expect(await tasks()).toEqual([]);
    const closed = (
      await t.api("GET", `/api/halls/${hall()}/site-tasks?state=done`, { token: manager })
    ).json();
    expect(closed.find((x: { id: string }) => x.id === before[0].id)).toMatchObject({
      doneNote: "设备已恢复连接",
    });

    // Twenty minutes on with nothing heard: every device of the hall is silent, once each.
    const later = new Date(Date.now() + 20 * 60_000);
    const raised = await sweepDevices(t.database.db, tz, later);
    const now = await tasks();
    const hallDevices = t.demo.devices.filter((d) => d.hallId === hall()).length;
    expect(now).toHaveLength(hallDevices);
    expect(raised).toBeGreaterThanOrEqual(hallDevices);
    await sweepDevices(t.database.db, tz, later);
    expect(await tasks()).toHaveLength(hallDevices);
  });
});
