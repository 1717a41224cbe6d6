import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

type Counter = { id: string; number: number };

// 暂离: a clerk steps away with a reason, the calling display apologises for that window, the clerk comes
// back and calls again, and the manager sees the period in the day's record.
describe.skipIf(!hasChromium)("a counter temporarily away", () => {
  let server: E2EServer;
  let browser: Browser;
  let counter: Counter;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    counter = (
      await server.api<Counter[]>("GET", `/api/halls/${server.demo.hallId}/counters`, { as: "manager" })
    ).body[0];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should pause the counter with a reason, apologise on the display, and keep the period", async () => {
    const hallId = server.demo.hallId;
    const page = await login(await newContext(browser, "desktop"), server.url, "counter1", DEMO_PASSWORD);
    const errors = watchErrors(page);
    const display = await (await newContext(browser, "display")).newPage();
    await display.goto(`${server.url}/display/${hallId}?device=${server.device("display")}`);
    await display.getByText("当前等候").waitFor();

    await page.goto(`${server.url}/counter/${hallId}/${counter.id}`);
    await page.getByRole("button", { name: "开启台席" }).click();
    await page.getByText("台席已开启").waitFor();
    await page.getByRole("button", { name: "暂离" }).click();
    const dialog = page.getByRole("dialog", { name: "暂离台席" });
    await dialog.getByText("其他").click();
    await dialog.getByRole("button", { name: "确认暂离" }).click();
    await dialog.getByText("请填写暂离原因").waitFor();
    await dialog.getByLabel("请说明原因").fill("协助客户填写资料");
    await shot(page, "counter-away-reason");
    await dialog.getByRole("button", { name: "确认暂离" }).click();
    await page.getByText("暂离中：协助客户填写资料").waitFor();
    await expect.poll(() => page.getByRole("button", { name: "叫下一位" }).isDisabled()).toBe(true);
    await shot(page, "counter-away");

    const notice = display.getByTestId("away-notice");
    await notice.waitFor();
    expect(await notice.textContent()).toContain(`${counter.number}号窗口 暂停服务`);
    expect(await notice.textContent()).not.toContain("协助客户");
    await shot(display, "display-counter-away");

    await page.getByRole("button", { name: "回到台席" }).click();
    await page.getByText("欢迎回来，可以继续叫号").waitFor();
    await expect.poll(() => page.getByRole("button", { name: "叫下一位" }).isDisabled()).toBe(false);
    await notice.waitFor({ state: "detached" });

    const manager = await login(await newContext(browser, "desktop"), server.url, "manager", DEMO_PASSWORD);
    await manager.goto(`${server.url}/staffing/${hallId}`);
    await manager.getByRole("tab", { name: "人员与班次" }).click();
    const card = manager.locator(".ant-card").filter({ hasText: "暂离记录" });
    await card.getByRole("cell", { name: "协助客户填写资料" }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await shot(manager, "staffing-away-record");
    expect(errors).toEqual([]);
  });
});
