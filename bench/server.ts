import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { buildApp } from "../src/app.js";
import { seedDemo, seedEssentials } from "../src/cli/seed.js";
import { type Database, openDatabase } from "../src/core/db.js";
import { loadEnv } from "../src/core/env.js";

// The app as `tingwu serve` builds it, on a database made for this run: PGlite in memory, or a new
// PostgreSQL database created here and dropped at the end. Only 127.0.0.1 is ever touched.

export type DatabaseKind = "pglite" | "postgres";
export const POSTGRES_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
export const ADMIN_PASSWORD = "bench-operator-password";

export type BenchDatabase = {
  kind: DatabaseKind;
  database: Database;
  url?: string;
  drop: () => Promise<void>;
};

/** A fresh, migrated, seeded database (the demo hall with its staff). */
export async function freshDatabase(kind: DatabaseKind): Promise<BenchDatabase & { hallId: string }> {
  let bench: BenchDatabase;
  if (kind === "pglite") {
    const database = await openDatabase({});
    bench = { kind, database, drop: () => database.close() };
  } else {
    const url = await createPostgresDatabase();
    // The pool size `tingwu serve` uses (the default in src/core/db.ts).
    const database = await openDatabase({ url: url.toString() });
    bench = {
      kind,
      database,
      url,
      drop: async () => {
        await database.close();
        await dropPostgresDatabase(url);
      },
    };
  }
  await bench.database.migrate();
  await seedEssentials(bench.database.db, ADMIN_PASSWORD);
  const demo = await seedDemo(bench.database.db);
  if (!demo) throw new Error("expected an empty database");
  return { ...bench, hallId: demo.hallId };
}

export async function createPostgresDatabase(): Promise<string> {
  const name = `tingwu_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  // pg's pool.end() resolves once it has asked its clients to close, not once they have: a DROP … FORCE
  // straight after kills backends whose clients then emit 'error' on the pool (no listener: a crash).
  for (let i = 0; i < 50; i++) {
    const { rows } = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
      [name],
    );
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/** Listens on a free loopback port; rate limits raised so the load is not turned away with 429. */
export async function listen(database: Database): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const env = loadEnv({ TINGWU_LOG_LEVEL: "silent", TINGWU_TIMEZONE: "Asia/Shanghai" });
  const app = await buildApp({
    database,
    env,
    logger: process.env.BENCH_LOG ? { level: "error" } : false,
    limits: { loginPerMinute: 1e6, publicPerMinute: 1e6, kioskPerMinute: 1e9 },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { app, baseUrl: `http://127.0.0.1:${address.port}` };
}

/** A small fetch wrapper for setting a run up (not for measuring). */
export function setupClient(baseUrl: string) {
  let token = "";
  async function post<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(baseUrl + path, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  return {
    post,
    async get<T>(path: string): Promise<T> {
      const res = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async signIn(username: string, password: string) {
      token = (await post<{ token: string }>("/api/auth/token", { username, password })).token;
      return token;
    },
    /** Counters that serve every type, opened, so each client calls at its own counter. */
    async openCounters(hallId: string, n: number, businessTypes: string[]): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const c = await post<{ id: string }>(`/api/halls/${hallId}/counters`, {
          label: `Bench ${i + 1}`,
          businessTypes,
          vip: false,
        });
        await post(`/api/halls/${hallId}/counters/${c.id}/open`);
        ids.push(c.id);
      }
      return ids;
    },
  };
}
