import { existsSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { closeHistoryDays } from "../src/cli/history-rollups.js";
import { screenGets } from "../src/cli/history-screens.js";
import { DEMO_PASSWORD } from "../src/cli/seed.js";
import { addDays, seedHistory } from "../src/cli/seed-history.js";
import { type Database, openDatabase, queryRows } from "../src/core/db.js";
import type { LifecycleJob, LifecycleResult } from "./lifecycle-worker.js";
import { createPostgresDatabase, type DatabaseKind, listen, POSTGRES_ADMIN_URL } from "./server.js";
import { counted, countedUnder } from "./statements.js";
import { type Latency, latency, perSecond, table } from "./stats.js";

// Workload "history": the same halls on a database with no history and on one with `days` of it,
// measured in turns in the same minutes — the lifecycle at `clients` clients, every GET a screen calls,
// WAL per lifecycle request (PostgreSQL), and the sweepers. The history database takes minutes to seed,
// so it is kept between runs (`tingwu_bench_history_<halls>x<days>x<tickets>`, or a PGlite directory
// under the temp dir) and reused when it is there; the "empty" one (the same halls with only the past day
// the screens read) is made anew each run.

export type HistoryOptions = {
  halls: number;
  days: number;
  ticketsPerDay: number;
  rounds: number;
  lifecycleSeconds: number;
  clients: number;
  probes: number;
};

type Side = "empty" | "history";
type Target = {
  side: Side;
  database: Database;
  url?: string;
  app: FastifyInstance;
  baseUrl: string;
  hallId: string;
  token: string;
  counterIds: string[];
  /** A past day that has history (or would have). */
  pastDay: string;
  agentToken: string;
  areaToken: string;
  drop: () => Promise<void>;
};

export type HistoryFigures = {
  workload: "history";
  database: DatabaseKind;
  halls: number;
  days: number;
  ticketsPerDay: number;
  historyTickets: number;
  seedSeconds: number | null;
  rounds: number;
  lifecycle: Record<
    Side,
    { requestsPerSecond: number[]; p50Ms: number; p99Ms: number; walBytesPerRequest: number | null }
  >;
  gets: { name: string; empty: Latency; history: Latency; p50Ratio: number }[];
  /** One pass of every sweep task (the first, so none is held back by its pace), by task. */
  sweeps: Record<Side, { statements: number; ms: number; tasks: Record<string, number> }>;
};

const ENV_TZ = "Asia/Shanghai";

async function pgExists(name: string) {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  const { rows } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  await admin.end();
  return rows.length > 0;
}

async function pgCreate(name: string) {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The kept history database, seeded on first use. */
async function historyDatabase(kind: DatabaseKind, o: HistoryOptions) {
  const key = `${o.halls}x${o.days}x${o.ticketsPerDay}`;
  let seedSeconds: number | null = null;
  let database: Database;
  let url: string | undefined;
  let fresh = false;
  if (kind === "postgres") {
    const name = `tingwu_bench_history_${key}`;
    fresh = !(await pgExists(name));
    url = fresh ? await pgCreate(name) : `${POSTGRES_ADMIN_URL.replace(/\/postgres$/, "")}/${name}`;
    database = await openDatabase({ url });
  } else {
    const dir = path.join(os.tmpdir(), `tingwu-bench-history-${key}`);
    fresh = !existsSync(path.join(dir, "PG_VERSION"));
    mkdirSync(dir, { recursive: true });
    database = await openDatabase({ dataDir: dir });
  }
  await database.migrate();
  if (fresh) {
    console.log(`seeding ${key} history on ${kind} (kept for later runs)…`);
    const r = await seedHistory(database, {
      halls: o.halls,
      days: o.days,
      ticketsPerDay: o.ticketsPerDay,
      seed: 1,
      regionSize: 100,
      counters: 6,
      timeZone: ENV_TZ,
      onProgress: (done, total) => {
        if (done % Math.max(1, Math.floor(total / 20)) === 0)
          console.log(`  ${Math.round((done / total) * 100)} %`);
      },
    });
    seedSeconds = r.seconds;
    console.log(
      `  ${r.tickets.toLocaleString("en")} tickets, ${r.rows.toLocaleString("en")} rows in ${r.seconds.toFixed(0)} s`,
    );
  }
  // As `tingwu seed-history` does: the past days closed into roll-ups, as a deployment's nightly sweeps
  // would have closed them, so the sweeps measured are the steady state's, not a catch-up (and a kept
  // database catches up on the days since its last run here, before anything is measured).
  const t0 = Date.now();
  const closed = await closeHistoryDays(database, ENV_TZ);
  if (closed) console.log(`  roll-ups: ${closed} days closed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { database, url, seedSeconds, drop: () => database.close() };
}

/** The past day the screens read on both sides: three days ago, inside any history of a week or more. */
const pastDayOf = () => addDays(new Date().toLocaleDateString("sv-SE", { timeZone: ENV_TZ }), -3);

/**
 * The same halls with no history but the one past day the screens read: a past day's list or report then
 * does the same day's work on both sides, and what differs is only the history around it (without that day
 * the empty side's figure would be the cost of reading nothing).
 */
async function emptyDatabase(kind: DatabaseKind, o: HistoryOptions) {
  const url = kind === "postgres" ? await createPostgresDatabase() : undefined;
  const database = await openDatabase(url ? { url } : {});
  await database.migrate();
  await seedHistory(database, {
    halls: o.halls,
    days: 1,
    from: pastDayOf(),
    ticketsPerDay: o.ticketsPerDay,
    seed: 1,
    regionSize: 100,
    counters: 6,
    timeZone: ENV_TZ,
  });
  await closeHistoryDays(database, ENV_TZ);
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      if (url) {
        const { dropPostgresDatabase } = await import("./server.js");
        await dropPostgresDatabase(url);
      }
    },
  };
}

async function prepare(
  side: Side,
  db: { database: Database; url?: string; drop: () => Promise<void> },
  o: HistoryOptions,
): Promise<Target> {
  const { app, baseUrl } = await listen(db.database);
  const req = async <T>(method: string, p: string, token: string, body?: unknown): Promise<T> => {
    const res = await fetch(baseUrl + p, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const signIn = async (username: string) =>
    (await req<{ token: string }>("POST", "/api/auth/token", "", { username, password: DEMO_PASSWORD }))
      .token;
  const token = await signIn("h0001-manager");
  const halls = await req<{ id: string; name: string }[]>("GET", "/api/halls", token);
  const hallId = halls.find((h) => h.name.endsWith("0001"))!.id;
  // Bench counters are kept with the history database: reuse them instead of adding more each run.
  const counters = await req<{ id: string; label: string; status: string }[]>(
    "GET",
    `/api/halls/${hallId}/counters`,
    token,
  );
  const counterIds: string[] = [];
  for (let i = 0; i < o.clients; i++) {
    const label = `Bench ${i + 1}`;
    const c =
      counters.find((x) => x.label === label) ??
      (await req<{ id: string; status: string }>("POST", `/api/halls/${hallId}/counters`, token, {
        label,
        businessTypes: ["payment"],
        vip: false,
      }));
    if (c.status !== "open") await req("POST", `/api/halls/${hallId}/counters/${c.id}/open`, token, {});
    counterIds.push(c.id);
  }
  return {
    side,
    ...db,
    app,
    baseUrl,
    hallId,
    token,
    counterIds,
    pastDay: pastDayOf(),
    agentToken: await signIn("his-01-agent"),
    areaToken: await signIn("his-01-area"),
  };
}

function lifecycle(t: Target, seconds: number): Promise<LifecycleResult> {
  const job: LifecycleJob = {
    baseUrl: t.baseUrl,
    token: t.token,
    hallId: t.hallId,
    counterIds: t.counterIds,
    businessTypes: ["payment"],
    warmupMs: 1000,
    durationMs: seconds * 1000,
    maxLifecyclesPerClient: 100_000,
  };
  return new Promise((resolve, reject) => {
    const entry = new URL("./lifecycle-worker.ts", import.meta.url).href;
    const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.on("message", (m: LifecycleResult | { mark: string }) => {
      if (!("mark" in m)) resolve(m);
    });
    worker.once("error", reject);
  });
}

async function walLsn(url?: string, checkpoint = false): Promise<bigint | null> {
  if (!url) return null;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // From a checkpoint, as a busy server runs: the first change to each page after one writes the whole
  // page to the WAL, so the figure counts the pages a request touches (random keys touch more).
  if (checkpoint) await c.query("CHECKPOINT");
  const { rows } = await c.query<{ b: string }>(
    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text AS b",
  );
  await c.end();
  return BigInt(rows[0].b.split(".")[0]);
}

/** Every GET a screen calls (one list with the plans test). */
const screenReads = (t: Target) =>
  screenGets({
    hallId: t.hallId,
    pastDay: t.pastDay,
    manager: t.token,
    area: t.areaToken,
    agent: t.agentToken,
  });

async function probe(t: Target, probes: number, into: Map<string, number[]>) {
  for (const g of screenReads(t)) {
    const samples = into.get(g.name) ?? [];
    for (let i = 0; i < probes; i++) {
      const t0 = performance.now();
      const res = await fetch(t.baseUrl + g.path, {
        headers: g.token ? { authorization: `Bearer ${g.token}` } : {},
      });
      await res.arrayBuffer();
      if (res.status >= 300) throw new Error(`${t.side} ${g.name}: ${res.status}`);
      samples.push(performance.now() - t0);
    }
    into.set(g.name, samples);
  }
}

export async function historyBench(kind: DatabaseKind, o: HistoryOptions): Promise<HistoryFigures> {
  const hist = await historyDatabase(kind, o);
  const empty = await emptyDatabase(kind, o);
  const targets = [await prepare("empty", empty, o), await prepare("history", hist, o)];
  const lifecycleFigures = {
    empty: { rps: [] as number[], samples: [] as number[], wal: 0n, requests: 0 },
    history: { rps: [] as number[], samples: [] as number[], wal: 0n, requests: 0 },
  };
  const gets = { empty: new Map<string, number[]>(), history: new Map<string, number[]>() };
  try {
    for (let r = 0; r < o.rounds; r++) {
      // Alternate who goes first, so a drift in the machine's load falls on both sides alike.
      for (const t of r % 2 ? [...targets].reverse() : targets) {
        const before = await walLsn(t.url, true);
        const res = await lifecycle(t, o.lifecycleSeconds);
        const after = await walLsn(t.url);
        const all = Object.values(res.samples).flat();
        const f = lifecycleFigures[t.side];
        f.rps.push(perSecond(all.length, o.lifecycleSeconds * 1000));
        f.samples.push(...all);
        f.requests += all.length;
        if (before !== null && after !== null) f.wal += after - before;
        await probe(t, o.probes, gets[t.side]);
      }
    }
    const sweeps = {} as HistoryFigures["sweeps"];
    for (const t of targets) {
      const s = { statements: 0, ms: 0, tasks: {} as Record<string, number> };
      await t.app.ctx.sweeper.runOnce(async (name, run) => {
        const label = `sweep-${t.side}-${name}`;
        await counted(label, run);
        const c = countedUnder(label);
        s.statements += c.n;
        s.ms += c.ms;
        s.tasks[name] = c.n;
      });
      sweeps[t.side] = { ...s, ms: Math.round(s.ms * 100) / 100 };
    }
    const [{ n: historyTickets }] = await queryRows<{ n: number }>(
      hist.database.db,
      sql`SELECT count(*)::int AS n FROM tickets`,
    );
    const side = (s: Side) => {
      const f = lifecycleFigures[s];
      const l = latency(f.samples);
      return {
        requestsPerSecond: f.rps,
        p50Ms: l.p50Ms,
        p99Ms: l.p99Ms,
        walBytesPerRequest: targets[0].url ? Math.round(Number(f.wal) / Math.max(1, f.requests)) : null,
      };
    };
    return {
      workload: "history",
      database: kind,
      halls: o.halls,
      days: o.days,
      ticketsPerDay: o.ticketsPerDay,
      historyTickets,
      seedSeconds: hist.seedSeconds,
      rounds: o.rounds,
      lifecycle: { empty: side("empty"), history: side("history") },
      gets: screenReads(targets[0]).map(({ name }) => {
        const e = latency(gets.empty.get(name) ?? []);
        const h = latency(gets.history.get(name) ?? []);
        return {
          name,
          empty: e,
          history: h,
          p50Ratio: Math.round((h.p50Ms / Math.max(0.01, e.p50Ms)) * 100) / 100,
        };
      }),
      sweeps,
    };
  } finally {
    for (const t of targets) await t.app.close();
    await empty.drop();
    await hist.drop();
  }
}

export function printHistory(f: HistoryFigures) {
  console.log(
    `history on ${f.database}: ${f.halls} halls × ${f.days} days × ${f.ticketsPerDay} tickets ` +
      `(${f.historyTickets.toLocaleString("en")} tickets) against the same halls with only the past day read ` +
      `("empty"), ${f.rounds} rounds`,
  );
  const l = f.lifecycle;
  console.log(
    table([
      ["lifecycle", "requests/s (rounds)", "p50 ms", "p99 ms", "WAL B/request"],
      ...(["empty", "history"] as const).map((s) => [
        s,
        l[s].requestsPerSecond.join(" / "),
        l[s].p50Ms,
        l[s].p99Ms,
        l[s].walBytesPerRequest ?? "n/a",
      ]),
    ]),
  );
  console.log(
    table([
      ["GET", "empty p50", "empty p99", "history p50", "history p99", "p50 ratio"],
      ...f.gets.map((g) => [
        g.name,
        g.empty.p50Ms,
        g.empty.p99Ms,
        g.history.p50Ms,
        g.history.p99Ms,
        g.p50Ratio,
      ]),
    ]),
  );
  console.log(
    `sweeps: empty ${f.sweeps.empty.statements} statements ${f.sweeps.empty.ms} ms; ` +
      `history ${f.sweeps.history.statements} statements ${f.sweeps.history.ms} ms`,
  );
  const tasks = Object.keys(f.sweeps.history.tasks);
  console.log(
    `${table([
      ["sweep task", "empty statements", "history statements"],
      ...tasks.map((n) => [n, f.sweeps.empty.tasks[n] ?? 0, f.sweeps.history.tasks[n]]),
    ])}\n`,
  );
}
