import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

type Counter = { id: string; number: number };

describe.skipIf(!hasChromium)("the manager's live board in a busy hour", () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should show the peak level with its actions, a late greeting, and the lines by type as they change", async () => {
    const hallId = server.demo.hallId;
    const counters = (await server.api<Counter[]>("GET", `/api/halls/${hallId}/counters`, { as: "manager" }))
      .body;
    const page = await login(await newContext(browser, "board"), server.url, "manager", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/board/${hallId}`);
    await page.getByText("客流正常，无需处置").waitFor();

    // Two counters open, eleven customers: 5.5 per counter is level 3 (R-PEAK).
    for (const n of [1, 2])
      await server.api("POST", `/api/halls/${hallId}/counters/${counters[n - 1].id}/open`, {
        as: `counter${n}`,
        body: {},
      });
    const kiosk = server.device("kiosk");
    const types = [
      "payment",
      "payment",
      "payment",
      "change",
      "change",
      "consultation",
      "consultation",
      "new_subscription",
      "suspension",
      "payment",
      "payment",
      "payment",
    ];
    for (const businessType of types)
      await server.api("POST", `/api/halls/${hallId}/tickets`, { token: kiosk, body: { businessType } });
    await server.api("POST", `/api/halls/${hallId}/counters/${counters[0].id}/call-next`, { as: "counter1" });
    // A greeting two minutes after entry is a breach of the 1-minute limit (R-TIME, Z1).
    await server.api("POST", `/api/halls/${hallId}/visit-nodes`, {
      as: "floor",
      body: { node: "Z1", enteredAt: new Date(Date.now() - 120_000).toISOString() },
    });

    await page.getByRole("region", { name: "等候人数" }).getByText("11", { exact: true }).waitFor();
    await page.getByRole("region", { name: "高峰预警" }).getByText("三级预警").waitFor();
    await page.getByText("通知片区经理").waitFor();
    await page.getByText("问候超时").first().waitFor();
    await page.getByRole("cell", { name: "交费" }).waitFor();
    await shot(page, "board-busy");

    await page.locator(".ant-segmented").getByText("English").click();
    await page.getByText("Notify the area manager").waitFor();
    await shot(page, "board-busy-en");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollHeight > window.innerHeight + 1,
    );
    expect(overflow).toBe(false);
    expect(errors).toEqual([]);
  });

  it("should name the journey's nodes with a legend, never their codes, and read well in English", async () => {
    const hallId = server.demo.hallId;
    const counters = (await server.api<Counter[]>("GET", `/api/halls/${hallId}/counters`, { as: "manager" }))
      .body;
    // One customer served and rated: "1 rating", not "1 ratings".
    const kiosk = server.device("kiosk");
    await server.api("POST", `/api/halls/${hallId}/tickets`, {
      token: kiosk,
      body: { businessType: "change" },
    });
    const called = await server.api<{ ticket: { id: string } }>(
      "POST",
      `/api/halls/${hallId}/counters/${counters[1].id}/call-next`,
      { as: "counter2" },
    );
    const ticketId = called.body.ticket.id;
    await server.api("POST", `/api/tickets/${ticketId}/start`, { as: "counter2" });
    await server.api("POST", `/api/tickets/${ticketId}/finish`, {
      as: "counter2",
      body: { outcome: "completed" },
    });
    const rated = await server.api("POST", `/api/tickets/${ticketId}/evaluation`, {
      token: server.device("pad", counters[1].id),
      body: { rating: "satisfied" },
    });
    expect(rated.status).toBe(201);

    const page = await login(await newContext(browser, "board"), server.url, "manager", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/board/${hallId}`);
    const legend = page.getByRole("definition").first();
    await legend.waitFor();
    await page.getByRole("columnheader", { name: "问候" }).waitFor();
    await page.getByText("进厅 1 分钟内").waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: what a person sees
    const codes = async () => (await page.locator("body").innerText()).match(/\bZ[1-9]\b|\bR-[A-Z]+/g) ?? [];
    expect(await codes()).toEqual([]);

    await page.locator(".ant-segmented").getByText("English").click();
    await page.getByText("Live board · Lujiazui Hall").waitFor();
    await page.getByRole("columnheader", { name: "Greet" }).waitFor();
    await page.getByText("within 1 min of entry").waitFor();
    await page.getByRole("region", { name: "Satisfaction" }).getByText("1 rating", { exact: true }).waitFor();
    await page.getByRole("cell", { name: "Window 2", exact: true }).waitFor();
    expect(await codes()).toEqual([]);
    // Column heads stay on one line.
    const tall = await page
      .locator("th")
      .evaluateAll((ths) =>
        ths
          .filter((th) => th.textContent && th.getBoundingClientRect().height > 48)
          .map((th) => th.textContent),
      );
    expect(tall).toEqual([]);
    await shot(page, "board-legend-en");
    expect(errors).toEqual([]);
  });
});
