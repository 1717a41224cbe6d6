import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { ADMIN_PASSWORD, type E2EServer, startServer } from "./support/server.js";

/** Words on screen that are i18n keys rather than text (a missing string). */
const untranslated = async (page: Page) =>
  // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not hidden nodes
  (await page.locator("body").innerText()).match(/\b(complaints|faults)\.[a-zA-Z_.]+/g) ?? [];

type Complaint = {
  id: string;
  state: string;
  history: { action: string }[];
  workOrders: { state: string }[];
};

describe.skipIf(!hasChromium)(
  "complaints: the counter form, the work-order queue, the desk and SLA charts",
  () => {
    let server: E2EServer;
    let browser: Browser;
    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer(), launch()]);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("should record a complaint at a counter in one form, send a work order, and show its clock and history", async () => {
      const page = await login(await newContext(browser, "desktop"), server.url, "counter1", DEMO_PASSWORD);
      const errors = watchErrors(page);
      await page.goto(`${server.url}/complaints/new`);
      await page.getByLabel("客户姓名").fill("张女士");
      await page.getByLabel("联系电话").fill("13812341234");
      await page.getByRole("radio", { name: "计费争议" }).check({ force: true });
      await page.getByLabel("客户反映的问题").fill("3 月账单多收流量费 30 元");
      await page.getByLabel("客户诉求").fill("退还多收费用并说明原因");
      await page.getByLabel("已向客户复述记录，客户确认无误").check();
      await page
        .locator("label")
        .filter({ hasText: /^申诉$/ })
        .click();
      await page.getByText(/申诉须在投诉 15 天未答复/).waitFor();
      expect(await untranslated(page)).toEqual([]);
      await page
        .locator("label")
        .filter({ hasText: /^投诉$/ })
        .click();
      await shot(page, "complaints-form");
      await page.getByRole("button", { name: "登记", exact: true }).click();
      await page.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
      await page.getByText("已受理").first().waitFor();
      await page.getByText(/首次回复 · 剩/).waitFor();
      await expect(page.getByText("138****1234")).toBeTruthy();

      await page.getByRole("button", { name: "派发工单" }).click();
      await page.getByRole("dialog").getByLabel("部门").click();
      await page.getByTitle("计费部").click();
      await page.getByRole("dialog").getByLabel("工单说明").fill("核查 3 月流量计费");
      await page.getByRole("dialog").getByRole("button", { name: "派发工单" }).click();
      await page.getByText("工单处理中").first().waitFor();
      await shot(page, "complaints-detail");
      expect(errors).toEqual([]);
    });

    it("should let a back-office department claim and reply in its queue, then the owner relays the reply", async () => {
      const page = await login(await newContext(browser, "desktop"), server.url, "area", DEMO_PASSWORD);
      const errors = watchErrors(page);
      await page.goto(`${server.url}/complaints/work-orders`);
      await page.getByRole("button", { name: "认领 张女士" }).click();
      await page.getByRole("button", { name: "答复", exact: true }).click();
      await page.getByLabel("给客户的答复（将原文告知客户）").fill("经核查多收 30 元，已退回您的话费账户。");
      await page.getByRole("dialog").getByRole("button", { name: "答复" }).click();
      await page.getByText("↳ 经核查多收 30 元，已退回您的话费账户。").waitFor();
      await shot(page, "complaints-work-orders");
      expect(errors).toEqual([]);

      const list = await server.api<{ items: Complaint[] }>("GET", "/api/complaints", { as: "counter1" });
      const c = list.body.items[0];
      const owner = await login(await newContext(browser, "desktop"), server.url, "counter1", DEMO_PASSWORD);
      await owner.goto(`${server.url}/complaints/${c.id}`);
      await owner.getByRole("button", { name: "答复客户" }).click();
      await owner.getByRole("dialog").getByRole("button", { name: "答复客户" }).click();
      await owner.getByText("已答复").first().waitFor();
      await owner.getByRole("button", { name: "已解决" }).click();
      await owner.getByRole("dialog").getByRole("button", { name: "已解决" }).click();
      await owner.getByText(/回访 · 剩/).waitFor();
      const after = (await server.api<Complaint>("GET", `/api/complaints/${c.id}`, { as: "counter1" })).body;
      expect(after.state).toBe("resolved");
      expect(after.history.map((h) => h.action)).toContain("work_order.reply");
    });

    it("should show the desk with due and breached complaints, and the manager's SLA charts", async () => {
      for (const [name, hoursAgo] of [
        ["王先生", 47],
        ["赵女士", 60],
        ["钱先生", 2],
      ] as const) {
        await server.api("POST", "/api/complaints", {
          as: "counter1",
          body: {
            customer: { name, phone: "13900001111" },
            channel: "counter",
            category: hoursAgo > 50 ? "network" : "service",
            description: "示例",
            request: "示例",
            receivedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
          },
        });
      }
      await server.app.ctx.sweeper.runOnce();
      const page = await login(await newContext(browser, "desktop"), server.url, "manager", DEMO_PASSWORD);
      const errors = watchErrors(page);
      await page.goto(`${server.url}/complaints`);
      await page.getByText("全部").click();
      await page.getByText("赵女士").waitFor();
      await page.getByText(/超时/).first().waitFor();
      await shot(page, "complaints-desk");
      await page.getByRole("menuitem", { name: "时限达成" }).click();
      await page.getByRole("img", { name: "按周" }).waitFor();
      await shot(page, "complaints-sla", true);
      await page.getByRole("menuitem", { name: "典型案例" }).click();
      await page.getByPlaceholder("搜索标题、摘要、经验").waitFor();
      expect(await untranslated(page)).toEqual([]);
      expect(errors).toEqual([]);
    });

    it("should show a rural agent's faults on a phone with the 5-minute and 30-minute clocks", async () => {
      const page = await login(
        await newContext(browser, "phone", { isMobile: true }),
        server.url,
        "agent",
        DEMO_PASSWORD,
      );
      const errors = watchErrors(page);
      await page.goto(`${server.url}/faults/new`);
      await page.getByLabel("客户名称").fill("李大爷");
      await page.getByLabel("联系电话").fill("13600001234");
      await page.getByLabel("地址").fill("红星村3组12号");
      await page.getByLabel("故障现象").fill("宽带无法上网，光猫红灯闪烁");
      await page.getByLabel("重要客户（30分钟内告知进度）").check();
      await shot(page, "faults-form");
      await page.getByRole("button", { name: "登记", exact: true }).click();
      await page.waitForURL(/\/faults$/);
      await page.getByText(/10000申告 · 剩 4:5\d|10000申告 · 剩 5:00/).waitFor();
      await page.getByText(/进度告知 · 剩 29:5\d|进度告知 · 剩 30:00/).waitFor();
      expect(await untranslated(page)).toEqual([]);
      await shot(page, "faults-phone");
      await page.getByRole("button", { name: "已申告10000" }).click();
      await page.getByLabel("10000 申告单号").fill("8812");
      await page.getByRole("dialog").getByRole("button", { name: "已申告10000" }).click();
      await page.getByText("10000申告 · 已完成").waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(overflow).toBe(false);
      await shot(page, "faults-reported");
      expect(errors).toEqual([]);
    });

    it("should let the operator admin enter next year's holiday arrangement, used at once by the calendar", async () => {
      const page = await login(await newContext(browser, "desktop"), server.url, "admin", ADMIN_PASSWORD);
      const errors = watchErrors(page);
      await page.goto(`${server.url}/complaints/calendar`);
      await page.getByText("国务院通知").first().waitFor();
      await page.getByLabel("年份").fill("2027");
      await page.getByLabel("安排").fill("2027-01-01 休 元旦\n2027-01-02 班 元旦调休上班");
      await page.getByRole("button", { name: "保存" }).click();
      await page.getByText("管理员录入").waitFor();
      await page.getByText("2027", { exact: true }).click();
      await page.getByText("2027-01-02 班 元旦调休上班").waitFor();
      expect(await untranslated(page)).toEqual([]);
      await shot(page, "complaints-calendar");
      const due = await server.api<{ due: string }>(
        "GET",
        `/api/calendar/add-working-days?from=${encodeURIComponent("2026-12-31T10:00:00+08:00")}&days=1`,
        { as: "counter1" },
      );
      expect(due.body.due).toBe("2027-01-02T16:00:00.000Z");
      expect(errors).toEqual([]);
    });
  },
);
