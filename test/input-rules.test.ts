import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBadInput } from "../src/core/input.js";
import { digestTables, type Fixtures, pathValue, routeFixtures } from "./fixtures.js";
import { buildTestApp, type TestApp } from "./helpers.js";
import {
  label,
  type Operation,
  propertiesOf,
  readOperations,
  type Schema,
  sample,
  typeOf,
} from "./openapi.js";

// The rules every route keeps, checked over every operation of the OpenAPI document: no control
// characters or broken UTF-16 in any text, no day that does not exist, no PATCH that changes nothing.
// Each refusal is a 400 `invalid_input` that names the field, and changes nothing.

const CONTROL = ["a\u0000b", "a\u001bb", "a\u007fb", "\ud800x", "x\udc00", "a\u0008b"];
const URL_CONTROL = ["a\u001bb", "a\u007fb", "a\tb", "a\nb"];
const BAD_DAYS = ["2026-02-30", "2026-13-01", "2026-04-31", "0000-01-01", "9999-12-31"];
const BAD_INSTANTS = [
  "2026-02-30T10:00:00+08:00",
  "2026-13-01T00:00:00Z",
  "2026-01-01T24:00:00Z",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
];

type Value = string | number;
const isString = (s: Schema) => typeOf(s) === "string" || !!s.anyOf?.some((a) => typeOf(a) === "string");
const formatOf = (s: Schema) => s.format ?? s.anyOf?.find((a) => a.format)?.format;

describe("text, days and changes on every route", () => {
  let t: TestApp;
  let ops: Operation[];
  let ids: Fixtures;
  let admin: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await t.token("admin");
    ops = (await readOperations(t.app)).filter((op) => op.path !== "/api/auth/logout");
    ids = await routeFixtures(t);
    before = await digestTables(t.database.db);
  });
  afterAll(() => t.close());

  function urlOf(op: Operation, path: Record<string, string> = {}, query: Record<string, string> = {}) {
    let url = op.path;
    for (const p of op.params.filter((x) => x.in === "path")) {
      url = url.replace(`{${p.name}}`, encodeURIComponent(path[p.name] ?? pathValue(ids, op, p.name)));
    }
    const required = op.params.filter((p) => p.in === "query" && p.required);
    const q = { ...Object.fromEntries(required.map((p) => [p.name, String(sample(p.schema))])), ...query };
    const search = new URLSearchParams(q).toString();
    return search ? `${url}?${search}` : url;
  }
  const bodyOf = (op: Operation) =>
    op.body ? (sample(op.body.schema) as Record<string, unknown>) : undefined;
  const send = (op: Operation, opts: { url?: string; body?: unknown } = {}) =>
    t.api(op.method, opts.url ?? urlOf(op), { token: admin, body: opts.body ?? bodyOf(op) });

  /** Each field a value can be put in: top-level body fields, one level into objects and lists, and params. */
  function fieldsOf(op: Operation, wanted: (s: Schema) => boolean) {
    const out: { where: string; send: (value: Value) => ReturnType<typeof send> }[] = [];
    for (const [name, prop] of Object.entries(op.body ? propertiesOf(op.body.schema) : {})) {
      const put = (value: unknown) => send(op, { body: { ...bodyOf(op), [name]: value } });
      if (wanted(prop)) out.push({ where: `body/${name}`, send: put });
      const item = prop.items ?? (typeOf(prop) === "object" ? prop : undefined);
      for (const [inner, innerProp] of Object.entries(item ? propertiesOf(item) : {})) {
        if (!wanted(innerProp)) continue;
        const whole = (value: Value) => ({ ...(sample(item as Schema) as object), [inner]: value });
        out.push(
          prop.items
            ? { where: `body/${name}/0/${inner}`, send: (v) => put([whole(v)]) }
            : { where: `body/${name}/${inner}`, send: (v) => put(whole(v)) },
        );
      }
    }
    for (const p of op.params.filter((x) => wanted(x.schema))) {
      const where = p.in === "path" ? `params/${p.name}` : `querystring/${p.name}`;
      out.push({
        where,
        send: (v) =>
          send(op, {
            url:
              p.in === "path" ? urlOf(op, { [p.name]: String(v) }) : urlOf(op, {}, { [p.name]: String(v) }),
          }),
      });
    }
    return out;
  }

  /** Sends each value to each field and lists the answers that are not a 400 naming that field. */
  async function refusals(wanted: (s: Schema) => boolean, values: (where: string) => Value[]) {
    const problems: string[] = [];
    let tried = 0;
    for (const op of ops) {
      for (const field of fieldsOf(op, wanted)) {
        for (const value of values(field.where)) {
          const res = await field.send(value);
          tried++;
          const body = res.json();
          const named =
            typeof body?.error?.message === "string" && body.error.message.startsWith(field.where);
          if (res.statusCode !== 400 || body?.error?.code !== "invalid_input" || !named) {
            problems.push(
              `${label(op)} ${field.where}=${JSON.stringify(value)}: ${res.statusCode} ${res.body.slice(0, 140)}`,
            );
          }
        }
      }
    }
    return { problems, tried };
  }

  it("should refuse control characters and lone surrogates in every text field, query value and path parameter (400)", async () => {
    let turn = 0;
    // NUL in every field, and one other of the bad characters in turn (a URL carries no lone surrogate).
    const { problems, tried } = await refusals(isString, (where) => {
      const others = where.startsWith("body") ? CONTROL.slice(1) : URL_CONTROL;
      return [CONTROL[0], others[turn++ % others.length]];
    });
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(300);
  });

  it("should refuse days that do not exist, and years no one means, in every date field and query (400)", async () => {
    const day = (s: Schema) => formatOf(s) === "date";
    const instant = (s: Schema) => formatOf(s) === "date-time";
    const days = await refusals(day, () => BAD_DAYS);
    const instants = await refusals(instant, () => BAD_INSTANTS);
    expect([...days.problems, ...instants.problems]).toEqual([]);
    expect(days.tried / BAD_DAYS.length).toBeGreaterThan(12);
    expect(instants.tried / BAD_INSTANTS.length).toBeGreaterThanOrEqual(10);
  });

  it("should refuse whole numbers no int4 column holds, in every integer field (400)", async () => {
    const integer = (s: Schema) => typeOf(s) === "integer" || !!s.anyOf?.some((a) => typeOf(a) === "integer");
    // Body fields: what is stored. (An offset past the end in a query is an empty page, not an error.)
    const { problems, tried } = await refusals(integer, (where) =>
      where.startsWith("body") ? [2_147_483_648, -2_147_483_649] : [],
    );
    // A question's index is checked against the visit (400, in the route's words).
    expect(problems.filter((p) => !p.includes("No question 2147483648"))).toEqual([]);
    expect(tried).toBeGreaterThan(40);
  });

  it("should refuse a birthday that no year has (400)", async () => {
    const problems: string[] = [];
    for (const birthday of [
      "02-30",
      "02-31",
      "04-31",
      "13-01",
      "00-10",
      "06-00",
      "2026-02-29",
      "1990-13-01",
    ]) {
      const res = await t.api("POST", `/api/field/customers/${ids.customer}/contacts`, {
        token: admin,
        body: { name: "赵六", birthday },
      });
      if (res.statusCode !== 400 || !res.json().error.message.startsWith("body/birthday"))
        problems.push(`${birthday}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      const change = await t.api("PATCH", `/api/field/customers/${ids.customer}/contacts/${ids.contactId}`, {
        token: admin,
        body: { birthday },
      });
      if (change.statusCode !== 400) problems.push(`PATCH ${birthday}: ${change.statusCode}`);
    }
    expect(problems).toEqual([]);
  });

  it("should refuse a PATCH that changes nothing, on every PATCH route (400)", async () => {
    const patches = ops.filter((op) => op.method === "PATCH");
    const problems: string[] = [];
    for (const op of patches) {
      for (const body of [{}, { noSuchField: 1 }]) {
        const res = await send(op, { body });
        if (res.statusCode !== 400 || !/nothing to change/.test(res.json().error?.message))
          problems.push(`${label(op)} ${JSON.stringify(body)}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
    expect(patches.length).toBeGreaterThanOrEqual(7);
  });

  it("should refuse control characters in the cells of an imported spreadsheet", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("customers");
    sheet.addRow(["name", "tier", "areaCode"]);
    // The file format's escape for a character XML cannot hold: the cell reads back as "张\u0000三".
    sheet.addRow(["张_x0000_三", "household", "SH-PD"]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer()).toString("base64");
    const res = await t.api("POST", "/api/field/customers/import", { token: admin, body: { xlsx } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.refused).toEqual([
      { row: 2, name: null, reasons: ["name: control characters are not allowed (tab and line breaks are)"] },
    ]);
  });

  it("should have changed nothing in the database", async () => {
    expect(await digestTables(t.database.db)).toEqual(before);
  });

  it("should confirm a customer's archive by saying so, since an empty PATCH is refused", async () => {
    const path = `/api/field/customers/${ids.customer}`;
    const before = (await t.api("GET", path, { token: admin })).json().archiveUpdatedAt;
    const res = await t.api("PATCH", path, { token: admin, body: { archiveConfirmed: true } });
    expect(res.statusCode).toBe(200);
    expect(Date.parse(res.json().archiveUpdatedAt)).toBeGreaterThan(Date.parse(before ?? "2000-01-01"));
  });

  it("should keep tab and line breaks in free text, and a leap-day birthday", async () => {
    const description = "第一行\r\n\t第二行";
    const created = await t.api("POST", "/api/complaints", {
      token: admin,
      body: {
        hallId: ids.hallId,
        customer: { name: "张三", phone: "13812345678" },
        channel: "counter",
        category: "billing",
        description,
        request: "退费",
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().description).toBe(description);
    for (const birthday of ["02-29", "2024-02-29", "12-31"]) {
      const res = await t.api("POST", `/api/field/customers/${ids.customer}/contacts`, {
        token: admin,
        body: { name: "赵六", birthday },
      });
      expect(res.statusCode, birthday).toBe(201);
    }
  });

  it("should tell which character is wrong, and where", () => {
    expect(findBadInput({ a: [{ b: "x\u0000" }] }, "body")).toEqual([
      "body/a/0/b",
      "control characters are not allowed (tab and line breaks are)",
    ]);
    expect(findBadInput({ note: "a\tb\r\nc" }, "body")).toBeNull();
    expect(findBadInput({ q: "a\tb" }, "querystring")?.[0]).toBe("querystring/q");
    expect(findBadInput({ ["k\u0001"]: 1 }, "body")?.[0]).toBe("body/k\u0001");
    expect(findBadInput({ name: "𠮷野家" }, "body")).toBeNull();
    expect(findBadInput({ name: "\ud842" }, "body")?.[1]).toMatch(/surrogate/);
    expect(findBadInput(JSON.parse('{"__proto__":{"admin":true}}'), "body")?.[0]).toBe("body/__proto__");
    const deep = JSON.parse(`${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`);
    expect(findBadInput(deep, "body")?.[1]).toMatch(/nested/);
  });
});
