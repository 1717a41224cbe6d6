import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

// Exactly once where the customer sees it: a double tap issues one ticket (checked through the API).
describe.skipIf(!hasChromium)("a double tap issues one ticket", () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const tickets = async () =>
    (
      await server.api<{ items: { id: string; number: string; phone: string | null }[]; total: number }>(
        "GET",
        `/api/halls/${server.demo.hallId}/tickets?limit=500`,
        { as: "manager" },
      )
    ).body;
  const kiosk = async () => {
    const page = await (await newContext(browser, "kiosk")).newPage();
    await page.goto(`${server.url}/kiosk/${server.demo.hallId}?device=${server.device("kiosk")}&print=0`);
    await page.getByText("请选择您要办理的业务").waitFor();
    return page;
  };
  const typePhone = async (page: Page, phone: string) => {
    for (const d of phone) await page.getByRole("button", { name: d, exact: true }).click();
  };

  it("should issue one ticket for a double click on the kiosk's take-a-ticket button", async () => {
    const page = await kiosk();
    const errors = watchErrors(page);
    const before = (await tickets()).total;
    await page.getByRole("button", { name: /^交费/ }).click();
    await typePhone(page, "13900002222");
    // A slow answer, so the screen can be seen waiting: the buttons disabled, a spinner on the one pressed.
    await page.route("**/tickets", async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.getByRole("button", { name: "取号", exact: true }).dblclick();
    await expect.poll(() => page.getByRole("button", { name: "取号", exact: true }).isDisabled()).toBe(true);
    await shot(page, "once-kiosk-sending");
    await page.getByTestId("ticket-number").waitFor();
    await shot(page, "once-kiosk-double-click");
    // Both clicks have had their answer by now: give a second request time to land, if one went.
    await page.waitForTimeout(500);
    const after = await tickets();
    expect(after.total).toBe(before + 1);
    expect(after.items[0].number).toBe(await page.getByTestId("ticket-number").textContent());
    expect(errors).toEqual([]);
  });

  it("should issue one VIP ticket for a double click on a business tile", async () => {
    // A key customer (重要客户) of the archive, so the server knows the number as a VIP's.
    const customer = await server.api("POST", "/api/field/customers", {
      as: "admin",
      body: { name: "外滩贸易公司", tier: "key", areaCode: "SH-PD", phone: "13900003333" },
    });
    expect(customer.status).toBe(201);
    const page = await kiosk();
    const errors = watchErrors(page);
    await page.getByRole("button", { name: "VIP 客户" }).click();
    await typePhone(page, "13900003333");
    await page.getByRole("button", { name: "下一步" }).click();
    await page.getByText(/VIP 优先通道 · 139\*\*\*\*3333/).waitFor();
    const before = (await tickets()).total;
    const keys: (string | undefined)[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/tickets")) keys.push(r.headers()["idempotency-key"]);
    });
    // With a VIP's number the tile issues at once.
    await page.getByRole("button", { name: /^业务变更/ }).dblclick();
    await page.getByTestId("ticket-number").waitFor();
    await page.waitForTimeout(500);
    expect((await tickets()).total).toBe(before + 1);
    // The next customer's tap is a new intent: a new ticket.
    await page.getByRole("button", { name: "完成" }).click();
    await page.getByText("请选择您要办理的业务").waitFor();
    await page.getByRole("button", { name: /^交费/ }).click();
    // The ticket before waits with no counter open: a peak, so the kiosk offers the e-channels first.
    await page.getByRole("button", { name: "仍要取号" }).click();
    await page.getByRole("button", { name: "不需要，直接取号" }).click();
    await page.getByTestId("ticket-number").waitFor();
    expect((await tickets()).total).toBe(before + 2);
    // Each intent sent a key of its own.
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.every((k) => /^k-[0-9a-f]{32}$/.test(k ?? ""))).toBe(true);
    expect(keys[0]).not.toBe(keys[keys.length - 1]);
    expect(errors).toEqual([]);
  });

  it("should issue one ticket for a double click on the floor's issue sheet", async () => {
    const page = await login(
      await newContext(browser, "phone", { isMobile: true }),
      server.url,
      "desk",
      DEMO_PASSWORD,
    );
    const errors = watchErrors(page);
    await page.goto(`${server.url}/floor/${server.demo.hallId}`);
    const before = (await tickets()).total;
    await page.getByRole("button", { name: "不问候，直接代客取号" }).click();
    await page.getByRole("radio", { name: "咨询" }).click();
    await page.getByRole("button", { name: "取号", exact: true }).dblclick();
    await page.getByText(/已取号 F\d{3}/).waitFor();
    await page.waitForTimeout(500);
    expect((await tickets()).total).toBe(before + 1);
    expect(errors).toEqual([]);
  });
});
