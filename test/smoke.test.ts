import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { buildTestApp, createTestDatabase, type TestApp, testEnv } from "./helpers.js";
import { sleep } from "./server.js";

describe("health and docs", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it("should report ok and which database it runs on", async () => {
    const res = await t.api("GET", "/api/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: process.env.DATABASE_URL ? "postgres" : "pglite" });
  });

  it("should serve an OpenAPI document listing the queue routes", async () => {
    const res = await t.api("GET", "/api/openapi.json");
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain("/api/halls/{hallId}/counters/{counterId}/call-next");
  });

  it("should serve Swagger UI", async () => {
    const res = await t.api("GET", "/api/docs/");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("swagger");
  });

  it("should answer an unknown API route with the one error shape", async () => {
    const res = await t.api("GET", "/api/nope");
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });

  it("should send the security headers on API answers, errors and pages", async () => {
    for (const path of ["/api/health", "/api/nope", "/"]) {
      const res = await t.api("GET", path);
      expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(res.headers["content-security-policy"]).toContain("img-src 'self' data:");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(res.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
    }
  });
});

// What Fastify's router and Node's HTTP parser answer on their own (inject skips the parser), over a socket.
describe("errors over a real socket", () => {
  let t: TestApp;
  let base: string;
  let port: number;
  beforeAll(async () => {
    t = await buildTestApp();
    base = await t.app.listen({ port: 0, host: "127.0.0.1" });
    port = Number(new URL(base).port);
  });
  afterAll(() => t.close());

  const raw = (text: string) => rawOn(port, text).responses;
  const oneShape = (status: number, code: string) => ({
    status,
    body: { error: { code, message: expect.any(String) } },
  });

  const fetched = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, init);
    return { status: res.status, body: await res.json() };
  };

  it("should answer headers too large with 431 in the one shape", async () => {
    const [res] = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(res).toEqual(oneShape(431, "headers_too_large"));
  });

  it("should answer a request that is not HTTP with 400 in the one shape", async () => {
    const [res] = await raw("HELLO THERE\r\n\r\n");
    expect(res).toEqual(oneShape(400, "invalid_input"));
  });

  it("should answer an over-long path parameter with 414 and a bad escape with 400, in the one shape", async () => {
    expect(await fetched(`/api/halls/${"x".repeat(500)}`)).toEqual(oneShape(414, "uri_too_long"));
    expect(await fetched("/api/halls/%zz")).toEqual(oneShape(400, "invalid_input"));
    expect(await fetched("/api/halls/%ED%A0%80/queue")).toEqual(oneShape(400, "invalid_input"));
  });

  it("should answer a body over the limit with 413 and another content type with 415, in the one shape", async () => {
    const post = (body: string, type: string) =>
      fetched("/api/auth/token", { method: "POST", headers: { "content-type": type }, body });
    expect(await post(`{"username":"${"x".repeat(2_000_000)}"}`, "application/json")).toEqual(
      oneShape(413, "payload_too_large"),
    );
    expect(await post("username=admin", "application/x-www-form-urlencoded")).toEqual(
      oneShape(415, "unsupported_media_type"),
    );
  });

  it("should answer unknown routes and methods with 404 in the one shape", async () => {
    expect(await fetched("/api/no/such/route")).toEqual(oneShape(404, "not_found"));
    const [res] = await raw("PROPFIND /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(res).toEqual(oneShape(404, "not_found"));
  });

  it("should answer a request that arrives while the server closes with 503 in the one shape", async () => {
    // A second app with one more route, held open until the server has begun to close.
    const { database, drop } = await createTestDatabase();
    const app = await buildApp({ database, env: testEnv(), logger: false });
    let entered!: () => void;
    const inSlow = new Promise<void>((r) => {
      entered = r;
    });
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    app.get("/api/health/slow", { config: { public: true } }, async () => {
      entered();
      await released;
      return { ok: true };
    });
    const url = new URL(await app.listen({ port: 0, host: "127.0.0.1" }));
    const connection = rawOn(Number(url.port), "GET /api/health/slow HTTP/1.1\r\nHost: x\r\n\r\n");
    await inSlow;
    const closed = app.close();
    await sleep(50);
    // The connection is busy, so closing keeps it open: a request written on it now arrives while closing.
    connection.socket.write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    await sleep(50);
    release();
    const both = connection.responses;
    const [first, second] = await both;
    await closed;
    await drop();
    expect(first.status).toBe(200);
    expect(second).toEqual(oneShape(503, "unavailable"));
  });
});

/** Writes `text` on a fresh connection and reads every response until the server closes it. */
function rawOn(port: number, text: string) {
  const socket = net.connect(port, "127.0.0.1");
  const responses = new Promise<{ status: number; body: unknown }[]>((resolve, reject) => {
    let got = "";
    socket.setEncoding("utf8");
    socket.on("data", (c) => {
      got += c;
    });
    socket.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "ECONNRESET" && e.code !== "EPIPE") reject(e);
    });
    socket.on("close", () => resolve(parseResponses(got)));
  });
  socket.write(text);
  return { socket, responses };
}

/** The responses in what a server wrote on one connection (Content-Length bodies). */
function parseResponses(text: string): { status: number; body: unknown }[] {
  const out: { status: number; body: unknown }[] = [];
  let rest = text;
  while (rest.startsWith("HTTP/1.1 ")) {
    const head = rest.slice(0, rest.indexOf("\r\n\r\n"));
    const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const start = head.length + 4;
    const body = Buffer.from(rest.slice(start), "utf8").subarray(0, length).toString("utf8");
    out.push({ status: Number(head.slice(9, 12)), body: body ? JSON.parse(body) : null });
    rest = rest.slice(start + body.length);
  }
  return out;
}
