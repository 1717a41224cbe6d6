import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "../src/core/db.js";
import { createTestDatabase } from "./helpers.js";

// docs/scale.md places every table on Citus (distributed by hall or region, reference, or local) and lists
// the keys not yet shaped for create_distributed_table. This holds the document to the schema both ways: a
// new table, a new key without its distribution column, or a key reshaped without the list updated fails.

const doc = readFileSync(new URL("../docs/scale.md", import.meta.url), "utf8");
const placement = new Map(
  [...doc.matchAll(/^\| ([a-z_]+) \| (distributed \((hall_id|region_code)\)|reference|local) \|$/gm)].map(
    (m) => [m[1], m[3] ?? m[2]],
  ),
);
const listed = (name: string) => {
  const block = doc.split(`<!-- ${name}:start -->`)[1]?.split(`<!-- ${name}:end -->`)[0] ?? "";
  return [...block.matchAll(/^- ([a-z_0-9]+)$/gm)].map((m) => m[1]).sort();
};

describe("docs/scale.md against the schema", () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase());
  });
  afterAll(() => drop());

  it("should place every table once, and only tables that exist", async () => {
    const tables = (
      await queryRows<{ t: string }>(
        database.db,
        sql`SELECT table_name AS t FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      )
    )
      .map((r) => r.t)
      .sort();
    const rows = [...doc.matchAll(/^\| ([a-z_]+) \| (distributed|reference|local)/gm)].map((m) => m[1]);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...placement.keys()].sort()).toEqual(tables);
  });

  it("should list exactly the distributed tables that still lack their column, not null", async () => {
    const columns = await queryRows<{ t: string; c: string; nullable: string }>(
      database.db,
      sql`SELECT table_name AS t, column_name AS c, is_nullable AS nullable FROM information_schema.columns
          WHERE table_schema = 'public'`,
    );
    const lacking = [...placement]
      .filter(([, p]) => p === "hall_id" || p === "region_code")
      .filter(([t, p]) => !columns.some((c) => c.t === t && c.c === p && c.nullable === "NO"))
      .map(([t]) => t)
      .sort();
    expect(lacking).toEqual(listed("column"));
  });

  it("should list exactly the primary keys and unique indexes without the distribution column", async () => {
    const keys = await queryRows<{ t: string; name: string; cols: string[] }>(
      database.db,
      sql`SELECT t.relname AS t, i.relname AS name,
            array(SELECT a.attname::text FROM unnest(x.indkey) k JOIN pg_attribute a
                  ON a.attrelid = x.indrelid AND a.attnum = k) AS cols
          FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
          JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = 'public' AND (x.indisunique OR x.indisprimary)`,
    );
    const unshaped = keys
      .filter((k) => {
        const p = placement.get(k.t);
        return (p === "hall_id" || p === "region_code") && !k.cols.includes(p);
      })
      .map((k) => k.name)
      .sort();
    expect(unshaped).toEqual(listed("reshape"));
  });

  it("should join every foreign key between distributed tables on their distribution column", async () => {
    const keys = await queryRows<{ name: string; t: string; parent: string; cols: string[]; refs: string[] }>(
      database.db,
      sql`SELECT c.conname AS name, c.conrelid::regclass::text AS t, c.confrelid::regclass::text AS parent,
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a
                  ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols,
            array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a
                  ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS refs
          FROM pg_constraint c WHERE c.contype = 'f'`,
    );
    const distributed = (t: string) => {
      const p = placement.get(t);
      return p === "hall_id" || p === "region_code" ? p : null;
    };
    const between = keys.filter((k) => distributed(k.t) && distributed(k.parent));
    expect(between.length).toBeGreaterThan(20);
    const wrong = between.filter((k) => {
      const p = distributed(k.t);
      const i = k.cols.indexOf(p ?? "");
      return distributed(k.parent) !== p || i < 0 || k.refs[i] !== p;
    });
    expect(wrong.map((k) => k.name)).toEqual([]);
  });
});
