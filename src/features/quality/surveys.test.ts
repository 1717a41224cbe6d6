import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSurveyCsv } from "../../../test/fixtures/survey-seed.js";
import { buildTestApp, multipartFile, type TestApp } from "../../../test/helpers.js";

// R-KPI through the API: the survey firm's file imported (checked whole, CSV or XLSX), the KPI computed
// from it per scope, imports withdrawn whole, and the operator's weights and target.
describe("survey imports and the satisfaction KPI", () => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let area: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    manager = await t.token("manager");
    area = await t.token("area");
  });
  afterAll(() => t.close());

  const upload = (token: string, name: string, content: string | Buffer, query = "") => {
    const type = name.endsWith(".xlsx")
      ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      : "text/csv";
    const { contentType, payload } = multipartFile(name, type, content);
    return t.app.inject({
      method: "POST",
      url: `/api/quality/surveys/import${query}`,
      headers: { authorization: `Bearer ${token}`, "content-type": contentType },
      payload,
    });
  };
  const kpi = (token: string, query = "") => t.api("GET", `/api/quality/kpi${query}`, { token });

  it("should check a file without storing it on a dry run, then import it and compute the seed's KPI", async () => {
    const csv = seedSurveyCsv("2026-Q3", "operator");
    const dry = await upload(admin, "满意度2026Q3.csv", csv, "?dryRun=1");
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      id: null,
      rows: 7,
      periods: ["2026-Q3"],
      scopes: ["operator"],
    });
    expect((await kpi(admin)).statusCode).toBe(404);

    const done = await upload(admin, "满意度2026Q3.csv", csv);
    expect(done.statusCode, done.body).toBe(201);
    const k = (await kpi(admin, "?scope=operator&period=2026-Q3")).json();
    expect(k).toMatchObject({
      satisfaction: 81.69,
      target: 72,
      met: true,
      sampleSize: 3102,
      periods: ["2026-Q3"],
    });
    // Brands in the file's order, as the firm lists them.
    expect(k.segments.map((x: { segment: string }) => x.segment)).toEqual(["全球通", "神州行", "动感地带"]);
    // Competitors in pinyin order (电信 diànxìn, 竞争对手 jìngzhēng, 联通 liántōng).
    expect(k.vsCompetitors).toEqual([
      { carrier: "电信", satisfaction: 72.8, lead: 8.89 },
      { carrier: "竞争对手", satisfaction: 76.05, lead: 5.64 },
      { carrier: "联通", satisfaction: 77.72, lead: 3.97 },
    ]);
    // The latest period is the default, and the operator is the admin's own scope.
    expect((await kpi(admin)).json().satisfaction).toBe(81.69);

    // The same period, scope, segment and carrier again: refused whole, every row named.
    const again = await upload(admin, "again.csv", csv);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.rows).toHaveLength(7);
    expect(again.json().error.details.rows[0]).toMatchObject({
      row: 2,
      reason: expect.stringMatching(/already/),
    });
    const imports = (await t.api("GET", "/api/quality/surveys/imports", { token: admin })).json();
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ fileName: "满意度2026Q3.csv", rows: 7, periods: ["2026-Q3"] });
  });

  it("should refuse a file with bad rows whole, with each problem at the row Excel shows", async () => {
    const hallId = t.demo.hallId;
    const csv = [
      "period,scope,segment,carrier,sampleSize,environment,waiting_acceptable,staff_overall,speed,colour",
      `2026-08,hall:${hallId},,ours,120,88,80,79,101,`,
      `2026-08,region:NOWHERE,,ours,120,88,80,79,80,`,
      `2026-8,hall:${hallId},全球通,ours,0,,80,79,80,`,
    ].join("\n");
    const res = await upload(admin, "bad.csv", csv);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.rows).toEqual([{ row: 1, column: "colour", reason: "unknown column" }]);
    const rows = csv.replace(",colour", "").replace(/,$/gm, "");
    const bad = (await upload(admin, "bad.csv", rows)).json().error.details.rows;
    expect(bad).toEqual([
      { row: 2, column: "speed", reason: "101 is not a percentage from 0 to 100" },
      { row: 3, column: "scope", reason: "unknown scope region:NOWHERE" },
      { row: 4, column: "period", reason: "not a quarter (2026-Q3) or a month (2026-08)" },
      { row: 4, column: "sampleSize", reason: "a whole number of answers, at least 1" },
      { row: 4, column: "environment", reason: "required" },
    ]);
    expect((await kpi(admin, `?scope=hall:${hallId}`)).statusCode).toBe(404);
  });

  it("should read a workbook too, and show each person only the scopes they cover", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("满意度");
    const lines = seedSurveyCsv("2026-Q3", `hall:${t.demo.hallId}`).trim().split("\r\n");
    for (const line of lines) sheet.addRow(line.split(","));
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await upload(admin, "厅.xlsx", xlsx)).statusCode).toBe(201);

    // The hall's manager reads their hall (their own scope by default), not the operator's figures.
    expect((await kpi(manager)).json()).toMatchObject({
      scope: `hall:${t.demo.hallId}`,
      satisfaction: 81.69,
    });
    expect((await kpi(manager, "?scope=operator")).statusCode).toBe(403);
    expect((await kpi(area, "?scope=operator")).statusCode).toBe(403);
    expect((await kpi(area, `?scope=hall:${t.demo.hallId}`)).statusCode).toBe(200);
    expect((await kpi(area, "?scope=region:SH-XH")).statusCode).toBe(403);
    expect((await kpi(area, "?scope=nonsense")).statusCode).toBe(400);
    // Imports are the operator's.
    expect((await upload(manager, "x.csv", "period")).statusCode).toBe(403);
  });

  it("should take the operator's weights and target, and withdraw an import whole", async () => {
    const bad = await t.api("PUT", "/api/quality/kpi-settings", {
      token: admin,
      body: {
        weights: { environment: 0.5, waiting: 0.5, staff: 0.5, speed: 0 },
        target: 72,
        flags: { redBelow: 69, redLeadBelow: 10, blueAbove: 90, blueLeadAbove: 20 },
      },
    });
    expect(bad.statusCode).toBe(400);
    const settings = {
      weights: { environment: 0.25, waiting: 0.25, staff: 0.25, speed: 0.25 },
      target: 85,
      flags: { redBelow: 69, redLeadBelow: 10, blueAbove: 90, blueLeadAbove: 20 },
    };
    expect(
      (await t.api("PUT", "/api/quality/kpi-settings", { token: admin, body: settings })).statusCode,
    ).toBe(200);
    // (87.56 + 77.72 + 76.66 + 85.25) ÷ 4
    expect((await kpi(admin, "?scope=operator")).json()).toMatchObject({
      satisfaction: 81.8,
      target: 85,
      met: false,
    });

    const [first] = (await t.api("GET", "/api/quality/surveys/imports", { token: admin })).json().slice(-1);
    expect(
      (await t.api("DELETE", `/api/quality/surveys/imports/${first.id}`, { token: admin })).statusCode,
    ).toBe(204);
    expect(
      (await t.api("DELETE", `/api/quality/surveys/imports/${first.id}`, { token: admin })).statusCode,
    ).toBe(409);
    expect((await kpi(admin, "?scope=operator")).statusCode).toBe(404);
    const all = (await t.api("GET", "/api/quality/surveys/imports?withdrawn=true", { token: admin })).json();
    expect(all.find((i: { id: string }) => i.id === first.id)).toMatchObject({
      withdrawnAt: expect.any(String),
    });
    // Withdrawn, the same file may come again.
    expect((await upload(admin, "again.csv", seedSurveyCsv("2026-Q3", "operator"))).statusCode).toBe(201);
  });

  it("should give a scope's KPI period by period, oldest first, for the trend", async () => {
    const row = (period: string, v: number) => `${period},region:SH-PD,,ours,300,${v},${v},${v},${v}`;
    const csv = [
      "period,scope,segment,carrier,sampleSize,environment,waiting_acceptable,staff_overall,speed",
      row("2025-Q4", 70),
      row("2026-Q1", 71.5),
      row("2026-Q2", 74),
    ].join("\n");
    expect((await upload(admin, "trend.csv", csv)).statusCode).toBe(201);
    const trend = (await t.api("GET", "/api/quality/kpi/trend?scope=region:SH-PD", { token: area })).json();
    const settings = (await t.api("GET", "/api/quality/kpi-settings", { token: area })).json();
    expect(trend.target).toBe(settings.target);
    expect(
      trend.points.map((p: { period: string; satisfaction: number }) => [p.period, p.satisfaction]),
    ).toEqual([
      ["2025-Q4", 70],
      ["2026-Q1", 71.5],
      ["2026-Q2", 74],
    ]);
    expect((await t.api("GET", "/api/quality/kpi/trend?scope=operator", { token: area })).statusCode).toBe(
      403,
    );
  });
});
