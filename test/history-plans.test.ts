import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { screenGets } from "../src/cli/history-screens.js";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { addDays, seedHistory } from "../src/cli/seed-history.js";
import { queryRows } from "../src/core/db.js";
import { adminUrl, createTestDatabase, testEnv } from "./helpers.js";

// Flat as history grows (issue 17): every statement a screen's GET sends reads a history table through an
// index, never by scanning it whole. Checked on PostgreSQL (its planner chooses by the rows there are), on
// a region of halls with weeks of history, so a hall's rows are a small part of each table — as they are
// for a province, where a sequential scan reads every hall's years.

// The tables that grow with the days.
const HISTORY = new Set([
  "tickets",
  "ticket_history",
  "visits",
  "visit_nodes",
  "hall_events",
  "breaches",
  "evaluations",
  "diversions",
  "outbox",
  "complaints",
  "complaint_history",
  "work_orders",
  "faults",
  "fault_history",
  "field_visit_records",
  "field_visit_plans",
  "field_opportunities",
  "field_service_orders",
  "counter_away_periods",
  "counter_history",
  "ticket_notices",
  "audit_log",
]);

type Plan = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Cond"?: string;
  "Index Name"?: string;
  Filter?: string;
  Plans?: Plan[];
};

/**
 * The history tables a plan reads whole: a sequential scan, or an index walked without a condition — unless
 * a partial index bounds it (the waiting tickets, the active ones) or a limit stops it at the first rows
 * it finds (the oldest event); with a filter to pass, a limit stops nothing.
 */
const wholeReads = (p: Plan, partial: Set<string>, limited = false): string[] => {
  const walked =
    /^Index (Only )?Scan$/.test(p["Node Type"]) &&
    !p["Index Cond"] &&
    !partial.has(p["Index Name"] ?? "") &&
    (!limited || !!p.Filter);
  const whole =
    !!p["Relation Name"] && HISTORY.has(p["Relation Name"]) && (p["Node Type"] === "Seq Scan" || walked);
  return [
    ...(whole ? [`${p["Node Type"]} on ${p["Relation Name"]}`] : []),
    ...(p.Plans ?? []).flatMap((c) => wholeReads(c, partial, limited || p["Node Type"] === "Limit")),
  ];
};

// A table this big is read by the plan the planner chooses on its own; a smaller one (the seed makes few
// complaints or field visits) is planned with sequential scans off, which shows whether an index serves
// the read at all — on a small table the planner rightly prefers to read it whole.
const BIG_TABLE = 20_000;
// Below this a plan means nothing either way (an empty table's is arbitrary): the seed writes no counter
// away periods or field opportunities, for one.
const FEW_ROWS = 100;
const tableOf = (read: string) => read.split(" on ")[1];

type Sent = { text: string; values?: unknown[] };

describe.skipIf(!adminUrl)("the screens' reads on a year-like history (PostgreSQL plans)", () => {
  let drop: () => Promise<void>;
  let url: string;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const sent: Sent[] = [];
  let capture = false;
  let explain: pg.Client;
  let partial: Set<string>;
  let rows: Map<string, number>;

  /** What `sent` reads whole, planned both ways (see BIG_TABLE); `label` names the caller in the report. */
  async function wholeReadsOfSent(label: string): Promise<{ found: string[]; explained: number }> {
    const found: string[] = [];
    let explained = 0;
    for (const s of sent) {
      if (!/^\s*(select|with|delete)\b/i.test(s.text) || /\b(insert|update)\b/i.test(s.text)) continue;
      const shown = s.text.replace(/\s+/g, " ").slice(0, 160);
      const plan = async (forced: boolean) => {
        await explain.query(`SET enable_seqscan = ${forced ? "off" : "on"}`);
        const r = await explain.query(`EXPLAIN (FORMAT JSON) ${s.text}`, s.values as unknown[]);
        return (r.rows[0] as { "QUERY PLAN": { Plan: Plan }[] })["QUERY PLAN"][0].Plan;
      };
      explained++;
      for (const read of wholeReads(await plan(true), partial))
        if ((rows.get(tableOf(read)) ?? 0) >= FEW_ROWS)
          found.push(`${label}: ${read} (no index serves it) in ${shown}`);
      for (const read of wholeReads(await plan(false), partial))
        if ((rows.get(tableOf(read)) ?? 0) >= BIG_TABLE) found.push(`${label}: ${read} in ${shown}`);
    }
    return { found, explained };
  }
  const original = pg.Client.prototype.query;

  beforeAll(async () => {
    const db = await createTestDatabase();
    drop = db.drop;
    url = db.url as string;
    // 40 halls × 12 days: one hall is 2.5 % of each table, one of its days 0.2 %.
    await seedHistory(db.database, {
      halls: 40,
      days: 12,
      ticketsPerDay: 150,
      seed: 3,
      regionSize: 40,
      counters: 4,
      timeZone: "Asia/Shanghai",
    });
    await db.database.db.execute(sql`ANALYZE`);
    app = await buildApp({ database: db.database, env: testEnv(), logger: false });
    await app.ready();
    explain = new pg.Client({ connectionString: url });
    await explain.connect();
    partial = new Set(
      (
        await explain.query(
          "SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indpred IS NOT NULL",
        )
      ).rows.map((r: { name: string }) => r.name),
    );
    rows = new Map(
      (
        await explain.query("SELECT relname, reltuples::bigint AS n FROM pg_class WHERE relkind = 'r'")
      ).rows.map((r: { relname: string; n: string }) => [r.relname, Number(r.n)]),
    );
    // Every statement the app sends while a GET runs, with its parameters (pool and transactions alike).
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [q, values] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
      if (capture)
        sent.push(typeof q === "string" ? { text: q, values } : { text: q.text, values: q.values ?? values });
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  }, 240_000);
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await explain?.end();
    await app?.close();
    await drop?.();
  });

  it("should send the app's statements with no JIT compilation, whatever the server's setting", async () => {
    // The server runs with PostgreSQL's default (jit on); the app's connections turn it off for themselves.
    expect((await explain.query("SHOW jit")).rows[0].jit).toBe("on");
    const [r] = await queryRows<{ jit: string }>(app.ctx.db, sql`SHOW jit`);
    expect(r.jit).toBe("off");
  });

  it("should read no history table by sequential scan for any screen's GET", async () => {
    const signIn = async (username: string) =>
      (
        await app.inject({
          method: "POST",
          url: "/api/auth/token",
          payload: { username, password: DEMO_PASSWORD },
        })
      ).json().token as string;
    const manager = await signIn("h0001-manager");
    const halls = (
      await app.inject({ method: "GET", url: "/api/halls", headers: { authorization: `Bearer ${manager}` } })
    ).json() as { id: string; name: string }[];
    const hallId = halls.find((h) => h.name.endsWith("0001"))?.id as string;
    // Today has its first customers too, so the reads of today's visits and queue have rows to read.
    for (const businessType of ["payment", "payment", "consultation"])
      await app.inject({
        method: "POST",
        url: `/api/halls/${hallId}/tickets`,
        headers: { authorization: `Bearer ${manager}` },
        payload: { businessType },
      });
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
    const gets = screenGets({
      hallId,
      pastDay: addDays(today, -3),
      manager,
      area: await signIn("his-01-area"),
      agent: await signIn("his-01-agent"),
    });

    const found: string[] = [];
    let explained = 0;
    try {
      for (const g of gets) {
        sent.length = 0;
        capture = true;
        const res = await app.inject({
          method: "GET",
          url: g.path,
          headers: g.token ? { authorization: `Bearer ${g.token}` } : {},
        });
        capture = false;
        expect(res.statusCode, `${g.name}: ${res.body.slice(0, 200)}`).toBe(200);
        const r = await wholeReadsOfSent(g.name);
        found.push(...r.found);
        explained += r.explained;
      }
    } finally {
      capture = false;
    }
    expect(explained).toBeGreaterThan(gets.length);
    expect(found).toEqual([]);
  }, 120_000);

  it("should walk an index in every sweep, and cost next to nothing when there is nothing to do", async () => {
    // Every sweep once, as the timer runs them: breaches, clocks, reminders, event prune, outbox.
    sent.length = 0;
    capture = true;
    try {
      await app.ctx.sweeper.runOnce();
    } finally {
      capture = false;
    }
    const { found, explained } = await wholeReadsOfSent("sweep");
    expect(explained).toBeGreaterThan(5);
    expect(found).toEqual([]);
  }, 120_000);
});
