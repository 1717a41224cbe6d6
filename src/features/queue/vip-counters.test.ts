import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

// R-CALL 贵宾窗口: a VIP counter serves VIP tickets first and regular ones only when no VIP waits; a regular
// counter calls regular tickets first and a VIP only once the VIP has waited vipWaitBeforeRegularSeconds
// (default 300) or when no VIP counter is open.
describe("VIP counters and regular counters", () => {
  let t: TestApp;
  let hallId: string;
  let manager: string;
  let regular: string;
  let vip: string;

  beforeAll(async () => {
    t = await buildTestApp();
    hallId = t.demo.hallId;
    manager = await t.token("manager");
    const counters: { id: string; vip: boolean; businessTypes: string[] }[] = (
      await t.api("GET", `/api/halls/${hallId}/counters`, { token: manager })
    ).json();
    regular = counters.find((c) => !c.vip && c.businessTypes.includes("payment"))?.id as string;
    vip = counters.find((c) => c.vip)?.id as string;
    expect(regular).toBeDefined();
    expect(vip).toBeDefined();
  });
  afterAll(() => t.close());

  const post = (path: string, body?: object) => t.api("POST", path, { token: manager, body });
  const counter = (id: string, action: string) => post(`/api/halls/${hallId}/counters/${id}/${action}`);
  const issue = async (vipTicket: boolean) =>
    (await post(`/api/halls/${hallId}/tickets`, { businessType: "payment", vip: vipTicket })).json()
      .number as string;
  /** Call at a counter and finish what it called, so the counter is free again; null when nothing came. */
  const callAt = async (id: string): Promise<string | null> => {
    const res = await counter(id, "call-next");
    if (res.statusCode === 204) return null;
    expect(res.statusCode).toBe(200);
    const ticket = res.json().ticket;
    expect((await post(`/api/tickets/${ticket.id}/no-show`)).statusCode).toBe(200);
    return ticket.number;
  };
  const settings = (vipWaitBeforeRegularSeconds: number) =>
    t.api("PATCH", `/api/halls/${hallId}/settings`, {
      token: manager,
      body: { vipWaitBeforeRegularSeconds },
    });

  it("should keep a fresh VIP for the VIP counter while the regular counter serves the line", async () => {
    expect((await counter(regular, "open")).statusCode).toBe(200);
    expect((await counter(vip, "open")).statusCode).toBe(200);
    const a = await issue(false);
    const v = await issue(true);
    const b = await issue(false);
    // The regular counter takes the regular tickets, in order, and leaves the VIP waiting…
    expect(await callAt(regular)).toBe(a);
    expect(await callAt(regular)).toBe(b);
    expect(await callAt(regular)).toBeNull();
    // …for the VIP counter.
    expect(await callAt(vip)).toBe(v);
  });

  it("should let the VIP counter take VIPs first and regular tickets when no VIP waits", async () => {
    const a = await issue(false);
    const v = await issue(true);
    expect(await callAt(vip)).toBe(v);
    expect(await callAt(vip)).toBe(a);
    expect(await callAt(vip)).toBeNull();
  });

  it("should give a regular counter a VIP who has waited past the hall's setting", async () => {
    expect((await settings(0)).statusCode).toBe(200);
    const a = await issue(false);
    const v = await issue(true);
    expect(await callAt(regular)).toBe(v);
    expect(await callAt(regular)).toBe(a);
    expect((await settings(300)).statusCode).toBe(200);
  });

  it("should give a regular counter the VIP first when no VIP counter is open", async () => {
    expect((await counter(vip, "close")).statusCode).toBe(200);
    const a = await issue(false);
    const v = await issue(true);
    expect(await callAt(regular)).toBe(v);
    expect(await callAt(regular)).toBe(a);
  });

  it("should refuse a setting outside 0–7200 seconds and keep the old one", async () => {
    expect((await settings(-1)).statusCode).toBe(400);
    expect((await settings(7201)).statusCode).toBe(400);
    const hall = (await t.api("GET", `/api/halls/${hallId}`, { token: manager })).json();
    expect(hall.settings.vipWaitBeforeRegularSeconds).toBe(300);
  });
});
