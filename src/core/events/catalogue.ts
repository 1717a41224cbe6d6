// The hall's live events: what they are called, and where each stands in a hall's stream.

export const hallEventTypes = [
  "ticket.issued",
  "ticket.called",
  "ticket.recalled",
  "ticket.started",
  "ticket.finished",
  "ticket.no_show",
  "ticket.no_show_undone",
  "ticket.returned",
  "ticket.transferred",
  "ticket.cancelled",
  "ticket.diverted",
  "counter.opened",
  "counter.closed",
  "counter.taken_over",
  "counter.away",
  "counter.back",
  "peak.changed",
  "limit.breached",
  "visit.node",
  "evaluation.submitted",
] as const;
export type HallEventType = (typeof hallEventTypes)[number];

/** A place in a hall's stream: the writing transaction, then the event's id (see below). */
export type Position = { tx: string; id: number };
export type HallEvent = { id: number; hallId: string; type: string; data: unknown; at: string; tx: string };

/** The channel every instance LISTENs on: a NOTIFY names a hall whose events to read from the table. */
export const CHANNEL = "tingwu_hall_events";

// A hall's stream is ordered by (writing transaction id, event id), not by event id alone: ids come
// from a sequence when rows are inserted, but transactions commit in another order, so a display that
// resumed "after id N" could miss a smaller id that committed later. Instead an event is delivered (or
// replayed) only once every transaction that started before its own has ended — its tx_id is below
// the snapshot's xmin — and from then on nothing can appear before it. Writers take no lock and
// commit side by side (sharing WAL flushes); readers wait for the oldest running transaction, which
// for this app is a few milliseconds. The SSE id is the position, `<tx>-<id>`.
// (Until 2026-11 a per-hall advisory lock serialised the commits instead; see docs/decisions.md.)
export const formatPosition = (p: Position) => `${p.tx}-${p.id}`;
export const START: Position = { tx: "0", id: 0 };

export const comparePositions = (a: Position, b: Position) => {
  const ta = BigInt(a.tx);
  const tb = BigInt(b.tx);
  return ta < tb ? -1 : ta > tb ? 1 : a.id - b.id;
};

export const positionOf = (e: HallEvent): Position => ({ tx: e.tx, id: e.id });

/** Parses a Last-Event-ID: a position `<tx>-<id>`, or a bare event id from before positions existed. */
export function parsePosition(value: string | undefined): Position | { legacyId: number } | null {
  if (!value) return null;
  const m = /^(\d{1,20})-(\d{1,15})$/.exec(value);
  if (m) return { tx: m[1], id: Number(m[2]) };
  return /^\d{1,15}$/.test(value) ? { legacyId: Number(value) } : null;
}

/** One SSE frame per event, built once and written to every client of the hall. */
export const sseFrame = (e: HallEvent) =>
  `id: ${formatPosition(positionOf(e))}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
