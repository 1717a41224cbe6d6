import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.js";
import { DEMO_PASSWORD, type DemoInfo, seedDemo, seedEssentials } from "../../src/cli/seed.js";
import { type Database, openDatabase } from "../../src/core/db.js";
import { loadEnv } from "../../src/core/env.js";

export const ADMIN_PASSWORD = "operator-e2e-password";

export type E2EServer = {
  url: string;
  app: FastifyInstance;
  database: Database;
  demo: DemoInfo;
  /** A device token of the demo: kiosk/display of the main or cooperative hall, or a counter's pad. */
  device: (kind: "kiosk" | "display" | "pad", which?: "main" | "coop" | string) => string;
  /** Calls the API as a demo user (bearer token) or device, outside the browser. */
  api: <T = unknown>(
    method: string,
    path: string,
    opts?: { as?: string; token?: string; body?: unknown },
  ) => Promise<{ status: number; body: T }>;
  close: () => Promise<void>;
};

/** A real server on a free port, on a fresh in-memory database with the demo seeded. */
export async function startServer(): Promise<E2EServer> {
  const database = await openDatabase({});
  await database.migrate();
  await seedEssentials(database.db, ADMIN_PASSWORD);
  const demo = (await seedDemo(database.db))!;
  const env = loadEnv({ TINGWU_LOG_LEVEL: "silent", TINGWU_TIMEZONE: "Asia/Shanghai" });
  const app = await buildApp({
    database,
    env,
    logger: false,
    limits: { loginPerMinute: 1000, publicPerMinute: 1000, kioskPerMinute: 10_000 },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const tokens = new Map<string, string>();

  async function tokenOf(username: string) {
    let t = tokens.get(username);
    if (!t) {
      const password = username === "admin" ? ADMIN_PASSWORD : DEMO_PASSWORD;
      const res = await fetch(`${url}/api/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      t = ((await res.json()) as { token: string }).token;
      tokens.set(username, t);
    }
    return t;
  }

  const device: E2EServer["device"] = (kind, which = "main") => {
    const prefix = which === "coop" ? "张江" : "陆家嘴";
    const d =
      kind === "pad"
        ? demo.devices.find((x) => x.kind === "pad" && (which === "main" ? true : x.counterId === which))
        : demo.devices.find((x) => x.kind === kind && x.label.startsWith(prefix));
    if (!d) throw new Error(`no demo ${kind} device for ${which}`);
    return d.token;
  };

  return {
    url,
    app,
    database,
    demo,
    device,
    async api(method, path, opts = {}) {
      const token = opts.token ?? (opts.as ? await tokenOf(opts.as) : undefined);
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as never };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
