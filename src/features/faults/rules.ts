import type { FaultActionPath, FaultState } from "./contract.js";

// R-FAULT limits (RA 2.5 and the 3G service standard), all on a 24×7 clock.
export const REPORT_MINUTES = 5; // report to 10000 within 5 minutes when the agent cannot fix it
export const KEY_PROGRESS_MINUTES = 30; // a key customer hears of progress within 30 minutes
export const REPAIR_HOURS: Record<"fixed_line" | "broadband" | "mobile", number> = {
  mobile: 48, // a mobile fault repaired within 48 hours at most
  fixed_line: 24, // service restoration within 24 hours
  broadband: 24,
};

// The fault state machine: closing needs the customer's confirmation first, then a callback.
export const faultTransitions: Record<
  FaultActionPath,
  { from: readonly FaultState[]; to: FaultState | null }
> = {
  report: { from: ["recorded"], to: "reported" },
  progress: { from: ["recorded", "reported", "repaired"], to: null },
  repaired: { from: ["recorded", "reported"], to: "repaired" },
  confirm: { from: ["repaired"], to: "confirmed" },
  callback: { from: ["confirmed"], to: "closed" },
};

export function faultNext(state: FaultState, action: FaultActionPath): FaultState | null {
  const rule = faultTransitions[action];
  if (!rule.from.includes(state)) return null;
  return rule.to ?? state;
}

export function faultDeadlines(recordedAt: Date, service: keyof typeof REPAIR_HOURS, keyCustomer: boolean) {
  const t = recordedAt.getTime();
  return {
    reportDueAt: new Date(t + REPORT_MINUTES * 60_000),
    progressDueAt: keyCustomer ? new Date(t + KEY_PROGRESS_MINUTES * 60_000) : null,
    repairDueAt: new Date(t + REPAIR_HOURS[service] * 3_600_000),
  };
}
