import type { ServerResponse } from "node:http";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Database, Db, DbOrTx, Tx } from "./db.js";
import { hallEvents } from "./tables.js";

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

export type HallEvent = { id: number; hallId: string; type: string; data: unknown; at: string };

const CHANNEL = "tingwu_hall_events";
// NOTIFY payloads must stay under 8000 bytes; a larger event is announced by id and read back.
const MAX_INLINE = 7000;

// Event ids must follow commit order within a hall, or a display replaying "after id N" could miss an
// event with a smaller id that committed later. The events of a transaction are therefore written last,
// in one statement that first takes a transaction-scoped advisory lock per hall: a hall's event-writing
// transactions commit one at a time, and each holds the lock only for that statement and its COMMIT.
// The holder never waits for a row (it has no statement left but COMMIT), so the lock cannot deadlock.
const EVENT_LOCK_SPACE = 7_142_002;

type PendingEvent = { hallId: string; type: HallEventType; data: unknown };
const buffers = new WeakMap<object, PendingEvent[]>();

/**
 * A transaction whose events (publishEvent) are written at its end, just before COMMIT. Every change
 * that emits hall events runs in one of these.
 */
export async function withEvents<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (db as Db).transaction(async (tx) => {
    const buffer: PendingEvent[] = [];
    buffers.set(tx, buffer);
    const result = await fn(tx as Tx);
    if (buffer.length) await writeEvents(tx as Tx, buffer);
    return result;
  });
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
  if (buffer) buffer.push({ hallId, type, data });
  else await writeEvents(tx, [{ hallId, type, data }]);
}

async function writeEvents(tx: DbOrTx, events: PendingEvent[]) {
  // Halls locked in a fixed order, so two multi-hall transactions cannot deadlock either.
  const halls = [...new Set(events.map((e) => e.hallId))].sort();
  const rows = JSON.stringify(
    events.map((e, ord) => ({ hall_id: e.hallId, type: e.type, data: e.data, ord })),
  );
  await tx.execute(sql`
    WITH l AS (
      SELECT count(pg_advisory_xact_lock(${EVENT_LOCK_SPACE}, hashtext(h))) AS n
      FROM (SELECT unnest(${`{${halls.join(",")}}`}::text[]) AS h ORDER BY 1) hs
    ),
    e AS (
      INSERT INTO hall_events (hall_id, type, data)
      SELECT x.hall_id, x.type, x.data FROM l, jsonb_to_recordset(${rows}::jsonb) AS x(hall_id uuid, type text, data jsonb, ord int)
      ORDER BY x.ord
      RETURNING id, hall_id, type, data, at
    )
    SELECT pg_notify(${CHANNEL}, CASE WHEN octet_length(data::text) > ${MAX_INLINE}
        THEN json_build_object('id', id, 'hallId', hall_id, 'ref', true)::text
        ELSE json_build_object('id', id, 'hallId', hall_id, 'type', type,
          'at', to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'data', data)::text
      END)
    FROM (SELECT * FROM e ORDER BY id) ordered`);
}

type Subscriber = (event: HallEvent, frame: string) => void;

/** One SSE frame per event, built once and written to every client of the hall. */
export const sseFrame = (e: HallEvent) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

/** Per instance: one LISTEN, fanned out to the SSE streams of each hall. */
export class EventHub {
  private readonly byHall = new Map<string, Set<Subscriber>>();
  private readonly streams = new Set<ServerResponse>();
  private unlisten?: () => Promise<void>;

  constructor(private readonly database: Database) {}

  async start() {
    this.unlisten = await this.database.listen(
      CHANNEL,
      (payload) => void this.onNotify(payload),
      // Events committed while this instance's LISTEN connection was down never reached its streams: end
      // them all, so every client reconnects with Last-Event-ID and gets the missed events from the table.
      () => {
        for (const res of this.streams) res.end();
      },
    );
  }

  async stop() {
    await this.unlisten?.();
  }

  private async onNotify(payload: string) {
    let event = JSON.parse(payload) as HallEvent & { ref?: boolean };
    const subs = this.byHall.get(event.hallId);
    if (!subs?.size) return;
    if (event.ref) {
      const [row] = await this.read(event.hallId, event.id - 1, 1);
      if (!row) return;
      event = row;
    }
    const frame = sseFrame(event);
    for (const s of subs) s(event, frame);
  }

  subscribe(hallId: string, fn: Subscriber): () => void {
    let set = this.byHall.get(hallId);
    if (!set) {
      set = new Set();
      this.byHall.set(hallId, set);
    }
    set.add(fn);
    return () => set.delete(fn);
  }

  async read(hallId: string, afterId: number, limit = 1000): Promise<HallEvent[]> {
    const rows = await this.database.db
      .select()
      .from(hallEvents)
      .where(and(eq(hallEvents.hallId, hallId), gt(hallEvents.id, afterId)))
      .orderBy(asc(hallEvents.id))
      .limit(limit);
    return rows.map((r) => ({
      id: r.id,
      hallId: r.hallId,
      type: r.type,
      data: r.data,
      at: r.at.toISOString(),
    }));
  }

  /** Serves a hall's Server-Sent Events: replay after Last-Event-ID, then live, with a heartbeat. */
  async stream(req: FastifyRequest, reply: FastifyReply, hallId: string) {
    const header = req.headers["last-event-id"] ?? (req.query as Record<string, string>).lastEventId;
    const lastId = Number(Array.isArray(header) ? header[0] : header);
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

    // Live events that arrive while the replay query runs are held back, then sent unless replayed.
    let pending: HallEvent[] | null = [];
    const unsubscribe = this.subscribe(hallId, (e, frame) => (pending ? pending.push(e) : write(e, frame)));
    const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), 15_000);
    this.streams.add(res);
    req.raw.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.streams.delete(res);
    });
    const sent = new Set<number>();
    let floor = -1; // held live events at or below this id were committed before the client came
    if (!(Number.isFinite(lastId) && lastId >= 0)) {
      // A new client learns where the stream stands now, so a drop before its first event still resumes.
      const [last] = await this.database.db
        .select({ id: hallEvents.id })
        .from(hallEvents)
        .where(eq(hallEvents.hallId, hallId))
        .orderBy(desc(hallEvents.id))
        .limit(1);
      floor = last?.id ?? 0;
      res.write(`id: ${floor}\nevent: ready\ndata: {}\n\n`);
    } else {
      for (let after = lastId; ; ) {
        const batch = await this.read(hallId, after);
        for (const e of batch) {
          write(e);
          sent.add(e.id);
        }
        if (batch.length < 1000) break;
        after = batch[batch.length - 1].id;
      }
    }
    const held = pending;
    pending = null;
    for (const e of held) if (!sent.has(e.id) && e.id > floor) write(e);
  }
}
