import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, deviceToken, type TestApp } from "./helpers.js";

// The server decides what the browser offers: GET /api/auth/me says what a principal may do (the
// capability table of src/core/access.ts) and records say what their reader may do with them now.
describe("policies: capabilities in /api/auth/me and allowedActions on records", () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  beforeAll(async () => {
    t = await buildTestApp();
    for (const u of ["counter1", "counter2", "manager", "inspector", "admin"]) tok[u] = await t.token(u);
  });
  afterAll(() => t.close());

  const me = async (token: string) => (await t.api("GET", "/api/auth/me", { token })).json();

  it("should give each role its own capabilities and scope", async () => {
    const counter = await me(tok.counter1);
    const manager = await me(tok.manager);
    const inspector = await me(tok.inspector);
    const admin = await me(tok.admin);
    expect(counter.capabilities).toEqual(expect.arrayContaining(["counter.operate", "complaint.record"]));
    expect(counter.capabilities).not.toContain("complaint.manage");
    expect(counter.capabilities).not.toContain("phone.unmask");
    expect(manager.capabilities).toEqual(
      expect.arrayContaining(["complaint.manage", "phone.unmask", "peak.admin"]),
    );
    expect(manager.capabilities).not.toContain("user.admin");
    expect(inspector.capabilities).toContain("complaint.read");
    expect(inspector.capabilities).not.toContain("complaint.record");
    expect(admin.capabilities).toEqual(
      expect.arrayContaining(["user.admin", "catalog.admin", "calendar.admin"]),
    );
    expect(counter.scope).toEqual({ kind: "hall", hallId: t.demo.hallId, regionCode: null });
    expect(admin.scope).toMatchObject({ kind: "operator" });
    expect(counter.roles).toContainEqual({ role: "area_manager", scope: "region" });
    const kiosk = await me(deviceToken(t.demo, "kiosk"));
    expect(kiosk.capabilities).toContain("ticket.issue");
    expect(kiosk.capabilities).not.toContain("complaint.read");
    expect(kiosk.scope).toEqual({ kind: "device", hallId: t.demo.hallId, regionCode: null });
  });

  it("should give a complaint the actions its state allows to its owner and a manager, none to others", async () => {
    const created = await t.api("POST", "/api/complaints", {
      token: tok.counter1,
      body: {
        customer: { name: "李先生", phone: "13900001111" },
        channel: "counter",
        category: "billing",
        description: "话费多扣",
        request: "退款",
        confirmedByCustomer: true,
      },
    });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c.allowedActions).toEqual(expect.arrayContaining(["reply", "resolve-on-spot", "hand-over"]));
    expect(c.allowedActions).not.toContain("close");
    const view = async (who: string) =>
      (await t.api("GET", `/api/complaints/${c.id}`, { token: tok[who] })).json().allowedActions;
    expect(await view("counter2")).toEqual([]); // not the owner, not a manager
    expect(await view("inspector")).toEqual([]); // reads, never acts
    expect(await view("manager")).toEqual(await view("counter1"));

    const closed = await t.api("POST", `/api/complaints/${c.id}/resolve-on-spot`, {
      token: tok.counter1,
      body: { reply: "当场退费", satisfaction: "satisfied" },
    });
    expect(closed.json()).toMatchObject({ state: "closed", allowedActions: ["reopen"] });
    expect(await view("manager")).toEqual(["reopen", "typical-case"]);

    // A step the state refuses is answered with its own code, in the one error shape.
    const late = await t.api("POST", `/api/complaints/${c.id}/contact`, {
      token: tok.counter1,
      body: { text: "再联系", channel: "phone" },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: "complaint_closed", details: { state: "closed" } });
  });
});
