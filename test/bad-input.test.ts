import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestTables } from "./fixtures.js";
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
  typeOf,
} from "./openapi.js";

// Every route in the OpenAPI document, fed what a careless or hostile client sends: no token, malformed and
// unknown ids, another hall's ids, no body, wrong types, bad query values. Each must answer 4xx in the one
// error shape, never 5xx, and change nothing in the database.

type Res = Awaited<ReturnType<TestApp["api"]>>;

// Routes anyone may call; every other route must refuse a request without a token.
const PUBLIC = [/^\/api\/health$/, /^\/api\/auth\/(login|token)$/, /^\/api\/public\//];
// What a kiosk may change: issue a ticket, or check its customer's appointment in by phone (which issues
// the ticket); checking an appointment in by its id is the desk's job.
const KIOSK_MAY = ["POST /api/halls/{hallId}/tickets", "POST /api/halls/{hallId}/appointments/check-in"];
// Bodies whose rules JSON Schema cannot show (a refinement), so a generated sample would not pass.
const BODY_SAMPLES: Record<string, unknown> = {
  "POST /api/tickets/{id}/transfer": { businessType: "change" },
};
// Known defects in features this file does not own, reported to their owners: tolerated here so CI stays
// green, and announced (console.warn) once they are fixed so the entry can go.
const KNOWN_BAD: Record<string, string> = {};

const isPublic = (op: Operation) => PUBLIC.some((p) => p.test(op.path));

/** A value of the wrong JSON type for the schema, or undefined when the schema takes anything. */
function wrongType(s: Schema): unknown {
  if (s.enum) return "not-one-of-these";
  const alt = s.anyOf ?? s.oneOf;
  const t = alt ? typeOf(alt.find((a) => typeOf(a) !== "null") ?? {}) : typeOf(s);
  switch (t) {
    case "string":
      return 12345;
    case "integer":
    case "number":
      return "not-a-number";
    case "boolean":
      return "yes";
    case "array":
      return "not-an-array";
    case "object":
      return 42;
    default:
      return undefined;
  }
}

/** A query value the parameter must refuse, or undefined when any string would do. */
function badQueryValue(s: Schema): string | undefined {
  if (s.enum) return "not-one-of-these";
  const t = typeOf(s);
  if (t === "integer" || t === "number") return "not-a-number";
  if (t === "boolean") return "maybe";
  if (s.format === "uuid") return "not-a-uuid";
  if (s.format === "date-time" || s.format === "date") return "not-a-date";
  if (s.pattern && !new RegExp(s.pattern).test("!!")) return "!!";
  return undefined;
}

const looksLikeDate = (s: Schema) => s.format === "date" || s.pattern === "^\\d{4}-\\d{2}-\\d{2}$";

describe("bad input on every route", () => {
  let t: TestApp;
  let ops: Operation[];
  let admin: string;
  let counter1: string;
  let kiosk: string;
  const A = { hallId: "", counterId: "", deviceId: "", ticketId: "", appointmentId: "", visitId: "" };
  const B = { ...A };
  let userId: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    counter1 = await t.token("counter1");
    kiosk = deviceToken(t.demo, "kiosk", 0);
    ops = await readOperations(t.app);

    // One of everything in hall A (the demo hall) and in hall B (the cooperative hall).
    for (const [h, hallId] of [
      [A, t.demo.hallId],
      [B, t.demo.cooperativeHallId],
    ] as const) {
      h.hallId = hallId;
      h.counterId = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: admin })).json()[0].id;
      h.deviceId = (await t.api("GET", `/api/halls/${hallId}/devices`, { token: admin })).json()[0].id;
      const ticket = await t.api("POST", `/api/halls/${hallId}/tickets`, {
        token: admin,
        body: { businessType: "payment", phone: "13812345678" },
      });
      expect(ticket.statusCode).toBe(201);
      h.ticketId = ticket.json().id;
      h.visitId = ticket.json().visitId;
      const appointment = await t.api("POST", `/api/halls/${hallId}/appointments`, {
        token: admin,
        body: {
          businessType: "payment",
          slotStart: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          phone: "13812345678",
        },
      });
      expect(appointment.statusCode).toBe(201);
      h.appointmentId = appointment.json().id;
    }
    const users = (await t.api("GET", "/api/users", { token: admin })).json();
    userId = users.find((u: { username: string }) => u.username === "desk").id;
    // An open counter, so a call reaches the ticket checks.
    await t.api("POST", `/api/halls/${A.hallId}/counters/${A.counterId}/open`, { token: admin });
    before = await snapshot();
  });
  afterAll(() => t.close());

  const snapshot = () => digestTables(t.database.db);

  /** The valid value of a path parameter in hall `h`. */
  function pathValue(op: Operation, name: string, h: typeof A): string {
    if (name === "hallId") return h.hallId;
    if (name === "counterId") return h.counterId;
    if (name === "deviceId") return h.deviceId;
    if (name === "userId") return userId;
    if (name === "code") return "payment";
    if (name === "id" && op.path.startsWith("/api/tickets/")) return h.ticketId;
    if (name === "id" && op.path.startsWith("/api/appointments/")) return h.appointmentId;
    // Another feature's entity this test has no fixture for: an id that names nothing.
    return String(sample(op.params.find((p) => p.name === name)!.schema));
  }

  function urlOf(op: Operation, path: Record<string, string> = {}, query?: Record<string, string>, h = A) {
    let url = op.path;
    for (const p of op.params.filter((x) => x.in === "path")) {
      url = url.replace(`{${p.name}}`, encodeURIComponent(path[p.name] ?? pathValue(op, p.name, h)));
    }
    const q =
      query ??
      Object.fromEntries(
        op.params
          .filter((p) => p.in === "query" && p.required)
          .map((p) => [p.name, String(sample(p.schema))]),
      );
    const search = new URLSearchParams(q).toString();
    return search ? `${url}?${search}` : url;
  }

  const validBody = (op: Operation) =>
    BODY_SAMPLES[label(op)] ?? (op.body ? sampleChange(op.body.schema) : undefined);
  // A path id this file has no fixture for names nothing, so "not found" may come before "who are you".
  const fixtureless = (op: Operation) =>
    op.params.some(
      (p) => p.in === "path" && p.name === "id" && !/^\/api\/(tickets|appointments)\//.test(op.path),
    );

  function send(
    op: Operation,
    opts: { url?: string; token?: string; body?: unknown; raw?: string },
  ): Promise<Res> {
    const headers: Record<string, string> = opts.token ? { authorization: `Bearer ${opts.token}` } : {};
    if (opts.raw !== undefined) {
      return t.app.inject({
        method: op.method as "POST",
        url: opts.url ?? urlOf(op),
        headers: { ...headers, "content-type": "application/json" },
        payload: opts.raw,
      });
    }
    return t.api(op.method, opts.url ?? urlOf(op), { token: opts.token, body: opts.body });
  }

  /** Collects what does not answer as expected, so one run names every offending route. */
  function expecting(problems: string[]) {
    return (what: string, res: Res, statuses: number[]) => {
      let shapeOk = false;
      try {
        shapeOk = isErrorShape(res.json());
      } catch {}
      const bad = !statuses.includes(res.statusCode) || !shapeOk;
      if (what in KNOWN_BAD) {
        if (!bad)
          console.warn(`bad-input: "${what}" (${KNOWN_BAD[what]}) is fixed; remove it from KNOWN_BAD`);
        return;
      }
      if (bad) problems.push(`${what}: ${res.statusCode} ${res.body.slice(0, 160)}`);
    };
  }

  const guarded = () =>
    ops.filter((op) => !isPublic(op) && !op.path.startsWith("/api/docs") && op.path !== "/api/openapi.json");
  // Logging out with a fixture token would end it; logout is covered by the auth tests.
  const usable = () => ops.filter((op) => op.path !== "/api/auth/logout");

  it("should refuse every guarded route without a token (401)", async () => {
    const problems: string[] = [];
    const check = expecting(problems);
    for (const op of guarded()) {
      // 401 before anything else: before an unknown id's 404, and before the body is looked at.
      check(label(op), await send(op, { body: validBody(op) }), [401]);
      check(`${label(op)} garbage body`, await send(op, { raw: '{"\u0000":[1,{"__proto__":0}' }), [401]);
      check(
        `${label(op)} garbage path`,
        await send(op, { url: op.path.replace(/\{\w+\}/g, "not-an-id") }),
        [401],
      );
    }
    expect(problems).toEqual([]);
    expect(guarded().length).toBeGreaterThan(40);
  });

  it("should mark exactly the public routes public in the OpenAPI document", () => {
    const documented = ops.filter((op) => op.public).map(label);
    expect(documented.sort()).toEqual(ops.filter(isPublic).map(label).sort());
    expect(documented).toContain("POST /api/public/halls/{hallId}/tickets");
  });

  it("should refuse malformed ids in the path (400)", async () => {
    const problems: string[] = [];
    const check = expecting(problems);
    for (const op of usable()) {
      for (const p of op.params.filter((x) => x.in === "path")) {
        const t = typeOf(p.schema);
        const bad =
          p.schema.format === "uuid"
            ? "not-a-uuid"
            : t === "integer"
              ? "abc"
              : p.schema.pattern
                ? "NOT VALID!"
                : null;
        if (!bad) continue;
        const res = await send(op, { url: urlOf(op, { [p.name]: bad }), token: admin, body: validBody(op) });
        check(`${label(op)} ${p.name}=${bad}`, res, [400]);
      }
    }
    expect(problems).toEqual([]);
  });

  it("should answer unknown ids with 404", async () => {
    const problems: string[] = [];
    const check = expecting(problems);
    for (const op of usable()) {
      for (const p of op.params.filter((x) => x.in === "path" && x.schema.format === "uuid")) {
        const res = await send(op, {
          url: urlOf(op, { [p.name]: randomUUID() }),
          token: admin,
          body: validBody(op),
        });
        check(`${label(op)} unknown ${p.name}`, res, [404]);
      }
    }
    const unknownCode = ops.find((op) => op.method === "PATCH" && op.path === "/api/business-types/{code}")!;
    check(
      "unknown business type",
      await send(unknownCode, { url: "/api/business-types/no_such_type", token: admin, body: { name: "x" } }),
      [404],
    );
    expect(problems).toEqual([]);
  });

  it("should refuse a missing body, a body that is not an object, and invalid JSON (400)", async () => {
    const problems: string[] = [];
    const check = expecting(problems);
    for (const op of usable().filter((o) => o.body)) {
      const nullable =
        op.body!.schema.nullable ||
        typeOf(op.body!.schema) === "null" ||
        op.body!.schema.anyOf?.some((a) => typeOf(a) === "null");
      if (op.body!.required && !nullable)
        check(`${label(op)} no body`, await send(op, { token: admin }), [400]);
      check(`${label(op)} body []`, await send(op, { token: admin, body: [] }), [400]);
      check(`${label(op)} body "x"`, await send(op, { token: admin, raw: '"x"' }), [400]);
      check(`${label(op)} invalid JSON`, await send(op, { token: admin, raw: '{"a":' }), [400]);
    }
    expect(problems).toEqual([]);
  });

  it("should refuse each body field of the wrong type (400)", async () => {
    const problems: string[] = [];
    const check = expecting(problems);
    let tried = 0;
    for (const op of usable().filter((o) => o.body)) {
      const schema = op.body!.schema;
      const props = propertiesOf(schema);
      for (const [name, prop] of Object.entries(props)) {
        const wrong = wrongType(prop);
        if (wrong === undefined) continue;
        const body = { ...(validBody(op) as object), [name]: wrong };
        check(`${label(op)} ${name}=${JSON.stringify(wrong)}`, await send(op, { token: admin, body }), [400]);
        tried++;
      }
    }
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(50);
  });

  it("should refuse bad or missing query values (400)", async () => {
    const problems: string[] = [];
    const check = expecting(problems);
    for (const op of usable()) {
      const query = op.params.filter((p) => p.in === "query");
      const required = Object.fromEntries(
        query.filter((p) => p.required).map((p) => [p.name, String(sample(p.schema))]),
      );
      for (const p of query) {
        if (p.required) {
          const { [p.name]: _, ...rest } = required;
          check(
            `${label(op)} without ${p.name}`,
            await send(op, { url: urlOf(op, {}, rest), token: admin }),
            [400],
          );
        }
        const bad = badQueryValue(p.schema);
        if (bad !== undefined) {
          check(
            `${label(op)} ${p.name}=${bad}`,
            await send(op, { url: urlOf(op, {}, { ...required, [p.name]: bad }), token: admin }),
            [400],
          );
        }
        // A date in the right shape that no calendar has.
        if (looksLikeDate(p.schema)) {
          const res = await send(op, {
            url: urlOf(op, {}, { ...required, [p.name]: "2026-02-30" }),
            token: admin,
          });
          check(`${label(op)} ${p.name}=2026-02-30`, res, [400]);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("should not reach another hall's counter, device, ticket or visit through this hall (404)", async () => {
    const problems: string[] = [];
    const check = expecting(problems);
    for (const op of usable()) {
      for (const name of ["counterId", "deviceId"] as const) {
        if (!op.params.some((p) => p.name === name) || !op.params.some((p) => p.name === "hallId")) continue;
        const res = await send(op, {
          url: urlOf(op, { [name]: B[name] }),
          token: admin,
          body: validBody(op),
        });
        check(`${label(op)} with hall B's ${name}`, res, [404]);
      }
    }
    const post = (path: string, body: object) => t.api("POST", path, { token: admin, body });
    check(
      "call hall B's ticket at a hall A counter",
      await post(`/api/halls/${A.hallId}/counters/${A.counterId}/call`, { ticketId: B.ticketId }),
      [404],
    );
    check(
      "transfer to hall B's counter",
      await post(`/api/tickets/${A.ticketId}/transfer`, { counterId: B.counterId }),
      [404],
    );
    check(
      "visit node for hall B's ticket",
      await post(`/api/halls/${A.hallId}/visit-nodes`, { node: "Z2", ticketId: B.ticketId }),
      [404],
    );
    check(
      "visit node in hall B's visit",
      await post(`/api/halls/${A.hallId}/visit-nodes`, { node: "Z2", visitId: B.visitId }),
      [404],
    );
    check(
      "ticket in hall B's visit",
      await post(`/api/halls/${A.hallId}/tickets`, { businessType: "payment", visitId: B.visitId }),
      [404],
    );
    check(
      "pad for hall B's counter",
      await post(`/api/halls/${A.hallId}/devices`, { kind: "pad", label: "x", counterId: B.counterId }),
      [404],
    );
    check(
      "call an unknown ticket",
      await post(`/api/halls/${A.hallId}/counters/${A.counterId}/call`, { ticketId: randomUUID() }),
      [404],
    );
    check(
      "transfer to an unknown counter",
      await post(`/api/tickets/${A.ticketId}/transfer`, { counterId: randomUUID() }),
      [404],
    );
    check(
      "open a counter for an unknown staff member",
      await post(`/api/halls/${A.hallId}/counters/${A.counterId}/open`, { staffId: randomUUID() }),
      [404],
    );
    expect(problems).toEqual([]);
  });

  it("should refuse a counter member of hall A everything in hall B (403)", async () => {
    const problems: string[] = [];
    const check = expecting(problems);
    let tried = 0;
    for (const op of usable().filter((o) => !isPublic(o))) {
      const inHall = op.params.some((p) => p.in === "path" && p.name === "hallId");
      const ticketOrAppointment = /^\/api\/(tickets|appointments)\/\{id\}/.test(op.path);
      if (!inHall && !ticketOrAppointment) continue;
      const res = await send(op, { url: urlOf(op, {}, undefined, B), token: counter1, body: validBody(op) });
      check(`${label(op)} in hall B`, res, [403]);
      tried++;
    }
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(30);
  });

  it("should let a kiosk token issue tickets and change nothing else (403)", async () => {
    const problems: string[] = [];
    const check = expecting(problems);
    const changes = usable().filter(
      (op) =>
        op.method !== "GET" &&
        !isPublic(op) &&
        !KIOSK_MAY.includes(label(op)) &&
        op.path !== "/api/auth/logout",
    );
    for (const op of changes) {
      check(
        label(op),
        await send(op, { token: kiosk, body: validBody(op) }),
        fixtureless(op) ? [403, 404] : [403],
      );
    }
    for (const path of [
      "/api/users",
      `/api/halls/${A.hallId}/devices`,
      `/api/halls/${A.hallId}/tickets`,
      `/api/tickets/${A.ticketId}/phone?reason=callback`,
    ]) {
      check(`GET ${path}`, await t.api("GET", path, { token: kiosk }), [403]);
    }
    expect(problems).toEqual([]);
    expect(changes.length).toBeGreaterThan(40);
  });

  it("should have changed nothing in the database", async () => {
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(["tickets", "halls", "counters", "users", "hall_events"]),
    );
    expect(await snapshot()).toEqual(before);
  });

  it("should mask phone numbers for everyone, and show the whole number only on a logged unmask", async () => {
    const masked = /^138\*{4}5678$/;
    const get = (path: string, token = counter1) => t.api("GET", path, { token });
    expect((await get(`/api/tickets/${A.ticketId}`)).json().phone).toMatch(masked);
    const list = (await get(`/api/halls/${A.hallId}/tickets`)).json().items;
    expect(list.find((x: { id: string }) => x.id === A.ticketId).phone).toMatch(masked);
    const queue = (await get(`/api/halls/${A.hallId}/queue`)).json();
    expect(queue.tickets.find((x: { id: string }) => x.id === A.ticketId).phone).toMatch(masked);
    const issued = await t.api("POST", `/api/halls/${A.hallId}/tickets`, {
      token: counter1,
      body: { businessType: "payment", phone: "13812345678" },
    });
    expect(issued.json().phone).toMatch(masked);
    const byKiosk = await t.api("POST", `/api/halls/${A.hallId}/tickets`, {
      token: kiosk,
      body: { businessType: "payment", phone: "13812345678" },
    });
    expect(byKiosk.json().phone).toMatch(masked);
    // The admin opened it (beforeAll): counter1 takes it over, on record, to call there.
    await t.api("POST", `/api/halls/${A.hallId}/counters/${A.counterId}/open`, {
      token: counter1,
      body: { takeover: true },
    });
    const called = await t.api("POST", `/api/halls/${A.hallId}/counters/${A.counterId}/call`, {
      token: counter1,
      body: { ticketId: A.ticketId },
    });
    expect(called.statusCode).toBe(200);
    expect(called.json().ticket.phone).toMatch(masked);
    const manager = await t.token("manager");
    expect((await get(`/api/tickets/${A.ticketId}`, manager)).json().phone).toMatch(masked);
    expect((await get(`/api/tickets/${A.ticketId}/phone?reason=callback`)).statusCode).toBe(403);
    expect((await get(`/api/tickets/${A.ticketId}/phone?reason=callback`, manager)).json()).toEqual({
      phone: "13812345678",
    });
  });
});
