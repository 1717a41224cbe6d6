import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../src/core/db.js";
import type { TestApp } from "./helpers.js";
import type { Operation } from "./openapi.js";

// A record behind every path parameter of the API (a hall, a counter, a ticket, a complaint, a customer …),
// made through the API itself, so route-wide tests reach each handler and its database statements.

export type Fixtures = Record<string, string>;

/** One record of each kind a path names, so a request reaches the handler and the database. */
export async function routeFixtures(t: TestApp): Promise<Fixtures> {
  const ids: Fixtures = {};
  const admin = await t.token("admin");
  const hallId = t.demo.hallId;
  const post = async (path: string, body: object) => {
    const res = await t.api("POST", path, { token: admin, body });
    if (res.statusCode >= 300) throw new Error(`fixture ${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
  ids.hallId = hallId;
  ids.counterId = (await t.api("GET", `/api/halls/${hallId}/counters`, { token: admin })).json()[0].id;
  ids.deviceId = (await post(`/api/halls/${hallId}/devices`, { kind: "display", label: "fuzz" })).id;
  ids.userId = (await t.api("GET", "/api/users", { token: admin }))
    .json()
    .find((u: { username: string }) => u.username === "desk").id;
  ids.code = "payment";
  ids.category = "billing";
  ids.year = "2026";
  ids.ticket = (
    await post(`/api/halls/${hallId}/tickets`, { businessType: "payment", phone: "13812345678" })
  ).id;
  ids.appointment = (
    await post(`/api/halls/${hallId}/appointments`, {
      businessType: "payment",
      slotStart: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      phone: "13812345678",
    })
  ).id;
  const customer = { name: "张三", phone: "13812345678" };
  ids.complaint = (
    await post("/api/complaints", {
      hallId,
      customer,
      channel: "counter",
      category: "billing",
      description: "多收费",
      request: "退费",
    })
  ).id;
  ids.fault = (await post("/api/faults", { hallId, customer, service: "broadband", symptom: "断网" })).id;
  const c = await post("/api/field/customers", {
    name: "李四",
    tier: "household",
    areaCode: "SH-PD",
    phone: "13812345678",
    contacts: [{ name: "王五", phone: "13912345678", birthday: "05-20" }],
  });
  ids.customer = c.id;
  ids.contactId = c.contacts[0].id;
  ids.contract = (
    await post(`/api/field/customers/${c.id}/contracts`, {
      title: "宽带合约",
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
    })
  ).id;
  ids.visitPlan = (
    await post(`/api/field/customers/${c.id}/visit-plans`, { kind: "phone", plannedAt: tomorrow })
  ).id;
  const visit = await post(`/api/field/customers/${c.id}/visits`, {
    kind: "phone",
    at: new Date().toISOString(),
    promises: [{ text: "回访", dueOn: "2026-12-01" }],
  });
  ids.visit = visit.id;
  ids.promise = visit.promises?.[0]?.id ?? randomUUID();
  ids.serviceOrder = (
    await post(`/api/field/customers/${c.id}/service-orders`, {
      kind: "install",
      orderName: "李四",
      orderAddress: "张江路1号",
      orderTier: "household",
    })
  ).id;
  ids.opportunity = (await post(`/api/field/customers/${c.id}/opportunities`, { title: "宽带升级" })).id;
  ids.blindSpot = (
    await post("/api/field/blind-spots", {
      areaCode: "SH-PD",
      village: "张江村",
      place: "村口",
      kind: "no_signal",
    })
  ).id;
  const sentOut = await t.api("POST", `/api/complaints/${ids.complaint}/send-work-order`, {
    token: admin,
    body: { department: "billing", brief: "核查计费" },
  });
  ids.workOrder =
    sentOut.statusCode < 300
      ? ((await t.api("GET", "/api/work-orders", { token: admin })).json()[0]?.id ?? randomUUID())
      : randomUUID();
  return ids;
}

/** The fixture a path parameter names; an id that names nothing where there is none. */
export function pathValue(ids: Fixtures, op: Operation, name: string): string {
  if (name !== "id") return ids[name] ?? randomUUID();
  const byPrefix: [string, string][] = [
    ["/api/tickets/", "ticket"],
    ["/api/appointments/", "appointment"],
    ["/api/complaints/", "complaint"],
    ["/api/work-orders/", "workOrder"],
    ["/api/faults/", "fault"],
    ["/api/field/customers/", "customer"],
    ["/api/field/contracts/", "contract"],
    ["/api/field/visit-plans/", "visitPlan"],
    ["/api/field/visits/", "visit"],
    ["/api/field/promises/", "promise"],
    ["/api/field/service-orders/", "serviceOrder"],
    ["/api/field/opportunities/", "opportunity"],
    ["/api/field/blind-spots/", "blindSpot"],
  ];
  const hit = byPrefix.find(([prefix]) => op.path.startsWith(prefix));
  return hit ? ids[hit[1]] : randomUUID();
}

/** A digest of every table: any insert, update or delete changes it. */
export async function digestTables(db: Db): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    // A device's request marks it seen (R-SITE) whatever the request's answer: not a change it made.
    const row_ = name === "devices" ? sql`(to_jsonb(x) - 'last_seen_at')::text` : sql`x::text`;
    const [row] = await queryRows<{ digest: string | null; n: number }>(
      db,
      sql`SELECT count(*)::int AS n, md5(string_agg(${row_}, '|' ORDER BY ${row_})) AS digest FROM ${sql.identifier(name)} x`,
    );
    out[name] = `${row.n}:${row.digest}`;
  }
  return out;
}
