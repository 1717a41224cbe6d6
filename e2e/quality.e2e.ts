import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { outbox } from "../src/core/tables.js";
import { seedSurveyCsv } from "../test/fixtures/survey-seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { ADMIN_PASSWORD, type E2EServer, startServer } from "./support/server.js";

// 满意度 (R-KPI): the operator's administrator checks and imports the survey firm's file, a bad file is
// refused with its rows named, and the KPI shows against its target with brands, competitors and colours;
// a hall manager sees their own hall's figure.
describe.skipIf(!hasChromium)("satisfaction KPI and survey imports", () => {
  let server: E2EServer;
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    dir = mkdtempSync(path.join(tmpdir(), "tingwu-survey-"));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it("should refuse a bad file with its rows, import the seed's table and show its KPI", async () => {
    const page = await login(await newContext(browser, "desktop"), server.url, "admin", ADMIN_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/quality`);
    await page.getByText("该范围暂无满意度调查数据").waitFor();

    const bad = seedSurveyCsv("2026-Q3", "operator").replace("87.56,77.72", "187.56,77.72");
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "选择文件" }).click();
    await (await chooser).setFiles(file("坏文件.csv", bad));
    await page.getByText("文件未导入：1 处问题").waitFor();
    await page.getByRole("cell", { name: "187.56 is not a percentage from 0 to 100" }).waitFor();
    await shot(page, "quality-import-refused");

    const good = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "选择文件" }).click();
    await (await good).setFiles(file("满意度2026Q3.csv", seedSurveyCsv("2026-Q3", "operator")));
    await page.getByText(/满意度2026Q3\.csv：7 行，期间 2026-Q3/).waitFor();
    await page.getByRole("button", { name: "导入", exact: true }).click();
    await page.getByText("已导入 7 行").waitFor();
    await page.getByText("81.69").first().waitFor();
    await page.getByText("达标", { exact: true }).waitFor();
    // The four factors as bars (营业员的整体表现 76.66 %).
    await page.getByRole("img", { name: "营业员的整体表现 76.66%" }).waitFor();
    await page.getByRole("cell", { name: "满意度2026Q3.csv" }).waitFor();
    await shot(page, "quality-kpi", true);
    expect(await page.getByRole("cell", { name: "动感地带" }).count()).toBe(1);

    // A second quarter makes a trend: the KPI by period against its target.
    const q2 = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "选择文件" }).click();
    await (await q2).setFiles(
      file("满意度2026Q2.csv", seedSurveyCsv("2026-Q2", "operator").replaceAll(",87.56,", ",80.56,")),
    );
    await page.getByRole("button", { name: "导入", exact: true }).click();
    await page.getByRole("img", { name: "满意度趋势" }).waitFor();

    // 短板: the seed's waiting time behind 联通 heads the competitor gaps; a plan follows it to next quarter.
    const boards = page.locator(".ant-card").filter({ hasText: "短板与改进计划 2026-Q3" });
    const gap = boards.getByRole("row").filter({ hasText: "等候时间在可接受范围内（对比联通）" });
    await gap.getByText("领先 -1.31").waitFor();
    await gap.getByRole("button", { name: "制定计划" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("改进措施").fill("高峰时段加开窗口\n引导自助缴费");
    await dialog.locator(".ant-btn-primary").click();
    await page.getByText("已制定改进计划").waitFor();
    await boards.getByText("等待 2026-Q4 数据").waitFor();
    await expect.poll(() => gap.getByText("已有计划").count()).toBe(1);
    await shot(page, "quality-short-boards", true);
    expect(errors).toEqual([]);
  });

  it("should show a hall manager their hall and its pad ratings, and no imports", async () => {
    const page = await login(await newContext(browser, "desktop"), server.url, "manager", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "满意度", exact: true }).click();
    await page.getByText("该范围暂无满意度调查数据").waitFor();
    expect(await page.getByText("导入调查结果").count()).toBe(0);
    // The hall's pad ratings, by counter, in the same screen.
    await page.getByText("评价器评价").waitFor();
    await page.getByText(/共 0 条评价/).waitFor();
    await page.getByText("按人员").click();
    await page.getByRole("columnheader", { name: "按人员" }).waitFor();
    await shot(page, "quality-manager-empty");
    expect(errors).toEqual([]);
  });

  it("should let a customer rate the service from the SMS link on a phone, once", async () => {
    // A served ticket with a phone number: its finish queued the SMS with the link.
    const counters = (
      await server.api<{ id: string; number: number }[]>("GET", `/api/halls/${server.demo.hallId}/counters`, {
        as: "manager",
      })
    ).body;
    const counter = counters.find((c) => c.number === 2)!;
    await server.api("POST", `/api/halls/${server.demo.hallId}/counters/${counter.id}/open`, {
      as: "counter2",
      body: {},
    });
    const ticket = (
      await server.api<{ id: string }>("POST", `/api/halls/${server.demo.hallId}/tickets`, {
        as: "manager",
        body: { businessType: "payment", phone: "13812345678" },
      })
    ).body;
    await server.api("POST", `/api/halls/${server.demo.hallId}/counters/${counter.id}/call`, {
      as: "counter2",
      body: { ticketId: ticket.id },
    });
    await server.api("POST", `/api/tickets/${ticket.id}/start`, { as: "counter2" });
    await server.api("POST", `/api/tickets/${ticket.id}/finish`, {
      as: "counter2",
      body: { outcome: "completed" },
    });
    const [sms] = await server.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `rating:${ticket.id}`));
    const link = sms.body.match(/\/r\/[A-Za-z0-9_-]{22}$/)![0];

    const page = await (await newContext(browser, "phone")).newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}${link}`);
    await page.getByRole("heading", { name: "请您为本次服务评价" }).waitFor();
    await page.getByText("2号窗口").waitFor();
    await page.getByRole("button", { name: /非常满意/ }).click();
    await page.getByRole("button", { name: "办理高效" }).click();
    await shot(page, "quality-rate-phone", true);
    await page.getByRole("button", { name: "提交评价" }).click();
    await page.getByText("感谢您的评价！").waitFor();
    // Opened again, the link says it was answered.
    await page.reload();
    await page.getByText("感谢您的评价！").waitFor();
    expect(errors).toEqual([]);

    // The person who served sees it among their own ratings (我的评价), on their phone.
    const staff = await login(await newContext(browser, "phone"), server.url, "counter2", DEMO_PASSWORD);
    const staffErrors = watchErrors(staff);
    await staff.getByRole("link", { name: "我的评价" }).click();
    await staff.getByText(/共 1 条评价，满意率 100.0%/).waitFor();
    await staff.getByText("按业务").click();
    await staff.getByRole("cell", { name: "交费" }).waitFor();
    await shot(staff, "quality-my-ratings-phone");
    expect(staffErrors).toEqual([]);
  });

  it("should take a staff member's anonymous pulse on a phone and show the hall's beside its KPI", async () => {
    const codes = ["overall", "workload", "support", "growth", "recognition", "tools"];
    for (const [i, who] of ["counter1", "counter3", "desk", "floor", "security"].entries()) {
      const answers = Object.fromEntries(codes.map((c) => [c, (i % 5) + 1]));
      const res = await server.api("POST", "/api/quality/pulse", { as: who, body: { answers } });
      expect(res.status).toBe(201);
    }
    const phone = await login(await newContext(browser, "phone"), server.url, "counter4", DEMO_PASSWORD);
    const errors = watchErrors(phone);
    await phone.getByRole("link", { name: "员工满意度" }).click();
    await phone.getByText(/匿名填写/).waitFor();
    for (const card of await phone.locator(".ant-card").all())
      await card.getByText("同意", { exact: true }).click();
    await shot(phone, "quality-pulse-phone", true);
    await phone.getByRole("button", { name: "提交" }).click();
    await phone.getByText("感谢您的参与！").waitFor();
    expect(errors).toEqual([]);

    const page = await login(await newContext(browser, "desktop"), server.url, "manager", DEMO_PASSWORD);
    await page.goto(`${server.url}/quality`);
    await page.getByText(/员工满意度 \d{4}-Q\d/).waitFor();
    await page.getByText(/^6 \/ \d+$/).waitFor();
    await page.getByRole("cell", { name: "我的工作量和排班是合理的" }).waitFor();
    await shot(page, "quality-pulse-results", true);
  });
});
