import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launch, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

type Counter = { id: string; number: number };

describe.skipIf(!hasChromium)("the calling display", () => {
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
  const issue = (businessType: string) =>
    server.api<{ number: string }>("POST", `/api/halls/${hall()}/tickets`, {
      token: server.device("kiosk"),
      body: { businessType },
    });
  const callNext = (n: number) =>
    server.api<{ ticket: { number: string } }>(
      "POST",
      `/api/halls/${hall()}/counters/${counters[n - 1].id}/call-next`,
      { as: `counter${n}` },
    );

  it("should catch up on every call made while its connection was down", async () => {
    for (const n of [1, 2, 3]) {
      await server.api("POST", `/api/halls/${hall()}/counters/${counters[n - 1].id}/open`, {
        as: `counter${n}`,
        body: {},
      });
    }
    const context = await newContext(browser, "display");
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/display/${hall()}?device=${server.device("display")}`);
    await page.locator(".display-status-open").waitFor();

    // Cut the network and the stream; the display notices and keeps trying.
    await context.setOffline(true);
    await page.evaluate(() => {
      for (const s of window.tingwu?.streams ?? []) s.drop();
    });
    await page.getByRole("status", { name: "连接中断，正在重连…" }).waitFor();
    for (const type of ["payment", "change", "consultation"]) expect((await issue(type)).status).toBe(201);
    const called = [];
    for (const n of [1, 2, 3]) called.push((await callNext(n)).body.ticket.number);
    await page.waitForTimeout(1500);
    expect(await page.getByTestId("current-call").count()).toBe(0);
    await shot(page, "display-offline");

    // Back online: the stream resumes after the last event it saw and every call appears and is queued to speak.
    await context.setOffline(false);
    await page.getByTestId("current-call").getByText(called[2]).waitFor({ timeout: 30_000 });
    for (const number of called.slice(0, 2))
      await page.getByTestId("recent-calls").getByText(number).waitFor();
    await page.waitForFunction(
      (texts) => texts.every((t) => window.tingwu?.announcements.includes(t)),
      called.map((number, i) => `请${number}号到${i + 1}号窗口办理`),
    );
    await page.locator(".display-status-open").waitFor();
    await page.getByText("当前无人等候，欢迎取号办理").waitFor();
    await shot(page, "display-caught-up");
    expect(errors).toEqual([]);
  });

  it("should queue announcements in order without dropping any when calls come quickly", async () => {
    const page = await (await newContext(browser, "display")).newPage();
    await page.goto(`${server.url}/display/${hall()}?device=${server.device("display")}`);
    await page.locator(".display-status-open").waitFor();
    const before = await page.evaluate(() => window.tingwu?.announcements.length ?? 0);
    // Free the three counters, then five quick calls and a recall.
    const serving = (
      await server.api<{ serving: { id: string }[] }>("GET", `/api/halls/${hall()}/queue`, { as: "manager" })
    ).body.serving;
    for (const t of serving) {
      await server.api("POST", `/api/tickets/${t.id}/start`, { as: "manager" });
      await server.api("POST", `/api/tickets/${t.id}/finish`, {
        as: "manager",
        body: { outcome: "completed" },
      });
    }
    for (let i = 0; i < 3; i++) await issue("payment");
    const numbers = [];
    for (const n of [1, 2, 3]) numbers.push((await callNext(n)).body.ticket.number);
    const first = (
      await server.api<{ serving: { id: string; counterNumber: number }[] }>(
        "GET",
        `/api/halls/${hall()}/queue`,
        { as: "manager" },
      )
    ).body.serving.find((t) => t.counterNumber === 1)!;
    await server.api("POST", `/api/tickets/${first.id}/recall`, { as: "counter1" });
    const expected = [
      ...numbers.map((n, i) => `请${n}号到${i + 1}号窗口办理`),
      `请${numbers[0]}号到1号窗口办理`,
    ];
    await page.waitForFunction(
      (n) => (window.tingwu?.announcements.length ?? 0) >= n,
      before + expected.length,
    );
    expect(await page.evaluate((b) => window.tingwu?.announcements.slice(b), before)).toEqual(expected);
    await page.getByTestId("current-call").getByText("重呼").waitFor();
    await shot(page, "display-recall");
  });
});
