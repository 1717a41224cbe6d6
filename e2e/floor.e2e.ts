import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

describe.skipIf(!hasChromium)("the floor console on a phone", () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should greet, guide, take a ticket for the visitor, soothe and divert, each recorded on the visit", async () => {
    const hallId = server.demo.hallId;
    const page = await login(
      await newContext(browser, "phone", { isMobile: true }),
      server.url,
      "desk",
      DEMO_PASSWORD,
    );
    const errors = watchErrors(page);
    await page.goto(`${server.url}/floor/${hallId}`);
    await page.getByRole("button", { name: "问候新客户" }).waitFor();
    await shot(page, "floor-home");

    await page.getByRole("button", { name: "问候新客户" }).click();
    await page.getByText("已记录问候").waitFor();
    await page.getByRole("button", { name: "咨询引导" }).click();
    await page.getByText("已记录：咨询引导").waitFor();
    await shot(page, "floor-visit");

    await page.getByRole("button", { name: "代客取号", exact: true }).click();
    await page.getByRole("radio", { name: "咨询" }).click();
    await page.getByLabel("手机号（可选，用于短信提醒）").fill("13700002222");
    await shot(page, "floor-issue");
    await page.getByRole("button", { name: "取号", exact: true }).click();
    await page.getByText(/已取号 F001/).waitFor();

    await page.getByRole("tab", { name: /排队/ }).click();
    await page.getByRole("button", { name: "安抚 F001" }).click();
    await page.getByText("已记录安抚 F001").waitFor();
    await page.getByRole("button", { name: "分流 F001" }).click();
    await page.getByText("建议按以下顺序引导客户").waitFor();
    await page.getByRole("radio", { name: /网上营业厅/ }).check();
    await shot(page, "floor-divert");
    await page.getByRole("button", { name: "客户同意" }).click();
    await page.getByText(/F001 已分流至网上营业厅/).waitFor();
    await page.getByText("当前无人等候").waitFor();

    const visits = (
      await server.api<{ nodes: { node: string }[]; tickets: { number: string; status: string }[] }[]>(
        "GET",
        `/api/halls/${hallId}/visits`,
        { as: "manager" },
      )
    ).body;
    expect(visits[0].nodes.map((n) => n.node)).toEqual(["Z1", "Z2", "Z4"]);
    expect(visits[0].tickets).toEqual([expect.objectContaining({ number: "F001", status: "diverted" })]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    expect(errors).toEqual([]);
  });
});
