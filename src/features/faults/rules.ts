import type { FaultAction, FaultActionPath, FaultState } from "./contract.js";

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

export type FaultStateCode =
  | "fault_closed"
  | "fault_already_reported"
  | "fault_already_repaired"
  | "fault_already_confirmed"
  | "fault_not_repaired"
  | "fault_not_confirmed";

/** Why a fault in this state refuses the action (409), or null when it may: a code per situation. */
export function faultRefusal(state: FaultState, action: FaultActionPath): FaultStateCode | null {
  if (faultNext(state, action)) return null;
  if (state === "closed") return "fault_closed";
  if (state === "confirmed") return "fault_already_confirmed";
  switch (action) {
    case "report":
      return state === "repaired" ? "fault_already_repaired" : "fault_already_reported";
    case "repaired":
      return "fault_already_repaired";
    case "confirm":
      return "fault_not_repaired";
    case "callback":
      return "fault_not_confirmed";
    case "progress":
      return "fault_already_confirmed";
  }
}

/** Who asks about a fault: who they are, whether they record faults, whether they manage others'. */
export type FaultCaller = { userId: string; mayRecord: boolean; mayManage: boolean };

/**
 * What the caller may do with a fault now (POST /api/faults/:id/<action>): the agent who took it, or a
 * manager, and the steps its state allows. The web app shows a button for each.
 */
export function faultAllowedActions(
  f: { state: FaultState; ownerId: string },
  caller: FaultCaller,
): FaultActionPath[] {
  if (!caller.mayRecord || (f.ownerId !== caller.userId && !caller.mayManage)) return [];
  return (Object.keys(faultTransitions) as FaultActionPath[]).filter((a) => faultNext(f.state, a) !== null);
}

/** The clocks a region may set instead of the defaults above (its settings level, issue 16). */
export type FaultClockSettings = {
  faultReportMinutes?: number;
  faultKeyProgressMinutes?: number;
  faultRepairHours?: Partial<Record<keyof typeof REPAIR_HOURS, number>>;
};

export function faultDeadlines(
  recordedAt: Date,
  service: keyof typeof REPAIR_HOURS,
  keyCustomer: boolean,
  clocks: FaultClockSettings = {},
) {
  const t = recordedAt.getTime();
  const report = clocks.faultReportMinutes ?? REPORT_MINUTES;
  const progress = clocks.faultKeyProgressMinutes ?? KEY_PROGRESS_MINUTES;
  const repair = clocks.faultRepairHours?.[service] ?? REPAIR_HOURS[service];
  return {
    reportDueAt: new Date(t + report * 60_000),
    progressDueAt: keyCustomer ? new Date(t + progress * 60_000) : null,
    repairDueAt: new Date(t + repair * 3_600_000),
  };
}

/** What a fault's row had before an action that rules.ts needs to decide its change. */
export type FaultBefore = {
  reportDueAt: Date;
  progressDueAt: Date | null;
  progressContactedAt: Date | null;
  repairDueAt: Date;
};

/** The columns an allowed action sets (beyond the state) and its history note. Pure: tested alone. */
export function faultPatchFor(f: FaultBefore, a: FaultAction, now: Date) {
  const noteOf = (input: { note?: string } | null) => input?.note ?? null;
  switch (a.action) {
    case "report":
      return {
        patch: {
          reportedAt: now,
          reportReference: a.input?.reference ?? null,
          reportLate: now > f.reportDueAt,
        },
        note: null,
      };
    case "progress":
      return {
        patch: {
          progressContactedAt: f.progressContactedAt ?? now,
          // Late only for the first contact after its deadline.
          ...(f.progressDueAt && !f.progressContactedAt && now > f.progressDueAt
            ? { progressLate: true }
            : {}),
        },
        note: noteOf(a.input),
      };
    case "repaired":
      return {
        patch: { repairedAt: now, ...(now > f.repairDueAt ? { repairBreached: true } : {}) },
        note: noteOf(a.input),
      };
    case "confirm": {
      const input = a.input!;
      return {
        patch: {
          confirmedAt: input.at ? new Date(input.at) : now,
          confirmedBy: input.confirmedBy,
          confirmMethod: input.method,
        },
        note: `${input.confirmedBy} (${input.method})`,
      };
    }
    case "callback": {
      const input = a.input!;
      return {
        patch: { satisfaction: input.satisfaction, callbackNote: input.note ?? null, closedAt: now },
        note: [input.satisfaction, input.note].filter(Boolean).join(": "),
      };
    }
  }
}
