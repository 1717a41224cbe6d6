import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../src/core/tables.js";
import { buildTestApp, type TestApp } from "./helpers.js";

const allDay = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];

// R-NOTIFY: one template set for the customers' messages, zh-CN, editable by the operator; an edited text
// may use its own values only, goes out as edited, and goes back to the built-in text on reset.
describe("message templates", () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
  });
  afterAll(() => t.close());

  const put = (code: string, body: string | null, token = admin) =>
    t.api("PUT", `/api/message-templates/${code}`, { token, body: { body } });
  const sentBodies = async (kind: string) =>
    (await t.database.db.select().from(outbox))
      .filter((m) => (m.payload as { kind?: string }).kind === kind)
      .map((m) => m.body);

  it("should list the built-in templates with their values", async () => {
    const list = (await t.api("GET", "/api/message-templates", { token: admin })).json();
    expect(list.find((x: { code: string }) => x.code === "appointment_confirm")).toMatchObject({
      label: "预约成功",
      edited: false,
      vars: ["hall", "when", "business", "where"],
    });
  });

  it("should send the operator's wording once edited, and refuse a value the template does not have", async () => {
    const bad = await put("appointment_confirm", "【{{hall}}】{{customerName}}您好");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("customerName");
    const ok = await put("appointment_confirm", "【{{hall}}】预约成功：{{when}} {{business}}。");
    expect(ok.json()).toMatchObject({ edited: true, body: "【{{hall}}】预约成功：{{when}} {{business}}。" });

    const hall = (
      await t.api("POST", "/api/halls", {
        token: admin,
        body: { name: "模板测试厅", type: "self_run", regionCode: "T-M", openingHours: allDay },
      })
    ).json();
    const slotStart = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const booked = await t.api("POST", `/api/halls/${hall.id}/appointments`, {
      token: admin,
      body: { businessType: "payment", slotStart, phone: "13700001111" },
    });
    expect(booked.statusCode).toBe(201);
    const [body] = await sentBodies("appointment_confirm");
    expect(body).toMatch(/^【模板测试厅】预约成功：.+ 交费。$/);
  });

  it("should word a fault's progress SMS by the operator's template", async () => {
    expect((await put("fault_progress", "【{{service}}报修】{{customer}}：{{text}}")).statusCode).toBe(200);
    const agent = await t.token("agent");
    const fault = (
      await t.api("POST", "/api/faults", {
        token: agent,
        body: {
          customer: { name: "李大爷", phone: "13600001234", address: "红星村3组12号" },
          service: "broadband",
          symptom: "宽带无法上网",
        },
      })
    ).json();
    const progress = await t.api("POST", `/api/faults/${fault.id}/progress`, {
      token: agent,
      body: { note: "师傅已出发", channel: "sms" },
    });
    expect(progress.statusCode).toBe(200);
    expect(await sentBodies("fault_progress")).toEqual(["【宽带报修】李大爷：师傅已出发"]);
    await put("fault_progress", null);
  });

  it("should go back to the built-in text on reset, and be the operator admin's alone", async () => {
    expect((await put("appointment_confirm", null)).json()).toMatchObject({ edited: false });
    expect((await put("appointment_confirm", "x", await t.token("manager"))).statusCode).toBe(403);
    expect((await put("no_such_template", "x")).statusCode).toBe(400);
    const log = (await t.api("GET", "/api/audit?subjectType=message_template", { token: admin })).json()
      .items;
    expect(log.map((e: { action: string; subjectId: string }) => `${e.action} ${e.subjectId}`)).toEqual([
      "template_reset appointment_confirm",
      "template_reset fault_progress",
      "template_changed fault_progress",
      "template_changed appointment_confirm",
    ]);
  });
});
