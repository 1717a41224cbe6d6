import type { HallEvent } from "../../api/events";
import type { Ticket } from "../../api/types";

export type Call = {
  key: string;
  ticketId: string;
  number: string;
  businessType: string;
  counterNumber: number;
  at: string;
  recall: boolean;
};

type CallData = { ticket: Ticket; counter?: { id: string | null; number: number; label?: string } };

// The current call and the five before it: what the recent-calls panel shows without scrolling.
export const MAX_CALLS = 6;

/** One call of one ticket: a recall sets a new calledAt, so it is a new call (and is spoken again). */
export const callKey = (ticketId: string, calledAt: string) => `${ticketId}@${calledAt}`;

/** The display's calls from the queue snapshot: what counters hold now, latest first. */
export function callsFromServing(serving: Ticket[]): Call[] {
  return serving
    .filter((t) => t.counterNumber !== null && t.calledAt)
    .sort((a, b) => (b.calledAt ?? "").localeCompare(a.calledAt ?? ""))
    .map((t) => ({
      key: callKey(t.id, t.calledAt!),
      ticketId: t.id,
      number: t.number,
      businessType: t.businessType,
      counterNumber: t.counterNumber!,
      at: t.calledAt!,
      recall: t.recallCount > 0,
    }));
}

/** A call or recall event as a display row, or null for any other event. */
export function callFromEvent(e: HallEvent): Call | null {
  if (e.type !== "ticket.called" && e.type !== "ticket.recalled") return null;
  const d = e.data as unknown as CallData;
  const counterNumber = d.counter?.number ?? d.ticket.counterNumber;
  if (counterNumber == null) return null;
  const at = d.ticket.calledAt ?? e.at;
  return {
    key: callKey(d.ticket.id, at),
    ticketId: d.ticket.id,
    number: d.ticket.number,
    businessType: d.ticket.businessType,
    counterNumber,
    at,
    recall: e.type === "ticket.recalled",
  };
}

/** Newest first; a ticket called again moves to the top instead of appearing twice. */
export function addCall(calls: Call[], call: Call): Call[] {
  return [call, ...calls.filter((c) => c.ticketId !== call.ticketId)].slice(0, MAX_CALLS);
}
