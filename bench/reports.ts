import { sql } from "drizzle-orm";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { addDays, seedHistory } from "../src/cli/seed-history.js";
import { queryRows } from "../src/core/db.js";
import { listHalls } from "../src/features/halls/data.js";
import { closeRegionDay } from "../src/features/reports/mutations/region-rollups.js";
import { closeHallDay } from "../src/features/reports/mutations/rollups.js";
import { firstDaysOf } from "../src/features/reports/summary.js";
import { sweepRollups } from "../src/features/reports/sweeps.js";
import { runWorker } from "./lifecycle.js";
import { ADMIN_PASSWORD, freshDatabase, listen, setupClient } from "./server.js";
import { type Latency, latency, perSecond, table } from "./stats.js";

// Workload "reports" (issue 15): one region of `halls` halls with `days` days of history on PostgreSQL.
// - Closing: every hall-day and region-day closed into roll-ups as the sweeper does after downtime, by
//   `closers` instances at once (the advisory locks keep them apart), in hall-days per second.
// - Reading: p50/p99 of the region's report over its last 90 days and over the whole history (a year:
//   month roll-ups), and of one hall's year, against the same totals computed from raw tickets.
// - Keeping: the ticket lifecycle at `clients` clients on the demo hall (A) without the roll-up sweeper,
//   (B) with a midnight inside the window (the sweeper's pass closing every hall's day once), and (C) with
//   it closing the halls' last day over and over (a midnight that never ends: the most it can cost),
//   interleaved A B C A B C in the same run.

export type ReportsOptions = {
  halls: number;
  days: number;
  ticketsPerDay: number;
  calls: number;
  closers: number;
  clients: number;
  lifecycleSeconds: number;
};

export type ReportsFigures = {
  workload: "reports";
  database: "postgres";
  halls: number;
  days: number;
  tickets: number;
  seedSeconds: number;
  closeSeconds: number;
  closedHallDays: number;
  hallDaysPerSecond: number;
  rollupRows: { days: number; months: number };
  quarter: Latency;
  year: Latency;
  withToday: Latency;
  hallYear: Latency;
  rawYear: Latency;
  rawToRollupRatio: number;
  lifecycle: {
    withoutSweeper: number[];
    atMidnight: number[];
    withSweeper: number[];
    midnightRatio: number;
    busiestRatio: number;
    closedDuringRuns: number;
  };
};

const tz = "Asia/Shanghai";

export async function reportsBench(o: ReportsOptions): Promise<ReportsFigures> {
  const bench = await freshDatabase("postgres");
  const { db } = bench.database;
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
    const lastDay = seeded.to;
    const firstDay = seeded.from;

    // Close every day, `closers` at once, each taking the next hall.
    const t1 = performance.now();
    const halls = (await listHalls(db, {})).filter((h) => h.regionCode === region);
    let next = 0;
    let closedHallDays = 0;
    const closer = async () => {
      for (let h = halls[next++]; h; h = halls[next++]) {
        const first = (await firstDaysOf(db, [h], tz)).get(h.id) as string;
        for (let d = first; d <= lastDay; d = addDays(d, 1))
          if (await closeHallDay(db, h, d, tz)) closedHallDays++;
      }
    };
    await Promise.all(Array.from({ length: o.closers }, closer));
    for (let d = firstDay; d <= lastDay; d = addDays(d, 1)) await closeRegionDay(db, region, d, tz);
    // What the sweeper then finds to do: the demo halls' days, and nothing else.
    await sweepRollups(db, tz);
    const closeSeconds = (performance.now() - t1) / 1000;
    const [rows] = await queryRows<{ days: number; months: number }>(
      db,
      sql`SELECT (SELECT count(*)::int FROM hall_day_rollups) AS days, (SELECT count(*)::int FROM hall_month_rollups) AS months`,
    );

    const { app, baseUrl } = await listen(bench.database);
    const admin = (
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
        const res = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${admin}` } });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        samples.push(performance.now() - s);
      }
      return latency(samples);
    };
    const quarterFrom = addDays(lastDay, -(Math.min(90, o.days) - 1));
    const quarter = await time(
      `/api/reports/summary?scope=region:${region}&period=range:${quarterFrom}..${lastDay}`,
    );
    const year = await time(
      `/api/reports/summary?scope=region:${region}&period=range:${firstDay}..${lastDay}`,
    );
    // Through today: the closed days from the roll-ups, today computed live for every hall.
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: tz });
    const withToday = await time(
      `/api/reports/summary?scope=region:${region}&period=range:${quarterFrom}..${today}`,
    );
    const hallYear = await time(
      `/api/reports/summary?scope=hall:${seeded.halls[0].id}&period=range:${firstDay}..${lastDay}`,
    );
    // The same totals from raw tickets: what a report costs without roll-ups.
    const raw: number[] = [];
    for (let i = 0; i < Math.min(o.calls, 3); i++) {
      const s = performance.now();
      await queryRows(
        db,
        sql`SELECT t.business_type, count(*), count(wait_seconds), sum(wait_seconds),
              count(*) FILTER (WHERE NOT wait_breached), count(*) FILTER (WHERE status = 'finished')
            FROM tickets t JOIN halls h ON h.id = t.hall_id
            WHERE h.region_code = ${region} AND t.service_date BETWEEN ${firstDay}::date AND ${lastDay}::date
            GROUP BY 1`,
      );
      raw.push(performance.now() - s);
    }
    const rawYear = latency(raw);

    // The lifecycle without and with the roll-up sweeper at its busiest, A B A B.
    const setup = setupClient(baseUrl);
    const token = await setup.signIn("manager", DEMO_PASSWORD);
    const counterIds = await setup.openCounters(bench.hallId, o.clients, ["payment"]);
    const load = async () => {
      const r = await runWorker(
        {
          baseUrl,
          token,
          hallId: bench.hallId,
          counterIds,
          businessTypes: ["payment"],
          warmupMs: 2000,
          durationMs: o.lifecycleSeconds * 1000,
          maxLifecyclesPerClient: 100_000,
        },
        () => {},
      );
      return perSecond(Object.values(r.samples).flat().length, o.lifecycleSeconds * 1000);
    };
    const withoutSweeper: number[] = [];
    const atMidnight: number[] = [];
    const withSweeper: number[] = [];
    let closedDuringRuns = 0;
    const reopenLastDay = () =>
      db.execute(sql`DELETE FROM rollup_days WHERE service_date = ${lastDay}::date`);
    for (let round = 0; round < 2; round++) {
      withoutSweeper.push(await load());
      // A midnight inside the window: the sweeper's pass closes every hall's day, once, as it runs.
      await reopenLastDay();
      const pass = sweepRollups(db, tz).then((n) => {
        closedDuringRuns += n;
      });
      atMidnight.push(await load());
      await pass;
      // Back to back: a midnight that never ends, the most the sweeper could ever cost.
      let running = true;
      const sweeping = (async () => {
        while (running) {
          await reopenLastDay();
          closedDuringRuns += await sweepRollups(db, tz);
        }
      })();
      withSweeper.push(await load());
      running = false;
      await sweeping;
    }
    await app.close();
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    return {
      workload: "reports",
      database: "postgres",
      halls: o.halls,
      days: o.days,
      tickets: seeded.tickets,
      seedSeconds: Math.round(seedSeconds),
      closeSeconds: Math.round(closeSeconds * 10) / 10,
      closedHallDays,
      hallDaysPerSecond: Math.round(closedHallDays / closeSeconds),
      rollupRows: rows,
      quarter,
      year,
      withToday,
      hallYear,
      rawYear,
      rawToRollupRatio: Math.round((rawYear.p50Ms / year.p50Ms) * 10) / 10,
      lifecycle: {
        withoutSweeper,
        atMidnight,
        withSweeper,
        midnightRatio: Math.round((mean(atMidnight) / mean(withoutSweeper)) * 1000) / 1000,
        busiestRatio: Math.round((mean(withSweeper) / mean(withoutSweeper)) * 1000) / 1000,
        closedDuringRuns,
      },
    };
  } finally {
    await bench.drop();
  }
}

export function printReports(f: ReportsFigures) {
  console.log(
    `reports on postgres: one region of ${f.halls} halls × ${f.days} days, ${f.tickets} tickets (seeded in ${f.seedSeconds} s); ` +
      `${f.closedHallDays} hall-days closed in ${f.closeSeconds} s (${f.hallDaysPerSecond}/s); ` +
      `${f.rollupRows.days} day rows, ${f.rollupRows.months} month rows`,
  );
  const row = (name: string, l: Latency) => [name, l.count, l.p50Ms, l.p95Ms, l.p99Ms, l.maxMs];
  console.log(
    table([
      ["request", "calls", "p50 ms", "p95 ms", "p99 ms", "max ms"],
      row("region, last 90 days (roll-ups)", f.quarter),
      row("region, whole history (roll-ups)", f.year),
      row("region, last 90 days and today (live)", f.withToday),
      row("one hall, whole history (roll-ups)", f.hallYear),
      row("region, whole history (raw tickets SQL)", f.rawYear),
    ]),
  );
  console.log(`raw tickets / roll-ups (p50, whole history): ${f.rawToRollupRatio}×`);
  const l = f.lifecycle;
  console.log(
    `lifecycle requests/s (A B C twice): without the roll-up sweeper ${l.withoutSweeper.join(", ")}; ` +
      `with a midnight's pass in the window ${l.atMidnight.join(", ")} (ratio ${l.midnightRatio}); ` +
      `with it closing back to back ${l.withSweeper.join(", ")} (ratio ${l.busiestRatio}); ` +
      `${l.closedDuringRuns} hall-days closed meanwhile\n`,
  );
}
