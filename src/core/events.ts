import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Database, DbOrTx } from "./db.js";
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
// event with a smaller id that committed later. A transaction-scoped advisory lock per hall, taken just
// before the first event of a transaction, makes a hall's event-writing transactions commit one at a time
// from that point on. Every queue transaction takes its row locks (counter, ticket) before its first event,
// so the lock order is always rows → hall and two transactions cannot deadlock on it.
const EVENT_LOCK_SPACE = 7_142_002;

/** Takes the hall's event lock early, for a transaction that must lock a contended row after it. */
export async function lockHallEvents(tx: DbOrTx, hallId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${EVENT_LOCK_SPACE}, hashtext(${hallId}::text))`);
}

/**
 * Records an event in the same transaction as the change; NOTIFY is delivered only at commit,
 * so listeners never see a change that was rolled back.
 */
export async function publishEvent(
  tx: DbOrTx,
  hallId: string,
  type: HallEventType,
  data: unknown,
): Promise<void> {
  // One round trip: the hall's event lock, the insert and its NOTIFY in one statement.
  const json = JSON.stringify(data);
  await tx.execute(sql`
    WITH l AS (SELECT pg_advisory_xact_lock(${EVENT_LOCK_SPACE}, hashtext(${hallId}::text))),
    e AS (
      INSERT INTO hall_events (hall_id, type, data) SELECT ${hallId}, ${type}, ${json}::jsonb FROM l RETURNING id, at
    )
    SELECT pg_notify(${CHANNEL}, CASE WHEN octet_length(${json}) > ${MAX_INLINE}
        THEN json_build_object('id', e.id, 'hallId', ${hallId}::text, 'ref', true)::text
        ELSE '{"id":' || e.id || ',"hallId":"' || ${hallId}::text || '","type":"' || ${type}::text
          || '","at":"' || to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","data":' || ${json}::text || '}'
      END)
    FROM e`);
}

type Subscriber = (event: HallEvent, frame: string) => void;

/** One SSE frame per event, built once and written to every client of the hall. */
export const sseFrame = (e: HallEvent) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

/** Per instance: one LISTEN, fanned out to the SSE streams of each hall. */
export class EventHub {
  private readonly byHall = new Map<string, Set<Subscriber>>();
  private unlisten?: () => Promise<void>;

  constructor(private readonly database: Database) {}

  async start() {
    this.unlisten = await this.database.listen(CHANNEL, (payload) => void this.onNotify(payload));
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
    req.raw.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    const sent = new Set<number>();
    if (Number.isFinite(lastId) && lastId >= 0) {
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
    for (const e of held) if (!sent.has(e.id)) write(e);
  }
}
