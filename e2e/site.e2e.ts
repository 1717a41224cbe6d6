import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

// R-SITE: the floor walks the opening check on a phone; 27.5 °C and an empty water dispenser fail and
// raise tasks; the manager closes one on a desktop, then records a serious disturbance and closes it once
// the police and the security department were told.
describe.skipIf(!hasChromium)("site checks and incidents", () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should check the hall on a phone, raise tasks, and close one on a desktop", async () => {
    const hallId = server.demo.hallId;
    // The day's first ticket: the hall is open.
    await server.api("POST", `/api/halls/${hallId}/tickets`, {
      token: server.device("kiosk"),
      body: { businessType: "payment" },
    });
    const phone = await login(await newContext(browser, "phone"), server.url, "floor", DEMO_PASSWORD);
    const errors = watchErrors(phone);
    await phone.goto(`${server.url}/site/${hallId}`);
    await phone.getByText("今日尚未做开门检查").waitFor();
    const row = (label: string) => phone.locator(".ant-list-item").filter({ hasText: label });
    // Submitting waits for the measured temperature.
    const submit = phone.getByRole("button", { name: "提交检查" });
    expect(await submit.isDisabled()).toBe(true);
    await phone.getByLabel("室温 24–26 °C", { exact: true }).fill("27.5");
    await row("饮水机有水有杯").getByText("异常").click();
    await phone.getByLabel("饮水机有水有杯 说明").fill("纸杯用完");
    await row("叫号屏、评价器在线").getByText("离线").first().waitFor();
    await submit.click();
    await phone.getByText("检查已提交").waitFor();
    const result = phone.locator(".ant-alert").filter({ hasText: "整改任务" });
    await result.getByText("27.5°C 超出 24–26°C").waitFor();
    await result.getByText(/已生成 \d+ 项整改任务/).waitFor();
    await phone.getByText(/今日已检查 1 次/).waitFor();
    await shot(phone, "site-check-phone", true);
    expect(errors).toEqual([]);

    const desk = await login(await newContext(browser, "desktop"), server.url, "manager", DEMO_PASSWORD);
    const deskErrors = watchErrors(desk);
    await desk.goto(`${server.url}/site/${hallId}?tab=tasks`);
    const task = desk
      .locator(".ant-card")
      .filter({ has: desk.locator(".ant-card-head-title", { hasText: "饮水机有水有杯" }) });
    await task.getByText("责任人：李厅经理").waitFor();
    await desk
      .locator(".ant-card")
      .filter({ has: desk.locator(".ant-card-head-title", { hasText: "室温" }) })
      .waitFor();
    await shot(desk, "site-tasks");
    await task.getByRole("button", { name: "完成" }).click();
    await desk.getByLabel("整改情况").fill("已补充纸杯");
    await desk.locator(".ant-modal").getByRole("button", { name: "完成" }).click();
    await desk.getByText("已更新").waitFor();
    await task.waitFor({ state: "detached" });
    await desk.getByText("已完成", { exact: true }).click();
    await desk.getByText("已补充纸杯").waitFor();
    expect(deskErrors).toEqual([]);
  });

  it("should keep a serious disturbance open until the police and security were told", async () => {
    const hallId = server.demo.hallId;
    const desk = await login(await newContext(browser, "desktop"), server.url, "manager", DEMO_PASSWORD);
    const errors = watchErrors(desk);
    await desk.goto(`${server.url}/site/${hallId}?tab=incidents`);
    await desk.getByText("没有突发事件记录").waitFor();
    await desk.getByRole("button", { name: "记录突发事件" }).click();
    const form = desk.locator(".ant-drawer");
    await form.getByText("严重").click();
    await form.getByLabel("经过").fill("客户因停机争执，推搡柜员");
    await form.getByRole("button", { name: "添加人员" }).click();
    await form.getByLabel("姓名").fill("张先生");
    await form.getByRole("button", { name: "添加措施" }).click();
    await form.getByLabel("已采取的措施").fill("引导至贵宾室单独沟通");
    await form.getByRole("button", { name: "记录突发事件" }).click();
    const detail = desk.locator(".ant-drawer").filter({ hasText: "事件详情" });
    await detail.getByText("严重事件须报告：公安机关、安保部门，报告后方可结案").waitFor();
    expect(await detail.getByRole("button", { name: "结案" }).isDisabled()).toBe(true);
    await detail.getByLabel("报案编号").fill("沪公陆 118");
    await detail.getByRole("button", { name: "报告" }).click();
    await detail.getByText("已报告公安机关（编号 沪公陆 118）").waitFor();
    await detail.getByRole("button", { name: "报告" }).click();
    await detail.getByText("已报告安保部门").waitFor();
    await detail.getByLabel("结案报告").fill("客户致歉离开");
    await detail.getByRole("button", { name: "结案" }).click();
    await desk.locator(".ant-popconfirm").getByRole("button").last().click();
    await detail.getByText("已结案").first().waitFor();
    await shot(desk, "site-incident", true);
    await detail.locator(".ant-drawer-close").click();
    await desk.locator(".ant-card").filter({ hasText: "客户因停机争执" }).getByText("已结案").waitFor();
    expect(errors).toEqual([]);
  });
});
