import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

const DAY = 86_400_000;
// A day counted from today in Shanghai, the demo hall's time zone (late in the UTC day it is already tomorrow).
const SHANGHAI = 8 * 60 * 60 * 1000;
const dateIn = (offset: number) => new Date(Date.now() + SHANGHAI + offset * DAY).toISOString().slice(0, 10);
const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

type Contract = { title: string; product: string | null; amount: number | null; endsOn: string };
type Plan = { kind: string; purpose: string | null; status: string; plannedAt: string };

describe.skipIf(!hasChromium)(
  "contracts, appointments and opportunity amounts from the customer card",
  () => {
    let server: E2EServer;
    let browser: Browser;
    let customerId: string;
    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer(), launch()]);
      const c = await server.api<{ id: string }>("POST", "/api/field/customers", {
        as: "agent",
        body: { name: "张江电子厂", tier: "key", areaCode: "SH-PD", town: "张江镇", village: "联群村" },
      });
      customerId = c.body.id;
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("should let the agent record and correct a contract, book a visit and add an opportunity on a phone", async () => {
      const page = await login(
        await newContext(browser, "phone", { isMobile: true }),
        server.url,
        "agent",
        DEMO_PASSWORD,
      );
      const errors = watchErrors(page);
      await page.goto(`${server.url}/field/customers/${customerId}`);
      await page.getByText("暂无协议").waitFor();

      await page.getByRole("button", { name: "新增协议" }).click();
      let dialog = page.getByRole("dialog", { name: "新增协议" });
      await dialog.getByLabel("协议名称").fill("政企宽带协议");
      await dialog.getByLabel("产品").fill("政企专线 100M");
      await dialog.getByLabel("金额（元）").fill("12800.5");
      await dialog.getByLabel("开始日期").fill("2025-01-01");
      // An end before the start is caught on the form.
      await dialog.getByLabel("到期日期").fill("2024-12-01");
      await dialog.getByRole("button", { name: "保存" }).click();
      await dialog.getByText("到期日期须晚于开始日期").waitFor();
      await dialog.getByLabel("到期日期").fill(dateIn(300));
      await shot(page, "field-contract-form");
      await dialog.getByRole("button", { name: "保存" }).click();
      await page.getByText("政企专线 100M · ¥12,800.50").waitFor();

      await page.getByRole("button", { name: "修改协议 政企宽带协议" }).click();
      dialog = page.getByRole("dialog", { name: "修改协议" });
      await dialog.getByLabel("金额（元）").fill("13000");
      await dialog.getByRole("button", { name: "保存" }).click();
      await page.getByText("政企专线 100M · ¥13,000.00").waitFor();
      const contracts = (
        await server.api<Contract[]>("GET", `/api/field/customers/${customerId}/contracts`, { as: "agent" })
      ).body;
      expect(contracts).toMatchObject([{ title: "政企宽带协议", product: "政企专线 100M", amount: 13000 }]);

      await page.getByRole("button", { name: "预约拜访" }).click();
      dialog = page.getByRole("dialog", { name: "预约拜访" });
      await dialog.getByText("电话拜访").click();
      await dialog.getByLabel("拜访目的").fill("续约洽谈");
      await shot(page, "field-plan-form");
      await dialog.getByRole("button", { name: "预约拜访" }).click();
      await page.getByText("续约洽谈").waitFor();
      await page.getByText("待拜访", { exact: true }).waitFor();
      const plans = (
        await server.api<Plan[]>("GET", `/api/field/visit-plans?customerId=${customerId}&to=${dateIn(3)}`, {
          as: "agent",
        })
      ).body;
      expect(plans).toMatchObject([{ kind: "phone", purpose: "续约洽谈", status: "planned" }]);
      // Tomorrow 09:00 in Shanghai, the form's first offer.
      expect(new Date(plans[0].plannedAt).toISOString()).toBe(`${dateIn(1)}T01:00:00.000Z`);

      await page.getByRole("button", { name: "新增商机" }).click();
      dialog = page.getByRole("dialog", { name: "新增商机" });
      await dialog.getByLabel("商机内容").fill("厂区千兆光纤");
      await dialog.getByLabel("预计金额（元）").fill("30000.5");
      await dialog.getByRole("button", { name: "保存" }).click();
      await page.getByText("¥30,000.50").waitFor();
      await page.getByRole("button", { name: "修改商机：厂区千兆光纤" }).click();
      dialog = page.getByRole("dialog", { name: "修改商机" });
      await dialog.getByLabel("预计金额（元）").fill("28000.25");
      await dialog.getByRole("button", { name: "保存" }).click();
      await page.getByText("¥28,000.25").waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, "field-customer-deals", true);
      expect(await noHorizontalScroll(page)).toBe(true);
      expect(errors).toEqual([]);
    });

    it("should show the area manager the pipeline totals per stage, in Chinese and English", async () => {
      await server.api("POST", `/api/field/customers/${customerId}/opportunities`, {
        as: "agent",
        body: { title: "流量包", amount: 0.1 },
      });
      await server.api("POST", `/api/field/customers/${customerId}/opportunities`, {
        as: "agent",
        body: { title: "流量包加量", amount: 0.2 },
      });
      for (const viewport of ["phone", "desktop"] as const) {
        const page = await login(await newContext(browser, viewport), server.url, "area", DEMO_PASSWORD);
        const errors = watchErrors(page);
        await page.goto(`${server.url}/field/manage`);
        await page.getByRole("tab", { name: "商机" }).click();
        // 28,000.25 + 0.1 + 0.2, to the fen.
        await page.getByLabel("新建").getByText("¥28,000.55").waitFor();
        await page.getByLabel("新建").getByText("3", { exact: true }).waitFor();
        await page.getByRole("cell", { name: "¥28,000.55" }).waitFor();
        await shot(page, `field-pipeline-${viewport}`);
        expect(await noHorizontalScroll(page)).toBe(true);
        if (viewport === "desktop") {
          await page.locator("header .ant-segmented").getByText("EN", { exact: true }).click();
          await page.getByLabel("New", { exact: true }).getByText("¥28,000.55").waitFor();
          await shot(page, "field-pipeline-desktop-en");
        }
        expect(errors).toEqual([]);
      }
    });
  },
);
