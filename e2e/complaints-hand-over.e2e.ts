import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

const complaint = {
  customer: { name: "周女士", phone: "13700001234" },
  channel: "counter",
  category: "service",
  description: "等候时间过长，无人引导",
  request: "给个说法",
  confirmedByCustomer: true,
};

/** The options the open picker shows, group headings included, top to bottom. */
const pickerLines = (page: Page) =>
  page.locator(".ant-select-dropdown:visible .ant-select-item").allInnerTexts();

describe.skipIf(!hasChromium)("handing a complaint over (首问负责制)", () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should offer the hall's staff first, find a colleague by name, and name the new owner in the history", async () => {
    const c = await server.api<{ id: string }>("POST", "/api/complaints", {
      as: "counter1",
      body: complaint,
    });
    const page = await login(await newContext(browser, "desktop"), server.url, "counter1", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/complaints/${c.body.id}`);
    await page.getByRole("button", { name: "移交" }).click();
    const dialog = page.getByRole("dialog", { name: "移交" });
    await dialog.getByLabel("移交给").click();
    await page.locator(".ant-select-dropdown:visible").getByText("本厅人员").waitFor();
    // The options arrive and re-render: read them once the whole list (down to the administrator) is there.
    await expect
      .poll(async () => {
        const now = await pickerLines(page);
        return now.some((l) => l.includes("本厅人员")) && now.some((l) => l.includes("系统管理员"));
      })
      .toBe(true);
    const lines = await pickerLines(page);
    // The hall first, the area manager next, the administrator last; no rural agent, not the owner.
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at("本厅人员")).toBe(0);
    expect(at("片区经理")).toBeGreaterThan(at("台席2号"));
    expect(at("系统管理员")).toBeGreaterThan(at("王片区"));
    expect(lines.some((l) => l.includes("刘代理") || l.includes("台席1号"))).toBe(false);
    await shot(page, "complaints-hand-over-picker");

    await page.keyboard.type("counter2");
    await page.locator(".ant-select-dropdown:visible").getByText("台席2号 (counter2) · 台席人员").waitFor();
    await expect.poll(() => pickerLines(page)).toEqual(["本厅人员", "台席2号 (counter2) · 台席人员"]);
    await page.keyboard.press("Enter");
    await dialog.getByLabel("原因").fill("换班，由2号台席跟进");
    await dialog.getByRole("button", { name: "移交" }).click();
    await page.getByText("移交给 台席2号").waitFor();
    await page.getByText("换班，由2号台席跟进").waitFor();
    await shot(page, "complaints-hand-over-history");
    expect(errors).toEqual([]);
  });

  it("should read in English on a phone", async () => {
    const c = await server.api<{ id: string }>("POST", "/api/complaints", {
      as: "counter1",
      body: complaint,
    });
    const page = await login(
      await newContext(browser, "phone", { isMobile: true }),
      server.url,
      "counter1",
      DEMO_PASSWORD,
    );
    await page.evaluate(() => localStorage.setItem("tingwu.lang", "en"));
    await page.goto(`${server.url}/complaints/${c.body.id}`);
    await page.getByRole("button", { name: "Hand over" }).click();
    const dialog = page.getByRole("dialog", { name: "Hand over" });
    await dialog.getByLabel("Hand over to").click();
    await page.keyboard.type("王");
    await page.locator(".ant-select-dropdown:visible").getByText("王片区 (area) · Area manager").click();
    await dialog.getByLabel("Reason").fill("Needs the area manager");
    await shot(page, "complaints-hand-over-phone-en");
    await dialog.getByRole("button", { name: "Hand over" }).click();
    await page.getByText("Handed to 王片区").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await shot(page, "complaints-hand-over-history-phone-en", true);
  });
});
