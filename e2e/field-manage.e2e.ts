import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { ADMIN_PASSWORD, type E2EServer, startServer } from "./support/server.js";

type Cadence = { tier: string; inPersonDays: number | null; phoneDays: number | null };
type Card = {
  contacts: { name: string; title: string | null; phone: string | null; decisionMaker: boolean }[];
};
type Spot = { place: string; status: string; answer: string | null };

const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const phone = (b: Browser) => newContext(b, "phone", { isMobile: true });

// The field screens left after issue 5's first pass: the cadence, contacts on the card, answering blind
// spots, and opening the app in a village without signal.
describe.skipIf(!hasChromium)("field management on a phone: cadence, contacts, blind spots, offline", () => {
  let server: E2EServer;
  let browser: Browser;
  let customerId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    const c = await server.api<{ id: string }>("POST", "/api/field/customers", {
      as: "agent",
      body: {
        name: "红旗村村委会",
        tier: "gov_enterprise",
        areaCode: "SH-PD",
        town: "张江镇",
        village: "红旗村",
        contacts: [{ name: "吴书记", title: "村支书", phone: "13900004444", decisionMaker: true }],
      },
    });
    customerId = c.body.id;
    // Today's plan (今日预约) must fall on today in Shanghai (UTC+8): three hours on, but not past the
    // local midnight — after 21:00 "now + 3 h" was tomorrow and the section stayed empty.
    const laterToday = () => {
      const hour = 3_600_000;
      const midnight = Math.ceil((Date.now() + 8 * hour) / (24 * hour)) * 24 * hour - 8 * hour;
      return Math.max(Date.now() + 30_000, Math.min(Date.now() + 3 * hour, midnight - 60_000));
    };
    await server.api("POST", `/api/field/customers/${customerId}/visit-plans`, {
      as: "agent",
      body: {
        kind: "in_person",
        plannedAt: new Date(laterToday()).toISOString(),
        purpose: "走访",
      },
    });
    for (const [village, place, kind] of [
      ["红旗村", "5组竹林边", "no_signal"],
      ["红旗村", "村小学", "weak_signal"],
      ["光明村", "光明桥头", "weak_signal"],
    ]) {
      await server.api("POST", "/api/field/blind-spots", {
        as: "agent",
        body: { areaCode: "SH-PD", town: "张江镇", village, place, kind, description: "打电话经常断线" },
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should let the operator admin change the cadence after a check and a confirmation", async () => {
    const page = await login(await phone(browser), server.url, "admin", ADMIN_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/field/manage`);
    await page.getByText("每 15 天").first().waitFor();
    await page.getByRole("button", { name: "编辑" }).click();
    await page.getByLabel("政企 上门拜访", { exact: true }).fill("0");
    await page.getByLabel("家庭/个人 上门拜访 按需").uncheck();
    await page.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => page.getByText("请输入 1–365 的整数天数，或勾选按需").count()).toBe(2);
    await shot(page, "field-cadence-invalid", true);
    await page.getByLabel("政企 上门拜访", { exact: true }).fill("20");
    await page.getByLabel("家庭/个人 上门拜访", { exact: true }).fill("30");
    await page.getByRole("button", { name: "保存" }).click();
    const dialog = page.getByRole("dialog", { name: "确认修改拜访周期？" });
    await dialog.waitFor();
    await dialog.getByText("政企 上门拜访：每 15 天 → 每 20 天").waitFor();
    await dialog.getByText("家庭/个人 上门拜访：按需 → 每 30 天").waitFor();
    // 20 days for government customers is slower than the rule's half month: the admin is told so.
    await dialog.getByText(/宽于规范/).waitFor();
    await shot(page, "field-cadence-confirm");
    await dialog.getByRole("button", { name: "保存" }).click();
    await page.getByText("拜访周期已保存").waitFor();
    await page.getByText("每 20 天", { exact: true }).waitFor();
    await shot(page, "field-cadence-saved", true);
    const cadence = (await server.api<Cadence[]>("GET", "/api/field/cadence", { as: "area" })).body;
    expect(cadence).toEqual([
      { tier: "gov_enterprise", inPersonDays: 20, phoneDays: 7 },
      { tier: "key", inPersonDays: 15, phoneDays: 7 },
      { tier: "household", inPersonDays: 30, phoneDays: null },
    ]);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("should show the area manager the cadence read-only", async () => {
    const page = await login(await phone(browser), server.url, "area", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/field/manage`);
    await page.getByText("仅运营管理员可修改。", { exact: false }).waitFor();
    await page.getByText("每 20 天", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "编辑" }).count()).toBe(0);
    expect(await page.getByRole("spinbutton").count()).toBe(0);
    await shot(page, "field-cadence-readonly");
    expect(errors).toEqual([]);
  });

  it("should add, correct and remove contacts on the customer card", async () => {
    const page = await login(await phone(browser), server.url, "agent", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/field/customers/${customerId}`);
    await page.getByText("吴书记").waitFor();
    await page.getByRole("button", { name: "添加联系人" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("姓名").fill("周会计");
    await dialog.getByLabel("职务").fill("村会计");
    await dialog.getByLabel("电话").fill("12345");
    await dialog.getByLabel("联系人生日").fill("02-30");
    await dialog.getByRole("button", { name: "保存" }).click();
    await dialog.getByText("请输入手机号或带区号的固话").waitFor();
    await dialog.getByText("请按 月-日 填写，如 06-18").waitFor();
    await shot(page, "field-contact-invalid");
    await dialog.getByLabel("电话").fill("13600005555");
    await dialog.getByLabel("联系人生日").fill("06-18");
    await dialog.getByLabel("决策人").check();
    await dialog.getByRole("button", { name: "保存" }).click();
    await page.getByText("联系人已保存").waitFor();
    await page.getByText("136****5555").waitFor();
    await page.getByText("生日 06-18").waitFor();

    // The village committee changes its secretary: the old one corrected, then removed.
    await page.getByRole("button", { name: "修改联系人 吴书记" }).click();
    await expect.poll(() => dialog.getByLabel("电话").getAttribute("placeholder")).toContain("139****4444");
    await dialog.getByLabel("职务").fill("原村支书");
    await dialog.getByLabel("决策人").uncheck();
    await shot(page, "field-contact-edit");
    await dialog.getByRole("button", { name: "保存" }).click();
    await page.getByText("原村支书").waitFor();
    let card = (await server.api<Card>("GET", `/api/field/customers/${customerId}`, { as: "agent" })).body;
    expect(card.contacts).toEqual([
      expect.objectContaining({
        name: "吴书记",
        title: "原村支书",
        phone: "139****4444",
        decisionMaker: false,
      }),
      expect.objectContaining({ name: "周会计", title: "村会计", phone: "136****5555", decisionMaker: true }),
    ]);
    await page.getByRole("button", { name: "修改联系人 吴书记" }).click();
    await dialog.getByRole("button", { name: "删除联系人" }).click();
    await page
      .getByRole("dialog", { name: "删除联系人 吴书记？" })
      .getByRole("button", { name: "删除联系人" })
      .click();
    await page.getByText("联系人已删除").waitFor();
    await expect.poll(() => page.getByText("吴书记").count()).toBe(0);
    await shot(page, "field-contacts", true);
    card = (await server.api<Card>("GET", `/api/field/customers/${customerId}`, { as: "agent" })).body;
    expect(card.contacts.map((k) => k.name)).toEqual(["周会计"]);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("should forward a blind spot to the network department, record its answer and filter by status", async () => {
    const page = await login(await phone(browser), server.url, "area", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/field/manage`);
    await page.getByRole("tab", { name: "网络盲点" }).click();
    await page.getByText("5组竹林边").waitFor();
    await page.getByRole("button", { name: "转网络部 5组竹林边" }).click();
    await page.getByText("已转网络部").waitFor();
    await page.getByRole("button", { name: "录入答复 5组竹林边" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("网络部答复：红旗村 5组竹林边").waitFor();
    await dialog.getByLabel("答复内容").fill("已列入三季度基站建设计划，预计9月开通");
    await shot(page, "field-blind-answer");
    await dialog.getByRole("button", { name: "保存" }).click();
    await page.getByText("答复已记录，请告知客户").waitFor();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("tabpanel").getByText("已列入三季度基站建设计划，预计9月开通").waitFor();
    await shot(page, "field-blind-spots", true);

    const table = page.getByRole("tabpanel");
    await page.getByLabel("按状态筛选").click();
    await page.getByTitle("已答复", { exact: true }).click();
    await expect.poll(() => table.getByText("村小学").count()).toBe(0);
    await table.getByText("5组竹林边").waitFor();
    await page.getByLabel("按状态筛选").click();
    await page.getByTitle("已上报", { exact: true }).click();
    await table.getByText("光明桥头").waitFor();
    await expect.poll(() => table.getByText("5组竹林边").count()).toBe(0);
    await shot(page, "field-blind-filtered");

    const spots = (await server.api<Spot[]>("GET", "/api/field/blind-spots", { as: "area" })).body;
    expect(spots.find((s) => s.place === "5组竹林边")).toMatchObject({
      status: "answered",
      answer: "已列入三季度基站建设计划，预计9月开通",
    });
    expect(spots.filter((s) => s.status === "reported")).toHaveLength(2);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("should open the agent's day after a reload with no signal and send a visit typed then when it returns", async () => {
    const context = await phone(browser);
    const page = await login(context, server.url, "agent", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/field`);
    await page.getByText("红旗村村委会").first().waitFor();
    // Opened once online: the card is what the agent will need in the village.
    await page.goto(`${server.url}/field/customers/${customerId}`);
    await page.getByRole("button", { name: "记录拜访" }).waitFor();
    await page.goto(`${server.url}/field`);
    await page.getByText("今日预约").waitFor();
    // The service worker runs the page and has kept the files of the field screens.
    await expect
      .poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 })
      .toBe(true);
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const loaded = performance
              .getEntriesByType("resource")
              .map((e) => e.name)
              .filter((u) => u.includes("/assets/"));
            const cache = await caches.open("tingwu-assets-v1");
            const kept = await Promise.all(loaded.map((u) => cache.match(u)));
            return loaded.length > 0 && kept.every(Boolean);
          }),
        { timeout: 15_000 },
      )
      .toBe(true);

    // After a deploy the kept page is out of date: online, the page always comes from the server.
    await page.evaluate(async () => {
      const stale = new Response("<!doctype html><title>stale</title><p>stale shell</p>", {
        headers: { "content-type": "text/html" },
      });
      await (await caches.open("tingwu-shell-v1")).put("/index.html", stale);
    });
    await page.reload();
    await page.getByText("今日预约").waitFor();
    expect(await page.getByText("stale shell").count()).toBe(0);
    // …and that fresh page is the one kept for the next time there is no signal.
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await (await caches.open("tingwu-shell-v1")).match("/index.html"))?.text(),
        ),
      )
      .toContain('<div id="root">');

    await context.setOffline(true);
    // The worker itself has no network either: the page below comes from its cache.
    const [worker] = context.serviceWorkers();
    expect(
      await worker.evaluate(() =>
        fetch("/api/health").then(
          () => "online",
          () => "offline",
        ),
      ),
    ).toBe("offline");
    await page.reload();
    await page.getByText("今日预约").waitFor();
    await page.getByText(/离线中，显示的是 .* 的待办/).waitFor();
    await page.getByText("离线", { exact: true }).waitFor();
    await shot(page, "field-offline-reload", true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);

    await page.getByRole("link", { name: "红旗村村委会" }).first().click();
    await page.getByRole("button", { name: "记录拜访" }).waitFor();
    await page.getByRole("button", { name: "记录拜访" }).click();
    await page.getByLabel("拜访情况").fill("村委会反映5组竹林边没有信号，已上报");
    await page.getByRole("button", { name: "保存拜访记录" }).click();
    await page.getByText("待发送 1 条").waitFor();
    await shot(page, "field-offline-reload-pending");
    const visits = async () =>
      (await server.api<unknown[]>("GET", `/api/field/customers/${customerId}/visits`, { as: "agent" })).body;
    expect(await visits()).toEqual([]);

    await context.setOffline(false);
    await expect.poll(() => page.getByText(/待发送/).count(), { timeout: 30_000 }).toBe(0);
    expect(await visits()).toEqual([
      expect.objectContaining({ notes: "村委会反映5组竹林边没有信号，已上报" }),
    ]);
    // Back online, the remembered sign-in is checked again with the server.
    await page.goto(`${server.url}/field`);
    await page.getByText("今日预约").waitFor();
    // The stored snapshot may show first, with its banner, until the fresh day arrives and replaces it.
    await expect.poll(() => page.getByText(/离线中/).count(), { timeout: 10_000 }).toBe(0);
    expect(errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED"))).toEqual([]);
  });
});
