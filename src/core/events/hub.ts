import { sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Principal } from "../access.js";
import { principalsOfTokens, samePrincipal } from "../auth.js";
import { type Database, queryRows } from "../db.js";
import { run, statement } from "../statements.js";
import {
  CHANNEL,
  comparePositions,
  formatPosition,
  type HallEvent,
  type Position,
  parsePosition,
  positionOf,
  START,
  sseFrame,
} from "./catalogue.js";
import { notifyHalls, setAnnouncer } from "./write.js";

// The SSE side of a hall's events, per instance: one LISTEN, one feed per hall that reads what became
// deliverable (catalogue.ts says when that is) and fans it out to the hall's streams, which replay
// after Last-Event-ID and then carry on live.

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

type Subscriber = (event: HallEvent, frame: string) => void;

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

// How often the tokens of open streams are looked up again (one statement for all of them).
const CREDENTIAL_CHECK_MS = 3_000;

/** An open stream: whose it is, by which token, and how to end it. */
type OpenStream = { principal: Principal; token: string; end: () => void };

/** Per instance: one LISTEN, fanned out to the SSE streams of each hall. */
export class EventHub {
  private readonly feeds = new Map<string, HallFeed>();
  private unlisten?: () => Promise<void>;
  private readonly open = new Set<OpenStream>();
  private credentialTimer: ReturnType<typeof setInterval> | undefined;
  private checking = false;

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
    setAnnouncer(this.database.db, (halls) => this.committed(halls));
    this.credentialTimer = setInterval(() => void this.recheckCredentials(), CREDENTIAL_CHECK_MS);
    this.credentialTimer.unref();
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
    setAnnouncer(this.database.db, null);
    clearInterval(this.credentialTimer);
    clearTimeout(this.notifyTimer);
    for (const feed of this.feeds.values()) feed.close();
    await this.unlisten?.();
  }

  /**
   * Ends this instance's streams of one token (a logout), or of a device or person (revoked, deactivated,
   * a new password: all but `exceptToken`). Other instances' streams end at their next re-check.
   */
  endStreams(match: { token: string } | { principalId: string; exceptToken?: string }) {
    for (const s of this.open) {
      const hit =
        "token" in match
          ? s.token === match.token
          : s.principal.id === match.principalId && s.token !== match.exceptToken;
      if (hit) s.end();
    }
  }

  /**
   * A stream outlives the request that was authorized: every few seconds the tokens of the open streams
   * are resolved again, and a stream whose token no longer resolves to the same rights (revoked, expired,
   * a session ended, the person deactivated or moved) ends; its client reconnects and is asked again.
   */
  async recheckCredentials() {
    if (!this.open.size || this.checking) return;
    this.checking = true;
    let now: Map<string, Principal>;
    try {
      now = await principalsOfTokens(this.database.db, [...new Set([...this.open].map((s) => s.token))]);
    } catch {
      return; // the database is away: ask again next time, ending nothing on a guess
    } finally {
      this.checking = false;
    }
    for (const s of this.open) {
      const p = now.get(s.token);
      if (!p || !samePrincipal(p, s.principal)) s.end();
    }
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

  /**
   * Serves a hall's Server-Sent Events: replay after Last-Event-ID, then live, with a heartbeat. A `view`
   * narrows what this client gets (a device's screen): it returns the event as the client may see it,
   * or null to leave it out; the position stays the event's own, so a resume still misses nothing.
   */
  async stream(
    req: FastifyRequest,
    reply: FastifyReply,
    hallId: string,
    view?: (e: HallEvent) => HallEvent | null,
  ) {
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
    // Nothing is written once the stream has been ended (its credential ended) or the client has gone.
    const send = (text: string) => {
      if (!res.writableEnded && !res.destroyed) res.write(text);
    };
    // A device sees its screen's slice of each event (`view`); positions stay the event's own.
    const write = (e: HallEvent, frame?: string) => {
      if (!view) return send(frame ?? sseFrame(e));
      const seen = view(e);
      if (seen) send(sseFrame(seen));
    };
    send("retry: 2000\n\n");

    // Live events that arrive while the replay runs are held back, then sent if they come after it.
    // The feed delivers everything after its cursor at subscription; the replay below reads with a later
    // snapshot, so it reaches at least that cursor and nothing falls between the two.
    let pending: HallEvent[] | null = [];
    const { ready, unsubscribe } = this.subscribe(hallId, (e, frame) =>
      pending ? pending.push(e) : write(e, frame),
    );
    const heartbeat = setInterval(() => send(": keep-alive\n\n"), 15_000);
    const open: OpenStream | null =
      req.principal && req.authToken
        ? { principal: req.principal, token: req.authToken, end: () => end() }
        : null;
    let done = false;
    const closed = () => {
      if (done) return;
      done = true;
      clearInterval(heartbeat);
      unsubscribe();
      if (open) this.open.delete(open);
    };
    const end = () => {
      closed();
      res.end();
    };
    if (open) this.open.add(open);
    req.raw.on("close", closed);
    await ready;
    let upTo: Position;
    if (last === null) {
      // A new client learns where the stream stands now, so a drop before its first event still resumes.
      upTo = await this.head(hallId);
      send(`id: ${formatPosition(upTo)}\nevent: ready\ndata: {}\n\n`);
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
