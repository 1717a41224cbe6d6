import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../src/core/tables.js";
import { buildTestApp, type TestApp } from "./helpers.js";

// R-PRIVACY: an answer with whole phone numbers must not be kept by the browser or a proxy on the way,
// and a person's session token is not a device token: it may not ride in the address (?device=).
describe("unmasking: answers not stored, session tokens not in the address", () => {
  let t: TestApp;
  let manager: string;
  let agent: string;
  const paths: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
    agent = await t.token("agent");
    const ticket = await t.api("POST", `/api/halls/${t.demo.hallId}/tickets`, {
      token: manager,
      body: { businessType: "payment", phone: "13812345678" },
    });
    const complaint = await t.api("POST", "/api/complaints", {
      token: manager,
      body: {
        customer: { name: "张女士", phone: "13812341234" },
        channel: "counter",
        category: "billing",
        description: "套餐外流量被多收费 30 元",
        request: "退还多收的费用",
        confirmedByCustomer: true,
      },
    });
    const fault = await t.api("POST", "/api/faults", {
      token: agent,
      body: {
        customer: { name: "李大爷", phone: "13600001234", address: "红星村3组12号" },
        service: "broadband",
        symptom: "宽带无法上网，光猫红灯",
      },
    });
    const customer = await t.api("POST", "/api/field/customers", {
      token: agent,
      body: { name: "新丰村村委会", tier: "gov_enterprise", areaCode: "SH-PD", phone: "13812341234" },
    });
    for (const r of [ticket, complaint, fault, customer]) expect(r.statusCode).toBe(201);
    paths.push(
      `/api/tickets/${ticket.json().id}/phone?reason=callback`,
      `/api/complaints/${complaint.json().id}/phone?reason=callback`,
      `/api/faults/${fault.json().id}/phone?reason=callback`,
      `/api/field/customers/${customer.json().id}/phone?reason=callback`,
      "/api/field/customers/export",
    );
  });
  afterAll(() => t.close());

  it("should ask why before unmasking, and keep the reason with who and when", async () => {
    const ticketPath = paths[0].split("?")[0];
    const none = await t.api("GET", ticketPath, { token: manager });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe("invalid_input");
    const res = await t.api("GET", `${ticketPath}?reason=${encodeURIComponent("核实身份后回电")}`, {
      token: manager,
    });
    expect(res.statusCode).toBe(200);
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, ticketPath.split("/")[3]))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry).toMatchObject({ action: "unmask_phone", subjectType: "ticket", reason: "核实身份后回电" });
  });

  it("should answer every unmask route with Cache-Control: no-store", async () => {
    for (const path of paths) {
      const token = path.includes("/field/") || path.includes("/faults/") ? agent : manager;
      const res = await t.api("GET", path, { token });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers["cache-control"], path).toBe("no-store");
    }
  });

  it("should refuse a person's session token given as ?device=, on unmask routes and all others", async () => {
    const login = await t.api("POST", "/api/auth/login", {
      body: { username: "manager", password: "tingwu-demo" },
    });
    const cookieToken = login.cookies.find((c) => c.name === "tingwu_session")!.value;
    for (const token of [manager, cookieToken]) {
      for (const path of [paths[0], `/api/halls/${t.demo.hallId}/queue`, "/api/auth/me"]) {
        const res = await t.api(
          "GET",
          `${path}${path.includes("?") ? "&" : "?"}device=${encodeURIComponent(token)}`,
        );
        expect(res.statusCode, path).toBe(401);
        expect(res.json().error.code).toBe("unauthenticated");
      }
    }
    // The same tokens still work where they belong: the header and the cookie.
    expect((await t.api("GET", paths[0], { token: manager })).statusCode).toBe(200);
    const me = await t.api("GET", "/api/auth/me", { headers: { cookie: `tingwu_session=${cookieToken}` } });
    expect(me.statusCode).toBe(200);
  });
});
