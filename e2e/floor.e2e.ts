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

  it("should give security the queue to divert from, and the peak to record what was done", async () => {
    const hallId = server.demo.hallId;
    // Two customers wait and no counter is open: a level-3 peak.
    const numbers: string[] = [];
    for (const businessType of ["payment", "consultation"]) {
      const t = await server.api<{ number: string }>("POST", `/api/halls/${hallId}/tickets`, {
        as: "admin",
        body: { businessType },
      });
      numbers.push(t.body.number);
    }
    const page = await login(
      await newContext(browser, "phone", { isMobile: true }),
      server.url,
      "security",
      DEMO_PASSWORD,
    );
    const errors = watchErrors(page);
    await page.goto(`${server.url}/floor/${hallId}`);
    const alert = page.getByRole("alert").filter({ hasText: "高峰预警" });
    await alert.getByText("三级预警").waitFor();
    await alert.getByText("强制分流").waitFor();
    // Security diverts; greeting, soothing and the desk's look-up are the floor's.
    await page.getByRole("button", { name: `分流 ${numbers[0]}` }).waitFor();
    expect(await page.getByRole("button", { name: `安抚 ${numbers[0]}` }).count()).toBe(0);
    expect(await page.getByRole("tab", { name: "接待" }).count()).toBe(0);
    await shot(page, "floor-security-peak");
    await alert.getByRole("button", { name: "记录措施" }).click();
    await page.getByRole("textbox", { name: "记录措施" }).fill("引导 2 位客户到自助终端");
    await page.getByRole("button", { name: "记录", exact: true }).click();
    await page.getByText("已记入本次高峰").waitFor();
    const episodes = (
      await server.api<{ peakLevel: number; actions: { text: string; byName: string | null }[] }[]>(
        "GET",
        `/api/halls/${hallId}/peak-episodes`,
        { as: "manager" },
      )
    ).body;
    expect(episodes[0].peakLevel).toBe(3);
    expect(episodes[0].actions).toContainEqual(
      expect.objectContaining({ text: "引导 2 位客户到自助终端", byName: "周保安" }),
    );
    expect(errors).toEqual([]);
  });
});
