import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { readXlsxRows, toXlsx, XLSX_TYPE } from "../src/features/customers/xlsx.js";
import { hasChromium, launch, login, newContext, shot, watchErrors } from "./support/browser.js";
import { type E2EServer, startServer } from "./support/server.js";

const header = ["客户名称", "客户类型", "片区", "场镇", "行政村", "电话", "联系人", "生日", "决策人"];

describe.skipIf(!hasChromium)("customer archive as Excel on the agent's phone (issue 5, R-CUST)", () => {
  let server: E2EServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
    await server.api("POST", "/api/field/customers", {
      as: "agent",
      body: {
        name: "新丰村村委会",
        tier: "gov_enterprise",
        areaCode: "SH-PD",
        town: "张江镇",
        village: "新丰村",
      },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("should export Excel, refuse a bad workbook by its row numbers, then import a good one", async () => {
    const context = await newContext(browser, "phone", { isMobile: true });
    const page = await login(context, server.url, "agent", DEMO_PASSWORD);
    const errors = watchErrors(page);
    await page.goto(`${server.url}/field/customers`);
    await page.getByRole("button", { name: "导入导出" }).click();
    const dialog = page.getByRole("dialog");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      dialog.getByRole("link", { name: /导出 Excel/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("customers.xlsx");
    const exported = await readXlsxRows(await readFile((await download.path())!));
    expect(exported[0].cells.slice(0, 3)).toEqual(["客户名称", "客户类型", "片区"]);
    expect(exported[1].cells.slice(0, 2)).toEqual(["新丰村村委会", "政企"]);

    const bad = await toXlsx("Sheet1", header, [
      ["联群村委会", "政企", "SH-PD", "张江镇", "联群村", "13811112222", "赵主任", "03-15", "是"],
      ["钱家", "vip", "SH-PD", "张江镇", "联群村"],
      [],
      ["孙家超市", "重要客户", "SH-PD", "张江镇", "联群村", "12345"],
    ]);
    const input = dialog.getByLabel("选择 CSV 文件或 Excel 文件");
    await input.setInputFiles({ name: "客户.xlsx", mimeType: XLSX_TYPE, buffer: bad });
    await dialog.getByText("客户.xlsx").waitFor();
    await dialog.getByRole("button", { name: /^导\s*入$/ }).click();
    await dialog.getByText("2 行有误，未导入任何数据").waitFor();
    await dialog.getByText(/第 3 行 钱家/).waitFor();
    await dialog.getByText(/第 5 行 孙家超市/).waitFor();
    await shot(page, "field-xlsx-import-refused");
    const before = (await server.api<unknown[]>("GET", "/api/field/customers", { as: "agent" })).body.length;
    expect(before).toBe(1);

    const good = await toXlsx("Sheet1", header, [
      ["联群村委会", "政企", "SH-PD", "张江镇", "联群村", "13811112222", "赵主任", "03-15", "是"],
      ["钱家", "家庭", "SH-PD", "张江镇", "联群村"],
    ]);
    await input.setInputFiles({ name: "客户-改.xlsx", mimeType: XLSX_TYPE, buffer: good });
    await dialog.getByText("客户-改.xlsx").waitFor();
    await dialog.getByRole("button", { name: /^导\s*入$/ }).click();
    await dialog.getByText("已导入 2 户").waitFor();
    await shot(page, "field-xlsx-imported");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("联群村委会").waitFor();
    await shot(page, "field-xlsx-list");
    expect(errors).toEqual([]);
  });
});
