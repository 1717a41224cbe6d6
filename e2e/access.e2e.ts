import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { ADMIN_PASSWORD, type E2EServer, startServer } from "./support/server.js";

describe.skipIf(!hasChromium)("sign-in, home and who may open what", () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should send a visitor without a session to the sign-in and back where they wanted to go", async () => {
    const page = await (await newContext(browser, "desktop")).newPage();
    await page.goto(`${server.url}/board/${server.demo.hallId}`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel("用户名").fill("manager");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("alert").getByText("用户名或密码错误").waitFor();
    await shot(page, "login");
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(`${server.url}/board/${server.demo.hallId}`);
    await page.getByText("现场管理 · 陆家嘴自营厅").waitFor();
  });

  it("should show a counter user only the counter screens and refuse the admin screens", async () => {
    const page = await login(await newContext(browser, "desktop"), server.url, "counter1", DEMO_PASSWORD);
    await page.getByText("台席1号，您好").waitFor();
    await page.getByRole("link", { name: "台席" }).waitFor();
    expect(await page.getByRole("link", { name: "系统管理" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "现场管理" }).count()).toBe(0);
    await shot(page, "home-counter");

    await page.goto(`${server.url}/admin`);
    await page.getByText("您没有权限访问此页面").waitFor();
    await shot(page, "admin-forbidden");
    // The server refuses too, whatever the screen shows.
    const status = await page.evaluate(async () => (await fetch("/api/users")).status);
    expect(status).toBe(403);

    await page.goto(`${server.url}/counter/${server.demo.hallId}`);
    await page.getByText("选择台席 · 陆家嘴自营厅").waitFor();
    await page.getByRole("button", { name: "进入台席" }).first().waitFor();
    // The rating is the customer's, on the counter's pad: staff are not offered the pad screen.
    expect(await page.getByRole("button", { name: "评价器" }).count()).toBe(0);
    await shot(page, "counter-picker");
    const counters = await server.api<{ id: string }[]>("GET", `/api/halls/${server.demo.hallId}/counters`, {
      as: "manager",
    });
    await page.goto(`${server.url}/pad/${server.demo.hallId}/${counters.body[0].id}`);
    await page.getByText("您没有权限访问此页面").waitFor();
  });

  it("should give the administrator every screen and every admin tab, in Chinese and in English", async () => {
    const page = await login(await newContext(browser, "desktop"), server.url, "admin", ADMIN_PASSWORD);
    const errors = watchErrors(page);
    await page.getByRole("link", { name: "系统管理" }).waitFor();
    await page.getByText("张江合作厅").waitFor();
    await shot(page, "home-admin");

    // A full number shown, with its reason: the audit log's first line.
    const ticket = await server.api<{ id: string }>("POST", `/api/halls/${server.demo.hallId}/tickets`, {
      as: "manager",
      body: { businessType: "payment", phone: "13812340000" },
    });
    const why = encodeURIComponent("回电客户确认办理结果");
    await server.api("GET", `/api/tickets/${ticket.body.id}/phone?reason=${why}`, { as: "manager" });

    await page.getByRole("link", { name: "系统管理" }).click();
    for (const [tab, name, probe] of [
      ["营业厅", "admin-halls", "世纪大道自营厅"],
      ["台席", "admin-counters", "6号窗口 VIP"],
      ["业务目录", "admin-catalog", "挂失补卡"],
      ["人员与角色", "admin-users", "counter1"],
      ["设备", "admin-devices", "陆家嘴 取号机"],
      ["高峰预警", "admin-peak", "预警阈值（等候人数 ÷ 开放台席）"],
      ["参数设置", "admin-settings", "问候时限（秒）"],
      ["短信模板", "admin-templates", "即将叫号提醒"],
      ["审计日志", "admin-audit", "回电客户确认办理结果"],
    ] as const) {
      await page.getByRole("tab", { name: tab, exact: true }).click();
      if (name === "admin-counters") {
        // The administrator belongs to no hall: the first in scope is shown until another is picked.
        await page.getByLabel("选择营业厅").click();
        await page.getByTitle("陆家嘴自营厅").click();
      }
      await page.getByText(probe).first().waitFor();
      await shot(page, name);
    }

    // The operator's greeting limit, inherited by every hall that sets none.
    await page.getByRole("tab", { name: "参数设置", exact: true }).click();
    await page.getByLabel("问候时限（秒）").fill("90");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("已保存").waitFor();
    await page.getByText(/最近修改/).waitFor();
    const hall = await server.api<{ effectiveSettings: { greetingLimitSeconds?: number } }>(
      "GET",
      `/api/halls/${server.demo.hallId}`,
      { as: "manager" },
    );
    expect(hall.body.effectiveSettings.greetingLimitSeconds).toBe(90);

    await page.locator(".ant-segmented").getByText("English").click();
    await page.getByRole("tab", { name: "Peak warning" }).waitFor();
    await page.getByRole("tab", { name: "Catalog" }).click();
    await page.getByText("SIM loss / replacement").waitFor();
    await shot(page, "admin-catalog-en");
    await page.goto(`${server.url}/`);
    await page.getByText("Hello, 系统管理员").waitFor();
    await shot(page, "home-admin-en");
    await page.locator(".ant-segmented").getByText("中文").click();
    await page.getByText("系统管理员，您好").waitFor();
    expect(errors).toEqual([]);
  });

  it("should lock an account after five wrong passwords, say so, and let the administrator unlock it", async () => {
    const page = await (await newContext(browser, "desktop")).newPage();
    await page.goto(`${server.url}/login`);
    const signIn = async (password: string) => {
      await page.getByLabel("用户名").fill("counter2");
      await page.getByLabel("密码").fill(password);
      await page.getByRole("button", { name: "登录" }).click();
    };
    for (let i = 0; i < 5; i++) {
      await signIn(`wrong-password-${i}`);
      await page.getByRole("alert").getByText("用户名或密码错误").waitFor();
    }
    // Locked: the right password is refused too, with how long to wait.
    await signIn(DEMO_PASSWORD);
    await page
      .getByRole("alert")
      .getByText(/登录失败次数过多，请 \d+ 秒后再试/)
      .waitFor();
    await shot(page, "login-locked");

    const admin = await login(await newContext(browser, "desktop"), server.url, "admin", ADMIN_PASSWORD);
    await admin.goto(`${server.url}/admin?tab=users`);
    const row = admin.getByRole("row", { name: /counter2/ });
    await row.getByText(/已锁定 · 约 1 分钟/).waitFor();
    await shot(admin, "admin-users-locked");
    await row.getByRole("button", { name: "解除锁定" }).click();
    await admin.getByText("已解除锁定").waitFor();
    await row.getByText("正常").waitFor();

    await signIn(DEMO_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));

    // Guesses at many usernames from one address lock the address; the administrator sees and lifts it.
    for (let i = 0; i < 25; i++) {
      const res = await server.api("POST", "/api/auth/token", {
        body: { username: `guess-${i}`, password: "wrong-password" },
      });
      if (res.status === 429) break;
    }
    await admin.reload();
    const alert = admin.getByRole("alert").filter({ hasText: "以下地址登录失败次数过多" });
    await alert.getByText(/127\.0\.0\.1（约 1 分钟后自动解除）/).waitFor();
    await shot(admin, "admin-users-address-locked");
    await alert.getByRole("button", { name: "解除锁定" }).click();
    await alert.waitFor({ state: "detached" });
  });

  it("should let a person change their password from the header and sign out their other sessions", async () => {
    const other = await login(await newContext(browser, "desktop"), server.url, "counter3", DEMO_PASSWORD);
    const page = await login(await newContext(browser, "desktop"), server.url, "counter3", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.getByRole("button", { name: "修改密码" }).click();
    const dialog = page.getByRole("dialog", { name: "修改密码" });
    await dialog.getByLabel("当前密码").fill(DEMO_PASSWORD);
    await dialog.getByLabel("新密码", { exact: true }).fill("12345678");
    await dialog.getByLabel("确认新密码").fill("12345678");
    await dialog.getByRole("button", { name: "保存" }).click();
    await dialog.getByText("这是最常见的密码之一，请换一个").waitFor();
    await shot(page, "change-password-refused");

    await dialog.getByLabel("新密码", { exact: true }).fill("window-three-2026");
    await dialog.getByLabel("确认新密码").fill("window-three-2026");
    await dialog.getByRole("button", { name: "保存" }).click();
    await page.getByText("密码已修改，您在其他设备上的登录已退出").waitFor();
    await shot(page, "change-password-done");
    // This session goes on; the other one is signed out.
    await page.reload();
    await page.getByText("台席3号，您好").waitFor();
    await other.reload();
    await other.waitForURL(/\/login/);
    expect(errors).toEqual([]);
  });

  it("should issue a display token that opens the display, and stop it when revoked", async () => {
    const context = await newContext(browser, "desktop");
    const page = await login(context, server.url, "manager", DEMO_PASSWORD);
    await page.goto(`${server.url}/admin?tab=devices`);
    await page.getByRole("button", { name: "签发设备令牌" }).click();
    const dialog = page.getByRole("dialog", { name: "签发设备令牌" });
    await dialog.getByLabel("设备类型").click();
    await page.getByTitle("叫号屏").click();
    await dialog.getByLabel("名称").fill("二楼叫号屏");
    await dialog.getByRole("button", { name: "确定" }).click();
    const link = (await page.getByTestId("device-link").textContent())!;
    expect(link).toMatch(/\/display\/.+\?device=dev_/);
    await shot(page, "admin-device-issued");

    const tv = await (await newContext(browser, "display")).newPage();
    await tv.goto(link);
    await tv.getByText("暂无叫号，请耐心等候").waitFor();

    await page.getByRole("button", { name: "关闭" }).click();
    await page
      .getByRole("row", { name: /二楼叫号屏/ })
      .getByRole("button", { name: "吊销" })
      .click();
    await page.getByRole("button", { name: "确定" }).click();
    await page
      .getByRole("row", { name: /二楼叫号屏/ })
      .getByText("已吊销")
      .waitFor();
    // Another instance may keep a token for up to 5 s (its cache); after that a reload is refused.
    await tv.waitForTimeout(5500);
    await tv.reload();
    await tv.getByText("设备令牌无效或已被吊销").waitFor();
    await shot(tv, "display-revoked");
  });
});
