import { randomBytes } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { type BuildOptions, buildApp } from "../src/app.js";
import { DEMO_PASSWORD, type DemoInfo, seedDemo, seedEssentials } from "../src/cli/seed.js";
import { type Database, openDatabase } from "../src/core/db.js";
import { loadEnv } from "../src/core/env.js";

export const ADMIN_PASSWORD = "operator-test-password";
export const adminUrl = process.env.DATABASE_URL;

/**
 * A fresh database for one test file: PGlite in memory, or — when DATABASE_URL is set — a new
 * PostgreSQL database with a random name, dropped afterwards (CI reuses the machine's server).
 */
export async function createTestDatabase(): Promise<{
  database: Database;
  url?: string;
  drop: () => Promise<void>;
}> {
  if (!adminUrl) {
    const database = await openDatabase({});
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const name = `tingwu_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 30 });
  await database.migrate();
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  demo: DemoInfo;
  url?: string;
  close: () => Promise<void>;
  /** A bearer token for a demo user (admin, manager, counter1, …). */
  token: (username: string) => Promise<string>;
  api: (
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<LightMyRequestResponse>;
};

export const testEnv = (extra: Record<string, string> = {}) =>
  loadEnv({ TINGWU_LOG_LEVEL: "silent", TINGWU_TIMEZONE: "Asia/Shanghai", ...extra });

/** The app on a fresh database with the demo seeded, driven through inject (no socket). */
export async function buildTestApp(options: Partial<BuildOptions> = {}): Promise<TestApp> {
  const { database, url, drop } = await createTestDatabase();
  await seedEssentials(database.db, ADMIN_PASSWORD);
  const demo = (await seedDemo(database.db))!;
  const app = await buildApp({
    database,
    env: testEnv(),
    logger: false,
    limits: { loginPerMinute: 1000, publicPerMinute: 1000 },
    ...options,
  });
  await app.ready();
  const tokens = new Map<string, string>();
  const api: TestApp["api"] = (method, path, opts = {}) =>
    app.inject({
      method: method as "GET",
      url: path,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
  return {
    app,
    database,
    demo,
    url,
    api,
    async token(username) {
      let t = tokens.get(username);
      if (!t) {
        const password = username === "admin" ? ADMIN_PASSWORD : DEMO_PASSWORD;
        const res = await api("POST", "/api/auth/token", { body: { username, password } });
        if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
        t = res.json().token as string;
        tokens.set(username, t);
      }
      return t;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}

export const deviceToken = (demo: DemoInfo, kind: "kiosk" | "display" | "pad", index = 0) =>
  demo.devices.filter((d) => d.kind === kind)[index].token;

/** A multipart/form-data request body with one file in the field `file`, and its content type. */
export function multipartFile(name: string, type: string, content: Buffer | string) {
  const boundary = "----tingwu-test";
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      Buffer.isBuffer(content) ? content : Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

/** Imports a survey firm's CSV as `token` (POST /api/quality/surveys/import, multipart). */
export function importSurveyCsv(t: TestApp, token: string, csv: string, name = "survey.csv") {
  const { contentType, payload } = multipartFile(name, "text/csv", csv);
  return t.app.inject({
    method: "POST",
    url: "/api/quality/surveys/import",
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
    payload,
  });
}
