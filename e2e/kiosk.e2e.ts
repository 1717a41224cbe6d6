import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launch, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

describe.skipIf(!hasChromium)("the ticket kiosk", () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should refuse 挂失补卡 at a cooperative hall and name the hall to go to", async () => {
    const page = await (await newContext(browser, "kiosk")).newPage();
    const errors = watchErrors(page);
    await page.goto(
      `${server.url}/kiosk/${server.demo.cooperativeHallId}?device=${server.device("kiosk", "coop")}&print=0`,
    );
    const tile = page.getByRole("button", { name: /^挂失补卡/ });
    await tile.getByText("本厅不办理").waitFor();
    await shot(page, "kiosk-coop-home");
    await tile.click();
    await page.getByRole("alert").getByText("本厅暂不办理“挂失补卡”").waitFor();
    // The nearest hall of the region that may do it: 世纪大道 is about 8.6 km away, 陆家嘴 about 9.3 km.
    await page.getByRole("alert").getByText("世纪大道自营厅").waitFor();
    await page
      .getByRole("alert")
      .getByText(/上海市浦东新区世纪大道88号/)
      .waitFor();
    await shot(page, "kiosk-refused");
    await page.getByRole("button", { name: "返回" }).click();
    await page.getByText("请选择您要办理的业务").waitFor();
    expect(errors).toEqual([]);
  });

  it("should give a VIP customer a V ticket after their phone number, by touch alone", async () => {
    // A key customer (重要客户) of the archive: the server knows the number as a VIP's.
    const customer = await server.api("POST", "/api/field/customers", {
      as: "admin",
      body: { name: "陆家嘴金融公司", tier: "key", areaCode: "SH-PD", phone: "13900001111" },
    });
    expect(customer.status).toBe(201);
    const page = await (await newContext(browser, "kiosk")).newPage();
    await page.goto(`${server.url}/kiosk/${server.demo.hallId}?device=${server.device("kiosk")}&print=0`);
    await page.getByRole("button", { name: "VIP 客户" }).tap();
    for (const d of "13900001111") await page.getByRole("button", { name: d, exact: true }).tap();
    await page.getByRole("button", { name: "下一步" }).tap();
    await page.getByText(/VIP 优先通道 · 139\*\*\*\*1111/).waitFor();
    await shot(page, "kiosk-vip");
    await page.getByRole("button", { name: /^业务变更/ }).tap();
    expect(await page.getByTestId("ticket-number").textContent()).toBe("V001");
  });

  it("should not take a VIP number the server does not know: offer the card or a regular ticket", async () => {
    const page = await (await newContext(browser, "kiosk")).newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/kiosk/${server.demo.hallId}?device=${server.device("kiosk")}&print=0`);
    await page.getByRole("button", { name: "VIP 客户" }).tap();
    for (const d of "13700007777") await page.getByRole("button", { name: d, exact: true }).tap();
    await page.getByRole("button", { name: "下一步" }).tap();
    await page.getByRole("button", { name: /^交费/ }).tap();
    await page.getByRole("alert").getByText("未能识别您的 VIP 身份").waitFor();
    await shot(page, "kiosk-not-vip");
    await page.getByRole("button", { name: "取普通号" }).tap();
    expect(await page.getByTestId("ticket-number").textContent()).toMatch(/^A\d{3}$/);
    expect(errors).toEqual([]);
  });

  it("should give a VIP customer a V ticket after swiping a member card (a reader types the digits)", async () => {
    const page = await (await newContext(browser, "kiosk")).newPage();
    await page.goto(`${server.url}/kiosk/${server.demo.hallId}?device=${server.device("kiosk")}&print=0`);
    await page.getByRole("button", { name: "VIP 客户" }).tap();
    await page.getByRole("button", { name: "会员卡" }).tap();
    await page.getByText("请刷卡或输入会员卡号，优先为您办理").waitFor();
    await page.keyboard.type("6222020012345678");
    await page.getByLabel("会员卡号").getByText("6222 0200 1234 5678").waitFor();
    await shot(page, "kiosk-vip-card");
    await page.getByRole("button", { name: "下一步" }).tap();
    await page.getByText(/VIP 优先通道 · \*\*\*\*5678/).waitFor();
    await page.getByRole("button", { name: /^交费/ }).tap();
    expect(await page.getByTestId("ticket-number").textContent()).toMatch(/^V\d{3}$/);
  });

  it("should speak English when asked and print on 80 mm paper", async () => {
    const page = await (await newContext(browser, "kiosk")).newPage();
    await page.goto(`${server.url}/kiosk/${server.demo.hallId}?device=${server.device("kiosk")}&lang=en`);
    await page.getByText("What can we help you with today?").waitFor();
    await shot(page, "kiosk-en");
    // Printing on: the print dialog of a headless browser returns at once; the slip stays on screen.
    await page.getByRole("button", { name: /^Payment/ }).click();
    // The tickets of the tests before wait with no counter open: a peak, so the e-channels come first.
    await page.getByRole("button", { name: "Take a ticket anyway" }).click();
    await page.getByRole("button", { name: "No thanks, just the ticket" }).click();
    await page.getByTestId("ticket-number").waitFor();
    await shot(page, "kiosk-ticket-en");
    await page.setViewportSize({ width: 302, height: 600 });
    await page.emulateMedia({ media: "print" });
    await shot(page, "kiosk-slip-80mm");
  });

  it("should say when the hall is closed", async () => {
    const hall = await server.api<{ id: string }>("POST", "/api/halls", {
      as: "admin",
      body: {
        name: "夜间测试厅",
        type: "self_run",
        regionCode: "SH-PD",
        openingHours: [{ weekdays: [1], open: "00:00", close: "00:01" }],
      },
    });
    const device = await server.api<{ token: string }>("POST", `/api/halls/${hall.body.id}/devices`, {
      as: "admin",
      body: { kind: "kiosk", label: "夜间取号机" },
    });
    const page = await (await newContext(browser, "kiosk")).newPage();
    await page.goto(`${server.url}/kiosk/${hall.body.id}?device=${device.body.token}`);
    await page.getByText("现在不在营业时间").waitFor();
    await page.getByText(/周一 00:00–00:01/).waitFor();
    await shot(page, "kiosk-closed");
  });

  it("should offer the e-channels before a ticket while a peak forces diversion (R-PEAK level 2)", async () => {
    const allDay = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];
    const hall = await server.api<{ id: string }>("POST", "/api/halls", {
      as: "admin",
      body: { name: "高峰测试厅", type: "self_run", regionCode: "SH-PD", openingHours: allDay },
    });
    const device = await server.api<{ token: string }>("POST", `/api/halls/${hall.body.id}/devices`, {
      as: "admin",
      body: { kind: "kiosk", label: "高峰取号机" },
    });
    const page = await (await newContext(browser, "kiosk")).newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/kiosk/${hall.body.id}?device=${device.body.token}&print=0`);
    await page.getByText("请选择您要办理的业务").waitFor();
    // A customer waits and no counter is open: level 3, and the kiosk hears of it live.
    await server.api("POST", `/api/halls/${hall.body.id}/tickets`, {
      as: "admin",
      body: { businessType: "payment" },
    });
    await page.getByRole("button", { name: /^交费/ }).getByText("等候 1 人").waitFor();
    await page.getByRole("button", { name: /^交费/ }).tap();
    const offer = page.getByRole("alert");
    await offer.getByText("现在排队较多，“交费”可不排队办理").waitFor();
    await offer.getByText("自助终端").waitFor();
    await offer.getByText("网上营业厅").waitFor();
    await shot(page, "kiosk-peak-offer");
    // Taking the e-channel goes back to the start; a ticket is still there for whoever wants one.
    await offer.getByRole("button", { name: "好的，我去自助办理" }).tap();
    await page.getByText("请选择您要办理的业务").waitFor();
    await page.getByRole("button", { name: /^交费/ }).tap();
    await page.getByRole("button", { name: "仍要取号" }).tap();
    await page.getByText("交费", { exact: true }).waitFor(); // the phone step names the business
    expect(errors).toEqual([]);
  });
});
