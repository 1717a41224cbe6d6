import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

type Counter = { id: string; number: number };
type Ticket = { id: string; number: string };

// The hall as staff use it through a day, role by role: the desk takes back a missed ticket, a counter
// undoes a no-show and is taken over on record, and every screen comes back as it was after a reload.
describe.skipIf(!hasChromium)("the hall as staff use it", () => {
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

  const hall = () => server.demo.hallId;
  const issue = async (businessType: string, phone?: string) =>
    (
      await server.api<Ticket>("POST", `/api/halls/${hall()}/tickets`, {
        token: server.device("kiosk"),
        body: { businessType, ...(phone ? { phone } : {}) },
      })
    ).body;
  const open = (i: number, as: string) =>
    server.api("POST", `/api/halls/${hall()}/counters/${counters[i].id}/open`, { as, body: {} });
  const callNext = async (i: number, as: string) =>
    (
      await server.api<{ ticket: Ticket }>(
        "POST",
        `/api/halls/${hall()}/counters/${counters[i].id}/call-next`,
        {
          as,
        },
      )
    ).body.ticket;
  const act = (id: string, action: string, as: string, body?: object) =>
    server.api("POST", `/api/tickets/${id}/${action}`, { as, body });
  const staff = async (username: string, viewport: "desktop" | "phone" = "desktop") => {
    const context = await newContext(browser, viewport, viewport === "phone" ? { isMobile: true } : {});
    return login(context, server.url, username, DEMO_PASSWORD);
  };

  it("should ask before a no-show and take it back within the minute, as it was", async () => {
    const page = await staff("counter1");
    const errors = watchErrors(page);
    await page.goto(`${server.url}/counter/${hall()}/${counters[0].id}`);
    await page.getByRole("button", { name: "开启台席" }).click();
    await page.getByText("台席已开启").waitFor();
    const ticket = await issue("payment", "13911112222");
    await page.getByRole("button", { name: "叫下一位" }).click();
    await page.getByTestId("current-number").getByText(ticket.number).waitFor();

    await page.getByRole("button", { name: "过号" }).click();
    const confirm = page.getByRole("dialog", { name: `确认 ${ticket.number} 过号？` });
    await confirm.waitFor();
    await shot(page, "staff-counter-no-show-confirm");
    await confirm.getByRole("button", { name: "过号" }).click();
    await page.getByText(`${ticket.number} 已过号`).waitFor();
    await page.getByText(/秒内可撤销/).waitFor();
    await shot(page, "staff-counter-undo");
    await page.getByRole("button", { name: "撤销" }).click();
    await page.getByText(`已撤销过号，${ticket.number} 回到本窗口`).waitFor();
    await page.getByTestId("current-number").getByText(ticket.number).waitFor();
    await page.getByRole("button", { name: "开始办理" }).waitFor();
    const back = (
      await server.api<{ status: string; counterId: string }>("GET", `/api/tickets/${ticket.id}`, {
        as: "manager",
      })
    ).body;
    expect(back).toMatchObject({ status: "called", counterId: counters[0].id });
    expect(errors).toEqual([]);
  });

  it("should show who holds a counter and let another take it over, confirmed and on record", async () => {
    const page = await staff("counter2");
    const errors = watchErrors(page);
    await page.goto(`${server.url}/counter/${hall()}/${counters[0].id}`);
    await page.getByText("此台席由 台席1号 使用中").waitFor();
    await expect.poll(() => page.getByRole("button", { name: "开始办理" }).isDisabled()).toBe(true);
    await shot(page, "staff-counter-held");
    await page.getByRole("button", { name: "接管" }).click();
    const dialog = page.getByRole("dialog", { name: "接管1号窗口？" });
    await dialog.getByText("台席1号 将不能再在此台席叫号办理").waitFor();
    await shot(page, "staff-counter-takeover-confirm");
    await dialog.getByRole("button", { name: "接管" }).click();
    await page.getByText("已接管台席").waitFor();
    await page.getByText("此台席由 台席1号 使用中").waitFor({ state: "detached" });
    await expect.poll(() => page.getByRole("button", { name: "开始办理" }).isDisabled()).toBe(false);
    await page.getByRole("button", { name: "开始办理" }).click();
    await page.getByRole("button", { name: "完成办理" }).waitFor();
    await shot(page, "staff-counter-taken-over");
    const history = (
      await server.api<{ action: string }[]>(
        "GET",
        `/api/halls/${hall()}/counters/${counters[0].id}/history`,
        { as: "manager" },
      )
    ).body;
    expect(history.map((h) => h.action)).toEqual(["takeover", "open"]);
    expect(errors).toEqual([]);
  });

  it("should find a missed ticket at the desk and return, reprint, move and cancel it", async () => {
    await open(1, "counter5");
    const missed = await issue("payment", "13712345678");
    expect((await callNext(1, "counter5")).id).toBe(missed.id);
    await act(missed.id, "no-show", "counter5");

    const page = await staff("desk", "phone");
    const errors = watchErrors(page);
    await page.goto(`${server.url}/floor/${hall()}`);
    await page.getByRole("tab", { name: "查号" }).click();
    await page.getByLabel("票号或手机号").fill(missed.number.toLowerCase());
    await page.getByLabel("票号或手机号").press("Enter");
    const card = page.getByLabel(missed.number, { exact: true });
    await card.getByText("过号", { exact: true }).waitFor();
    await card.getByText("137****5678").waitFor();
    // Only what the server allows a no-show: back to the queue.
    expect(await card.getByRole("button").allTextContents()).toEqual(["回到队列"]);
    await shot(page, "staff-desk-found");

    await card.getByRole("button", { name: "回到队列" }).click();
    await page.getByText(`${missed.number} 已回到队列`).waitFor();
    const slip = page.getByRole("dialog", { name: "凭条" });
    await slip.getByTestId("slip-number").getByText(missed.number).waitFor();
    await slip.getByText("前面还有").waitFor();
    await shot(page, "staff-desk-reprint");
    await page.emulateMedia({ media: "print" });
    await shot(page, "staff-desk-reprint-print");
    await page.emulateMedia({ media: "screen" });
    await slip.getByRole("button", { name: "关闭" }).click();
    await card.getByText("等候中").waitFor();
    expect(await card.getByRole("button").allTextContents()).toEqual(["重打凭条", "改办业务", "取消此票"]);

    // Move it to 业务变更: the same number, its place kept.
    await card.getByRole("button", { name: "改办业务" }).click();
    const move = page.getByRole("dialog", { name: `${missed.number} 改办业务` });
    await move.getByRole("combobox", { name: "改办为" }).click();
    await page.getByTitle("业务变更").click();
    await move.getByRole("button", { name: "确定" }).click();
    await page.getByText(`${missed.number} 已改为业务变更`).waitFor();

    // Found again by the whole phone number, then cancelled after a confirmation.
    await page.getByLabel("票号或手机号").fill("13712345678");
    await page.getByLabel("票号或手机号").press("Enter");
    await card.getByText("业务变更").waitFor();
    await card.getByRole("button", { name: "取消此票" }).click();
    await page
      .getByRole("dialog", { name: `确定取消 ${missed.number}？` })
      .getByRole("button", { name: "取消此票" })
      .click();
    await page.locator(".ant-message").getByText(`${missed.number} 已取消`).waitFor();
    await card.getByText("此票已结束，无需处理").waitFor();
    await shot(page, "staff-desk-cancelled");
    // A number that is no ticket is said so, not searched.
    await page.getByLabel("票号或手机号").fill("10000000000");
    await page.getByLabel("票号或手机号").press("Enter");
    await page.getByRole("alert").getByText("请输入票号（如 A012）或 11 位手机号").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    expect(errors).toEqual([]);
  });

  it("should bring the floor's reception back after a reload, until it is ended", async () => {
    const page = await staff("floor", "phone");
    const errors = watchErrors(page);
    await page.goto(`${server.url}/floor/${hall()}`);
    await page.getByRole("button", { name: "问候新客户" }).click();
    await page.getByText("已记录问候").waitFor();
    await page.getByRole("button", { name: "咨询引导" }).click();
    await page.getByText("已记录：咨询引导").waitFor();
    await page.reload();
    await page.getByText(/Z1 进厅问候 .* → Z2 咨询引导/).waitFor();
    await page.getByRole("button", { name: "离厅道别" }).waitFor();
    await shot(page, "staff-floor-restored");
    await page.getByRole("button", { name: "结束接待" }).click();
    await page.reload();
    await page.getByText("问候客户后，可继续记录引导、自助指导或代取号").waitFor();
    expect(errors).toEqual([]);
  });

  it("should show the display's last calls and the pad's pending rating again after a reload", async () => {
    await open(2, "counter3");
    await open(3, "counter4");
    const first = await issue("payment");
    const second = await issue("payment");
    expect((await callNext(2, "counter3")).id).toBe(first.id);
    await act(first.id, "start", "counter3");
    await act(first.id, "finish", "counter3", { outcome: "completed" });
    expect((await callNext(3, "counter4")).id).toBe(second.id);

    const display = await (await newContext(browser, "display")).newPage();
    const errors = watchErrors(display);
    await display.goto(`${server.url}/display/${hall()}?device=${server.device("display")}`);
    const recent = display.getByRole("region", { name: "最近叫号" });
    await display.getByTestId("current-call").getByText(second.number).waitFor();
    await recent.getByText(first.number).waitFor();
    await display.reload();
    await display.getByTestId("current-call").getByText(second.number).waitFor();
    // The finished call stays on the screen: it comes from the server's read, not the screen's memory.
    await recent.getByText(first.number).waitFor();
    await shot(display, "staff-display-reloaded");

    const pad = await (await newContext(browser, "pad")).newPage();
    const padErrors = watchErrors(pad);
    await pad.goto(
      `${server.url}/pad/${hall()}/${counters[2].id}?device=${server.device("pad", counters[2].id)}`,
    );
    await pad.getByText("请您为本次服务评价").waitFor();
    await pad.getByText(new RegExp(first.number)).waitFor();
    await pad.reload();
    await pad.getByText("请您为本次服务评价").waitFor();
    await shot(pad, "staff-pad-reloaded");
    await pad.getByRole("button", { name: /非常满意/ }).click();
    await pad.getByRole("button", { name: "提交评价" }).click();
    await pad.getByText("感谢您的评价").waitFor();
    await pad.reload();
    await pad.getByText("欢迎光临").waitFor();
    expect(errors).toEqual([]);
    expect(padErrors).toEqual([]);
  });

  it("should refuse a number that is no mobile at the kiosk, and check an appointment in by phone", async () => {
    const page = await (await newContext(browser, "kiosk")).newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/kiosk/${hall()}?device=${server.device("kiosk")}&print=0`);
    await page.getByRole("button", { name: /^交费/ }).tap();
    const key = (d: string) => page.getByRole("button", { name: d, exact: true });
    for (const d of "10") await key(d).tap();
    await page.getByText("请输入正确的手机号：11 位，以 13–19 开头").waitFor();
    for (const d of "000000000") await key(d).tap();
    await expect.poll(() => page.getByRole("button", { name: "取号", exact: true }).isDisabled()).toBe(true);
    await shot(page, "staff-kiosk-bad-phone");
    await page.getByRole("button", { name: "返回" }).tap();

    const booked = await server.api("POST", `/api/halls/${hall()}/appointments`, {
      as: "desk",
      body: {
        businessType: "change",
        slotStart: new Date().toISOString(),
        phone: "13612345678",
        name: "王先生",
      },
    });
    expect(booked.status).toBe(201);
    await shot(page, "staff-kiosk-home");
    await page.getByRole("button", { name: "我有预约" }).tap();
    for (const d of "13600000000") await key(d).tap();
    await page.getByRole("button", { name: "签到取号" }).tap();
    await page
      .getByRole("alert")
      .getByText(/没有找到该手机号今天在本厅的预约/)
      .waitFor();
    await page.getByRole("button", { name: "清空" }).tap();
    for (const d of "13612345678") await key(d).tap();
    await shot(page, "staff-kiosk-appointment");
    await page.getByRole("button", { name: "签到取号" }).tap();
    const number = await page.getByTestId("ticket-number").textContent();
    expect(number).toMatch(/^B\d{3}$/);
    await page.getByText("业务变更").first().waitFor();
    await shot(page, "staff-kiosk-appointment-slip");
    // The customer's name is nowhere on this public screen.
    expect(await page.getByText("王先生").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
