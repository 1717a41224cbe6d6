import { NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import type { Db, Tx } from "./db.js";
import { driverOf, run, type Statement } from "./statements.js";

// A transaction on PostgreSQL that saves two round trips. On this kind of machine a round trip's
// write and wake-up cost more than the statement itself (bench/README.md), and a queue change is only
// three to five statements. So BEGIN goes out in the same write as the transaction's first statement,
// and COMMIT in the same write as its last one (node-postgres pipelines the queries of a client that
// has `pipeline` set; each keeps its own Sync, so a failing statement fails alone and a COMMIT after it
// rolls back). PGlite, which has no sockets, uses Drizzle's own transaction.

const clientTxs = new WeakMap<pg.Client, Tx>();

/** The pool behind a Drizzle database, when it is node-postgres outside any transaction. */
const poolOf = (db: Db | Tx): pg.Pool | null => {
  const client = driverOf(db);
  return client instanceof pg.Pool ? client : null;
};

/**
 * Turns node-postgres's pipeline mode on or off for a connection. Its types declare `pipeline` read-only,
 * but the client reads it per query; the pool's connections come back without it (see `finally` below).
 */
const setPipeline = (client: pg.Client, on: boolean) => Object.assign(client, { pipeline: on });

/**
 * A pool connection in node-postgres's pipeline mode (`setPipeline(client, false)` before releasing it),
 * a Drizzle transaction on it (BEGIN and COMMIT are sent here, so a nested `tx.transaction()` is a
 * savepoint as in Drizzle's own), and its socket to cork.
 */
async function pipelinedClient(pool: pg.Pool) {
  const connection = await pool.connect();
  // A pool's connections are Clients (pg.PoolClient only types the part a pool user needs).
  if (!(connection instanceof pg.Client)) throw new Error("a pg.Pool connection that is not a pg.Client");
  const client: pg.Client & pg.PoolClient = connection;
  let tx = clientTxs.get(client);
  if (!tx) {
    const dialect = new PgDialect();
    tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, undefined), undefined);
    clientTxs.set(client, tx);
  }
  setPipeline(client, true);
  return { client, tx, stream: client.connection.stream };
}

/**
 * The transaction's last statement (`last`, sent with COMMIT) and, on PostgreSQL, one sent right after
 * COMMIT in the same write, in its own transaction (`afterCommit`; its failure is not the change's).
 * `pipelined` says which path runs: only the pipelined one runs `afterCommit`.
 */
export type Closing = (
  tx: Tx,
  pipelined: boolean,
) => { last: Promise<unknown>; afterCommit?: (tx: Tx) => Promise<unknown> } | null;

/**
 * Runs `fn` in a transaction; `closing` (optional) issues the transaction's last statement, which is
 * sent together with COMMIT. Given a transaction (not a pool), Drizzle nests it as a savepoint.
 */
export async function transaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>, closing?: Closing): Promise<T> {
  const pool = poolOf(db);
  if (!pool) {
    return (db as Db).transaction(async (tx) => {
      const result = await fn(tx as Tx);
      await closing?.(tx as Tx, false)?.last;
      return result;
    });
  }
  const { client, tx, stream } = await pipelinedClient(pool);
  let broken: Error | undefined;
  try {
    // Held back until the statements issued in this turn of the event loop are written with it.
    stream.cork();
    const begun = client.query("BEGIN");
    setImmediate(() => stream.uncork());
    let result: T;
    try {
      result = await fn(tx);
      await begun;
    } catch (e) {
      await begun.catch(() => {});
      await client.query("ROLLBACK").catch((err: Error) => {
        broken = err;
      });
      throw e;
    }
    stream.cork();
    const closed = closing?.(tx, true) ?? null;
    const committed = client.query("COMMIT");
    const after = closed?.afterCommit?.(tx).catch(() => {});
    stream.uncork();
    try {
      await closed?.last;
    } catch (e) {
      // The COMMIT behind a failed statement ends the transaction as a rollback.
      await committed.catch((err: Error) => {
        broken = err;
      });
      // Every pipelined query must be answered before the client goes back to the pool without
      // pipelining, or its answer would be taken for the next user's.
      await after;
      throw e;
    }
    try {
      await committed;
    } finally {
      await after;
    }
    return result;
  } catch (e) {
    if ((e as { code?: string }).code === undefined && !broken) broken = e as Error;
    throw e;
  } finally {
    setPipeline(client, false);
    // A connection whose state is unknown (a driver or network error, not an SQL error) is not reused.
    client.release(broken);
  }
}

/**
 * On PostgreSQL: autocommit statements sent in one write on one connection, which runs them in order,
 * each in its own transaction; the rows of each (a failed one rejects, the others still run). A later
 * statement may read what an earlier one left in the session (`set_config(…, false)`). Null on PGlite,
 * whose one connection other requests share between statements.
 */
export async function sendTogether(
  db: Db,
  steps: [Statement, unknown[]][],
): Promise<Record<string, unknown>[][] | null> {
  const pool = poolOf(db);
  if (!pool) return null;
  const { client, tx, stream } = await pipelinedClient(pool);
  let broken: Error | undefined;
  try {
    stream.cork();
    const answers = steps.map(([st, params]) => run(tx, st, params));
    stream.uncork();
    const settled = await Promise.allSettled(answers);
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) {
      const e = failed.reason as Error & { code?: string };
      if (e.code === undefined) broken = e;
      throw e;
    }
    return settled.map((s) => (s as PromiseFulfilledResult<Record<string, unknown>[]>).value);
  } finally {
    setPipeline(client, false);
    client.release(broken);
  }
}
