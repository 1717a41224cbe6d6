import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/core/db.js";
import { buildTestApp, type TestApp } from "./helpers.js";

// Time-ordered keys (issue 17): every uuid primary key the database makes is a UUIDv7, and so is a ticket's
// (made by the app before its one statement) — later rows sort after earlier ones.
describe("time-ordered ids", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const version = (id: string) => id[14];
  const millis = (id: string) => Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);

  it("should make v7 ids that carry the time and sort in the order they were made", async () => {
    const rows = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT uuid_v7()::text AS id FROM generate_series(1, 50)`,
    );
    for (const { id } of rows) {
      expect(version(id)).toBe("7");
      expect("89ab").toContain(id[19]); // the RFC 9562 variant
      expect(Math.abs(millis(id) - Date.now())).toBeLessThan(60_000);
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(50);
  });

  it("should give every uuid primary key a v7 default", async () => {
    const defaults = await queryRows<{ table_name: string; column_default: string | null }>(
      t.database.db,
      sql`SELECT c.table_name, c.column_default FROM information_schema.columns c
          JOIN information_schema.key_column_usage k USING (table_schema, table_name, column_name)
          JOIN information_schema.table_constraints tc USING (table_schema, table_name, constraint_name)
          WHERE c.table_schema = 'public' AND c.column_name = 'id' AND c.data_type = 'uuid'
            AND tc.constraint_type = 'PRIMARY KEY'`,
    );
    expect(defaults.length).toBeGreaterThan(30);
    // The staff pulse's answers take random ids on purpose: a time-ordered id would tell when (and so by
    // whom) an anonymous answer was given (R-STAFFSAT).
    const randomByDesign = ["pulse_answers"];
    expect(
      defaults
        .filter((d) => d.column_default !== "uuid_v7()" && !randomByDesign.includes(d.table_name))
        .map((d) => d.table_name),
    ).toEqual([]);
  });

  it("should issue tickets, visits and their history with ids in issue order", async () => {
    const manager = await t.token("manager");
    const ids: { ticket: string; visit: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.api("POST", `/api/halls/${t.demo.hallId}/tickets`, {
        token: manager,
        body: { businessType: "payment" },
      });
      expect(res.statusCode).toBe(201);
      ids.push({ ticket: res.json().id, visit: res.json().visitId });
      await new Promise((r) => setTimeout(r, 3));
    }
    for (const key of ["ticket", "visit"] as const) {
      const made = ids.map((x) => x[key]);
      expect(made.every((id) => version(id) === "7")).toBe(true);
      expect([...made].sort()).toEqual(made);
    }
    const history = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id::text FROM ticket_history WHERE ticket_id = ${ids[0].ticket}::uuid`,
    );
    expect(history.every((h) => version(h.id) === "7")).toBe(true);
  });
});
