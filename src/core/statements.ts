import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import type { DbOrTx } from "./db.js";

// The hot path's fixed statements, sent straight to the driver. Drizzle builds a query afresh on every
// call, and on the lifecycle benchmark that building was a third of the server's CPU (bench/README.md);
// these are written once, and on PostgreSQL they are prepared once per connection by name, so the
// database does not parse and plan them again either. Results come back as Drizzle's row types.

export type Statement = { name: string; text: string };

const names = new Map<string, string>();

/** A statement with a stable name derived from its text (one prepared statement per text). */
export function statement(text: string): Statement {
  let name = names.get(text);
  if (!name) {
    name = `tw${names.size + 1}`;
    names.set(text, name);
  }
  return { name, text };
}

// Dates stay 'YYYY-MM-DD' strings, as Drizzle's date columns give them; everything else as the driver parses it.
const DATE_OID = 1082;
const pgTypes = {
  getTypeParser: (oid: number, format?: string) =>
    oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format as "text"),
};

type DriverResult = { rows: Record<string, unknown>[]; rowCount?: number | null; affectedRows?: number };
type DriverClient = { query(...args: unknown[]): Promise<DriverResult> };

/**
 * The driver connection behind a Drizzle database or transaction (a pg Pool or client, or PGlite): the
 * session's `client`, which Drizzle declares private, read by name.
 */
export const driverOf = (db: DbOrTx): unknown => Reflect.get(db._.session, "client");

function send(db: DbOrTx, st: Statement, params: unknown[]): Promise<DriverResult> {
  const client = driverOf(db) as DriverClient;
  const pglite = !(client instanceof pg.Pool || client instanceof pg.Client);
  return pglite
    ? client.query(st.text, params) // PGlite is opened with the same date parser (src/core/db.ts)
    : client.query({ name: st.name, text: st.text, values: params, types: pgTypes });
}

/** Runs a statement on the connection behind a Drizzle database or transaction; its rows. */
export async function run<T = Record<string, unknown>>(
  db: DbOrTx,
  st: Statement,
  params: unknown[],
): Promise<T[]> {
  return (await send(db, st, params)).rows as T[];
}

/** The same for a statement whose answer is the number of rows it changed. */
export async function runCount(db: DbOrTx, st: Statement, params: unknown[]): Promise<number> {
  const result = await send(db, st, params);
  return result.rowCount ?? result.affectedRows ?? 0;
}

type Mapper<T> = (row: Record<string, unknown>) => T;
const mappers = new WeakMap<PgTable, Mapper<unknown>>();

/** Maps a `SELECT *` / `RETURNING *` row (column names) to the table's Drizzle row (property names). */
export function rowOf<T extends PgTable>(table: T): Mapper<T["$inferSelect"]> {
  let mapper = mappers.get(table);
  if (!mapper) {
    const columns = Object.entries(getTableColumns(table)).map(([key, c]) => ({
      key,
      name: c.name,
      // int8 arrives as a string from node-postgres; Drizzle's number mode reads it as a number.
      number: c.dataType === "number",
    }));
    mapper = (row) => {
      const out: Record<string, unknown> = {};
      for (const c of columns) {
        const v = row[c.name];
        out[c.key] = c.number && typeof v === "string" ? Number(v) : v;
      }
      return out;
    };
    mappers.set(table, mapper);
  }
  return mapper as Mapper<T["$inferSelect"]>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Column names and driver values of the given properties, converted as Drizzle converts them. */
function columnsOf(table: PgTable, values: Record<string, unknown>) {
  const columns = getTableColumns(table);
  const keys = Object.keys(values).filter((k) => values[k] !== undefined);
  return {
    names: keys.map((k) => {
      const c = columns[k];
      if (!c) throw new Error(`${getTableName(table)} has no column ${k}`);
      return quote(c.name);
    }),
    params: keys.map((k) => (values[k] === null ? null : columns[k].mapToDriverValue(values[k]))),
  };
}

/** INSERT of the given properties (the others take their defaults), RETURNING the whole row. */
export async function insertRow<T extends PgTable>(
  db: DbOrTx,
  table: T,
  values: T["$inferInsert"],
): Promise<T["$inferSelect"]> {
  const { names, params } = columnsOf(table, values as Record<string, unknown>);
  const st = statement(
    `INSERT INTO ${quote(getTableName(table))} (${names.join(", ")}) ` +
      `VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING *`,
  );
  const [row] = await run(db, st, params);
  return rowOf(table)(row);
}

/** UPDATE of one row by its `id`, RETURNING the whole row (undefined when no row has that id). */
export async function updateById<T extends PgTable>(
  db: DbOrTx,
  table: T,
  id: string,
  set: Partial<T["$inferInsert"]>,
): Promise<T["$inferSelect"] | undefined> {
  const { names, params } = columnsOf(table, set as Record<string, unknown>);
  const st = statement(
    `UPDATE ${quote(getTableName(table))} SET ${names.map((c, i) => `${c} = $${i + 2}`).join(", ")} ` +
      "WHERE id = $1 RETURNING *",
  );
  const [row] = await run(db, st, [id, ...params]);
  return row ? rowOf(table)(row) : undefined;
}
