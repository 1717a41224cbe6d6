import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

// R-CAMPAIGN: the hall's manager plans a campaign and is told its wording clashes; the area manager
// approves it on a phone; the counter then shows its talking points beside the customer's ticket.
describe.skipIf(!hasChromium)("campaign calendar", () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should plan, warn, approve and bring a campaign's talking points to the counter", async () => {
    const hallId = server.demo.hallId;
    const page = await login(await newContext(browser, "desktop"), server.url, "manager", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/campaigns`);
    // The demo's two campaigns are in force this month.
    await page
      .locator(".ant-card")
      .filter({ has: page.locator(".ant-card-head-title", { hasText: "话费自动交费推广" }) })
      .getByText("已生效")
      .waitFor();
    await page.getByRole("button", { name: "新建活动" }).click();
    const drawer = page.locator(".ant-drawer");
    await drawer.getByLabel("活动名称").fill("冬季缴费季");
    await drawer.getByLabel("话术").fill("提醒客户冬季话费可预存");
    await drawer.getByRole("button", { name: "添加产品" }).click();
    await drawer.getByLabel("产品代码").fill("auto_pay");
    await drawer.getByLabel("产品名称").fill("话费自动交费");
    await drawer.getByLabel("统一口径").fill("预存100送20");
    await drawer.getByRole("button", { name: "保存" }).click();
    await page.getByText("已保存，有 1 条提醒，请在审核前处理").waitFor();
    const titled = (p: typeof page, name: string) =>
      p.locator(".ant-card").filter({ has: p.locator(".ant-card-head-title", { hasText: name }) });
    const draft = titled(page, "冬季缴费季");
    await draft.getByText("待审核").waitFor();
    await draft.getByText("与活动「话费自动交费推广」口径不一致").waitFor();
    // A hall's manager plans; approving is the area's.
    expect(await draft.getByRole("button", { name: "审核通过" }).count()).toBe(0);
    await shot(page, "campaigns-calendar");
    expect(errors).toEqual([]);

    const phone = await login(await newContext(browser, "phone"), server.url, "area", DEMO_PASSWORD);
    const phoneErrors = watchErrors(phone);
    await phone.goto(`${server.url}/campaigns`);
    const card = titled(phone, "冬季缴费季");
    await card.getByRole("button", { name: "审核通过" }).click();
    await phone.locator(".ant-popconfirm").getByRole("button").last().click();
    await phone.getByText("已审核通过").waitFor();
    await card.getByText("已生效").waitFor();
    await shot(phone, "campaigns-phone", true);
    expect(phoneErrors).toEqual([]);

    // The counter: a customer called, the campaigns of today with their points and products.
    const counters = (
      await server.api<{ id: string; number: number }[]>("GET", `/api/halls/${hallId}/counters`, {
        as: "manager",
      })
    ).body;
    const counterId = counters.find((c) => c.number === 3)!.id;
    await server.api("POST", `/api/halls/${hallId}/counters/${counterId}/open`, { as: "counter1", body: {} });
    await server.api("POST", `/api/halls/${hallId}/tickets`, {
      token: server.device("kiosk"),
      body: { businessType: "payment" },
    });
    await server.api("POST", `/api/halls/${hallId}/counters/${counterId}/call-next`, { as: "counter1" });
    const desk = await login(await newContext(browser, "desktop"), server.url, "counter1", DEMO_PASSWORD);
    const deskErrors = watchErrors(desk);
    await desk.goto(`${server.url}/counter/${hallId}/${counterId}`);
    const winter = desk.getByRole("region", { name: "冬季缴费季" });
    await winter.getByText("提醒客户冬季话费可预存").waitFor();
    await winter.getByRole("checkbox", { name: "已推荐 话费自动交费" }).waitFor();
    // 5G 升级季 is for other business than a payment: not offered here.
    expect(await desk.getByRole("region", { name: "5G 升级季" }).count()).toBe(0);
    await shot(desk, "counter-talking-points");
    expect(deskErrors).toEqual([]);
  });
});
