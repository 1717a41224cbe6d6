import { sql } from "drizzle-orm";
import { addDays, seedHistory } from "../src/cli/seed-history.js";
import { queryRows } from "../src/core/db.js";
import { sweepRollups } from "../src/features/reports/sweeps.js";
import { ADMIN_PASSWORD, freshDatabase, listen } from "./server.js";
import { type Latency, latency, table } from "./stats.js";

// Workload "reports" (issue 15): a region of `halls` halls with `days` days of history on PostgreSQL.
// The cost of closing the days into roll-ups, then p50/p99 of the region's report over a quarter and over
// the whole history from the roll-ups, against the same totals computed from raw tickets.

export type ReportsOptions = { halls: number; days: number; ticketsPerDay: number; calls: number };

export type ReportsFigures = {
  workload: "reports";
  database: "postgres";
  halls: number;
  days: number;
  tickets: number;
  seedSeconds: number;
  closeSeconds: number;
  closedHallDays: number;
  quarter: Latency;
  whole: Latency;
  rawWhole: Latency;
  rawToRollupRatio: number;
};

const tz = "Asia/Shanghai";

export async function reportsBench(o: ReportsOptions): Promise<ReportsFigures> {
  const bench = await freshDatabase("postgres");
  try {
    const t0 = performance.now();
    const seeded = await seedHistory(bench.database, {
      halls: o.halls,
      days: o.days,
      ticketsPerDay: o.ticketsPerDay,
      seed: 1,
      regionSize: o.halls,
      counters: 6,
      timeZone: tz,
    });
    const seedSeconds = (performance.now() - t0) / 1000;
    const region = seeded.halls[0].regionCode;
    // Close every day (as the sweeper does after downtime, a month per pass).
    const t1 = performance.now();
    let closedHallDays = 0;
    for (;;) {
      const n = await sweepRollups(bench.database.db, tz);
      if (n === 0) break;
      closedHallDays += n;
    }
    const closeSeconds = (performance.now() - t1) / 1000;
    const { app } = await listen(bench.database);
    const token = (
      await app.inject({
        method: "POST",
        url: "/api/auth/token",
        payload: { username: "admin", password: ADMIN_PASSWORD },
      })
    ).json().token as string;
    const time = async (url: string) => {
      const samples: number[] = [];
      for (let i = 0; i < o.calls; i++) {
        const s = performance.now();
        const res = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        samples.push(performance.now() - s);
      }
      return latency(samples);
    };
    const lastDay = seeded.to;
    const firstDay = seeded.from;
    const quarterFrom = addDays(lastDay, -(Math.min(90, o.days) - 1));
    const quarter = await time(
      `/api/reports/summary?scope=region:${region}&period=range:${quarterFrom}..${lastDay}`,
    );
    const whole = await time(
      `/api/reports/summary?scope=region:${region}&period=range:${firstDay}..${lastDay}`,
    );
    // The same totals from raw tickets: what a report costs without roll-ups.
    const raw: number[] = [];
    for (let i = 0; i < Math.min(o.calls, 5); i++) {
      const s = performance.now();
      await queryRows(
        bench.database.db,
        sql`SELECT t.business_type, count(*), count(wait_seconds), sum(wait_seconds),
              count(*) FILTER (WHERE NOT wait_breached), count(*) FILTER (WHERE status = 'finished')
            FROM tickets t JOIN halls h ON h.id = t.hall_id
            WHERE h.region_code = ${region} AND t.service_date BETWEEN ${firstDay}::date AND ${lastDay}::date
            GROUP BY 1`,
      );
      raw.push(performance.now() - s);
    }
    await app.close();
    const rawWhole = latency(raw);
    return {
      workload: "reports",
      database: "postgres",
      halls: o.halls,
      days: o.days,
      tickets: seeded.tickets,
      seedSeconds: Math.round(seedSeconds),
      closeSeconds: Math.round(closeSeconds * 10) / 10,
      closedHallDays,
      quarter,
      whole,
      rawWhole,
      rawToRollupRatio: Math.round((rawWhole.p50Ms / whole.p50Ms) * 10) / 10,
    };
  } finally {
    await bench.drop();
  }
}

export function printReports(f: ReportsFigures) {
  console.log(
    `reports on postgres: one region of ${f.halls} halls × ${f.days} days, ${f.tickets} tickets (seeded in ${f.seedSeconds} s); ` +
      `${f.closedHallDays} hall-days closed in ${f.closeSeconds} s`,
  );
  const row = (name: string, l: Latency) => [name, l.count, l.p50Ms, l.p95Ms, l.p99Ms, l.maxMs];
  console.log(
    table([
      ["request", "calls", "p50 ms", "p95 ms", "p99 ms", "max ms"],
      row("region, last 90 days (roll-ups)", f.quarter),
      row("region, whole history (roll-ups)", f.whole),
      row("region, whole history (raw tickets SQL)", f.rawWhole),
    ]),
  );
  console.log(`raw tickets / roll-ups (p50, whole history): ${f.rawToRollupRatio}×\n`);
}
