import { can, type Principal, userOf } from "../../core/access.js";
import type { Db } from "../../core/db.js";
import type { HallEvent } from "../../core/events/catalogue.js";
import { eChannels, type Hall } from "../halls/contract.js";
import type { BoardTicket, Ticket } from "./contract.js";
import { queueTicketActions, queueView } from "./queue-view.js";
import type { TicketCapability } from "./rules.js";

// The public side of the queue: what a kiosk, a calling display and an evaluation pad may show to the
// customers in the hall. Staff read the whole queue (queue-view.ts); these screens only this.

export const boardTicket = (t: Ticket): BoardTicket => ({
  id: t.id,
  number: t.number,
  businessType: t.businessType,
  status: t.status,
  counterId: t.counterId,
  counterNumber: t.counterNumber,
  calledAt: t.calledAt,
  recallCount: t.recallCount,
});

/** GET /api/halls/:hallId/board: waiting per business type and the calls at the counters. */
export async function boardView(db: Db, hall: Hall) {
  const q = await queueView(db, hall);
  return {
    hallId: q.hallId,
    waiting: q.waiting,
    openCounters: q.openCounters,
    byBusinessType: q.byBusinessType.map(({ businessType, waiting, estimatedWaitSeconds }) => ({
      businessType,
      waiting,
      estimatedWaitSeconds,
    })),
    calls: q.serving.filter((t) => t.counterId !== null).map(boardTicket),
    awayCounters: q.counters.filter((c) => c.status === "open" && c.away).map((c) => c.number),
    diversion: q.diversion,
    eChannels: [...eChannels],
    asOf: q.asOf,
  };
}

type CounterData = { id: string | null; number: number; label?: string; status?: string; away?: boolean };
type EventData = { ticket?: Ticket; counter?: CounterData & { away?: unknown } };

/**
 * What a person's stream carries: every event of the hall, a ticket in the queue (waiting, called,
 * serving) with what they may do with it now, as GET …/queue says, so a screen that applies the event
 * shows the same buttons as after a read.
 */
function personEventView(p: Principal): (e: HallEvent) => HallEvent {
  const caller = { may: (c: TicketCapability) => can(p, c), userId: userOf(p) };
  return (e) => {
    const { ticket } = e.data as EventData;
    if (!ticket || !["waiting", "called", "serving"].includes(ticket.status)) return e;
    return { ...e, data: { ...(e.data as object), ticket: queueTicketActions(ticket, caller) } };
  };
}

/** The view of the hall's events a principal's stream gets (GET /api/halls/:hallId/events). */
export const eventViewFor = (p: Principal) => (p.kind === "device" ? deviceEventView(p) : personEventView(p));

/**
 * What a device's stream carries (GET /api/halls/:hallId/events): the ticket and counter changes its
 * screen follows, each ticket as the board shows it. Breaches, visit nodes, ratings and peak warnings
 * are staff matters — but a kiosk hears a peak change without its actions, since from level 2 it offers
 * the e-channel first (R-PEAK); a pad hears only of its own counter. Staff streams are not narrowed.
 */
export function deviceEventView(p: Principal): ((e: HallEvent) => HallEvent | null) | undefined {
  if (p.kind !== "device") return undefined;
  const own = (id: string | null | undefined) => p.counterId !== null && id === p.counterId;
  return (e) => {
    if (e.type === "peak.changed")
      return p.deviceKind === "kiosk" ? { ...e, data: { ...(e.data as object), actions: [] } } : null;
    if (!e.type.startsWith("ticket.") && !e.type.startsWith("counter.")) return null;
    const { ticket, counter } = e.data as EventData;
    if (p.deviceKind === "pad" && !own(ticket?.counterId) && !own(counter?.id)) return null;
    const data: { ticket?: BoardTicket; counter?: CounterData } = {};
    if (ticket) data.ticket = boardTicket(ticket);
    if (counter)
      data.counter = {
        id: counter.id,
        number: counter.number,
        ...(counter.label !== undefined ? { label: counter.label } : {}),
        ...(counter.status !== undefined ? { status: counter.status } : {}),
        // 暂离: a display says the counter is paused, not why.
        ...(counter.away !== undefined ? { away: counter.away !== null && counter.away !== false } : {}),
      };
    return { ...e, data };
  };
}
