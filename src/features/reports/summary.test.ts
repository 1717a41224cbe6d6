import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, importSurveyCsv, type TestApp } from "../../../test/helpers.js";
import { seedHistory } from "../../cli/seed-history.js";
import { queryRows } from "../../core/db.js";
import { parsePeriod, previousPeriod, yearBefore } from "../../core/periods.js";
import { evaluations } from "../quality/tables.js";
import { rollupPlan } from "./rules.js";
import { sweepRollups } from "./sweeps.js";

type Figures = {
  tickets: { issued: number; served: number; noShow: number };
  waiting: { meanSeconds: number | null; p90Seconds: number | null; withinLimitShare: number | null };
  satisfaction: { padRatings: number };
};
type Summary = Figures & {
  children: (Figures & { scope: string })[];
  byBusinessType: Figures[];
  byDay: (Figures & { date: string })[];
  previous: Figures;
};

// Issue 15: reports from the daily roll-ups — hall → region → operator adding up, weighted shares, the p90
// from the merged histogram, local days, a closed day recomputed after a late change, access by scope.
describe("report summaries", () => {
  let t: TestApp;
  let admin: string;
  let halls: { id: string; regionCode: string }[];
  const range = "range:2026-03-02..2026-03-04";
  beforeAll(async () => {
    t = await buildTestApp();
    const seeded = await seedHistory(t.database, {
      halls: 3,
      days: 3,
      ticketsPerDay: 60,
      from: "2026-03-02",
      seed: 11,
      regionSize: 2,
      counters: 3,
      timeZone: "Asia/Shanghai",
    });
    halls = seeded.halls.map((h) => ({ id: h.id, regionCode: h.regionCode }));
    admin = await t.token("admin");
  });
  afterAll(() => t.close());

  const summary = async (scope: string, period: string, token = admin): Promise<Summary> => {
    const res = await t.api(
      "GET",
      `/api/reports/summary?scope=${encodeURIComponent(scope)}&period=${period}`,
      {
        token,
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const raw = async (hallIds: string[], from: string, to: string) => {
    const [r] = await queryRows<{ issued: number; waits: number[] }>(
      t.database.db,
      sql`SELECT count(*)::int AS issued,
            coalesce(array_agg(wait_seconds ORDER BY wait_seconds) FILTER (WHERE wait_seconds IS NOT NULL), '{}') AS waits
          FROM tickets WHERE hall_id = ANY(${`{${hallIds.join(",")}}`}::uuid[])
            AND service_date >= ${from}::date AND service_date <= ${to}::date`,
    );
    return r;
  };

  it("should add the halls up to their regions and the regions up to the operator", async () => {
    const operator = await summary("operator", range);
    const all = await raw(
      halls.map((h) => h.id),
      "2026-03-02",
      "2026-03-04",
    );
    expect(operator.tickets.issued).toBe(all.issued);
    expect(operator.tickets.issued).toBeGreaterThan(100);
    const regions = operator.children.filter((c) => c.tickets.issued > 0);
    expect(regions).toHaveLength(2);
    expect(regions.reduce((s, r) => s + r.tickets.issued, 0)).toBe(operator.tickets.issued);
    for (const region of regions) {
      const r = await summary(region.scope, range);
      expect(r.tickets.issued).toBe(region.tickets.issued);
      expect(r.children.reduce((s, h) => s + h.tickets.issued, 0)).toBe(r.tickets.issued);
    }
    // Business types add up too; the mean wait is weighted by the waits, not a mean of means.
    expect(operator.byBusinessType.reduce((s, b) => s + b.tickets.issued, 0)).toBe(operator.tickets.issued);
    const waits = all.waits.map(Number);
    expect(operator.waiting.meanSeconds).toBe(Math.round(waits.reduce((s, w) => s + w, 0) / waits.length));
    // The p90 is the upper edge of the 30-second bucket that holds the 90th percentile wait.
    const p90 = waits[Math.ceil(0.9 * waits.length) - 1];
    expect(operator.waiting.p90Seconds).toBe(Math.min(Math.floor(p90 / 30) + 1, 120) * 30);
    // A day by half hour adds up to the day.
    const oneDay = (await summary("operator", "day:2026-03-03")) as Summary & {
      byHalfHour: { slot: string; arrivals: number }[];
    };
    expect(oneDay.byHalfHour.reduce((s, h) => s + h.arrivals, 0)).toBe(oneDay.tickets.issued);
    expect(oneDay.byHalfHour[0].slot >= "08:00").toBe(true);
    // Day by day, adding up to the period.
    expect(operator.byDay.map((d) => d.date)).toEqual(["2026-03-02", "2026-03-03", "2026-03-04"]);
    expect(operator.byDay.reduce((s, d) => s + d.tickets.issued, 0)).toBe(operator.tickets.issued);
    // Each day of the trend (summed in the database) is that day's own report (merged here).
    for (const d of operator.byDay) {
      const own = await summary("operator", `day:${d.date}`);
      expect(d.tickets).toEqual(own.tickets);
      expect(d.waiting).toEqual(own.waiting);
    }
    // The three days before had nothing.
    expect(operator.previous.tickets.issued).toBe(0);
  });

  it("should read whole months from the month roll-ups, agreeing with the days, and trend by month when long", async () => {
    // March holds the three seeded days: a whole month, read from the month roll-ups.
    const month = (await summary("operator", "month:2026-03")) as Summary & {
      byMonth: (Figures & { month: string })[];
    };
    const days = await summary("operator", range);
    expect(month.tickets).toEqual(days.tickets);
    expect(month.waiting).toEqual(days.waiting);
    expect(month.children.map((c) => c.tickets.issued)).toEqual(days.children.map((c) => c.tickets.issued));
    expect(month.byBusinessType.map((b) => b.tickets.issued)).toEqual(
      days.byBusinessType.map((b) => b.tickets.issued),
    );
    expect(month.byDay.reduce((s, d) => s + d.tickets.issued, 0)).toBe(month.tickets.issued);
    // Longer than a quarter: a trend by month, the days' months summed.
    const long = (await summary("operator", "range:2026-01-15..2026-06-30")) as typeof month;
    expect(long.byDay).toEqual([]);
    expect(long.byMonth.map((m) => m.month)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
    ]);
    expect(long.byMonth.find((m) => m.month === "2026-03")?.tickets).toEqual(month.tickets);
    expect(long.tickets).toEqual(month.tickets);
    expect(long.waiting.p90Seconds).toBe(month.waiting.p90Seconds);
  });

  it("should close each day once in the sweeper, and catch up from its bookmark", async () => {
    const fresh = await buildTestApp();
    try {
      await seedHistory(fresh.database, {
        halls: 2,
        days: 2,
        ticketsPerDay: 20,
        from: "2026-03-02",
        seed: 3,
        regionSize: 2,
        counters: 2,
        timeZone: "Asia/Shanghai",
      });
      const now = new Date("2026-03-05T12:00:00+08:00");
      // Two halls from 2 March to 4 March (yesterday): 3 days each, and their region the same 3 days; the
      // demo halls (and their region) start later.
      // Within a budget per pass (the sweeper's other tasks wait for it): 5, then the other 4.
      expect(await sweepRollups(fresh.database.db, "Asia/Shanghai", now, 5)).toBe(5);
      expect(await sweepRollups(fresh.database.db, "Asia/Shanghai", now, 5)).toBe(4);
      expect(await sweepRollups(fresh.database.db, "Asia/Shanghai", now)).toBe(0);
      expect(
        await sweepRollups(fresh.database.db, "Asia/Shanghai", new Date("2026-03-06T08:00:00+08:00")),
      ).toBe(2 + 1);
    } finally {
      await fresh.close();
    }
  });

  it("should count a rating by the hall's local day, and take a late one in when the day is recomputed", async () => {
    const hall = halls[0];
    const day = async () => (await summary(`hall:${hall.id}`, "day:2026-03-04")).satisfaction.padRatings;
    const before = await day();
    // 00:30 on 4 March in Shanghai is still 3 March in UTC: it belongs to the 4th. The day is closed
    // already (the report above closed it), so it shows once the day is recomputed.
    const [ticket] = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM tickets WHERE hall_id = ${hall.id}::uuid AND service_date = '2026-03-04'
          AND status = 'finished' AND id NOT IN (SELECT ticket_id FROM evaluations) LIMIT 1`,
    );
    await t.database.db.insert(evaluations).values({
      ticketId: ticket.id,
      hallId: hall.id,
      rating: "satisfied",
      at: new Date("2026-03-03T16:30:00Z"),
    });
    expect(await day()).toBe(before);
    const redo = await t.api("POST", "/api/reports/rollups/recompute", {
      token: admin,
      body: { hallId: hall.id, date: "2026-03-04" },
    });
    expect(redo.statusCode, redo.body).toBe(200);
    expect(await day()).toBe(before + 1);
    expect(
      (await summary(`hall:${hall.id}`, "day:2026-03-03")).satisfaction.padRatings,
    ).toBeGreaterThanOrEqual(0);
  });

  it("should give the workbook the JSON's figures", async () => {
    const json = await summary("operator", range);
    const res = await t.api("GET", `/api/reports/summary.xlsx?scope=operator&period=${range}`, {
      token: admin,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    const top = book.getWorksheet("汇总")!;
    expect(top.getRow(1).getCell(2).value).toBe("取号");
    expect(top.getRow(2).getCell(2).value).toBe(json.tickets.issued);
    expect(top.getRow(2).getCell(8).value).toBe(json.waiting.meanSeconds);
    expect(book.getWorksheet("下级")!.rowCount).toBe(json.children.length + 1);
    expect(book.getWorksheet("按业务")!.rowCount).toBe(json.byBusinessType.length + 1);
    const csv = await t.api("GET", `/api/reports/summary.csv?scope=operator&period=${range}`, {
      token: admin,
    });
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines[0].split(",").slice(0, 3)).toEqual(["部分", "名称", "取号"]);
    expect(lines[1].split(",")[2]).toBe(String(json.tickets.issued));
    expect(lines).toHaveLength(3 + json.children.length + json.byBusinessType.length);
  });

  it("should carry the survey KPI of a quarter and the inspections of the period", async () => {
    const csv = [
      "period,scope,segment,carrier,sampleSize,environment,waiting_acceptable,staff_overall,speed",
      "2026-Q1,operator,,ours,500,80,70,75,85",
    ].join("\n");
    const up = await importSurveyCsv(t, admin, csv);
    expect(up.statusCode).toBe(201);
    const q1 = (await summary("operator", "quarter:2026-Q1")) as Summary & {
      quality: { kpi: number; inspections: number; shortBoards: { source: string; code: string }[] };
    };
    // 80 × 0.25 + 70 × 0.23 + 75 × 0.28 + 85 × 0.24 = 77.5
    expect(q1.quality.kpi).toBe(77.5);
    expect(q1.quality.shortBoards.filter((b) => b.source === "kpi_factor").map((b) => b.code)).toEqual([
      "waiting",
      "staff",
    ]);
    expect(q1.quality.inspections).toBe(0);
    expect(
      ((await summary("operator", range)) as Summary & { quality: { kpi: null } }).quality.kpi,
    ).toBeNull();
  });

  it("should follow the caller's scope", async () => {
    const manager = await t.token("manager");
    const own = await t.api("GET", `/api/reports/summary?scope=hall:${t.demo.hallId}&period=day:2026-03-04`, {
      token: manager,
    });
    expect(own.statusCode).toBe(200);
    for (const scope of ["operator", "region:SH-PD", `hall:${halls[0].id}`]) {
      const res = await t.api("GET", `/api/reports/summary?scope=${scope}&period=day:2026-03-04`, {
        token: manager,
      });
      expect(res.statusCode, scope).toBe(403);
    }
    const staff = await t.api(
      "GET",
      `/api/reports/summary?scope=hall:${t.demo.hallId}&period=day:2026-03-04`,
      {
        token: await t.token("counter1"),
      },
    );
    expect(staff.statusCode).toBe(403);
    const bad = await t.api("GET", "/api/reports/summary?scope=operator&period=week:2026-W60", {
      token: admin,
    });
    expect(bad.statusCode).toBe(400);
  });

  it("should know ISO weeks, quarters and the period before", () => {
    expect(parsePeriod("week:2026-W01")).toMatchObject({ from: "2025-12-29", to: "2026-01-05" });
    expect(parsePeriod("week:2026-W53")).toMatchObject({ from: "2026-12-28", to: "2027-01-04" });
    expect(previousPeriod(parsePeriod("week:2026-W01")).label).toBe("2025-W52");
    expect(previousPeriod(parsePeriod("quarter:2026-Q1")).label).toBe("2025-Q4");
    expect(previousPeriod(parsePeriod("range:2026-03-02..2026-03-04"))).toMatchObject({
      from: "2026-02-27",
      to: "2026-03-02",
    });
    expect(() => parsePeriod("day:2026-02-30")).toThrow();
    // 同比: the same period a year before; a 53rd week becomes the 52nd, 29 February the 28th.
    expect(yearBefore(parsePeriod("week:2026-W53")).label).toBe("2025-W52");
    expect(yearBefore(parsePeriod("day:2028-02-29")).label).toBe("2027-02-28");
    expect(yearBefore(parsePeriod("quarter:2026-Q1")).label).toBe("2025-Q1");
    expect(yearBefore(parsePeriod("range:2026-03-02..2026-03-04")).label).toBe("2025-03-02..2025-03-04");
    // What a long period reads: whole months, a long edge as its month less its other days, a short one by day.
    expect(rollupPlan("2026-01-15", "2026-07-03")).toEqual({
      months: ["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01", "2026-01-01"],
      days: [["2026-07-01", "2026-07-03"]],
      minusDays: [["2026-01-01", "2026-01-15"]],
    });
    expect(rollupPlan("2026-03-02", "2026-03-05")).toEqual({
      months: [],
      days: [["2026-03-02", "2026-03-05"]],
      minusDays: [],
    });
  });
});
