import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

type Counter = { id: string; number: number };

describe.skipIf(!hasChromium)("the counter console", () => {
  let server: E2EServer;
  let browser: Browser;
  let counters: Counter[];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    counters = (
      await server.api<Counter[]>("GET", `/api/halls/${server.demo.hallId}/counters`, { as: "manager" })
    ).body;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should call VIP first, call a chosen ticket, mark a no-show, transfer, and run the clock amber then red", async () => {
    const hallId = server.demo.hallId;
    for (const [businessType, vip] of [
      ["payment", false],
      ["change", false],
      ["payment", true],
    ] as const) {
      // At the kiosk a VIP shows the member card (a bare "vip: true" is refused there).
      const issued = await server.api("POST", `/api/halls/${hallId}/tickets`, {
        token: server.device("kiosk"),
        body: { businessType, vip, phone: "13911112222", ...(vip ? { vipCard: "6222020012345678" } : {}) },
      });
      expect(issued.status).toBe(201);
    }
    const context = await newContext(browser, "desktop");
    await context.clock.install();
    const page = await login(context, server.url, "manager", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/counter/${hallId}/${counters[1].id}`);
    await page.getByRole("button", { name: "开启台席" }).click();
    await page.getByText("台席已开启").waitFor();
    // Calling order: the VIP first, then by issue time.
    const waiting = page.getByRole("list", { name: "等候队列" });
    await waiting.getByText("V001").waitFor();
    expect((await waiting.getByRole("listitem").allTextContents()).map((s) => s.slice(0, 4))).toEqual([
      "V001",
      "A001",
      "B001",
    ]);
    await shot(page, "counter-open");

    // Call B001 out of order, then it does not come: no-show.
    await page.getByRole("button", { name: "叫此号 B001" }).click();
    await page.getByTestId("current-number").getByText("B001").waitFor();
    await page.getByText("插队叫号").waitFor();
    await page.getByRole("button", { name: "过号" }).click();
    await page
      .getByRole("dialog", { name: "确认 B001 过号？" })
      .getByRole("button", { name: "过号" })
      .click();
    await page.getByText("当前无客户").waitFor();

    // Next is the VIP; the phone is masked on the console for everyone, the manager too (R-PRIVACY).
    await page.getByRole("button", { name: "叫下一位" }).click();
    await page.getByTestId("current-number").getByText("V001").waitFor();
    await page.getByText("139****2222").waitFor();
    // The manager may unmask it, one logged act at a time.
    await page.getByRole("button", { name: "查看完整号码" }).click();
    // …after saying why (kept in the audit log).
    const why = page.getByRole("dialog").filter({ hasText: "查看完整号码的原因" });
    await why.getByText("回电客户").click();
    await shot(page, "counter-unmask-reason");
    await why.getByRole("button", { name: "查看" }).click();
    await page.getByText("13911112222").waitFor();
    await page.getByRole("button", { name: "开始办理" }).click();

    // 交费 has a 3-minute handling limit: amber from 80 %, red beyond.
    await page.clock.fastForward("02:30");
    await page.waitForFunction(
      () => document.querySelector("[data-testid=service-clock]")?.getAttribute("data-color") === "#f59e0b",
    );
    await page.getByText("即将超时").waitFor();
    await shot(page, "counter-amber");
    await page.clock.fastForward("01:00");
    await page.waitForFunction(
      () => document.querySelector("[data-testid=service-clock]")?.getAttribute("data-color") === "#dc2626",
    );
    await page.getByText("已超时").waitFor();
    await shot(page, "counter-red");

    // Transfer the customer to 业务变更: back in the line, keeping the place.
    await page.getByRole("button", { name: "转移" }).click();
    const dialog = page.getByRole("dialog", { name: "转移客户" });
    await dialog.getByRole("combobox", { name: "业务类型" }).click();
    await page.getByTitle("业务变更").click();
    await shot(page, "counter-transfer");
    await dialog.getByRole("button", { name: "确定" }).click();
    await page.getByText("已转移").waitFor();
    await page.getByText("当前无客户").waitFor();
    const ticket = (
      await server.api<{ items: { number: string; businessType: string; status: string }[] }>(
        "GET",
        `/api/halls/${hallId}/tickets`,
        { as: "manager" },
      )
    ).body.items.find((t) => t.number === "V001");
    expect(ticket).toMatchObject({ businessType: "change", status: "waiting" });
    expect(errors).toEqual([]);
  });
});
