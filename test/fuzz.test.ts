import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixtures, pathValue, routeFixtures } from "./fixtures.js";
import { buildTestApp, deviceToken, type TestApp } from "./helpers.js";
import {
  isErrorShape,
  label,
  type Operation,
  propertiesOf,
  readOperations,
  type Schema,
  sample,
  sampleChange,
} from "./openapi.js";

// Every operation of the OpenAPI document × a seeded pick of hostile values (control characters, lone
// surrogates, huge strings, wrong types, odd numbers, impossible dates, prototype keys, deep nesting,
// arrays for objects …), sent by callers who may use the route: never a 5xx, every error in the one shape.

const CASES_PER_OPERATION = 15;
const SEED = 20261125;

// A device may call these; everyone else calls as the operator admin or the hall's manager.
const DEVICE_ROUTES: Record<string, "kiosk" | "display" | "pad"> = {
  "POST /api/halls/{hallId}/tickets": "kiosk",
  "POST /api/appointments/{id}/check-in": "kiosk",
  "GET /api/halls/{hallId}/queue": "display",
  "GET /api/halls/{hallId}/events": "display",
  "POST /api/tickets/{id}/evaluation": "pad",
  "GET /api/auth/me": "pad",
};
// Ending the fixture's own session would make the rest of the run anonymous.
const SKIP = new Set(["POST /api/auth/logout"]);

const huge = "界".repeat(300_000);
/** Values for one field: strings, types, numbers, ids and dates no client should send. */
const FIELD_VALUES: unknown[] = [
  "a\u0000b",
  "\u0001\u0002\u001f",
  "\u001b[31mred",
  "x\u007f",
  "\ud800",
  "x\udfffy",
  "a\r\n\tb",
  huge,
  "",
  " ",
  12345,
  true,
  null,
  [],
  {},
  ["a", 1],
  { a: { b: 1 } },
  -1,
  0,
  -2_147_483_649,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 1,
  1e308,
  1.5,
  "NaN",
  "Infinity",
  "-0",
  "1e999",
  "0x1f",
  "00000000-0000-0000-0000-000000000000",
  "not-a-uuid",
  "5b1e2f2a-8c1d-4f7e-9a3b-2c4d5e6f7a8b ",
  "2026-02-30",
  "2026-13-01",
  "0000-01-01",
  "9999-12-31",
  "2026-02-30T10:00:00+08:00",
  "2026-01-01T24:00:00Z",
  "275760-09-13T00:00:00Z",
  "02-30",
  "13-01",
  "' OR 1=1 --",
  "../../etc/passwd",
  "%00",
];
/** Values for a query or path parameter (the URL carries only text). */
const URL_VALUES: string[] = [
  "\u0000",
  "a\u0001b",
  "x\u007f",
  "a\nb",
  "\t",
  "x".repeat(5_000),
  "",
  "-1",
  "99999999999999999999",
  "NaN",
  "1e999",
  "0x1f",
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "2026-02-30",
  "2026-13-01",
  "0000-01-01",
  "9999-12-31",
  "2026-02-30T10:00:00+08:00",
  "__proto__",
  "%zz",
  "%ED%A0%80",
];
// Sent as they are, not percent-encoded again: a bad escape and a lone surrogate's bytes.
const RAW_URL_VALUES = new Set(["%zz", "%ED%A0%80"]);
/** Whole bodies, sent as raw JSON text. */
const deep = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
const BODIES: ((valid: unknown) => string | undefined)[] = [
  () => undefined,
  () => "{}",
  () => "[]",
  (v) => JSON.stringify([v]),
  () => '"text"',
  () => "42",
  () => "null",
  () => deep(10_000),
  () => `${"[".repeat(50_000)}${"]".repeat(50_000)}`,
  (v) => withKey('"__proto__":{"admin":true}', v),
  (v) => JSON.stringify({ constructor: { prototype: { admin: true } }, ...(v as object) }),
  () => JSON.stringify(Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i]))),
  () => '{"a":',
];

/** The valid body with one more key, written as JSON text (an object literal cannot own `__proto__`). */
function withKey(member: string, valid: unknown): string {
  const rest = JSON.stringify(valid ?? {}).slice(1);
  return `{${member}${rest === "}" ? "" : ","}${rest}`;
}

/** mulberry32: a small seeded generator, so every run sends the same cases. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const hash = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619), SEED);

type Case = {
  where: string;
  url?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  raw?: string;
};

describe("fuzzing every operation", () => {
  let t: TestApp;
  let ops: Operation[];
  const tokens: Record<string, string> = {};
  let ids: Fixtures;
  let sent = 0;

  beforeAll(async () => {
    t = await buildTestApp();
    ops = (await readOperations(t.app)).filter(
      (op) => !SKIP.has(label(op)) && op.path !== "/api/openapi.json",
    );
    tokens.admin = await t.token("admin");
    tokens.manager = await t.token("manager");
    for (const kind of ["kiosk", "display", "pad"] as const) tokens[kind] = deviceToken(t.demo, kind);
    ids = await routeFixtures(t);
  });
  afterAll(() => t.close());

  /** The seeded cases of one operation: each changes one parameter, one body field, or the whole body. */
  function casesOf(op: Operation): Case[] {
    const next = random(hash(label(op)));
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
    const params = op.params.map((p) => ({ in: p.in, name: p.name }));
    const fields = op.body ? Object.entries(propertiesOf(op.body.schema)) : [];
    const targets: { in: string; name: string; schema?: Schema }[] = [
      ...params,
      ...fields.map(([name, schema]) => ({ in: "body", name, schema })),
      ...(op.body || op.method !== "GET" ? [{ in: "whole-body", name: "" }] : []),
    ];
    if (targets.length === 0) return [{ where: "as is" }];
    return Array.from({ length: CASES_PER_OPERATION }, (): Case => {
      const target = pick(targets);
      if (target.in === "path" || target.in === "query") {
        const value = pick(URL_VALUES);
        const where = `${target.in} ${target.name}=${JSON.stringify(value.slice(0, 30))}`;
        return target.in === "path"
          ? { where, url: { [target.name]: value } }
          : { where, query: { [target.name]: value } };
      }
      if (target.in === "body") {
        const value = pick(FIELD_VALUES);
        // Now and then the value goes one level down: into an item of a list, or a field of an object.
        const item = target.schema?.items;
        const inner = next() < 0.3 ? Object.keys(propertiesOf(item ?? target.schema ?? {}))[0] : undefined;
        let field = value;
        if (inner && item) field = [{ ...(sample(item) as object), [inner]: value }];
        else if (inner) field = { ...(sample(target.schema as Schema) as object), [inner]: value };
        const where = `body ${target.name}${inner ? `${item ? "[0]" : ""}.${inner}` : ""}`;
        return {
          where: `${where}=${JSON.stringify(value)?.slice(0, 30)}`,
          body: { ...(validBody(op) as object), [target.name]: field },
        };
      }
      const make = pick(BODIES);
      const raw = make(validBody(op));
      return { where: `body ${raw === undefined ? "(none)" : raw.slice(0, 40)}`, raw: raw ?? "" };
    });
  }

  const validBody = (op: Operation) => (op.body ? sampleChange(op.body.schema) : undefined);

  function urlOf(op: Operation, path: Record<string, string> = {}, query: Record<string, string> = {}) {
    let url = op.path;
    for (const p of op.params.filter((x) => x.in === "path")) {
      const value = path[p.name] ?? pathValue(ids, op, p.name);
      url = url.replace(`{${p.name}}`, RAW_URL_VALUES.has(value) ? value : encode(value));
    }
    const q = {
      ...Object.fromEntries(
        op.params
          .filter((p) => p.in === "query" && p.required)
          .map((p) => [p.name, String(sample(p.schema))]),
      ),
      ...query,
    };
    const search = Object.entries(q)
      .map(([k, v]) => `${encode(k)}=${RAW_URL_VALUES.has(v) ? v : encode(v)}`)
      .join("&");
    return search ? `${url}?${search}` : url;
  }
  const encode = (s: string) => encodeURIComponent(s);

  async function send(op: Operation, c: Case, who: string) {
    const url = urlOf(op, c.url, c.query);
    const headers: Record<string, string> = { authorization: `Bearer ${tokens[who]}` };
    // A live stream stays open: what it answers before then is all this test needs.
    const signal = op.path.endsWith("/events") ? AbortSignal.timeout(100) : undefined;
    let payload: string | undefined;
    if (c.raw !== undefined) payload = c.raw;
    else if (c.body !== undefined) payload = JSON.stringify(c.body);
    else if (op.body) payload = JSON.stringify(validBody(op));
    if (payload !== undefined && payload !== "") headers["content-type"] = "application/json";
    sent++;
    return t.app
      .inject({ method: op.method as "POST", url, headers, payload: payload || undefined, signal })
      .catch((err: Error) => {
        if (signal?.aborted) return { statusCode: 200, body: "", json: () => null };
        throw err;
      });
  }

  it("should never answer 5xx, and answer every error in the one shape", async () => {
    const started = Date.now();
    const problems: string[] = [];
    for (const op of ops) {
      const callers = DEVICE_ROUTES[label(op)]
        ? ["admin", "manager", DEVICE_ROUTES[label(op)]]
        : ["admin", "manager"];
      for (const [i, c] of casesOf(op).entries()) {
        const who = callers[i % callers.length];
        const res = await send(op, c, who);
        let body: unknown = null;
        try {
          body = res.body ? JSON.parse(res.body) : null;
        } catch {}
        if (res.statusCode >= 500)
          problems.push(`${label(op)} ${c.where} as ${who}: ${res.statusCode} ${res.body.slice(0, 160)}`);
        else if (res.statusCode >= 400 && !isErrorShape(body))
          problems.push(
            `${label(op)} ${c.where} as ${who}: ${res.statusCode} not the error shape: ${res.body.slice(0, 160)}`,
          );
      }
    }
    console.info(`fuzz: ${ops.length} operations, ${sent} requests in ${Date.now() - started} ms`);
    expect(problems).toEqual([]);
    expect(ops.length).toBeGreaterThan(100);
  }, 120_000);
});
