import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

// Halls and counters may carry an English name, shown when a screen is in English.
describe("English names of halls and counters", () => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    manager = await t.token("manager");
  });
  afterAll(() => t.close());

  it("should seed the demo halls and counters with English names", async () => {
    const hall = (await t.api("GET", `/api/halls/${t.demo.hallId}`, { token: admin })).json();
    expect(hall).toMatchObject({ name: "陆家嘴自营厅", nameEn: "Lujiazui Hall" });
    const counters = (await t.api("GET", `/api/halls/${t.demo.hallId}/counters`, { token: admin })).json();
    expect(counters.map((c: { labelEn: string }) => c.labelEn)).toEqual([
      "Window 1",
      "Window 2",
      "Window 3",
      "Window 4",
      "Window 5",
      "Window 6 VIP",
    ]);
  });

  it("should keep a hall's English name, change it, and clear it with an empty field", async () => {
    const created = await t.api("POST", "/api/halls", {
      token: admin,
      body: { name: "外滩自营厅", nameEn: " The Bund Hall ", type: "self_run", regionCode: "SH-HP" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: "外滩自营厅", nameEn: "The Bund Hall" });
    const id = created.json().id;
    const noName = await t.api("POST", "/api/halls", {
      token: admin,
      body: { name: "南京路自营厅", type: "self_run", regionCode: "SH-HP" },
    });
    expect(noName.json().nameEn).toBeNull();

    const renamed = await t.api("PATCH", `/api/halls/${id}`, { token: admin, body: { nameEn: "Bund Hall" } });
    expect(renamed.json()).toMatchObject({ name: "外滩自营厅", nameEn: "Bund Hall" });
    // Another field's change leaves the English name alone.
    await t.api("PATCH", `/api/halls/${id}`, { token: admin, body: { address: "中山东一路1号" } });
    expect((await t.api("GET", `/api/halls/${id}`, { token: admin })).json().nameEn).toBe("Bund Hall");
    const cleared = await t.api("PATCH", `/api/halls/${id}`, { token: admin, body: { nameEn: "" } });
    expect(cleared.json().nameEn).toBeNull();
  });

  it("should refuse a too long English name with a 400 and change nothing", async () => {
    const res = await t.api("PATCH", `/api/halls/${t.demo.hallId}`, {
      token: admin,
      body: { nameEn: "x".repeat(101) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid_input");
    const hall = (await t.api("GET", `/api/halls/${t.demo.hallId}`, { token: admin })).json();
    expect(hall.nameEn).toBe("Lujiazui Hall");
  });

  it("should let the hall manager label a counter in English and clear it again", async () => {
    const created = await t.api("POST", `/api/halls/${t.demo.hallId}/counters`, {
      token: manager,
      body: { label: "7号窗口", labelEn: "Window 7", businessTypes: ["payment"] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ label: "7号窗口", labelEn: "Window 7" });
    const path = `/api/halls/${t.demo.hallId}/counters/${created.json().id}`;
    const changed = await t.api("PATCH", path, { token: manager, body: { labelEn: "Express window" } });
    expect(changed.json().labelEn).toBe("Express window");
    const tooLong = await t.api("PATCH", path, { token: manager, body: { labelEn: "y".repeat(41) } });
    expect(tooLong.statusCode).toBe(400);
    const cleared = await t.api("PATCH", path, { token: manager, body: { labelEn: null } });
    expect(cleared.json()).toMatchObject({ label: "7号窗口", labelEn: null });
  });
});
