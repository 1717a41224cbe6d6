import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, deviceToken, type TestApp } from "../../test/helpers.js";
import { CHINESE_MOBILE as KIOSK_MOBILE, mobileProblem } from "../../web/src/features/kiosk/phone.js";
import {
  CHINESE_LANDLINE,
  CHINESE_MOBILE,
  chineseMobile,
  customerPhone,
  idNumber,
  maskIdNumber,
  validIdNumber,
} from "./phone.js";

describe("the one rule for a customer's phone number", () => {
  it("should take Chinese mobiles and nothing that only looks like one", () => {
    for (const ok of ["13812341234", "15900001111", "19912345678", "16600000000"])
      expect(chineseMobile.safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      "10000000000",
      "11234567890",
      "12345678901",
      "1381234123",
      "138123412345",
      "+8613812341234",
    ])
      expect(chineseMobile.safeParse(bad).success, bad).toBe(false);
  });

  it("should take a fixed line with its area code where a field allows one, and a mobile there too", () => {
    for (const ok of ["021-62345678", "02162345678", "010-8765432", "0755-88888888", "13812341234"])
      expect(customerPhone.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["10000000000", "021-12345678", "62345678", "0-62345678", "021-623456789"])
      expect(customerPhone.safeParse(bad).success, bad).toBe(false);
    expect(CHINESE_LANDLINE.test("13812341234")).toBe(false);
  });

  it("should be the rule the kiosk's phone pad checks as the customer types", () => {
    expect(KIOSK_MOBILE.source).toBe(CHINESE_MOBILE.source);
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), (v) => {
        expect(mobileProblem(v) === null).toBe(CHINESE_MOBILE.test(v));
      }),
    );
    // The pad says so as soon as the start cannot become a mobile, not only at the 11th digit.
    expect(mobileProblem("10")).not.toBeNull();
    expect(mobileProblem("2")).not.toBeNull();
    expect(mobileProblem("139")).toBeNull();
  });
});

describe("every contract that takes a customer phone refuses 10000000000", () => {
  let t: TestApp;
  let manager: string;
  let agent: string;
  beforeAll(async () => {
    t = await buildTestApp();
    manager = await t.token("manager");
    agent = await t.token("agent");
  });
  afterAll(() => t.close());

  const hall = () => t.demo.hallId;
  const complaint = (phone: string) => ({
    customer: { name: "张女士", phone },
    channel: "counter",
    category: "billing",
    description: "套餐外流量被多收费 30 元",
    request: "退还多收的费用",
    confirmedByCustomer: true,
  });
  const fault = (phone: string) => ({
    customer: { name: "李大爷", phone, address: "红星村3组12号" },
    service: "broadband",
    symptom: "宽带无法上网",
  });
  const customer = (phone: string) => ({
    name: "新丰村村委会",
    tier: "gov_enterprise",
    areaCode: "SH-PD",
    phone,
  });
  const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
  const routes: [string, string, (phone: string) => object, string][] = [
    ["kiosk ticket", `/api/halls/HALL/tickets`, (phone) => ({ businessType: "payment", phone }), "kiosk"],
    ["staff ticket", `/api/halls/HALL/tickets`, (phone) => ({ businessType: "payment", phone }), "manager"],
    ["remote ticket", `/api/public/halls/HALL/tickets`, (phone) => ({ businessType: "payment", phone }), ""],
    [
      "appointment",
      `/api/halls/HALL/appointments`,
      (phone) => ({ businessType: "payment", slotStart: inAnHour(), phone }),
      "manager",
    ],
    ["kiosk check-in", `/api/halls/HALL/appointments/check-in`, (phone) => ({ phone }), "kiosk"],
    ["complaint", "/api/complaints", complaint, "manager"],
    ["fault", "/api/faults", fault, "manager"],
    ["field customer", "/api/field/customers", customer, "agent"],
  ];
  const tokenOf = (who: string) =>
    who === "kiosk"
      ? deviceToken(t.demo, "kiosk")
      : who === "manager"
        ? manager
        : who === "agent"
          ? agent
          : "";

  it.each(routes)("should refuse it for a %s, naming the phone field", async (_name, path, body, who) => {
    const res = await t.api("POST", path.replace("HALL", hall()), {
      token: tokenOf(who) || undefined,
      body: body("10000000000"),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "invalid_input" });
    expect(res.json().error.message).toMatch(/phone/);
  });

  it.each(routes.filter(([name]) => name !== "kiosk check-in"))(
    "should still take a real mobile for a %s",
    async (_name, path, body, who) => {
      const res = await t.api("POST", path.replace("HALL", hall()), {
        token: tokenOf(who) || undefined,
        body: body("13812341234"),
      });
      expect(res.statusCode).toBe(201);
    },
  );

  it("should take a fixed line for a complaint, a fault and a contact, but not for a ticket", async () => {
    const landline = "021-62345678";
    expect(
      (await t.api("POST", "/api/complaints", { token: manager, body: complaint(landline) })).statusCode,
    ).toBe(201);
    expect((await t.api("POST", "/api/faults", { token: manager, body: fault(landline) })).statusCode).toBe(
      201,
    );
    const made = await t.api("POST", "/api/field/customers", {
      token: agent,
      body: { ...customer(landline), contacts: [{ name: "王书记", phone: "0755-88888888" }] },
    });
    expect(made.statusCode).toBe(201);
    const ticket = await t.api("POST", `/api/halls/${hall()}/tickets`, {
      token: manager,
      body: { businessType: "payment", phone: landline },
    });
    expect(ticket.statusCode).toBe(400);
  });
});

describe("resident ID numbers (居民身份证号)", () => {
  it("should accept a number whose check character is right, and refuse one that is off by a digit", () => {
    // The standard's example: 11010519491231002X.
    expect(validIdNumber("11010519491231002X")).toBe(true);
    expect(validIdNumber("110105194912310021")).toBe(false);
    expect(validIdNumber("11010519491331002X")).toBe(false); // month 13
    expect(idNumber.safeParse("11010519491231002x").data).toBe("11010519491231002X");
  });
  it("should mask all but the area and the last four", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("1101**********002X");
    expect(maskIdNumber(null)).toBeNull();
  });
});
