import type { Principal } from "../../core/access.js";
import { type OpportunityStage, opportunityStages } from "../customers/contract.js";
import { nextDate } from "../customers/rules.js";
import { authorizeField } from "../customers/scope.js";
import type { OpportunityAction } from "./opportunity-contract.js";

const DAY_MS = 86_400_000;

// RA 1.3.4.2(1), 2.1.1(2)–(3): book at least one day ahead; arrive five minutes early.
export const ARRIVE_EARLY_MINUTES = 5;
// An appointment more than a year ahead is a mistyped year, not a plan.
export const MAX_DAYS_AHEAD = 366;
export function planVisit(plannedAt: Date, bookedAt: Date) {
  const warnings: string[] = [];
  const ahead = plannedAt.getTime() - bookedAt.getTime();
  if (ahead < 0) warnings.push("in_the_past");
  else if (ahead < DAY_MS) warnings.push("less_than_one_day_ahead");
  else if (ahead > MAX_DAYS_AHEAD * DAY_MS) warnings.push("too_far_ahead");
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

/**
 * What the principal may do with an opportunity now (the routes' own field.write check, asked without
 * throwing; regionCode absent for a list already filtered to the principal's scope): correct and move an
 * open one, to the stages stageAllowed permits.
 */
export function opportunityControls(
  principal: Principal | undefined,
  stage: OpportunityStage,
  regionCode?: string,
): { allowedActions: OpportunityAction[]; allowedStages: OpportunityStage[] } {
  const none = { allowedActions: [], allowedStages: [] };
  if (stage === "won" || stage === "lost") return none;
  try {
    authorizeField(principal, "field.write", regionCode);
  } catch {
    return none;
  }
  return {
    allowedActions: ["edit", "move"],
    allowedStages: opportunityStages.filter((to) => stageAllowed(stage, to)),
  };
}
