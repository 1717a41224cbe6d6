import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";

// R-PRIVACY: a personal customer's resident ID number (居民身份证号) in the field archive — checked, masked
// like the phone in every answer, shown whole only by the logged unmasking with its reason.
describe("ID numbers in the field archive", () => {
  let t: TestApp;
  let agent: string;
  let id: string;

  beforeAll(async () => {
    t = await buildTestApp();
    agent = await t.token("agent");
  });
  afterAll(() => t.close());

  const create = (idNumber: string) =>
    t.api("POST", "/api/field/customers", {
      token: agent,
      body: { name: "张大伯", tier: "household", areaCode: "SH-PD", phone: "13600005678", idNumber },
    });

  it("should keep a valid number, masked in every answer", async () => {
    const res = await create("11010519491231002x");
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json().idNumber).toBe("1101**********002X");
    const read = (await t.api("GET", `/api/field/customers/${id}`, { token: agent })).json();
    expect(read.idNumber).toBe("1101**********002X");
    expect(JSON.stringify(read)).not.toContain("11010519491231002X");
  });

  it("should show it whole with the phone on a logged unmasking", async () => {
    const res = await t.api(
      "GET",
      `/api/field/customers/${id}/phone?reason=${encodeURIComponent("办理补卡核实身份")}`,
      {
        token: agent,
      },
    );
    expect(res.json()).toMatchObject({ phone: "13600005678", idNumber: "11010519491231002X" });
  });

  it("should refuse a number whose check character is wrong, and clear one with null", async () => {
    const bad = await create("110105194912310021");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_input");
    const cleared = await t.api("PATCH", `/api/field/customers/${id}`, {
      token: agent,
      body: { idNumber: null },
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().idNumber).toBeNull();
  });
});
