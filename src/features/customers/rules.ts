import type { Cadence, CustomerTier, VisitKind } from "./contract.js";

const DAY_MS = 86_400_000;

// R-VISITPLAN (RA 2.1.1(4), 2.1.2(3)): 政企 and key customers in person at least every half month (15 days)
// and by phone at least weekly; households as needed (no due date).
export const DEFAULT_CADENCE: Cadence[] = [
  { tier: "gov_enterprise", inPersonDays: 15, phoneDays: 7 },
  { tier: "key", inPersonDays: 15, phoneDays: 7 },
  { tier: "household", inPersonDays: null, phoneDays: null },
];

export type DueDates = { nextInPersonVisitDueAt: Date | null; nextPhoneVisitDueAt: Date | null };

/** The due dates of a new customer: counted from the day it enters the archive. */
export function initialDueDates(cadence: Cadence, createdAt: Date): DueDates {
  return {
    nextInPersonVisitDueAt: cadence.inPersonDays
      ? new Date(createdAt.getTime() + cadence.inPersonDays * DAY_MS)
      : null,
    nextPhoneVisitDueAt: cadence.phoneDays
      ? new Date(createdAt.getTime() + cadence.phoneDays * DAY_MS)
      : null,
  };
}

export type VisitState = DueDates & { lastInPersonVisitAt: Date | null; lastPhoneVisitAt: Date | null };

/**
 * A visit moves the due date of its own kind: 15 days after an in-person visit, 7 after a phone call.
 * An in-person visit also counts as the week's contact, so it moves the phone due date too. A visit
 * recorded late (older than the latest one of its kind) moves nothing.
 */
export function dueDatesAfterVisit(
  cadence: Cadence,
  current: VisitState,
  kind: VisitKind,
  at: Date,
): VisitState {
  const max = (a: Date | null, b: Date) => (a && a > b ? a : b);
  const plus = (days: number | null) => (days ? new Date(at.getTime() + days * DAY_MS) : null);
  const lastContact = [current.lastInPersonVisitAt, current.lastPhoneVisitAt].reduce<Date | null>(
    (a, b) => (b && (!a || b > a) ? b : a),
    null,
  );
  const inPersonNewer =
    kind === "in_person" && (!current.lastInPersonVisitAt || at >= current.lastInPersonVisitAt);
  const contactNewer = !lastContact || at >= lastContact;
  return {
    nextInPersonVisitDueAt: inPersonNewer ? plus(cadence.inPersonDays) : current.nextInPersonVisitDueAt,
    nextPhoneVisitDueAt: contactNewer ? plus(cadence.phoneDays) : current.nextPhoneVisitDueAt,
    lastInPersonVisitAt:
      kind === "in_person" ? max(current.lastInPersonVisitAt, at) : current.lastInPersonVisitAt,
    lastPhoneVisitAt: kind === "phone" ? max(current.lastPhoneVisitAt, at) : current.lastPhoneVisitAt,
  };
}

export const cadenceFor = (all: Cadence[], tier: CustomerTier): Cadence =>
  all.find((c) => c.tier === tier) ?? DEFAULT_CADENCE.find((c) => c.tier === tier)!;

export function overdueKinds(d: DueDates, now: Date): VisitKind[] {
  const out: VisitKind[] = [];
  if (d.nextInPersonVisitDueAt && d.nextInPersonVisitDueAt < now) out.push("in_person");
  if (d.nextPhoneVisitDueAt && d.nextPhoneVisitDueAt < now) out.push("phone");
  return out;
}

export function nextDate(date: string, days = 1): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Contract reminders (R-OPP): the day each reminder falls due, N days before the end date. */
export function contractReminderDates(
  endsOn: string,
  reminderDays: number[],
): { days: number; on: string }[] {
  return reminderDays.map((days) => ({ days, on: nextDate(endsOn, -days) }));
}
