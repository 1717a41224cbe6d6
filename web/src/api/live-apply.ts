import type { AsOf, Board, BoardTicket, HallEvent, QueueView, Ticket } from "./types";

// Pure functions that bring a screen's cached read of the hall (the queue, the board) up to date with
// one live event, so a screen does not read the queue again for every change in the hall. Each returns
// the new value, the same value when the read already holds the event or the event does not touch it,
// or null when it cannot tell (the screen then reads again): a counter opening or closing changes the
// estimates, which are the server's to work out. No React here: the benchmark's simulated
// screens (bench/screens.ts) run the same code.

/** A stream position `<tx>-<id>` (the SSE id) compared in stream order: by transaction, then event. */
export function comparePositions(a: string, b: string): number {
  const [ta, ia] = a.split("-");
  const [tb, ib] = b.split("-");
  const x = BigInt(ta);
  const y = BigInt(tb);
  return x < y ? -1 : x > y ? 1 : Number(ia) - Number(ib);
}

export const positionOf = (e: Pick<HallEvent, "tx" | "id">) => `${e.tx}-${e.id}`;

/** Whether a read already holds the event: it is at or before the read's position, or of a seen transaction. */
export const holds = (asOf: AsOf, e: HallEvent) =>
  comparePositions(positionOf(e), asOf.position) <= 0 || asOf.seen.includes(e.tx);

/** The read after the event is applied: it holds everything up to the event. */
const past = (asOf: AsOf, e: HallEvent): AsOf =>
  comparePositions(positionOf(e), asOf.position) > 0 ? { ...asOf, position: positionOf(e) } : asOf;

const isTicketEvent = (e: HallEvent): e is Extract<HallEvent, { type: `ticket.${string}` }> =>
  e.type.startsWith("ticket.");
const isWhole = (t: Ticket | BoardTicket): t is Ticket => "queueAt" in t && "vip" in t;
const AT_COUNTER = ["called", "serving"];

// The server's orders (data/queue-view.ts): waiting VIP first, then by place in line; the counters'
// tickets by counter number.
const byLine = (a: Ticket, b: Ticket) =>
  Number(b.vip) - Number(a.vip) ||
  a.queueAt.localeCompare(b.queueAt) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byCounter = (a: { counterNumber: number | null; id: string }, b: typeof a) =>
  (a.counterNumber ?? Number.MAX_SAFE_INTEGER) - (b.counterNumber ?? Number.MAX_SAFE_INTEGER) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Puts `t` where it now belongs in a sorted list, or only takes it out (`keep` false). */
function place<T extends { id: string }>(list: T[], t: T, keep: boolean, order: (a: T, b: T) => number): T[] {
  const rest = list.filter((x) => x.id !== t.id);
  return keep ? [...rest, t].sort(order) : rest;
}

/**
 * The queue (GET …/queue) after one event. Ticket events move the ticket between the waiting list and
 * the counters and recount the lines; a peak change sets the level and its actions. A ticket event
 * without the whole ticket (a device's stream), or a line that had no estimate yet (the server's rule
 * gives it), is null: read again.
 */
export function applyToQueue(q: QueueView, e: HallEvent, now = Date.now()): QueueView | null {
  if (holds(q.asOf, e)) return q;
  if (e.type.startsWith("counter.")) return null;
  if (e.type === "peak.changed") {
    // How many counters to open is the read's (it needs the lines' handling times): kept until the next
    // read from level 2 on, gone below it.
    return {
      ...q,
      peakLevel: e.data.level,
      peakActions: e.data.actions,
      diversion: e.data.diversion,
      openMoreCounters: e.data.level >= 2 ? q.openMoreCounters : null,
      asOf: past(q.asOf, e),
    };
  }
  if (!isTicketEvent(e)) return { ...q, asOf: past(q.asOf, e) };
  const t = e.data.ticket;
  if (!isWhole(t)) return null;
  const tickets = place(q.tickets, t, t.status === "waiting", byLine);
  const serving = place(q.serving, t, AT_COUNTER.includes(t.status), byCounter);
  const lines = new Map<string, { waiting: number; longestWaitSeconds: number }>();
  for (const w of tickets) {
    const line = lines.get(w.businessType) ?? { waiting: 0, longestWaitSeconds: 0 };
    line.waiting++;
    line.longestWaitSeconds = Math.max(
      line.longestWaitSeconds,
      Math.round((now - new Date(w.issuedAt).getTime()) / 1000),
    );
    lines.set(w.businessType, line);
  }
  const estimates = new Map(q.byBusinessType.map((b) => [b.businessType, b.estimatedWaitSeconds]));
  const byBusinessType: QueueView["byBusinessType"] = [];
  for (const [businessType, line] of lines) {
    const estimatedWaitSeconds = estimates.get(businessType);
    if (estimatedWaitSeconds === undefined) return null;
    byBusinessType.push({ businessType, ...line, estimatedWaitSeconds });
  }
  const waiting = tickets.length;
  return {
    ...q,
    tickets,
    serving,
    waiting,
    byBusinessType,
    // Waiting ÷ open counters, as the read gives it; the level itself comes from peak.changed.
    ratio: q.openCounters > 0 ? waiting / q.openCounters : null,
    asOf: past(q.asOf, e),
  };
}

// How a ticket event changes its line's waiting count, where the event's type alone says it (a call
// takes a waiting ticket, a return brings a no-show back…). Cancel and transfer start from several
// states, and a transfer may change the line: the board reads again for those.
const waitingChange: Partial<Record<HallEvent["type"], number>> = {
  "ticket.issued": 1,
  "ticket.called": -1,
  "ticket.recalled": 0,
  "ticket.started": 0,
  "ticket.finished": 0,
  "ticket.no_show": 0,
  "ticket.no_show_undone": 0,
  "ticket.returned": 1,
  "ticket.diverted": -1,
};

/**
 * The board (GET …/board: waiting per line and the calls) after one event, for the kiosk and the
 * calling display, whose streams carry tickets as the board shows them.
 */
export function applyToBoard(b: Board, e: HallEvent): Board | null {
  if (holds(b.asOf, e)) return b;
  if (e.type.startsWith("counter.")) return null;
  // R-PEAK: the kiosk offers the e-channel first while diversion is forced.
  if (e.type === "peak.changed") return { ...b, diversion: e.data.diversion, asOf: past(b.asOf, e) };
  if (!isTicketEvent(e)) return { ...b, asOf: past(b.asOf, e) };
  const change = waitingChange[e.type];
  if (change === undefined) return null;
  const t = e.data.ticket;
  const call: BoardTicket = {
    id: t.id,
    number: t.number,
    businessType: t.businessType,
    status: t.status,
    counterId: t.counterId,
    counterNumber: t.counterNumber,
    calledAt: t.calledAt,
    recallCount: t.recallCount,
  };
  const calls = place(b.calls, call, AT_COUNTER.includes(t.status) && t.counterId !== null, byCounter);
  let byBusinessType = b.byBusinessType;
  if (change !== 0) {
    const line = byBusinessType.find((l) => l.businessType === t.businessType);
    // A line that starts now has no estimate yet; a count that would go below nothing is not ours.
    if (!line || line.waiting + change < 0) return null;
    byBusinessType = byBusinessType
      .map((l) => (l === line ? { ...l, waiting: l.waiting + change } : l))
      .filter((l) => l.waiting > 0);
  }
  return { ...b, calls, byBusinessType, waiting: b.waiting + change, asOf: past(b.asOf, e) };
}
