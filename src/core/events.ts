import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type Database, type Db, type DbOrTx, queryRows, type Tx } from "./db.js";
import { run, runCount, statement } from "./statements.js";
import { transaction } from "./transaction.js";

export const hallEventTypes = [
  "ticket.issued",
  "ticket.called",
  "ticket.recalled",
  "ticket.started",
  "ticket.finished",
  "ticket.no_show",
  "ticket.returned",
  "ticket.transferred",
  "ticket.cancelled",
  "ticket.diverted",
  "counter.opened",
  "counter.closed",
  "peak.changed",
  "limit.breached",
  "visit.node",
  "evaluation.submitted",
] as const;
export type HallEventType = (typeof hallEventTypes)[number];

/** A place in a hall's stream: the writing transaction, then the event's id (see below). */
export type Position = { tx: string; id: number };
export type HallEvent = { id: number; hallId: string; type: string; data: unknown; at: string; tx: string };

const CHANNEL = "tingwu_hall_events";

// A hall's stream is ordered by (writing transaction id, event id), not by event id alone: ids come
// from a sequence when rows are inserted, but transactions commit in another order, so a display that
// resumed "after id N" could miss a smaller id that committed later. Instead an event is delivered (or
// replayed) only once every transaction that started before its own has ended — its tx_id is below
// the snapshot's xmin — and from then on nothing can appear before it. Writers take no lock and
// commit side by side (sharing WAL flushes); readers wait for the oldest running transaction, which
// for this app is a few milliseconds. The SSE id is the position, `<tx>-<id>`.
// (Until 2026-11 a per-hall advisory lock serialised the commits instead; see docs/decisions.md.)
export const formatPosition = (p: Position) => `${p.tx}-${p.id}`;
const START: Position = { tx: "0", id: 0 };

type PendingEvent = { hallId: string; type: HallEventType; data: unknown };
type PendingRows = { table: PgTable; rows: Record<string, unknown>[] };
type Buffer = { events: PendingEvent[]; rows: PendingRows[] };
const buffers = new WeakMap<object, Buffer>();

/**
 * A transaction whose events (publishEvent) and log rows (appendRow) are written at its end, in one
 * statement just before COMMIT: each round trip to the database costs more than the rows it carries.
 * Every change that emits hall events runs in one of these.
 */
export async function withEvents<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // Already inside one: the same transaction, and its buffer collects everything.
  if (buffers.has(db)) return fn(db as Tx);
  const buffer: Buffer = { events: [], rows: [] };
  const announce = announcers.get(db);
  let announced: string[] = [];
  const result = await transaction(
    db,
    async (tx) => {
      buffers.set(tx, buffer);
      try {
        return await fn(tx);
      } catch (e) {
        buffers.delete(tx);
        throw e;
      }
    },
    (tx, pipelined) => {
      // A PostgreSQL connection's Tx serves its next transaction too: the buffer goes with this one.
      buffers.delete(tx);
      if (!buffer.events.length && !buffer.rows.length) return null;
      const halls = [...new Set(buffer.events.map((e) => e.hallId))];
      // This instance's hub, if it runs, is told once the COMMIT is back and sends the NOTIFY itself,
      // one for many changes; otherwise a NOTIFY goes right after the COMMIT, in the same write.
      if (pipelined && announce) announced = halls;
      return {
        last: writeTrailing(tx, buffer, !pipelined),
        afterCommit: pipelined && !announce && halls.length ? (c) => run(c, notifyHalls, [halls]) : undefined,
      };
    },
  );
  if (announced.length) announce?.(announced);
  return result;
}

// Per database: the hub of this instance that is told of its own commits (EventHub.committed).
const announcers = new WeakMap<object, (halls: string[]) => void>();

/**
 * Inserts an append-only log row (history, visit nodes) that nothing in the same transaction reads back:
 * inside withEvents it is written with the events at the end; elsewhere at once.
 */
export async function appendRow<T extends PgTable>(tx: DbOrTx, table: T, row: T["$inferInsert"]) {
  const buffer = buffers.get(tx);
  if (!buffer) {
    await tx.insert(table).values(row);
    return;
  }
  const last = buffer.rows[buffer.rows.length - 1];
  if (last?.table === table) last.rows.push(row);
  else buffer.rows.push({ table, rows: [row] });
}

/**
 * Records an event of the caller's transaction; NOTIFY is delivered only at commit, so listeners never
 * see a change that was rolled back. Inside withEvents it is written at the end; elsewhere at once.
 */
export async function publishEvent(
  tx: DbOrTx,
  hallId: string,
  type: HallEventType,
  data: unknown,
): Promise<void> {
  const buffer = buffers.get(tx);
  if (buffer) buffer.events.push({ hallId, type, data });
  else await writeTrailing(tx, { events: [{ hallId, type, data }], rows: [] });
}

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

const notifyHalls = statement(
  `SELECT pg_notify('${CHANNEL}', json_build_object('hallId', h)::text) FROM unnest($1::text[]) AS h`,
);

/** After a change committed outside withEvents: this instance's hub is told, or else a NOTIFY goes out. */
export async function announceCommitted(db: Db, halls: string[]) {
  const announce = announcers.get(db);
  if (announce) announce(halls);
  else await run(db, notifyHalls, [halls]);
}

/**
 * The closing statement: the log rows, then the events. Its text depends only
 * on the shape. `notifyInside` false leaves the NOTIFY to the hub (EventHub.committed) or to a statement
 * right after COMMIT (see withEvents): a transaction that notifies holds
 * PostgreSQL's one notify lock from its commit's start to its end, WAL flush included, so notifying
 * transactions cannot share a flush; a NOTIFY in its own transaction right after (no WAL to flush)
 * holds it for an instant.
 */
function writeTrailing(tx: DbOrTx, { events, rows }: Buffer, notifyInside = true) {
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

// Oldest first by the primary key, so each batch reads only the rows it deletes.
const deleteOldEvents = statement(
  `DELETE FROM hall_events WHERE id IN (
     SELECT id FROM hall_events WHERE at < $1 ORDER BY id LIMIT $2)`,
);

/**
 * Deletes the live events older than `before`, in batches. They exist for screens that reconnect and
 * replay what they missed (minutes, or a night); nothing else reads them, and every queue change adds
 * some. Returns how many went.
 */
export async function pruneEvents(db: Db, before: Date, batch = 5_000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const n = await runCount(db, deleteOldEvents, [before, batch]);
    deleted += n;
    if (n < batch) return deleted;
  }
}

/** A sweep task that prunes at most once an hour in each instance (the sweeper runs every few seconds). */
export function pruneEventsHourly(db: Db, retentionDays: number, log: { info(o: object, m: string): void }) {
  let last = 0;
  return async () => {
    if (Date.now() - last < 3_600_000) return;
    last = Date.now();
    const deleted = await pruneEvents(db, new Date(Date.now() - retentionDays * 86_400_000));
    if (deleted) log.info({ deleted, retentionDays }, "pruned old hall events");
  };
}

const comparePositions = (a: Position, b: Position) => {
  const ta = BigInt(a.tx);
  const tb = BigInt(b.tx);
  return ta < tb ? -1 : ta > tb ? 1 : a.id - b.id;
};

type EventRow = {
  id: string | number;
  hall_id: string;
  type: string;
  data: unknown;
  at: string | Date;
  tx: string;
};
const toEvent = (r: EventRow): HallEvent => ({
  id: Number(r.id),
  hallId: r.hall_id,
  type: r.type,
  data: r.data,
  at: new Date(r.at).toISOString(),
  tx: r.tx,
});
const positionOf = (e: HallEvent): Position => ({ tx: e.tx, id: e.id });

type Subscriber = (event: HallEvent, frame: string) => void;

/** One SSE frame per event, built once and written to every client of the hall. */
export const sseFrame = (e: HallEvent) =>
  `id: ${formatPosition(positionOf(e))}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

/** Parses a Last-Event-ID: a position `<tx>-<id>`, or a bare event id from before positions existed. */
export function parsePosition(value: string | undefined): Position | { legacyId: number } | null {
  if (!value) return null;
  const m = /^(\d{1,20})-(\d{1,15})$/.exec(value);
  if (m) return { tx: m[1], id: Number(m[2]) };
  return /^\d{1,15}$/.test(value) ? { legacyId: Number(value) } : null;
}

const BATCH = 1000;
// Only what no running transaction can still precede (tx_id below the snapshot's xmin), and whether
// anything after the cursor is still held back by an older transaction (read again soon, then).
const selectAfter = statement(
  `SELECT e.id, e.hall_id, e.type, e.data, e.at, e.tx, p.pending
   FROM (SELECT EXISTS (
     SELECT 1 FROM hall_events WHERE hall_id = $1 AND (tx_id, id) > ($2::xid8, $3::bigint)
       AND tx_id >= pg_snapshot_xmin(pg_current_snapshot())) AS pending) p
   LEFT JOIN LATERAL (
     SELECT id, hall_id, type, data, at, tx_id::text AS tx FROM hall_events
     WHERE hall_id = $1 AND (tx_id, id) > ($2::xid8, $3::bigint)
       AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY tx_id, id LIMIT $4) e ON true`,
);
const selectHead = statement(
  `SELECT tx_id::text AS tx, id FROM hall_events
   WHERE hall_id = $1 AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
   ORDER BY tx_id DESC, id DESC LIMIT 1`,
);
const RETRY_MS = [2, 5, 10, 20, 50, 100, 200];
// How long this instance gathers its own commits before one NOTIFY tells the other instances.
const NOTIFY_EVERY_MS = 20;
// A NOTIFY lost with a connection (sent after COMMIT, in its own transaction) is made up for by this.
const SAFETY_PUMP_MS = 5_000;

/** One hall's live feed in this instance: reads what became deliverable and hands it to the streams. */
class HallFeed {
  readonly subscribers = new Set<Subscriber>();
  private cursor: Position | null = null;
  private running = false;
  private again = false;
  private retries = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly safety: ReturnType<typeof setInterval>;
  readonly ready: Promise<void>;

  constructor(
    private readonly hub: EventHub,
    readonly hallId: string,
  ) {
    this.ready = hub.head(hallId).then((head) => {
      this.cursor = head;
    });
    this.safety = setInterval(() => void this.pump(), SAFETY_PUMP_MS);
    this.safety.unref();
  }

  /** Reads from the cursor; only one read at a time, and one more if anything was announced meanwhile. */
  async pump(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    let pending = false;
    try {
      await this.ready;
      do {
        this.again = false;
        for (;;) {
          const batch = await this.hub.read(this.hallId, this.cursor ?? START, BATCH);
          pending = batch.pending;
          for (const e of batch.events) {
            this.cursor = positionOf(e);
            const frame = sseFrame(e);
            for (const s of this.subscribers) s(e, frame);
          }
          if (batch.events.length < BATCH) break;
        }
      } while (this.again);
    } catch {
      // The pool is failing (the database restarting): read again soon.
      pending = true;
    } finally {
      this.running = false;
    }
    clearTimeout(this.timer);
    if (pending && this.subscribers.size) {
      const delay = RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)];
      this.timer = setTimeout(() => void this.pump(), delay);
    } else this.retries = 0;
  }

  close() {
    clearTimeout(this.timer);
    clearInterval(this.safety);
  }
}

/** Per instance: one LISTEN, fanned out to the SSE streams of each hall. */
export class EventHub {
  private readonly feeds = new Map<string, HallFeed>();
  private unlisten?: () => Promise<void>;

  constructor(private readonly database: Database) {}

  private readonly toNotify = new Set<string>();
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Changes committed by this instance: its own streams are served at once, and other instances learn
   * of them by one NOTIFY per hall for all the changes of the next few milliseconds — one statement
   * instead of one per change (a lost one is made up by each feed's 5 s re-read).
   */
  committed(halls: string[]) {
    for (const h of halls) {
      void this.feeds.get(h)?.pump();
      this.toNotify.add(h);
    }
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = undefined;
      const batch = [...this.toNotify];
      this.toNotify.clear();
      run(this.database.db, notifyHalls, [batch]).catch(() => {});
    }, NOTIFY_EVERY_MS);
  }

  async start() {
    announcers.set(this.database.db, (halls) => this.committed(halls));
    this.unlisten = await this.database.listen(
      CHANNEL,
      (payload) => this.onNotify(payload),
      // Whatever was announced while the LISTEN connection was down is in the table: read every hall.
      () => {
        for (const feed of this.feeds.values()) void feed.pump();
      },
    );
  }

  async stop() {
    announcers.delete(this.database.db);
    clearTimeout(this.notifyTimer);
    for (const feed of this.feeds.values()) feed.close();
    await this.unlisten?.();
  }

  private onNotify(payload: string) {
    const n = JSON.parse(payload) as { hallId: string };
    void this.feeds.get(n.hallId)?.pump();
  }

  subscribe(hallId: string, fn: Subscriber): { ready: Promise<void>; unsubscribe: () => void } {
    let feed = this.feeds.get(hallId);
    if (!feed) {
      feed = new HallFeed(this, hallId);
      this.feeds.set(hallId, feed);
    }
    feed.subscribers.add(fn);
    const mine = feed;
    return {
      ready: feed.ready,
      unsubscribe: () => {
        mine.subscribers.delete(fn);
        if (mine.subscribers.size === 0 && this.feeds.get(hallId) === mine) {
          mine.close();
          this.feeds.delete(hallId);
        }
      },
    };
  }

  /** The hall's events after a position that no running transaction can still precede, in stream order. */
  async read(
    hallId: string,
    after: Position,
    limit = BATCH,
  ): Promise<{ events: HallEvent[]; pending: boolean }> {
    const rows = await run<EventRow & { pending: boolean }>(this.database.db, selectAfter, [
      hallId,
      after.tx,
      after.id,
      limit,
    ]);
    return { events: rows.filter((r) => r.id !== null).map(toEvent), pending: rows[0]?.pending ?? false };
  }

  /** Where the hall's stream stands now: the last deliverable position. */
  async head(hallId: string): Promise<Position> {
    const [row] = await run<{ tx: string; id: string | number }>(this.database.db, selectHead, [hallId]);
    return row ? { tx: row.tx, id: Number(row.id) } : START;
  }

  /** A bare event id (a client from before positions): resume after that event's own position. */
  private async positionOfId(hallId: string, id: number): Promise<Position> {
    const [row] = await queryRows<{ tx: string; id: string | number }>(
      this.database.db,
      sql`SELECT tx_id::text AS tx, id FROM hall_events WHERE hall_id = ${hallId} AND id <= ${id}
          ORDER BY id DESC LIMIT 1`,
    );
    return row ? { tx: row.tx, id: Number(row.id) } : START;
  }

  /** Serves a hall's Server-Sent Events: replay after Last-Event-ID, then live, with a heartbeat. */
  async stream(req: FastifyRequest, reply: FastifyReply, hallId: string) {
    const header = req.headers["last-event-id"] ?? (req.query as Record<string, string>).lastEventId;
    const last = parsePosition(Array.isArray(header) ? header[0] : header);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    const write = (e: HallEvent, frame = sseFrame(e)) => res.write(frame);
    res.write("retry: 2000\n\n");

    // Live events that arrive while the replay runs are held back, then sent if they come after it.
    // The feed delivers everything after its cursor at subscription; the replay below reads with a later
    // snapshot, so it reaches at least that cursor and nothing falls between the two.
    let pending: HallEvent[] | null = [];
    const { ready, unsubscribe } = this.subscribe(hallId, (e, frame) =>
      pending ? pending.push(e) : write(e, frame),
    );
    const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
    req.raw.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    await ready;
    let upTo: Position;
    if (last === null) {
      // A new client learns where the stream stands now, so a drop before its first event still resumes.
      upTo = await this.head(hallId);
      res.write(`id: ${formatPosition(upTo)}\nevent: ready\ndata: {}\n\n`);
    } else {
      upTo = "legacyId" in last ? await this.positionOfId(hallId, last.legacyId) : last;
      for (;;) {
        const { events: batch } = await this.read(hallId, upTo);
        for (const e of batch) write(e);
        if (batch.length) upTo = positionOf(batch[batch.length - 1]);
        if (batch.length < BATCH) break;
      }
    }
    const held = pending;
    pending = null;
    for (const e of held) if (comparePositions(positionOf(e), upTo) > 0) write(e);
  }
}
