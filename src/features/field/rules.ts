import type { Cadence, CustomerTier, OpportunityStage, VisitKind } from "./contract.js";

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

// RA 1.3.4.2(1), 2.1.1(2)–(3): book at least one day ahead; arrive five minutes early.
export const ARRIVE_EARLY_MINUTES = 5;
export function planVisit(plannedAt: Date, bookedAt: Date) {
  const warnings: string[] = [];
  if (plannedAt.getTime() < bookedAt.getTime()) warnings.push("in_the_past");
  else if (plannedAt.getTime() - bookedAt.getTime() < DAY_MS) warnings.push("less_than_one_day_ahead");
  return { arriveBy: new Date(plannedAt.getTime() - ARRIVE_EARLY_MINUTES * 60_000), warnings };
}

/**
 * The calendar's "within N working days" (src/features/calendar addWorkingDays, bound to a database and
 * time zone): the due instant, 24:00 local of the N-th working day after the day of `from`.
 */
export type AddWorkingDays = (from: Date, days: number) => Promise<Date>;

// RA 2.1.1(6)–(7): open questions answered within 2 working days, the archive updated within 3.
export const ANSWER_WORKING_DAYS = 2;
export const ARCHIVE_WORKING_DAYS = 3;

export async function visitDeadlines(
  visitAt: Date,
  hasOpenQuestions: boolean,
  addWorkingDays: AddWorkingDays,
) {
  return {
    answersDueAt: hasOpenQuestions ? await addWorkingDays(visitAt, ANSWER_WORKING_DAYS) : null,
    archiveDueAt: await addWorkingDays(visitAt, ARCHIVE_WORKING_DAYS),
  };
}

export function nextDate(date: string, days = 1): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

// 上门装移修前核对客户资料 (RA 1.3.4.1(3)): name, address and customer type must match the order.
const norm = (s: string) => s.replace(/[\s,，。.、\-—()（）]/g, "").toLowerCase();
export function orderMismatches(
  order: { orderName: string; orderAddress: string; orderTier: CustomerTier },
  found: { name: string; address: string; tier: CustomerTier },
): string[] {
  const out: string[] = [];
  if (norm(order.orderName) !== norm(found.name)) out.push("name");
  if (norm(order.orderAddress) !== norm(found.address)) out.push("address");
  if (order.orderTier !== found.tier) out.push("tier");
  return out;
}

// 商机 stages: forward through the funnel, won/lost are final; any open stage may be lost.
const stageOrder: OpportunityStage[] = ["new", "qualified", "proposal", "negotiation", "won"];
export function stageAllowed(from: OpportunityStage, to: OpportunityStage): boolean {
  if (from === "won" || from === "lost" || from === to) return false;
  if (to === "lost") return true;
  return stageOrder.indexOf(to) > stageOrder.indexOf(from);
}

/** Monday 00:00 local of the week containing `date` (YYYY-MM-DD), as a date string. */
export function weekStart(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return nextDate(date, 1 - weekday);
}

/** Contract reminders (R-OPP): the day each reminder falls due, N days before the end date. */
export function contractReminderDates(
  endsOn: string,
  reminderDays: number[],
): { days: number; on: string }[] {
  return reminderDays.map((days) => ({ days, on: nextDate(endsOn, -days) }));
}
