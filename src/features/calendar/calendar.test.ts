import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

describe("calendar API", () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
  });
  afterAll(() => t.close());

  it("should give the due instant of 2 working days from Friday 2025-09-26 17:00 in Shanghai", async () => {
    const res = await t.api("GET", "/api/calendar/add-working-days?from=2025-09-26T17:00:00%2B08:00&days=2", {
      token: await t.token("counter1"),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ due: "2025-09-29T16:00:00.000Z" });
  });

  it("should list the days of National Day 2025 with their names and the make-up days as working", async () => {
    const res = await t.api("GET", "/api/calendar/days?from=2025-09-27&to=2025-10-11", { token: admin });
    const days = res.json() as { date: string; working: boolean; name: string | null }[];
    expect(days).toHaveLength(15);
    expect(days.find((d) => d.date === "2025-09-27")).toMatchObject({ working: false, name: null });
    expect(days.find((d) => d.date === "2025-09-28")).toMatchObject({
      working: true,
      name: "国庆节调休上班",
    });
    expect(days.filter((d) => d.name === "国庆节、中秋节")).toHaveLength(8);
    expect(days.find((d) => d.date === "2025-10-11")?.working).toBe(true);
  });

  it("should refuse bad input in the one error shape", async () => {
    const bad = await t.api("GET", "/api/calendar/add-working-days?from=yesterday&days=2", { token: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_input");
    const reversed = await t.api("GET", "/api/calendar/days?from=2025-10-02&to=2025-10-01", { token: admin });
    expect(reversed.statusCode).toBe(400);
  });

  it("should let only an admin enter a new year's arrangement, and use it at once", async () => {
    const body = {
      days: [
        { date: "2027-01-01", working: false, name: "元旦" },
        { date: "2027-01-02", working: true, name: "元旦调休上班" },
      ],
    };
    const denied = await t.api("PUT", "/api/calendar/years/2027", { token: await t.token("manager"), body });
    expect(denied.statusCode).toBe(403);
    const wrongYear = await t.api("PUT", "/api/calendar/years/2028", { token: admin, body });
    expect(wrongYear.statusCode).toBe(400);
    const ok = await t.api("PUT", "/api/calendar/years/2027", { token: admin, body });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ year: 2027, source: "admin" });
    // Thursday 2026-12-31: 1/1 is off, Saturday 1/2 is the make-up day.
    const due = await t.api("GET", "/api/calendar/add-working-days?from=2026-12-31T10:00:00%2B08:00&days=1", {
      token: admin,
    });
    expect(due.json().due).toBe("2027-01-02T16:00:00.000Z");
    const years = (await t.api("GET", "/api/calendar/years", { token: admin })).json() as { year: number }[];
    expect(years.map((y) => y.year)).toEqual([2025, 2026, 2027]);
  });
});
