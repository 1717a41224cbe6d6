import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/helpers.js";
import { parseCsv, toCsv } from "./csv.js";

const header = "客户名称,客户类型,片区,场镇,行政村,电话,代理人员,联系人,生日,决策人,我网产品,异网产品";
const good1 =
  '新丰村委会,政企,SH-PD,张江镇,新丰村,13812341234,agent,王书记,1970-09-20,是,天翼宽带,"移动:4G套餐"';
const good2 = "李家小卖部,household,SH-PD,张江镇,新丰村,,,,,,,";
const badTier = "王家,vip,SH-PD,张江镇,新丰村,,,,,,,";
const badPhone = "赵家,household,SH-PD,张江镇,新丰村,12345,,,,,,";
const otherArea = "成都客户,key,SC-CD,,,,,,,,,";
const badAgent = "孙家,key,SH-PD,,,,counter1,,,,,";

describe("customer import and export (R-CUST)", () => {
  let t: TestApp;
  let agent: string;

  beforeAll(async () => {
    t = await buildTestApp();
    agent = await t.token("agent");
  });
  afterAll(() => t.close());

  const importCsv = (csv: string, extra: object = {}) =>
    t.api("POST", "/api/field/customers/import", { token: agent, body: { csv, ...extra } });
  const countCustomers = async () =>
    (await t.api("GET", "/api/field/customers", { token: agent })).json().length;

  it("should parse quoted cells, doubled quotes, line breaks and a BOM", () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi""\nthere"\n\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"\nthere'],
    ]);
    expect(toCsv(["a"], [["=cmd()"]])).toContain("'=cmd()");
  });

  it("should refuse the whole file, naming each bad row and why, when one row is bad", async () => {
    const csv = [header, good1, badTier, good2, badPhone, otherArea, badAgent].join("\n");
    const res = await importCsv(csv);
    expect(res.statusCode).toBe(422);
    const refused = res.json().error.details.refused;
    expect(refused.map((r: { row: number }) => r.row)).toEqual([3, 5, 6, 7]);
    expect(refused[0].reasons[0]).toMatch(/^tier/);
    expect(refused[1].reasons[0]).toMatch(/^phone/);
    expect(refused[2].reasons[0]).toContain("outside your scope");
    expect(refused[3].reasons[0]).toContain("not an agent of SH-PD");
    expect(await countCustomers()).toBe(0);
  });

  it("should report without writing on a dry run", async () => {
    const res = await importCsv([header, good1, badTier].join("\n"), { dryRun: true });
    expect(res.json()).toMatchObject({ imported: 0, dryRun: true, refused: [{ row: 3 }] });
    expect(await countCustomers()).toBe(0);
  });

  it("should import the valid rows and report the others when asked to", async () => {
    const res = await importCsv([header, good1, badTier, good2].join("\n"), { mode: "valid_rows" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: 2, refused: [{ row: 3, name: "王家" }] });
    const all = (await t.api("GET", "/api/field/customers", { token: agent })).json();
    const village = all.find((c: { name: string }) => c.name === "新丰村委会");
    expect(village).toMatchObject({ tier: "gov_enterprise", phone: "138****1234" });
    expect(village.contacts[0]).toMatchObject({ name: "王书记", birthday: "09-20", decisionMaker: true });
    expect(village.products).toEqual([
      { name: "天翼宽带", ours: true },
      { name: "4G套餐", ours: false, operator: "移动" },
    ]);
    expect(village.nextInPersonVisitDueAt).not.toBeNull();
  });

  it("should refuse a customer already in the archive", async () => {
    const res = await importCsv([header, good2].join("\n"));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.refused[0].reasons).toEqual([
      "name: already in the archive for this village",
    ]);
  });

  it("should export CSV that names what was imported and imports again elsewhere", async () => {
    const res = await t.api("GET", "/api/field/customers/export", { token: agent });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const rows = parseCsv(res.body);
    expect(rows[0].slice(0, 3)).toEqual(["客户名称", "客户类型", "片区"]);
    expect(rows.find((r) => r[0] === "新丰村委会")?.[1]).toBe("政企");
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(["新丰村委会", "李家小卖部"]));
    // The same file into a fresh archive: everything is refused only because it is already here.
    const again = await importCsv(res.body, { dryRun: true });
    expect(again.json().refused.every((r: { reasons: string[] }) => r.reasons[0].includes("already"))).toBe(
      true,
    );
  });
});
