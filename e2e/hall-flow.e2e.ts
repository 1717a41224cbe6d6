import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

type Counter = { id: string; number: number; label: string };

describe.skipIf(!hasChromium)("a customer's way through the hall", () => {
  let server: E2EServer;
  let browser: Browser;
  let counter1: Counter;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    const res = await server.api<Counter[]>("GET", `/api/halls/${server.demo.hallId}/counters`, {
      as: "manager",
    });
    counter1 = res.body.find((c) => c.number === 1)!;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should take a ticket at the kiosk, call it, show and announce it, serve it, rate it and count it", async () => {
    const { url } = server;
    const hallId = server.demo.hallId;

    // The calling display listens from the start, as it would on the wall.
    const display = await (await newContext(browser, "display")).newPage();
    const displayErrors = watchErrors(display);
    await display.goto(`${url}/display/${hallId}?device=${server.device("display")}`);
    await display.getByText("暂无叫号，请耐心等候").waitFor();
    await shot(display, "display-idle");

    // Kiosk: pick 交费, leave a phone number for the SMS, get A001.
    const kiosk = await (await newContext(browser, "kiosk")).newPage();
    const kioskErrors = watchErrors(kiosk);
    await kiosk.goto(`${url}/kiosk/${hallId}?device=${server.device("kiosk")}&print=0`);
    await kiosk.getByRole("button", { name: /^交费/ }).waitFor();
    await shot(kiosk, "kiosk-home");
    await kiosk.getByRole("button", { name: /^交费/ }).click();
    for (const d of "13812345678") await kiosk.getByRole("button", { name: d, exact: true }).click();
    await shot(kiosk, "kiosk-phone");
    await kiosk.getByRole("button", { name: "取号", exact: true }).click();
    await kiosk.getByTestId("ticket-number").waitFor();
    expect(await kiosk.getByTestId("ticket-number").textContent()).toBe("A001");
    await kiosk.getByText("前面还有").waitFor();
    await shot(kiosk, "kiosk-ticket");
    await kiosk.emulateMedia({ media: "print" });
    await shot(kiosk, "kiosk-ticket-print");
    await kiosk.emulateMedia({ media: "screen" });

    // Floor console on a phone: the ticket is in the queue, longest first.
    const floor = await login(
      await newContext(browser, "phone", { isMobile: true }),
      url,
      "floor",
      DEMO_PASSWORD,
    );
    await floor.goto(`${url}/floor/${hallId}`);
    await floor.getByRole("tab", { name: /排队/ }).click();
    await floor.getByText("A001").waitFor();
    await shot(floor, "floor-queue");

    // Manager board: one waiting for 交费.
    const board = await login(await newContext(browser, "board"), url, "manager", DEMO_PASSWORD);
    const boardErrors = watchErrors(board);
    await board.goto(`${url}/board/${hallId}`);
    await board.getByRole("region", { name: "等候人数" }).getByText("1", { exact: true }).waitFor();
    await board.getByRole("cell", { name: "交费" }).waitFor();

    // The pad at counter 1 waits for the end of a service.
    const pad = await (await newContext(browser, "pad")).newPage();
    await pad.goto(`${url}/pad/${hallId}/${counter1.id}?device=${server.device("pad", counter1.id)}`);
    await pad.getByText("欢迎光临").waitFor();
    await shot(pad, "pad-idle");

    // Counter 1 opens and calls the next customer.
    const counter = await login(await newContext(browser, "desktop"), url, "counter1", DEMO_PASSWORD);
    const counterErrors = watchErrors(counter);
    await counter.goto(`${url}/counter/${hallId}/${counter1.id}`);
    await counter.getByRole("button", { name: "开启台席" }).click();
    // The pad hears its counter open and names who serves there.
    await pad.getByText("服务人员：台席1号").waitFor();
    await counter.getByRole("button", { name: "叫下一位" }).click();
    await counter.getByTestId("current-number").getByText("A001").waitFor();
    await shot(counter, "counter-called");

    // The display shows the call and queues its announcement.
    await display.getByTestId("current-call").getByText("A001").waitFor();
    await display.getByTestId("current-call").getByText("1号窗口").waitFor();
    await display.waitForFunction(() => window.tingwu?.announcements.includes("请A001号到1号窗口办理"));
    await shot(display, "display-called");

    // A recall is spoken again.
    await counter.getByRole("button", { name: "重呼" }).click();
    await display.waitForFunction(
      () => window.tingwu?.announcements.filter((a) => a === "请A001号到1号窗口办理").length === 2,
    );

    // Serve: start, offer auto top-up (accepted), finish as completed.
    await counter.getByRole("button", { name: "开始办理" }).click();
    await counter.getByRole("timer").waitFor();
    await counter.getByRole("checkbox", { name: "已推荐 话费自动交费" }).check();
    await counter.getByRole("checkbox", { name: "客户接受 话费自动交费" }).check();
    await shot(counter, "counter-serving");
    await counter.getByRole("button", { name: "完成办理" }).click();
    await counter.getByRole("button", { name: "确认完成" }).click();
    await counter.getByText("当前无客户").waitFor();

    // The pad asks, the customer rates, the pad thanks and goes back to idle by itself.
    await pad.getByText("请您为本次服务评价").waitFor();
    await shot(pad, "pad-ask");
    await pad.getByRole("button", { name: /^非常满意/ }).click();
    await pad.getByRole("button", { name: "办理高效" }).click();
    await shot(pad, "pad-reasons");
    await pad.getByRole("button", { name: "提交评价" }).click();
    await pad.getByText("感谢您的评价！").waitFor();
    await shot(pad, "pad-thanks");

    // The board counts the service and the rating.
    await board.getByRole("region", { name: "今日服务" }).getByText("1", { exact: true }).waitFor();
    await board.getByRole("region", { name: "满意度" }).getByText("100%").waitFor();
    await board.getByText("1 条评价").waitFor();
    await shot(board, "board");

    const ticket = (
      await server.api<{ items: { number: string; status: string; recommended: string[] }[] }>(
        "GET",
        `/api/halls/${hallId}/tickets`,
        { as: "manager" },
      )
    ).body.items[0];
    expect(ticket).toMatchObject({ number: "A001", status: "finished", recommended: ["auto_pay"] });
    expect([...displayErrors, ...kioskErrors, ...boardErrors, ...counterErrors]).toEqual([]);
  });
});
