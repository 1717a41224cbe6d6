import { applyToBoard, applyToQueue, comparePositions, positionOf } from "./live-apply";
import type { AsOf, HallEvent } from "./types";

// What a live screen does with its hall's stream (useLiveHall wraps it in React Query; the benchmark's
// simulated screens wrap it in a map). The queue and the board are brought up to date from the events
// themselves; they are read again only after a gap (a read older than what the stream delivers, or an
// event they cannot take), after a reconnect, and when a counter opens or closes. The rest of a
// screen's reads (visits, ticket lists, the day's figures, breaches) refresh on their own slow timers,
// so a screen's cost does not grow with the hall's traffic (issue 17).

/** A cached read of the hall: its key is ["hall", hallId, name, …]. */
export type CachedRead = { key: readonly unknown[]; data: unknown };

export type HallCache = {
  /** The hall's reads that have data. */
  reads(): CachedRead[];
  set(key: readonly unknown[], data: unknown): void;
  /** Reads again every read whose name passes. */
  refetch(which: (name: string) => boolean): void;
};

type Applier = (data: never, e: HallEvent) => unknown | null;
// The reads that take events, by name.
const appliers: Record<string, Applier> = {
  queue: applyToQueue as Applier,
  board: applyToBoard as Applier,
};
// Reads that change only when a counter opens, closes or is taken over (its holder's name).
const counterReads = new Set(["counters", "counter-now"]);
// The day's figures (served, waits, ratings) change with every service, but are a roll-up the server
// computes: read again a while after the events that move them, at most once per FIGURES_MS, so the
// board's counts follow the hall within seconds and a busy hall costs no more than a quiet one.
const figureReads = new Set(["stats"]);
const movesFigures = (type: string) => type.startsWith("ticket.") || type === "evaluation.submitted";
export const FIGURES_MS = 5_000;

const nameOf = (key: readonly unknown[]) => String(key[2]);
const asOfOf = (data: unknown) => (data as { asOf?: AsOf }).asOf;

/** Events remembered for a read that comes back: it may have been made before some of them. */
const REMEMBERED = 500;

export class LiveHall {
  // Where the stream's deliveries are complete from: the position the stream opened at, moved on as
  // remembered events are forgotten. Until the stream says where it opened, no read is trusted.
  private from: string | null = null;
  private recent: HallEvent[] = [];
  private figuresDue: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly cache: HallCache,
    private readonly figuresMs = FIGURES_MS,
  ) {}

  /** Stops the figures' pending read (the screen is gone). */
  close() {
    clearTimeout(this.figuresDue);
    this.figuresDue = undefined;
  }

  /** The stream opened fresh (its "ready" event): everything after `position` will arrive. */
  opened(position: string) {
    this.from = position;
    this.recent = [];
    for (const r of this.cache.reads()) this.fetched(r.key, r.data);
  }

  /** The stream came back after a drop (it resumes, but the screen was cut off a while): read all again. */
  reconnected() {
    this.cache.refetch(() => true);
  }

  event(e: HallEvent) {
    this.recent.push(e);
    if (this.recent.length > REMEMBERED) this.from = positionOf(this.recent.shift()!);
    const again = new Set<string>();
    if (e.type.startsWith("counter.")) for (const n of counterReads) again.add(n);
    for (const r of this.cache.reads()) {
      const name = nameOf(r.key);
      const apply = appliers[name];
      if (!apply) continue;
      const next = this.behind(r.data) ? null : apply(r.data as never, e);
      if (next === null) again.add(name);
      else if (next !== r.data) this.cache.set(r.key, next);
    }
    if (again.size) this.cache.refetch((n) => again.has(n));
    if (movesFigures(e.type)) this.figuresLater();
  }

  /** One read of the day's figures a while after the first event since the last one. */
  private figuresLater() {
    this.figuresDue ??= setTimeout(() => {
      this.figuresDue = undefined;
      this.cache.refetch((n) => figureReads.has(n));
    }, this.figuresMs);
  }

  /** A read came back from the server (not one written here): the events it does not hold go onto it. */
  fetched(key: readonly unknown[], data: unknown) {
    const apply = appliers[nameOf(key)];
    if (!apply || this.from === null || !asOfOf(data)) return;
    if (this.behind(data)) return this.cache.refetch((n) => n === nameOf(key));
    let next: unknown = data;
    for (const e of this.recent) {
      next = apply(next as never, e);
      if (next === null) return this.cache.refetch((n) => n === nameOf(key));
    }
    if (next !== data) this.cache.set(key, next);
  }

  /** A read made before the first event the stream is known to have delivered: events are missing. */
  private behind(data: unknown) {
    const asOf = asOfOf(data);
    return this.from === null || !asOf || comparePositions(asOf.position, this.from) < 0;
  }
}
