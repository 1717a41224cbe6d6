import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import type { Customer } from "./contract.js";
import { parseCsv } from "./csv.js";
import { readXlsxRows, toXlsx, XLSX_TYPE } from "./xlsx.js";

const header = [
  "客户名称",
  "客户类型",
  "片区",
  "场镇",
  "行政村",
  "电话",
  "代理人员",
  "联系人",
  "生日",
  "决策人",
];
const csv = [
  [...header, "我网产品", "异网产品"].join(","),
  "新丰村委会,政企,SH-PD,张江镇,新丰村,13812341234,agent,王书记,1970-09-20,是,天翼宽带,移动:4G套餐;联通宽带",
  "新丰村委会,政企,SH-PD,张江镇,新丰村,13812341234,agent,李会计,03-15,否,天翼宽带,移动:4G套餐;联通宽带",
  "李家小卖部,household,SH-PD,张江镇,新丰村,,,,,,,",
  '"=HYPERLINK(1)",key,SH-PD,张江镇,新丰村,02150501234,,,,,,',
].join("\n");

const sortedRows = (text: string) => parseCsv(text).slice(1).map(String).sort();
const base64 = (b: Buffer) => b.toString("base64");

/** A zip of one deflated part, enough to reach the unpacking guard (no CRC: it fails before that). */
function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + fileName.length, 12);
  end.writeUInt32LE(30 + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

describe("customer import and export as Excel (R-CUST)", () => {
  let a: TestApp;
  let b: TestApp;
  let agentA: string;
  let agentB: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([buildTestApp(), buildTestApp()]);
    [agentA, agentB] = await Promise.all([a.token("agent"), b.token("agent")]);
  });
  afterAll(() => Promise.all([a?.close(), b?.close()]));

  const importXlsx = (file: Buffer, extra: object = {}) =>
    b.api("POST", "/api/field/customers/import", { token: agentB, body: { xlsx: base64(file), ...extra } });
  const customersB = async () => (await b.api("GET", "/api/field/customers", { token: agentB })).json();

  it("should export .xlsx with the CSV's Chinese headers that imports elsewhere into the same customers", async () => {
    const imported = await a.api("POST", "/api/field/customers/import", { token: agentA, body: { csv } });
    expect(imported.json()).toMatchObject({ rows: 4, imported: 3, refused: [] });

    const xlsx = await a.api("GET", "/api/field/customers/export?format=xlsx", { token: agentA });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toBe(XLSX_TYPE);
    expect(xlsx.headers["content-disposition"]).toContain("customers.xlsx");
    const file = xlsx.rawPayload;
    const csvExport = (await a.api("GET", "/api/field/customers/export", { token: agentA })).body;
    const sheet = await readXlsxRows(file);
    expect(sheet[0].cells).toEqual(parseCsv(csvExport)[0]);
    expect(sheet[0].cells.slice(0, 3)).toEqual(["客户名称", "客户类型", "片区"]);
    // Text cells: the leading 0 of a landline stays, and "=..." is a name, not a formula.
    expect(sheet.map((r) => r.cells[6])).toContain("02150501234");
    expect(sheet.map((r) => r.cells[0])).toContain("=HYPERLINK(1)");

    const res = await importXlsx(file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 4, imported: 3, refused: [] });
    const exportB = (await b.api("GET", "/api/field/customers/export", { token: agentB })).body;
    expect(sortedRows(exportB)).toEqual(sortedRows(csvExport));
    // What the archive holds, less ids, dates and the agent's id (the CSV comparison covers the agent).
    const strip = (list: Customer[]) =>
      list
        .map(({ name, tier, areaCode, town, village, address, phone, products, contacts }) => ({
          ...{ name, tier, areaCode, town, village, address, phone, products },
          contacts: contacts.map(({ id: _, ...k }) => k).sort((x, y) => x.name.localeCompare(y.name)),
        }))
        .sort((x, y) => x.name.localeCompare(y.name));
    const listA = (await a.api("GET", "/api/field/customers", { token: agentA })).json();
    expect(strip(await customersB())).toEqual(strip(listA));
  });

  it("should refuse bad rows with the row numbers Excel shows and import nothing", async () => {
    const before = (await customersB()).length;
    const file = await toXlsx("客户", header, [
      ["王家", "vip", "SH-PD", "张江镇", "新丰村"],
      [],
      ["张家", "家庭", "SH-PD", "张江镇", "新丰村", "13912345678"],
      ["赵家", "家庭", "SH-PD", "张江镇", "新丰村", "12345"],
      ["成都客户", "重要客户", "SC-CD"],
    ]);
    const res = await importXlsx(file);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("rule_violation");
    const refused = res.json().error.details.refused;
    expect(refused.map((r: { row: number }) => r.row)).toEqual([2, 5, 6]);
    expect(refused[0].reasons[0]).toMatch(/^tier/);
    expect(refused[1].reasons[0]).toMatch(/^phone/);
    expect(refused[2].reasons[0]).toContain("outside your scope");
    expect(await customersB()).toHaveLength(before);

    const some = await importXlsx(file, { mode: "valid_rows" });
    expect(some.json()).toMatchObject({
      rows: 4,
      imported: 1,
      refused: [{ row: 2 }, { row: 5 }, { row: 6 }],
    });
    expect(await customersB()).toHaveLength(before + 1);
  });

  it("should read numbers, dates, rich text and formula results as the cells show them", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sheet1");
    sheet.addRow(header);
    sheet.addRow([
      { richText: [{ text: "周家" }, { text: "农家乐", font: { bold: true } }] },
      { formula: '"重要"&"客户"', result: "重要客户" },
      "SH-PD",
      "张江镇",
      "联群村",
      13812345678,
      null,
      "周老板",
      new Date(Date.UTC(1980, 2, 15)),
      true,
    ]);
    const res = await importXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(200);
    const zhou = (await customersB()).find((c: { name: string }) => c.name === "周家农家乐");
    expect(zhou).toMatchObject({ tier: "key", phone: "138****5678", village: "联群村" });
    expect(zhou.contacts[0]).toMatchObject({ name: "周老板", birthday: "03-15", decisionMaker: true });
  });

  it("should answer 400 in the one error shape when the file is not an .xlsx workbook", async () => {
    const cases: [Buffer | string, RegExp][] = [
      [Buffer.from("this is not a spreadsheet at all"), /not an Excel workbook/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /\.xls files/],
      [zipOf("hello.txt", Buffer.from("hi")), /not an Excel workbook/],
      [zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(80 * 1024 * 1024)), /too much data/],
      ["not base64 !!", /xlsx/],
    ];
    for (const [file, message] of cases) {
      const body = { xlsx: typeof file === "string" ? file : base64(file) };
      const res = await b.api("POST", "/api/field/customers/import", { token: agentB, body });
      expect(res.statusCode, String(message)).toBe(400);
      expect(res.json().error).toMatchObject({
        code: "invalid_input",
        message: expect.stringMatching(message),
      });
    }
    for (const body of [{ csv, xlsx: base64(Buffer.from("x")) }, { mode: "valid_rows" }]) {
      const res = await b.api("POST", "/api/field/customers/import", { token: agentB, body });
      expect(res.json().error).toMatchObject({
        code: "invalid_input",
        message: expect.stringMatching(/one of/),
      });
    }
  });
});
