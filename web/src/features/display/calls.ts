import type { HallEvent } from "../../api/events";

export type Call = {
  key: string;
  ticketId: string;
  number: string;
  businessType: string;
  counterNumber: number;
  at: string;
  recall: boolean;
};

// The current call and the five before it: what the recent-calls panel shows without scrolling.
export const MAX_CALLS = 6;

/** One call of one ticket: a recall sets a new calledAt, so it is a new call (and is spoken again). */
export const callKey = (ticketId: string, calledAt: string) => `${ticketId}@${calledAt}`;

/** A call as the server's recent-calls read gives it (GET /api/halls/:hallId/calls). */
export type RecentCall = {
  ticketId: string;
  number: string;
  businessType: string;
  counterNumber: number;
  calledAt: string;
  recall: boolean;
};

/** The display's rows from the server's recent calls, latest first: what it shows again after a reload. */
export function callsFromRecent(recent: RecentCall[]): Call[] {
  return recent.map((r) => ({
    key: callKey(r.ticketId, r.calledAt),
    ticketId: r.ticketId,
    number: r.number,
    businessType: r.businessType,
    counterNumber: r.counterNumber,
    at: r.calledAt,
    recall: r.recall,
  }));
}

/** A call or recall event as a display row, or null for any other event. */
export function callFromEvent(e: HallEvent): Call | null {
  if (e.type !== "ticket.called" && e.type !== "ticket.recalled") return null;
  const d = e.data;
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

/**
 * Newest call first (by when it was made, so a call learnt late from a read falls into its place); a
 * ticket called again moves to the top instead of appearing twice.
 */
export function addCall(calls: Call[], call: Call): Call[] {
  return [call, ...calls.filter((c) => c.ticketId !== call.ticketId)]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, MAX_CALLS);
}
