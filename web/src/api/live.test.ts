import { afterEach, describe, expect, it, vi } from "vitest";
import { applyToBoard, applyToQueue, comparePositions, holds } from "./live-apply";
import { type CachedRead, FIGURES_MS, LiveHall } from "./live-hall";
import type { Board, HallEvent, QueueView, Ticket } from "./types";

// The screens' live cache: what a queue or a board read becomes after an event, checked without a
// browser or a server (live-apply.ts and live-hall.ts are pure).

const HALL = "00000000-0000-4000-8000-000000000001";
const T0 = Date.parse("2026-11-25T09:00:00.000Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
let seq = 0;

function ticket(over: Partial<Ticket> = {}): Ticket {
  seq++;
  const issuedAt = over.issuedAt ?? at(seq);
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    hallId: HALL,
    visitId: `10000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    number: `A${String(seq).padStart(3, "0")}`,
    businessType: "payment",
    vip: false,
    channel: "kiosk",
    status: "waiting",
    phone: null,
    counterId: null,
    counterNumber: null,
    targetCounterId: null,
    issuedAt,
    queueAt: issuedAt,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    recallCount: 0,
    calledOutOfOrder: false,
    outcome: null,
    recommended: [],
    divertChannel: null,
    waitSeconds: null,
    handlingSeconds: null,
    waitBreached: false,
    handlingBreached: false,
    allowedActions: ["cancel"],
    ...over,
  };
}

let eventId = 100;
function event(type: HallEvent["type"], data: unknown, tx = "5000"): HallEvent {
  eventId++;
  return { id: eventId, tx, hallId: HALL, type, data, at: at(30) } as HallEvent;
}
const ticketEvent = (type: HallEvent["type"], t: Ticket, tx?: string) => event(type, { ticket: t }, tx);

function queue(waiting: Ticket[], serving: Ticket[] = [], position = "4000-100"): QueueView {
  const types = [...new Set(waiting.map((t) => t.businessType))];
  return {
    hallId: HALL,
    waiting: waiting.length,
    openCounters: 2,
    ratio: waiting.length / 2,
    peakLevel: 0,
    peakActions: [],
    diversion: "suggested",
    openMoreCounters: null,
    byBusinessType: types.map((businessType) => ({
      businessType,
      waiting: waiting.filter((t) => t.businessType === businessType).length,
      longestWaitSeconds: 0,
      estimatedWaitSeconds: 300,
    })),
    tickets: waiting,
    serving,
    counters: [],
    asOf: { position, seen: [] },
  };
}

const NOW = T0 + 60 * 60_000;
const numbers = (ts: { number: string }[]) => ts.map((t) => t.number);

describe("stream positions", () => {
  it("should order positions by transaction first, as numbers, then by event id", () => {
    expect(comparePositions("9-500", "10-1")).toBeLessThan(0);
    expect(comparePositions("10-2", "10-11")).toBeLessThan(0);
    expect(comparePositions("18446744073709551615-1", "18446744073709551614-9")).toBeGreaterThan(0);
    expect(comparePositions("7-7", "7-7")).toBe(0);
  });

  it("should say a read holds an event at or before its position, or of a transaction it saw", () => {
    const asOf = { position: "4000-100", seen: ["4200"] };
    expect(holds(asOf, { ...event("ticket.issued", {}), tx: "3999", id: 900 })).toBe(true);
    expect(holds(asOf, { ...event("ticket.issued", {}), tx: "4000", id: 100 })).toBe(true);
    expect(holds(asOf, { ...event("ticket.issued", {}), tx: "4200", id: 1 })).toBe(true);
    expect(holds(asOf, { ...event("ticket.issued", {}), tx: "4000", id: 101 })).toBe(false);
  });
});

describe("the queue after an event (applyToQueue)", () => {
  it("should put an issued ticket in calling order: VIP first, then by place in line", () => {
    const a = ticket();
    const b = ticket();
    const q = queue([a, b]);
    const vip = ticket({ vip: true });
    const early = ticket({ queueAt: at(-5), businessType: "payment" });
    const next = applyToQueue(
      applyToQueue(q, ticketEvent("ticket.issued", vip), NOW)!,
      ticketEvent("ticket.returned", early),
      NOW,
    )!;
    expect(numbers(next.tickets)).toEqual([vip.number, early.number, a.number, b.number]);
    expect(next.waiting).toBe(4);
    expect(next.byBusinessType).toEqual([
      {
        businessType: "payment",
        waiting: 4,
        // The longest wait is the earliest issued ticket's, whatever its place in line.
        longestWaitSeconds: (NOW - Date.parse(a.issuedAt)) / 1000,
        estimatedWaitSeconds: 300,
      },
    ]);
    expect(next.ratio).toBe(2);
    expect(next.tickets[0].allowedActions).toEqual(["cancel"]);
  });

  it("should move a called ticket to the counters, by counter number, and drop it when finished", () => {
    const a = ticket();
    const b = ticket();
    const atTwo = ticket({ status: "serving", counterId: "c2", counterNumber: 2 });
    const q = queue([a, b], [atTwo]);
    const called = { ...a, status: "called" as const, counterId: "c1", counterNumber: 1, calledAt: at(40) };
    const next = applyToQueue(q, ticketEvent("ticket.called", called), NOW)!;
    expect(numbers(next.tickets)).toEqual([b.number]);
    expect(numbers(next.serving)).toEqual([a.number, atTwo.number]);
    expect(next.byBusinessType[0].waiting).toBe(1);
    const done = applyToQueue(next, ticketEvent("ticket.finished", { ...atTwo, status: "finished" }), NOW)!;
    expect(numbers(done.serving)).toEqual([a.number]);
  });

  it("should take an event once: again, or one the read already held, changes nothing", () => {
    const q = queue([ticket()]);
    const issued = ticketEvent("ticket.issued", ticket());
    const once = applyToQueue(q, issued, NOW)!;
    expect(once.asOf.position).toBe(`${issued.tx}-${issued.id}`);
    expect(applyToQueue(once, issued, NOW)).toBe(once);
    const seen = { ...q, asOf: { position: "4000-100", seen: ["4500"] } };
    expect(applyToQueue(seen, ticketEvent("ticket.issued", ticket(), "4500"), NOW)).toBe(seen);
    const older = ticketEvent("ticket.issued", ticket(), "3000");
    expect(applyToQueue(q, older, NOW)).toBe(q);
  });

  it("should set the peak level and its actions from peak.changed", () => {
    const actions = [{ action: "开启备用台席 Open standby counters", who: "hall_manager" }];
    const e = event("peak.changed", {
      level: 1,
      previousLevel: 0,
      waiting: 6,
      openCounters: 2,
      ratio: 3,
      actions,
      diversion: "suggested",
    });
    const next = applyToQueue(queue([ticket()]), e, NOW)!;
    expect(next).toMatchObject({ peakLevel: 1, peakActions: actions, diversion: "suggested" });
  });

  it("should force diversion from level 2 and drop the counters to open below it", () => {
    const peak = (level: number, diversion: "suggested" | "forced") =>
      event("peak.changed", {
        level,
        previousLevel: 0,
        waiting: 8,
        openCounters: 2,
        ratio: 4,
        actions: [],
        diversion,
      });
    const at2 = { ...queue([ticket()]), peakLevel: 2, diversion: "forced" as const, openMoreCounters: 2 };
    expect(applyToQueue(at2, peak(3, "forced"), NOW)).toMatchObject({ peakLevel: 3, openMoreCounters: 2 });
    expect(applyToQueue(at2, peak(1, "suggested"), NOW)).toMatchObject({
      peakLevel: 1,
      diversion: "suggested",
      openMoreCounters: null,
    });
  });

  it("should ask for a read when it cannot tell: a board ticket, a new line, a counter change", () => {
    const q = queue([ticket()]);
    const { queueAt: _, vip: __, ...boardOnly } = ticket();
    expect(applyToQueue(q, ticketEvent("ticket.issued", boardOnly as Ticket), NOW)).toBeNull();
    expect(applyToQueue(q, ticketEvent("ticket.issued", ticket({ businessType: "change" })), NOW)).toBeNull();
    expect(applyToQueue(q, event("counter.opened", { counter: { id: "c1", number: 1 } }), NOW)).toBeNull();
  });

  it("should leave the queue as it is for events that do not touch it", () => {
    const q = queue([ticket()]);
    const node = applyToQueue(q, event("visit.node", { visitId: HALL, node: "Z1", ticketId: null }), NOW)!;
    expect(node.tickets).toBe(q.tickets);
  });
});

describe("the board after an event (applyToBoard)", () => {
  const board = (): Board => ({
    hallId: HALL,
    waiting: 3,
    openCounters: 1,
    byBusinessType: [
      { businessType: "payment", waiting: 2, estimatedWaitSeconds: 240 },
      { businessType: "change", waiting: 1, estimatedWaitSeconds: 120 },
    ],
    calls: [],
    awayCounters: [],
    diversion: "suggested",
    eChannels: ["online_hall"],
    asOf: { position: "4000-100", seen: [] },
  });

  it("should offer the e-channel first once a peak forces diversion (the kiosk hears peak.changed)", () => {
    const e = event("peak.changed", {
      level: 2,
      previousLevel: 1,
      waiting: 7,
      openCounters: 2,
      ratio: 3.5,
      actions: [],
      diversion: "forced",
    });
    expect(applyToBoard(board(), e)).toMatchObject({ diversion: "forced", waiting: 3 });
  });

  it("should count an issued ticket into its line and a called one out, with the call shown", () => {
    const b = applyToBoard(board(), ticketEvent("ticket.issued", ticket()))!;
    expect(b.waiting).toBe(4);
    expect(b.byBusinessType[0].waiting).toBe(3);
    const t = ticket({ businessType: "change" });
    const called = { ...t, status: "called" as const, counterId: "c1", counterNumber: 1, calledAt: at(41) };
    const after = applyToBoard(b, ticketEvent("ticket.called", called))!;
    expect(after.waiting).toBe(3);
    expect(after.byBusinessType.map((l) => l.businessType)).toEqual(["payment"]);
    expect(after.calls).toEqual([
      expect.objectContaining({ number: t.number, counterNumber: 1, status: "called" }),
    ]);
    const done = applyToBoard(after, ticketEvent("ticket.finished", { ...called, status: "finished" }))!;
    expect(done.calls).toEqual([]);
  });

  it("should ask for a read after a cancel or transfer (from several states) or a new line", () => {
    expect(
      applyToBoard(board(), ticketEvent("ticket.cancelled", ticket({ status: "cancelled" }))),
    ).toBeNull();
    expect(applyToBoard(board(), ticketEvent("ticket.transferred", ticket()))).toBeNull();
    expect(applyToBoard(board(), ticketEvent("ticket.issued", ticket({ businessType: "sim" })))).toBeNull();
  });
});

describe("a live screen's reads (LiveHall)", () => {
  afterEach(() => vi.useRealTimers());
  function screen(reads: Record<string, unknown>) {
    const data = new Map(Object.entries(reads));
    const refetched: string[] = [];
    const live = new LiveHall({
      reads: (): CachedRead[] => [...data].map(([name, d]) => ({ key: ["hall", HALL, name], data: d })),
      set: (key, d) => data.set(String(key[2]), d),
      refetch: (which) => refetched.push(...[...data.keys()].filter(which)),
    });
    return { live, data, refetched };
  }

  it("should apply ticket events to the queue and read nothing again", () => {
    const s = screen({ queue: queue([ticket()]), visits: [], stats: {} });
    s.live.opened("4000-100");
    s.live.event(ticketEvent("ticket.issued", ticket()));
    expect((s.data.get("queue") as QueueView).waiting).toBe(2);
    expect(s.refetched).toEqual([]);
  });

  it("should read the queue again when it was read before the stream opened (a gap)", () => {
    const s = screen({ queue: queue([ticket()], [], "3000-1") });
    s.live.opened("4000-100");
    expect(s.refetched).toEqual(["queue"]);
  });

  it("should bring a read that comes back late up to date with the events it missed", () => {
    const s = screen({ queue: queue([ticket()]) });
    s.live.opened("4000-100");
    const late = ticket();
    s.live.event(ticketEvent("ticket.issued", late, "4100"));
    // The read was made before that event (its position is older): the event goes onto it.
    s.live.fetched(["hall", HALL, "queue"], queue([ticket()], [], "4050-1"));
    expect(numbers((s.data.get("queue") as QueueView).tickets)).toContain(late.number);
    expect(s.refetched).toEqual([]);
  });

  it("should read the day's figures once, a while after the services that move them", () => {
    vi.useFakeTimers();
    const s = screen({ queue: queue([ticket()]), stats: {} });
    s.live.opened("4000-100");
    for (let i = 0; i < 20; i++) s.live.event(ticketEvent("ticket.issued", ticket()));
    expect(s.refetched).toEqual([]);
    vi.advanceTimersByTime(FIGURES_MS);
    expect(s.refetched).toEqual(["stats"]);
    // Quiet afterwards: nothing more is read until the next service.
    vi.advanceTimersByTime(FIGURES_MS * 3);
    expect(s.refetched).toEqual(["stats"]);
    s.live.event(event("evaluation.submitted", { ticketId: "t", score: 5 }));
    vi.advanceTimersByTime(FIGURES_MS);
    expect(s.refetched).toEqual(["stats", "stats"]);
  });

  it("should read the counters again when one opens, and everything after a reconnect", () => {
    const s = screen({ queue: queue([ticket()]), counters: [], visits: [] });
    s.live.opened("4000-100");
    s.live.event(event("counter.opened", { counter: { id: "c1", number: 1 } }));
    expect(s.refetched.sort()).toEqual(["counters", "queue"]);
    s.refetched.length = 0;
    s.live.reconnected();
    expect(s.refetched.sort()).toEqual(["counters", "queue", "visits"]);
  });
});
