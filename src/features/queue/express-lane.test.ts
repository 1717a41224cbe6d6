import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

const allDay = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];

// 快速通道 (R-HALL): an express counter calls the hall's quick business types (expressBusinessTypes,
// default payment, balance query, bill printing) before the rest of the line; other counters keep the
// line's order; the quick types are the hall's to choose.
describe("the express lane", () => {
  let t: TestApp;
  let admin: string;
  let hallId: string;
  let express: string;
  let regular: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    hallId = (
      await t.api("POST", "/api/halls", {
        token: admin,
        body: { name: "快速通道测试厅", type: "self_run", regionCode: "T-X", openingHours: allDay },
      })
    ).json().id;
    const counter = async (label: string, isExpress: boolean) => {
      const c = await post(`/api/halls/${hallId}/counters`, {
        label,
        businessTypes: ["payment", "change", "bill_printing"],
        express: isExpress,
      });
      expect(c.statusCode).toBe(201);
      expect(c.json().express).toBe(isExpress);
      expect((await post(`/api/halls/${hallId}/counters/${c.json().id}/open`)).statusCode).toBe(200);
      return c.json().id as string;
    };
    express = await counter("快速通道", true);
    regular = await counter("2号窗口", false);
  });
  afterAll(() => t.close());

  const post = (path: string, body?: object) => t.api("POST", path, { token: admin, body });
  const issue = async (businessType: string) =>
    (await post(`/api/halls/${hallId}/tickets`, { businessType })).json().number as string;
  /** Calls at a counter and clears what it called; the number, or null when nothing came. */
  const callAt = async (id: string): Promise<string | null> => {
    const res = await post(`/api/halls/${hallId}/counters/${id}/call-next`);
    if (res.statusCode === 204) return null;
    const ticket = res.json().ticket;
    expect((await post(`/api/tickets/${ticket.id}/no-show`)).statusCode).toBe(200);
    return ticket.number;
  };

  it("should call the quick business first at the express counter, the line's order elsewhere", async () => {
    const change = await issue("change");
    const payment = await issue("payment");
    const printing = await issue("bill_printing");
    // The express counter passes the earlier business change for the two quick ones…
    expect(await callAt(express)).toBe(payment);
    expect(await callAt(express)).toBe(printing);
    // …and serves the rest of the line when no quick business waits.
    expect(await callAt(express)).toBe(change);
    const change2 = await issue("change");
    const payment2 = await issue("payment");
    // A regular counter keeps first come, first served.
    expect(await callAt(regular)).toBe(change2);
    expect(await callAt(regular)).toBe(payment2);
  });

  it("should follow the hall's own quick types, checked against the catalog", async () => {
    const bad = await t.api("PATCH", `/api/halls/${hallId}/settings`, {
      token: admin,
      body: { expressBusinessTypes: ["no_such_type"] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_input");
    const set = await t.api("PATCH", `/api/halls/${hallId}/settings`, {
      token: admin,
      body: { expressBusinessTypes: ["change"] },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().settings.expressBusinessTypes).toEqual(["change"]);
    const payment = await issue("payment");
    const change = await issue("change");
    expect(await callAt(express)).toBe(change);
    expect(await callAt(express)).toBe(payment);
  });

  it("should turn a counter into the express lane and back, and list it so", async () => {
    const patch = (value: boolean) =>
      t.api("PATCH", `/api/halls/${hallId}/counters/${regular}`, { token: admin, body: { express: value } });
    expect((await patch(true)).json()).toMatchObject({ express: true, label: "2号窗口" });
    const listed = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: admin })).json();
    expect(listed.filter((c: { express: boolean }) => c.express)).toHaveLength(2);
    expect((await patch(false)).json().express).toBe(false);
  });
});
