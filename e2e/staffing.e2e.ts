import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { seedHistory } from "../src/cli/seed-history.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

// 排班 (R-ROSTER) in the browser: a hall with five weeks of its own tickets, its manager's forecast,
// counter plan and generated roster (edited with confirmation, re-simulated, published), and a counter
// clerk's shifts on the phone.
describe.skipIf(!hasChromium)("staffing: forecast, plan, roster, my shifts", () => {
  let server: E2EServer;
  let browser: Browser;
  let hallId: string;
  let colleague = "";
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    const seeded = await seedHistory(server.database, {
      halls: 1,
      days: 35,
      ticketsPerDay: 260,
      seed: 3,
      regionSize: 100,
      counters: 6,
      timeZone: "Asia/Shanghai",
    });
    hallId = seeded.halls[0].id;
    const hours = await server.api("PATCH", `/api/halls/${hallId}`, {
      as: "admin",
      body: { openingHours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "09:00", close: "19:00" }] },
    });
    expect(hours.status).toBe(200);
    const as = "h0001-manager";
    for (const [name, start, lengthHours] of [
      ["早班", "09:00", 5],
      ["晚班", "14:00", 5],
      ["全天", "09:00", 10],
    ] as const) {
      await server.api("POST", `/api/halls/${hallId}/shift-templates`, {
        as,
        body: { name, start, lengthHours },
      });
    }
    const names = ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄强"];
    for (const [i, name] of names.entries()) {
      const res = await server.api("POST", `/api/halls/${hallId}/staff`, {
        as,
        body: {
          name,
          userId: seeded.halls[0].counters[i]?.staffId ?? null,
          contractHoursPerWeek: 40,
        },
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should show the manager the forecast, the day's plan and a generated roster they can edit and publish", async () => {
    const page = await login(
      await newContext(browser, "desktop"),
      server.url,
      "h0001-manager",
      DEMO_PASSWORD,
    );
    const errors = watchErrors(page);
    await page.goto(`${server.url}/staffing/${hallId}`);
    await page.getByRole("img", { name: "每半小时到达客户（按业务）" }).waitFor();
    await page.getByText("参考日期").waitFor();
    await page.getByText(/平均绝对百分比误差/).waitFor();
    await shot(page, "staffing-forecast", true);

    await page.getByRole("tab", { name: "窗口计划" }).click();
    await page
      .getByText("达标", { exact: true })
      .or(page.getByText("未达标", { exact: true }))
      .first()
      .waitFor({ timeout: 60_000 });
    await shot(page, "staffing-plan");

    await page.getByRole("tab", { name: "周排班" }).click();
    await page.getByText("本周尚未排班").waitFor();
    await page.getByRole("button", { name: "生成排班" }).click();
    await page.getByText("仿真结论").waitFor({ timeout: 90_000 });
    await page.getByText(/的客户在10分钟内办理/).waitFor();
    const removeButtons = page.getByRole("button", { name: /^取消 / });
    const before = await removeButtons.count();
    expect(before).toBeGreaterThan(0);
    await removeButtons.first().click();
    await page.getByText(/确定取消 .* 的班次？/).waitFor();
    await page.getByRole("button", { name: "确定" }).click();
    await expect.poll(() => removeButtons.count(), { timeout: 30_000 }).toBe(before - 1);
    await shot(page, "staffing-roster", true);

    await page.getByRole("button", { name: "发布排班" }).click();
    await page.getByRole("button", { name: "确定" }).click();
    await page.getByText("已发布").waitFor();
    expect(errors).toEqual([]);
  });

  it("should show a counter clerk their published shifts on the phone", async () => {
    const page = await login(
      await newContext(browser, "phone", { isMobile: true }),
      server.url,
      "h0001-c1",
      DEMO_PASSWORD,
    );
    const errors = watchErrors(page);
    await page.goto(`${server.url}/my-shifts`);
    await page.getByText("我的班次").first().waitFor();
    await page
      .getByText(/\d{2}:\d{2}–\d{2}:\d{2}/)
      .first()
      .waitFor();
    await shot(page, "staffing-my-shifts-phone", true);

    // 换班: offer the first shift to a colleague free that day; it waits for the manager.
    const mine = (await server.api("GET", "/api/staffing/my-shifts", { as: "h0001-c1" })).body as {
      shifts: { date: string; rosterId: string }[];
    };
    const first = mine.shifts[0];
    const roster = (await server.api("GET", `/api/rosters/${first.rosterId}`, { as: "h0001-manager" }))
      .body as { shifts: { date: string; staffId: string }[]; staff: { id: string; name: string }[] };
    const busy = new Set(roster.shifts.filter((x) => x.date === first.date).map((x) => x.staffId));
    colleague = roster.staff.find((p) => !busy.has(p.id))?.name ?? "";
    expect(colleague).not.toBe("");
    await page.getByRole("button", { name: "换班" }).first().click();
    await page.getByText(/请同事替我上/).waitFor();
    await page.getByRole("dialog").getByRole("combobox").click();
    await page.locator(".ant-select-item-option").filter({ hasText: colleague }).click();
    await page.getByRole("button", { name: "确定" }).click();
    await page.getByText("已提交换班申请，等待店长审批").waitFor();
    await page.getByText("我的换班申请").waitFor();
    await page.getByText(`→ ${colleague}`, { exact: false }).waitFor();
    await shot(page, "staffing-swap-phone", true);
    expect(errors).toEqual([]);
  });

  it("should let the manager add a person, record and withdraw an absence, and approve a swap", async () => {
    const page = await login(
      await newContext(browser, "desktop"),
      server.url,
      "h0001-manager",
      DEMO_PASSWORD,
    );
    const errors = watchErrors(page);
    await page.goto(`${server.url}/staffing/${hallId}`);
    await page.getByRole("tab", { name: "人员与班次" }).click();
    const peopleTable = page.getByRole("tabpanel").locator(".ant-table").first();
    const rows = peopleTable.locator(".ant-table-tbody tr.ant-table-row");
    await peopleTable.getByRole("cell", { name: "王芳" }).waitFor();
    const people = peopleTable.getByRole("cell", { name: /^(王芳|李娜|张伟|刘洋|陈静|杨磊|赵敏|黄强)$/ });
    expect(await people.count()).toBe(8);

    await page.getByRole("button", { name: "新增人员" }).click();
    const form = page.getByRole("dialog");
    await form.getByLabel("姓名").fill("周杰");
    await form.getByLabel("合同工时（小时/周）").fill("20");
    await shot(page, "staffing-person-form");
    await form.getByRole("button", { name: "确定" }).click();
    await peopleTable.getByRole("cell", { name: "周杰" }).waitFor();

    const row = rows.filter({ hasText: "周杰" });
    await row.getByRole("button", { name: "登记请假" }).click();
    await page.getByRole("dialog").getByLabel("类型").click();
    await page.locator(".ant-select-item-option").filter({ hasText: "病假" }).click();
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
    await page.getByPlaceholder("开始日期").fill(today);
    await page.getByPlaceholder("结束日期").fill(today);
    await page.getByPlaceholder("结束日期").press("Enter");
    await page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
    await row.getByText(/^病假/).waitFor();
    await shot(page, "staffing-people", true);
    await row.getByText(/^病假/).click();
    await page.getByText("撤销这条请假记录？").waitFor();
    await page.getByRole("button", { name: "确定" }).click();
    await expect.poll(() => row.getByText(/^病假/).count()).toBe(0);

    // The clerk's request from the phone, decided here: approved, it leaves the waiting list.
    const swap = page.locator(".ant-card").filter({ hasText: "换班申请" });
    await swap.getByRole("cell", { name: colleague }).waitFor();
    await swap.getByRole("button", { name: "批准" }).click();
    await page.getByText(`批准后班次改由 ${colleague} 上`, { exact: false }).waitFor();
    await page.getByRole("button", { name: "确定" }).click();
    await swap.getByText("没有换班申请").waitFor();
    await swap.getByText("全部").click();
    await swap.getByText("已批准").waitFor();
    await shot(page, "staffing-swaps");
    expect(errors).toEqual([]);
  });
});
