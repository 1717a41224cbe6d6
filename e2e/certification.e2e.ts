import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { STARTER_CHECKLISTS } from "../src/features/quality/checklist-starters.js";
import { quarterOf } from "../src/features/quality/pulse-rules.js";
import { multipartFile } from "../test/helpers.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { ADMIN_PASSWORD, type E2EServer, startServer } from "./support/server.js";

// 挂牌 (R-CERT): the area manager evaluates the quarter; the hall that meets every threshold is certified,
// and its customers see it on the public hall list.
describe.skipIf(!hasChromium)("certification", () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should certify the hall that meets the standard and show it to customers", async () => {
    const hallId = server.demo.hallId;
    const quarter = quarterOf(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    const admin = (
      await server.api<{ token: string }>("POST", "/api/auth/token", {
        body: { username: "admin", password: ADMIN_PASSWORD },
      })
    ).body.token;
    const { contentType, payload } = multipartFile(
      "q.csv",
      "text/csv",
      `period,scope,segment,carrier,sampleSize,environment,waiting_acceptable,staff_overall,speed\n${quarter},hall:${hallId},,ours,200,80,80,80,80`,
    );
    const imported = await server.app.inject({
      method: "POST",
      url: "/api/quality/surveys/import",
      headers: { authorization: `Bearer ${admin}`, "content-type": contentType },
      payload,
    });
    expect(imported.statusCode).toBe(201);
    const scores = STARTER_CHECKLISTS[1].items.map((i) => ({ item: i.code, score: 95 }));
    await server.api("POST", "/api/quality/inspections", {
      as: "area",
      body: {
        hallId,
        checklistId: STARTER_CHECKLISTS[1].id,
        kind: "open",
        at: new Date().toISOString(),
        scores,
      },
    });
    const counters = (
      await server.api<{ id: string; number: number }[]>("GET", `/api/halls/${hallId}/counters`, {
        as: "manager",
      })
    ).body;
    const counterId = counters.find((c) => c.number === 1)!.id;
    await server.api("POST", `/api/halls/${hallId}/counters/${counterId}/open`, { as: "counter1", body: {} });
    const ticket = (
      await server.api<{ id: string }>("POST", `/api/halls/${hallId}/tickets`, {
        as: "manager",
        body: { businessType: "payment" },
      })
    ).body;
    await server.api("POST", `/api/halls/${hallId}/counters/${counterId}/call`, {
      as: "counter1",
      body: { ticketId: ticket.id },
    });

    const page = await login(await newContext(browser, "desktop"), server.url, "area", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/quality`);
    const card = page.locator(".ant-card").filter({ hasText: "挂牌认证（自营厅）" });
    await card.getByText("该季度尚未评估").waitFor();
    await card.getByRole("button", { name: "评估本季度" }).click();
    await page.locator(".ant-popconfirm").getByRole("button").last().click();
    await page.getByText("已评估 2 个营业厅").waitFor();
    await card.getByRole("row").filter({ hasText: "陆家嘴自营厅" }).getByText("挂牌").waitFor();
    await card.getByRole("row").filter({ hasText: "世纪大道自营厅" }).getByText("未达标").waitFor();
    await shot(page, "quality-certification", true);
    expect(errors).toEqual([]);

    const phone = await (await newContext(browser, "phone")).newPage();
    const phoneErrors = watchErrors(phone);
    await phone.goto(`${server.url}/halls/SH-PD`);
    const lujiazui = phone.locator(".ant-card").filter({ hasText: "陆家嘴自营厅" });
    await lujiazui.getByText("挂牌营业厅").waitFor();
    expect(
      await phone.locator(".ant-card").filter({ hasText: "张江合作厅" }).getByText("挂牌营业厅").count(),
    ).toBe(0);
    await shot(phone, "public-halls-phone", true);
    expect(phoneErrors).toEqual([]);
  });
});
