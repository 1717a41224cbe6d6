import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

/** Whether an element's text sits on one line: no taller than 1.5 of its own line height. */
const oneLine = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const style = getComputedStyle(el);
      const line = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.5;
      return el.getBoundingClientRect().height <= line * 1.5;
    });

/** Everything in the header stays inside it (a word wrapping a letter per line spills out below). */
const headerContained = (page: Page) =>
  page.locator("header").evaluate((header) => {
    const box = header.getBoundingClientRect();
    return [...header.querySelectorAll("*")]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .every((r) => r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.right <= box.right + 1);
  });
const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!hasChromium)(
  "the home page on a phone, where floor staff and agents start their day",
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

    const phone = (width: number, height: number) =>
      browser.newContext({
        viewport: { width, height },
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
        isMobile: true,
        hasTouch: true,
      });

    for (const width of [360, 390, 430]) {
      it(`should keep the header, the greeting and the role on one line each at ${width} px`, async () => {
        const page = await login(await phone(width, 844), server.url, "floor", DEMO_PASSWORD);
        const errors = watchErrors(page);
        await page.getByRole("heading", { name: "赵流动，您好" }).waitFor();
        await page.getByText("流动引导", { exact: true }).waitFor();
        expect(await headerContained(page)).toBe(true);
        expect(await oneLine(page, "header h4, header h5")).toBe(true);
        expect(await oneLine(page, "h3")).toBe(true);
        expect(await noHorizontalScroll(page)).toBe(true);
        // The hall's name is not cut off by its address.
        const hallTitle = page.locator(".ant-card-head-title").filter({ hasText: "陆家嘴自营厅" });
        await hallTitle.waitFor();
        expect(await hallTitle.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
        if (width === 390) await shot(page, "home-phone-floor");
        if (width === 360) await shot(page, "home-phone-360", true);
        expect(errors).toEqual([]);
      });
    }

    it("should read well in English on a phone, with the language switch in the header", async () => {
      const page = await login(await phone(390, 844), server.url, "manager", DEMO_PASSWORD);
      await page.getByRole("heading", { name: "李厅经理，您好" }).waitFor();
      await page.locator("header .ant-segmented").getByText("EN", { exact: true }).click();
      await page.getByRole("heading", { name: "Hello, 李厅经理" }).waitFor();
      await page.getByText("Hall manager", { exact: true }).waitFor();
      // The demo hall's English name, where one is set.
      await page.locator(".ant-card-head-title").filter({ hasText: "Lujiazui Hall" }).waitFor();
      expect(await headerContained(page)).toBe(true);
      expect(await oneLine(page, "header h4, header h5")).toBe(true);
      expect(await noHorizontalScroll(page)).toBe(true);
      await shot(page, "home-phone-manager-en", true);
    });

    it("should give the rural agent's field screens the same one-line header", async () => {
      const page = await login(await phone(390, 844), server.url, "agent", DEMO_PASSWORD);
      await page.getByRole("heading", { name: "刘代理，您好" }).waitFor();
      expect(await headerContained(page)).toBe(true);
      await page.getByRole("link", { name: "农村代理" }).click();
      await page.getByText("今天没有待办，辛苦了").waitFor();
      expect(await headerContained(page)).toBe(true);
      expect(await noHorizontalScroll(page)).toBe(true);
      await shot(page, "field-day-phone-header");
    });

    it("should keep the desktop header with brand, name and role", async () => {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
      });
      const page = await login(context, server.url, "floor", DEMO_PASSWORD);
      await page.getByRole("heading", { name: "赵流动，您好" }).waitFor();
      await page.locator("header").getByText("厅务", { exact: true }).waitFor();
      await page
        .locator("header")
        .getByText(/赵流动 · 流动引导/)
        .waitFor();
      expect(await headerContained(page)).toBe(true);
      await shot(page, "home-desktop-floor");
    });
  },
);
