import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

// 报表 (issue 15): the area manager's region today, its halls adding up, a drill-down into one hall, the
// month's trend and the workbook; the hall manager reaches the hall's report from the live board.
describe.skipIf(!hasChromium)("reports", () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    // Three tickets in the main hall (two served), one in the cooperative hall.
    const plan: [string, string, number][] = [
      [server.demo.hallId, "counter1", 1],
      [server.demo.hallId, "counter1", 1],
      [server.demo.cooperativeHallId, "coop", 1],
    ];
    for (const [hallId, who, number] of plan) {
      const counters = (
        await server.api<{ id: string; number: number }[]>("GET", `/api/halls/${hallId}/counters`, {
          as: "admin",
        })
      ).body;
      const counterId = counters.find((c) => c.number === number)!.id;
      await server.api("POST", `/api/halls/${hallId}/counters/${counterId}/open`, { as: who, body: {} });
      const ticket = (
        await server.api<{ id: string }>("POST", `/api/halls/${hallId}/tickets`, {
          as: "admin",
          body: { businessType: "payment" },
        })
      ).body;
      await server.api("POST", `/api/halls/${hallId}/counters/${counterId}/call`, {
        as: who,
        body: { ticketId: ticket.id },
      });
      await server.api("POST", `/api/tickets/${ticket.id}/start`, { as: who });
      await server.api("POST", `/api/tickets/${ticket.id}/finish`, {
        as: who,
        body: { outcome: "completed" },
      });
    }
    await server.api("POST", `/api/halls/${server.demo.hallId}/tickets`, {
      as: "admin",
      body: { businessType: "change" },
    });
    // A complaint the rural agent records at no hall: the region's own part of its report.
    await server.api("POST", "/api/complaints", {
      as: "agent",
      body: {
        customer: { name: "张先生", phone: "13800001111" },
        channel: "phone",
        category: "network",
        description: "村里信号差",
        request: "尽快处理",
      },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should show the region today, drill into a hall, and export the workbook", async () => {
    const page = await login(await newContext(browser, "desktop"), server.url, "area", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.getByRole("link", { name: "报表" }).click();
    await page.getByRole("heading", { name: /SH-PD · \d{4}-\d{2}-\d{2}/ }).waitFor();
    const issued = page.locator(".ant-card").filter({ hasText: /^取号/ }).first();
    await issued.getByText("4", { exact: true }).waitFor();
    const children = page.locator(".ant-card").filter({ hasText: "下级" });
    await children
      .getByRole("row")
      .filter({ hasText: "陆家嘴自营厅" })
      .getByRole("cell", { name: "3", exact: true })
      .waitFor();
    await page.getByRole("img", { name: "分时段取号（每半小时）" }).waitFor();
    // The agent's complaint counts for the region, as its own part beside the halls.
    const own = children.getByRole("row").filter({ hasText: "SH-PD（片区直属）" });
    await own.waitFor();
    await page
      .locator(".ant-card")
      .filter({ hasText: /^投诉（受理\/解决\/超时）/ })
      .getByText("1 / 0 / 0", { exact: true })
      .waitFor();
    await shot(page, "reports-region-day", true);
    await children.getByRole("row").filter({ hasText: "陆家嘴自营厅" }).click();
    await page.getByRole("heading", { name: /陆家嘴自营厅 · / }).waitFor();
    await page.getByRole("button", { name: "返回上级" }).click();
    await page.getByRole("heading", { name: /SH-PD · / }).waitFor();
    await page.getByText("月", { exact: true }).click();
    await page.getByRole("img", { name: "逐日趋势" }).waitFor();
    await shot(page, "reports-region-month", true);
    // Drill from the month's days into one day (its half hours).
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
    await page
      .locator(".ant-card")
      .filter({ hasText: "按日" })
      .getByRole("row")
      .filter({ hasText: today })
      .click();
    await page.getByRole("heading", { name: `SH-PD · ${today}` }).waitFor();
    await page.getByRole("img", { name: "分时段取号（每半小时）" }).waitFor();
    const href = await page.getByRole("link", { name: /导出 Excel/ }).getAttribute("href");
    const file = await page.request.get(`${server.url}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toContain("spreadsheetml");
    expect(errors).toEqual([]);
  });

  it("should take the hall manager from the live board to the hall's report", async () => {
    const page = await login(await newContext(browser, "desktop"), server.url, "manager", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/board/${server.demo.hallId}`);
    await page.getByRole("link", { name: "报表" }).click();
    await page.getByRole("heading", { name: /陆家嘴自营厅 · / }).waitFor();
    await page
      .locator(".ant-card")
      .filter({ hasText: "按业务" })
      .getByRole("cell", { name: "交费" })
      .waitFor();
    expect(await page.getByText("下级", { exact: true }).count()).toBe(0);
    // R-VISIT: the hall's journey — the two served tickets passed the counter (Z5, Z7).
    const journey = page.locator(".ant-card").filter({ hasText: "客户旅程" });
    const z5 = journey.getByRole("row").filter({ hasText: "Z5 柜台办理" });
    await z5.waitFor();
    expect(await z5.getByRole("cell").nth(1).textContent()).toBe("2");
    await journey.getByText("后台（排队等候）").waitFor();
    // R-PEAK: one waiting ticket at one open counter was never a peak.
    await page.locator(".ant-card").filter({ hasText: "高峰事件" }).getByText("该期间无高峰").waitFor();
    await shot(page, "reports-hall-day", true);
    expect(errors).toEqual([]);
    // On a phone: the same report, the cards in one column.
    const phone = await login(
      await newContext(browser, "phone", { isMobile: true }),
      server.url,
      "manager",
      DEMO_PASSWORD,
    );
    await phone.goto(`${server.url}/reports`);
    await phone.getByRole("heading", { name: /陆家嘴自营厅 · / }).waitFor();
    await phone
      .locator(".ant-card")
      .filter({ hasText: /^高峰预警/ })
      .first()
      .waitFor();
    await shot(phone, "reports-hall-day-phone", true);
  });
});
