import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

// R-MEET: the manager holds the day's meeting on a desktop; a counter reads the notice and confirms on a
// phone; the manager takes attendance, writes the minutes and ends it.
describe.skipIf(!hasChromium)("pre-shift meeting", () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should hold the meeting, have the notice confirmed on a phone, and end it with the minutes", async () => {
    const hallId = server.demo.hallId;
    const desk = await login(await newContext(browser, "desktop"), server.url, "manager", DEMO_PASSWORD);
    const errors = watchErrors(desk);
    await desk.goto(`${server.url}/meetings/${hallId}`);
    await desk.getByText("当日尚未召开例会").waitFor();
    await desk.getByLabel("通知").fill("今日起话费自动交费推广，请主动介绍");
    await desk.getByRole("button", { name: "召开例会" }).click();
    await desk.getByText(/昨日（\d{4}-\d{2}-\d{2}）数据/).waitFor();
    await desk.locator(".ant-card-head-title", { hasText: "今日营销活动" }).waitFor();
    await desk.getByText(/已确认 0 \/ \d+ 人/).waitFor();

    const phone = await login(await newContext(browser, "phone"), server.url, "counter1", DEMO_PASSWORD);
    const phoneErrors = watchErrors(phone);
    await phone.goto(`${server.url}/meetings/${hallId}`);
    await phone.getByText("今日起话费自动交费推广，请主动介绍").waitFor();
    // A counter reads, confirms, and edits nothing.
    expect(await phone.getByRole("button", { name: "保存" }).count()).toBe(0);
    await phone.getByRole("button", { name: "我已阅读通知" }).click();
    await phone.getByText("已确认阅读", { exact: true }).first().waitFor();
    await shot(phone, "meetings-phone", true);
    expect(phoneErrors).toEqual([]);

    await desk.reload();
    await desk.getByText(/已确认 1 \/ \d+ 人/).waitFor();
    await desk.getByLabel("陈咨询 出席").click();
    await desk.getByLabel("陈咨询 缺席原因").fill("病假");
    await desk.getByLabel("会议纪要").fill("回顾昨日服务；布置话费自动交费推广话术。");
    await desk.getByRole("button", { name: "保存" }).click();
    await desk.getByText("已保存").first().waitFor();
    await shot(desk, "meetings-desktop", true);
    await desk.getByRole("button", { name: "结束例会" }).click();
    await desk.locator(".ant-popconfirm").getByRole("button").last().click();
    await desk.getByText("缺席：病假").waitFor();
    await desk.locator(".ant-list-item").filter({ hasText: "人出席" }).getByText("已结束").waitFor();
    expect(errors).toEqual([]);
  });
});
