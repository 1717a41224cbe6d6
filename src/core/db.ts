import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { type ExtractTablesWithRelations, type SQL, sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

// One Drizzle type for both drivers: the queries are plain PostgreSQL either way (ARCHITECTURE).
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;
export type DbOrTx = Db | Tx;

export type NotificationHandler = (payload: string) => void;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /**
   * Subscribe to a NOTIFY channel; returns the unsubscribe function. `onResume` runs each time listening
   * resumes after a lost connection: whatever was notified in between never arrives.
   */
  listen(channel: string, handler: NotificationHandler, onResume?: () => void): Promise<() => Promise<void>>;
  migrate(): Promise<void>;
  /**
   * Bulk load (`COPY … FROM` in PostgreSQL's text format: tab-separated, `\\N` for null, one row a line)
   * for seeding history; nothing on a request's path uses it. The rows must be consistent among
   * themselves: a superuser loads them with foreign-key triggers off (session_replication_role), which
   * is most of the cost of a bulk load.
   */
  copyRows(table: string, columns: string[], text: string): Promise<void>;
  close(): Promise<void>;
}

const copyStatement = (table: string, columns: string[], source: string) =>
  `COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM ${source}`;

const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));

// Any instance that starts migrates; on PostgreSQL an advisory lock keeps two from migrating at once.
const MIGRATION_LOCK = 7_142_001;

export async function openDatabase(options: {
  url?: string;
  dataDir?: string;
  poolSize?: number;
}): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 20);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir?: string): Promise<Database> {
  // dataDir undefined = in memory (tests); "memory://" is PGlite's own spelling of the same.
  // Dates stay 'YYYY-MM-DD' strings, as Drizzle reads them. Given once here rather than with each
  // query: PGlite copies its whole parser table for every query that brings its own (src/core/statements.ts).
  const parsers = { 1082: (v: string) => v };
  const client = dataDir ? new PGlite(dataDir, { parsers }) : new PGlite({ parsers });
  await client.waitReady;
  const db: Db = drizzlePglite(client);
  return {
    db,
    kind: "pglite",
    async listen(channel, handler) {
      const unsubscribe = await client.listen(channel, handler);
      return async () => unsubscribe();
    },
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async copyRows(table, columns, text) {
      await client.transaction(async (tx) => {
        await tx.query("SET LOCAL session_replication_role = replica");
        await tx.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([text]) });
      });
    },
    async close() {
      await client.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // No JIT: Tingwu's statements are short index reads, and PostgreSQL compiles any plan whose estimate
  // passes jit_above_cost — on a table of 9 M rows a 10 ms journey report spent 600–900 ms compiling
  // (issue 17, docs/decisions.md). Set per connection, so a shared server's own setting is left alone.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: "-c jit=off" });
  // An idle connection closed by the server (restart, failover, pg_terminate_backend) is dropped from the
  // pool and replaced on next use; without a handler node-postgres would take the whole process down.
  pool.on("error", () => {});
  const db: Db = drizzleNodePg(pool);
  const listeners = new Map<string, Set<NotificationHandler>>();
  const resumers = new Set<() => void>();
  let listenClient: pg.Client | undefined;
  let closed = false;
  let superuser: Promise<boolean> | undefined;

  // One connection per instance carries every LISTEN; it reconnects by itself after a drop.
  async function connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on("notification", (msg) => {
      for (const handler of listeners.get(msg.channel) ?? []) handler(msg.payload ?? "");
    });
    // A server-side close may come as an error, an end, or both: reconnect once.
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (listenClient === client) listenClient = undefined;
      if (!closed) setTimeout(() => void reconnect(), 1000);
    };
    client.on("error", onLost);
    client.on("end", onLost);
    for (const channel of listeners.keys()) await client.query(`LISTEN "${channel}"`);
    return client;
  }
  async function reconnect() {
    if (closed || listenClient) return;
    try {
      listenClient = await connectListener();
      for (const resume of resumers) resume();
    } catch {
      setTimeout(() => void reconnect(), 1000);
    }
  }

  return {
    db,
    kind: "postgres",
    async listen(channel, handler, onResume) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      if (onResume) resumers.add(onResume);
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        if (!listenClient) listenClient = await connectListener();
        else await listenClient.query(`LISTEN "${channel}"`);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (onResume) resumers.delete(onResume);
      };
    },
    async migrate() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
        await migrateNodePg(drizzleNodePg(client), { migrationsFolder });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
        await client.end();
      }
    },
    async copyRows(table, columns, text) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        superuser ??= client
          .query<{ s: boolean }>("SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user")
          .then((r) => r.rows[0]?.s === true);
        if (await superuser) await client.query("SET LOCAL session_replication_role = replica");
        await pipeline(Readable.from([text]), client.query(copyFrom(copyStatement(table, columns, "STDIN"))));
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      closed = true;
      await listenClient?.end().catch(() => {});
      await pool.end();
    },
  };
}

/** PostgreSQL's unique_violation, whether the driver error is bare or wrapped by Drizzle. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/** Rows of a raw SQL query; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  // The result's type is `unknown` for the generic driver (PgQueryResultHKT); both drivers answer { rows }.
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}

/**
 * Values as one array parameter of a raw statement (`= ANY(…)`, `unnest(…)`): a PostgreSQL array literal,
 * each element quoted, so a region code with a comma or a brace stays one element.
 */
export function sqlArray(values: readonly string[], type: "uuid" | "text" | "date"): SQL {
  return sql`${arrayLiteral(values)}::${sql.raw(type)}[]`;
}

/** The PostgreSQL array literal of values, for a prepared statement's `$n::text[]` parameter. */
export const arrayLiteral = (values: readonly string[]) =>
  `{${values.map((v) => `"${v.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
