import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./helpers.js";

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
