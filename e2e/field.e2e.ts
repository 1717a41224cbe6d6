import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

const DAY = 86_400_000;
const mmdd = (offset: number) =>
  new Date(Date.now() + offset * DAY + 8 * 3_600_000).toISOString().slice(5, 10);
const dateIn = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

type Visit = { id: string; clientId: string | null; notes: string | null; questions: { text: string }[] };

const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe.skipIf(!hasChromium)("the field CRM on a phone (issue 5)", () => {
  let server: E2EServer;
  let browser: Browser;
  let villageId: string;
  let factoryId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    const as = "agent";
    const c1 = await server.api<{ id: string }>("POST", "/api/field/customers", {
      as,
      body: {
        name: "新丰村村委会",
        tier: "gov_enterprise",
        areaCode: "SH-PD",
        town: "张江镇",
        village: "新丰村",
        address: "新丰村1组1号",
        phone: "13812341234",
        products: [
          { name: "天翼宽带", ours: true },
          { name: "4G套餐", ours: false, operator: "移动" },
        ],
        contacts: [
          { name: "王书记", title: "村支书", phone: "13900001111", birthday: mmdd(2), decisionMaker: true },
        ],
      },
    });
    villageId = c1.body.id;
    const c2 = await server.api<{ id: string }>("POST", "/api/field/customers", {
      as,
      body: {
        name: "张江电子厂",
        tier: "key",
        areaCode: "SH-PD",
        town: "张江镇",
        village: "联群村",
        address: "联群村8号",
      },
    });
    factoryId = c2.body.id;
    await server.api("POST", "/api/field/customers", {
      as,
      body: { name: "李家小卖部", tier: "household", areaCode: "SH-PD", town: "张江镇", village: "新丰村" },
    });
    // Three weeks since the factory was last visited: overdue, with a question still open and a promise due.
    await server.api("POST", `/api/field/customers/${factoryId}/visits`, {
      as,
      body: {
        kind: "in_person",
        at: new Date(Date.now() - 21 * DAY).toISOString(),
        questions: [{ text: "能否上门安装IPTV？" }],
        promises: [{ text: "送宽带宣传资料", dueOn: dateIn(1) }],
        opportunities: [{ title: "厂区千兆光纤", amount: 30000 }],
      },
    });
    await server.api("POST", `/api/field/customers/${villageId}/visit-plans`, {
      as,
      body: {
        kind: "in_person",
        plannedAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
        purpose: "季度走访",
      },
    });
    await server.api("POST", `/api/field/customers/${factoryId}/contracts`, {
      as,
      body: { title: "政企宽带协议", startsOn: "2024-01-01", endsOn: dateIn(25) },
    });
    const fault = await server.api("POST", "/api/faults", {
      as,
      body: {
        customer: { name: "李大爷", phone: "13600001234", address: "联群村3组12号" },
        service: "broadband",
        symptom: "宽带无法上网，光猫红灯",
      },
    });
    expect(fault.status).toBe(201);
    for (const [village, place, kind] of [
      ["新丰村", "3组晒谷场", "weak_signal"],
      ["新丰村", "村委会后山", "no_signal"],
      ["联群村", "8组鱼塘", "weak_signal"],
    ]) {
      await server.api("POST", "/api/field/blind-spots", {
        as,
        body: { areaCode: "SH-PD", village, place, kind },
      });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should show the agent's day, the archive and the customer card", async () => {
    const page = await login(
      await newContext(browser, "phone", { isMobile: true }),
      server.url,
      "agent",
      DEMO_PASSWORD,
    );
    const errors = watchErrors(page);
    await page.goto(`${server.url}/field`);
    await page.getByText("待拜访").waitFor();
    await page.getByText("节日关怀").waitFor();
    await page.getByText("待处理故障").waitFor();
    await page.getByText("宽带无法上网，光猫红灯").waitFor();
    await expect.poll(() => page.getByText("已逾期").count()).toBeGreaterThan(0);
    await shot(page, "field-day", true);
    expect(await noHorizontalScroll(page)).toBe(true);

    await page.getByText("客户档案", { exact: true }).click();
    await page.getByText("李家小卖部").waitFor();
    await shot(page, "field-customers");
    await page.getByRole("button", { name: "新增客户" }).click();
    await page.getByLabel("客户", { exact: true }).fill("红星养殖场");
    await page.getByText("重要客户", { exact: true }).click();
    await page.getByLabel("行政村").fill("红星村");
    await page.getByLabel("联系人", { exact: true }).fill("周场长");
    await page.getByLabel("联系人手机").fill("13700003333");
    await page.getByLabel("联系人生日").fill("06-18");
    await shot(page, "field-customer-new", true);
    await page.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("周场长").waitFor();
    await page.getByText("137****3333").waitFor();
    await page.goto(`${server.url}/field/customers`);
    await page.getByText("新丰村村委会").click();
    await page.getByText("王书记").waitFor();
    await page.getByText("移动 · 4G套餐").waitFor();
    await shot(page, "field-customer", true);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("should keep a visit typed offline and send it exactly once when the connection returns", async () => {
    const context = await newContext(browser, "phone", { isMobile: true });
    const page = await login(context, server.url, "agent", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/field/customers/${villageId}`);
    await page.getByRole("button", { name: "记录拜访" }).click();
    await page.getByLabel("拜访目的").fill("走访村委会，了解宽带需求");
    await page.getByLabel("接待人").fill("王书记");
    await page.getByLabel("拜访情况").fill("村委会希望给村卫生室装宽带");
    await page.getByRole("button", { name: "添加问题" }).click();
    await page.getByLabel("问题 1", { exact: true }).fill("村东头信号弱，能否加基站？");
    await page.getByRole("button", { name: "添加承诺" }).click();
    await page.getByLabel("承诺内容 1").fill("下周一前给出卫生室宽带方案");
    await page.getByLabel("承诺完成日期 1").fill(dateIn(5));
    await shot(page, "field-visit-form", true);

    // The village loses its signal just as the agent saves.
    await context.setOffline(true);
    await page.getByRole("button", { name: "保存拜访记录" }).click();
    await page.getByText("网络不通，记录已保存在手机上，联网后自动发送").waitFor();
    await page.getByText("待发送 1 条").waitFor();
    await shot(page, "field-offline-pending");
    const stored = await page.evaluate(() => localStorage.getItem("tingwu.field.pendingVisits"));
    const clientId = (JSON.parse(stored!) as { clientId: string }[])[0].clientId;
    const visits = async () =>
      (await server.api<Visit[]>("GET", `/api/field/customers/${villageId}/visits`, { as: "agent" })).body;
    expect(await visits()).toEqual([]);

    // When the signal returns, the first answer is lost on the way back: the server has the record, the
    // phone does not know. The phone sends it again; the server answers with the record it already has.
    let delivered = 0;
    await page.route("**/api/field/customers/*/visits", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      delivered++;
      if (delivered === 1) {
        await route.fetch();
        return route.abort("connectionreset");
      }
      return route.continue();
    });
    await context.setOffline(false);
    await expect.poll(() => delivered, { timeout: 10_000 }).toBe(1);
    await page.getByText("待发送 1 条").waitFor();
    await page.getByRole("button", { name: "立即发送" }).click();
    await expect.poll(() => page.getByText(/待发送/).count(), { timeout: 10_000 }).toBe(0);
    expect(delivered).toBe(2);
    const after = await visits();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ clientId, notes: "村委会希望给村卫生室装宽带" });
    expect(await page.evaluate(() => localStorage.getItem("tingwu.field.pendingVisits"))).toBe("[]");
    const customer = (
      await server.api<{ nextInPersonVisitDueAt: string }>("GET", `/api/field/customers/${villageId}`, {
        as: "agent",
      })
    ).body;
    expect(Date.parse(customer.nextInPersonVisitDueAt)).toBeGreaterThan(Date.now() + 14 * DAY);
    expect(
      errors.filter((e) => !e.includes("ERR_CONNECTION_RESET") && !e.includes("ERR_INTERNET_DISCONNECTED")),
    ).toEqual([]);
  });

  it("should check a service order against the customer and take a drawn signature", async () => {
    const page = await login(
      await newContext(browser, "phone", { isMobile: true }),
      server.url,
      "agent",
      DEMO_PASSWORD,
    );
    await page.goto(`${server.url}/field/customers/${factoryId}/order`);
    await page.getByRole("button", { name: "建立工单" }).click();
    await page.getByLabel("现场地址").fill("联群村9号");
    await page.getByRole("button", { name: "施工前资料核对" }).click();
    await page.getByText("资料不符：地址，请反馈并查明原因").waitFor();
    for (const n of ["10000 客服热线", "10001 自助服务", "114 查号", "网上客户服务中心"]) {
      await page.getByLabel(n).check();
    }
    const pad = page.getByLabel("请客户在下方签字", { exact: true }).last();
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 120);
    await page.mouse.down();
    for (const [dx, dy] of [
      [60, -70],
      [110, 10],
      [160, -60],
      [220, 20],
      [300, -40],
    ]) {
      await page.mouse.move(box.x + dx, box.y + 100 + dy, { steps: 6 });
    }
    await page.mouse.up();
    await shot(page, "field-order-sign", true);
    await page.getByRole("button", { name: "确认签字" }).click();
    await page.getByText("客户已签字").waitFor();
    await shot(page, "field-order-signed");
  });

  it("should answer an open question on the card, update the archive and gather village facts", async () => {
    const page = await login(
      await newContext(browser, "phone", { isMobile: true }),
      server.url,
      "agent",
      DEMO_PASSWORD,
    );
    const errors = watchErrors(page);
    await page.goto(`${server.url}/field/customers/${factoryId}`);
    await page.getByLabel("答复客户 能否上门安装IPTV？").fill("可以，下周二上门安装");
    await shot(page, "field-customer-answer", true);
    await page.getByRole("button", { name: "答复", exact: true }).click();
    await page.getByText("已记录答复").waitFor();
    await page.getByRole("button", { name: "档案已更新" }).click();
    await page.getByText("已确认档案更新").waitFor();
    const visits = (
      await server.api<{ answeredAt: string | null; archiveUpdatedAt: string | null }[]>(
        "GET",
        `/api/field/customers/${factoryId}/visits`,
        { as: "agent" },
      )
    ).body;
    expect(visits[0].answeredAt).not.toBeNull();
    expect(visits[0].archiveUpdatedAt).not.toBeNull();

    await page.getByText("村情", { exact: true }).click();
    await page.getByLabel("行政村", { exact: true }).fill("联群村");
    await page.getByLabel("位置").fill("村小学操场");
    await page.getByText("无信号", { exact: true }).click();
    await page.getByRole("button", { name: "上报" }).click();
    await page.getByText("已上报，片区经理将转网络部").waitFor();
    await page.getByLabel("村情信息收集 场镇").fill("张江镇");
    await page.getByLabel("村情信息收集 行政村").fill("联群村");
    await page.getByLabel("人口").fill("1860");
    await page.getByLabel("户数").fill("640");
    await page.getByLabel("竞争对手产品与价格").fill("移动宽带 58元/月，送机顶盒");
    await shot(page, "field-village", true);
    await page.getByRole("button", { name: "保存村情" }).click();
    await page.getByText("村情已保存").waitFor();
    const villages = (
      await server.api<{ village: string; population: number }[]>("GET", "/api/field/villages", {
        as: "area",
      })
    ).body;
    expect(villages).toEqual([expect.objectContaining({ village: "联群村", population: 1860 })]);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("should show the area manager's cadence, pipeline, contracts ending and blind spots by village", async () => {
    const page = await login(
      await newContext(browser, "phone", { isMobile: true }),
      server.url,
      "area",
      DEMO_PASSWORD,
    );
    const errors = watchErrors(page);
    await page.goto(`${server.url}/field/manage`);
    await page.getByText("刘代理").first().waitFor();
    await shot(page, "field-manage-compliance");
    await page.getByRole("tab", { name: "商机" }).click();
    await page.getByText(/本周商机/).waitFor();
    await shot(page, "field-manage-pipeline", true);
    await page.getByRole("tab", { name: "到期协议" }).click();
    await page.getByText("政企宽带协议").waitFor();
    await shot(page, "field-manage-contracts");
    await page
      .getByRole("button", { name: /续\s*约/ })
      .first()
      .click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /续\s*约/ })
      .click();
    await page.getByText("已续约").waitFor();
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await expect.poll(() => page.getByText("政企宽带协议").count()).toBe(0);
    await page.getByRole("tab", { name: "网络盲点" }).click();
    await page.getByText("3组晒谷场").waitFor();
    await page.getByRole("button", { name: "转网络部" }).first().click();
    await page.getByText("已转网络部").waitFor();
    await shot(page, "field-manage-blind-spots");

    await page.getByRole("tab", { name: "导入导出" }).click();
    const csv = [
      "客户名称,客户类型,片区,场镇,行政村,电话,联系人,生日,决策人",
      "联群村委会,政企,SH-PD,张江镇,联群村,13811112222,赵主任,03-15,是",
      "钱家,vip,SH-PD,张江镇,联群村,,,,",
      "孙家超市,重要客户,SH-PD,张江镇,联群村,12345,,,",
    ].join("\n");
    await page
      .getByLabel("选择 CSV 文件")
      .setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page
      .getByRole("button", { name: "导 入" })
      .or(page.getByRole("button", { name: "导入", exact: true }))
      .click();
    await page.getByText("2 行有误，未导入任何数据").waitFor();
    await page.getByText(/第 3 行/).waitFor();
    await shot(page, "field-manage-import-refused", true);
    const before = (await server.api<unknown[]>("GET", "/api/field/customers", { as: "area" })).body.length;
    await page.getByText("仅导入无误的行").click();
    await page.getByRole("button", { name: "导入", exact: true }).click();
    await page.getByText("已导入 1 户").waitFor();
    expect((await server.api<unknown[]>("GET", "/api/field/customers", { as: "area" })).body.length).toBe(
      before + 1,
    );
    expect(errors).toEqual([]);
  });
});
