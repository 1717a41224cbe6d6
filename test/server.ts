import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { adminUrl } from "./helpers.js";

// Shared by the tests that need a real socket: the server as a child process, an SSE reader, a fetch
// wrapper and an empty PostgreSQL database for a child to migrate itself.

const root = fileURLToPath(new URL("..", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** An empty PostgreSQL database (no migrations), dropped by `drop`; only when DATABASE_URL is set. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!adminUrl) throw new Error("DATABASE_URL is not set");
  const name = `tingwu_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** The last lines the server wrote, for failure messages. */
  output: () => string;
  /** kill -9: no shutdown hooks, no flush. */
  kill9: () => Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited after 5 s. */
  stop: () => Promise<void>;
};

/**
 * `tingwu serve` as its own process (node --import tsx, one process, so a kill reaches the server itself),
 * resolved once /api/health answers. `env` is the whole Tingwu configuration; nothing is inherited from
 * the test's own TINGWU_* or DATABASE_URL.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 90_000): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith("TINGWU_") && k !== "DATABASE_URL" && k !== "PORT" && k !== "HOST",
    ),
  );
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "serve"], {
    cwd: root,
    env: { ...inherited, HOST: "127.0.0.1", TINGWU_LOG_LEVEL: "warn", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${log}`);
    }
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server not ready after ${timeoutMs} ms:\n${log}`);
    }
    await sleep(200);
  }
  return {
    url,
    child,
    output: () => log,
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type HttpResult = { status: number; body: unknown };

/** A JSON request over a real socket; rejects only when no response came back (refused, reset, timeout). */
export async function request(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpResult> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export type SseEvent = { id?: string; event?: string; data: string; receivedAt: number };

export type SseStream = {
  /** Every event received so far, in arrival order. */
  events: SseEvent[];
  /** The next event after the ones already taken by next(), or a rejection after `timeoutMs`. */
  next: (timeoutMs?: number) => Promise<SseEvent>;
  /** Waits for an event that matches, among all received (taken or not). */
  waitFor: (match: (e: SseEvent) => boolean, timeoutMs?: number) => Promise<SseEvent>;
  /** Resolves when the server ends the stream (or the connection drops). */
  ended: Promise<void>;
  close: () => void;
};

/** Opens a Server-Sent Events stream and parses it as it arrives; resolves once the response headers are in. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const waiters = new Set<() => void>();
    let taken = 0;
    const wake = () => {
      for (const w of waiters) w();
    };
    const req = http.get(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => reject(new Error(`SSE ${url} answered ${res.statusCode}: ${body}`)));
        return;
      }
      res.setEncoding("utf8");
      const ended = new Promise<void>((done) => {
        res.once("end", done);
        res.once("close", done);
      });
      let buffer = "";
      res.on("data", (chunk: string) => {
        buffer += chunk;
        for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { data: "", receivedAt: Date.now() };
          let hasData = false;
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "id") e.id = value;
            else if (field === "event") e.event = value;
            else if (field === "data") {
              e.data = hasData ? `${e.data}\n${value}` : value;
              hasData = true;
            }
          }
          if (hasData) {
            events.push(e);
            wake();
          }
        }
      });
      resolve({
        events,
        ended,
        next(timeoutMs = 5_000) {
          return waitUntil(
            () => (taken < events.length ? events[taken++] : undefined),
            timeoutMs,
            "the next event",
          );
        },
        waitFor(match, timeoutMs = 5_000) {
          return waitUntil(() => events.find(match), timeoutMs, "a matching event");
        },
        close() {
          req.destroy();
        },
      });
    });
    req.on("error", (err) => {
      if ((err as NodeJS.ErrnoException).code !== "ECONNRESET") reject(err);
    });

    function waitUntil<T>(get: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
      return new Promise((ok, fail) => {
        const found = get();
        if (found !== undefined) return ok(found);
        const check = () => {
          const v = get();
          if (v === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          ok(v);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(new Error(`no ${what} within ${timeoutMs} ms (received ${events.length} events)`));
        }, timeoutMs);
        waiters.add(check);
      });
    }
  });
}
