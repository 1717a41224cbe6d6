import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db, DbOrTx, Tx } from "../db.js";
import { run, statement } from "../statements.js";
import { transaction } from "../transaction.js";
import { CHANNEL, type HallEventType } from "./catalogue.js";

// Writing a hall's events: a change runs in a unit of work (withEvents) that collects its events and
// append-only log rows and writes them in one statement just before COMMIT — each round trip to the
// database costs more than the rows it carries — then tells the listeners. A change made by one
// statement alone writes its events in that statement (eventsCte) and calls announceCommitted.

/** What a change that emits hall events receives: its transaction, and where its events go. */
export type Work = {
  readonly tx: Tx;
  /** An event of this change; written at its end, and announced only once it has committed. */
  publish(hallId: string, type: HallEventType, data: unknown): void;
  /** A log row (history, visit nodes) that nothing in this change reads back: written with the events. */
  append<T extends PgTable>(table: T, row: T["$inferInsert"]): void;
  /** A hall whose events a statement of this change wrote itself (eventsCte): announced at the commit too. */
  announce(hallId: string): void;
};

type PendingEvent = { hallId: string; type: HallEventType; data: unknown };
type PendingRows = { table: PgTable; rows: Record<string, unknown>[] };
type Pending = { events: PendingEvent[]; rows: PendingRows[]; halls: Set<string> };

function unitOfWork(tx: Tx, pending: Pending): Work {
  return {
    tx,
    publish: (hallId, type, data) => void pending.events.push({ hallId, type, data }),
    append: (table, row) => {
      const last = pending.rows[pending.rows.length - 1];
      if (last?.table === table) last.rows.push(row);
      else pending.rows.push({ table, rows: [row] });
    },
    announce: (hallId) => void pending.halls.add(hallId),
  };
}

// Per database: the hub of this instance that is told of its own commits (EventHub.committed).
const announcers = new WeakMap<object, (halls: string[]) => void>();

/** The hub of this instance registers here to be told of the commits made through `db`. */
export function setAnnouncer(db: Db, announce: ((halls: string[]) => void) | null) {
  if (announce) announcers.set(db, announce);
  else announcers.delete(db);
}

export const notifyHalls = statement(
  `SELECT pg_notify('${CHANNEL}', json_build_object('hallId', h)::text) FROM unnest($1::text[]) AS h`,
);

/**
 * Runs a change as one unit of work, in a transaction whose closing statement writes its events and
 * log rows (sent with COMMIT on PostgreSQL, see transaction.ts). Every change that emits hall events
 * runs in one; what it calls receives the Work, never looks it up.
 */
export async function withEvents<T>(db: Db, fn: (work: Work) => Promise<T>): Promise<T> {
  const pending: Pending = { events: [], rows: [], halls: new Set() };
  const announce = announcers.get(db);
  let announced: string[] = [];
  const result = await transaction(
    db,
    (tx) => fn(unitOfWork(tx, pending)),
    (tx, pipelined) => {
      const halls = [...new Set([...pending.events.map((e) => e.hallId), ...pending.halls])];
      const written = pending.events.length || pending.rows.length;
      if (!written && !halls.length) return null;
      // This instance's hub, if it runs, is told once the COMMIT is back and sends the NOTIFY itself,
      // one for many changes; otherwise a NOTIFY goes right after the COMMIT, in the same write.
      if (pipelined && announce) announced = halls;
      // Without the pipeline the NOTIFY goes inside (delivered at the commit): with the events, and for
      // halls only a statement of the change wrote to, by itself.
      const unnoticed = pipelined ? [] : halls.filter((h) => !pending.events.some((e) => e.hallId === h));
      const trailing = written ? writeTrailing(tx, pending, !pipelined) : Promise.resolve();
      return {
        last: unnoticed.length ? trailing.then(() => run(tx, notifyHalls, [unnoticed])) : trailing,
        afterCommit: pipelined && !announce && halls.length ? (c) => run(c, notifyHalls, [halls]) : undefined,
      };
    },
  );
  if (announced.length) announce?.(announced);
  return result;
}

/**
 * An event written at once, outside a unit of work (in the caller's transaction, if it is one): its
 * NOTIFY is delivered at that transaction's commit, so listeners never see a change rolled back.
 */
export async function publishNow(db: DbOrTx, hallId: string, type: HallEventType, data: unknown) {
  await writeTrailing(db, { events: [{ hallId, type, data }], rows: [], halls: new Set() });
}

/** After a change committed by one statement alone: this instance's hub is told, or else a NOTIFY goes out. */
export async function announceCommitted(db: Db, halls: string[]) {
  const announce = announcers.get(db);
  if (announce) announce(halls);
  else await run(db, notifyHalls, [halls]);
}

/**
 * The CTE, named `e`, with which a statement writes its events: `rows` selects (hall_id, type, data, ord).
 * A change made by one statement alone (atomic by itself, with no transaction around it) uses it too,
 * then calls announceCommitted once the statement is back.
 */
export const eventsCte = (rows: string) => `e AS (
  INSERT INTO hall_events (hall_id, type, data)
  SELECT x.hall_id, x.type, x.data FROM (${rows}) x ORDER BY x.ord
  RETURNING hall_id
)`;

// The events of a closing statement; with `notify`, one NOTIFY per hall saying "read from the table".
const INSERT_EVENTS = (n: number, notify: boolean) =>
  `${eventsCte(`SELECT * FROM jsonb_to_recordset($${n}::jsonb) AS r(hall_id uuid, type text, data jsonb, ord int)`)}
${notify ? `SELECT pg_notify('${CHANNEL}', json_build_object('hallId', hall_id)::text) FROM e GROUP BY hall_id` : "SELECT 1"}`;

/** Quoted column names of `keys`, and the record type that reads them from JSON (jsonb_to_recordset). */
function jsonColumns(table: PgTable, keys: string[]) {
  const columns = getTableColumns(table);
  const names = keys.map((k) => `"${columns[k].name}"`);
  return { columns, names, record: keys.map((k, i) => `${names[i]} ${columns[k].getSQLType()}`).join(", ") };
}

/** The table's row (column names) of the given properties, as JSON for jsonb_to_recordset. */
const asJson = (columns: ReturnType<typeof getTableColumns>, keys: string[], row: Record<string, unknown>) =>
  Object.fromEntries(keys.map((k) => [columns[k].name, row[k] ?? null]));

/**
 * The closing statement: the log rows, then the events. Its text depends only on the shape.
 * `notifyInside` false leaves the NOTIFY to the hub (EventHub.committed) or to a statement right after
 * COMMIT (see withEvents): a transaction that notifies holds PostgreSQL's one notify lock from its
 * commit's start to its end, WAL flush included, so notifying transactions cannot share a flush; a
 * NOTIFY in its own transaction right after (no WAL to flush) holds it for an instant.
 */
function writeTrailing(tx: DbOrTx, { events, rows }: Pending, notifyInside = true) {
  const ctes: string[] = [];
  const params: string[] = [];
  for (const { table, rows: list } of rows) {
    // INSERT … SELECT for the columns the rows name (the others take their defaults).
    const keys = Object.keys(getTableColumns(table)).filter((k) => list.some((r) => r[k] !== undefined));
    const { columns, names, record } = jsonColumns(table, keys);
    params.push(JSON.stringify(list.map((r) => asJson(columns, keys, r))));
    ctes.push(
      `r${ctes.length} AS (INSERT INTO "${getTableName(table)}" (${names.join(", ")}) SELECT ${names.join(", ")} ` +
        `FROM jsonb_to_recordset($${params.length}::jsonb) AS x(${record}))`,
    );
  }
  let text: string;
  if (events.length) {
    params.push(
      JSON.stringify(events.map((e, ord) => ({ hall_id: e.hallId, type: e.type, data: e.data, ord }))),
    );
    text = `WITH ${[...ctes, INSERT_EVENTS(params.length, notifyInside)].join(",\n")}`;
  } else {
    // Unreferenced data-modifying CTEs still run; the outer SELECT is only there to carry them.
    text = `WITH ${ctes.join(",\n")} SELECT 1`;
  }
  return run(tx, statement(text), params);
}
