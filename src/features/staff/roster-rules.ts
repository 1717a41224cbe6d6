import { addDays, weekdayOf } from "../../core/calendar.js";
import type { Availability, DayRequirement, RosterAction, Violation } from "./roster-contract.js";

// The rules a week's roster keeps (排班 R-ROSTER): a person works only with the skills, inside their
// availability, not on a day of leave or sickness, at most their contracted hours a week, at most one
// shift a day, with at least the minimum rest between shifts; and the counters on duty cover the plan.
// Pure: the optimiser (roster-solve.ts) builds its programme from the same candidates and the checker
// below re-checks any roster a manager has edited.

export type RosterStaff = {
  id: string;
  name: string;
  skills: readonly string[];
  /** May serve at a VIP counter (贵宾窗口). */
  vip?: boolean;
  contractMinutesPerWeek: number;
  availability: Availability;
  /** Dates (YYYY-MM-DD) of leave or sickness. */
  absentDates: ReadonlySet<string>;
};

export type Template = { id: string; startMinute: number; lengthMinutes: number };
export type Shift = { staffId: string; date: string; startMinute: number; lengthMinutes: number };

const minutesOf = (clock: string) => {
  const [h, m] = clock.split(":").map(Number);
  return h * 60 + m;
};

/** Whether a shift of this person on this date lies inside one of their availability windows. */
export function isAvailable(staff: RosterStaff, date: string, startMinute: number, lengthMinutes: number) {
  if (staff.availability.length === 0) return true;
  const weekday = weekdayOf(date);
  return staff.availability.some(
    (a) =>
      a.weekday === weekday &&
      minutesOf(a.from) <= startMinute &&
      startMinute + lengthMinutes <= minutesOf(a.to),
  );
}

/**
 * The requirement a hall with a VIP counter has in every open half hour: someone on duty who may serve
 * VIPs (贵宾窗口, R-HALL). It sits among the half hour's business types, so the optimiser and the rule
 * check treat it as one more skill.
 */
export const VIP_SKILL = "vip";

/** An empty skill list serves every business type (as a counter with no skills list does in the simulation);
 * VIP service is a qualification of its own. */
export const hasSkill = (staff: Pick<RosterStaff, "skills" | "vip">, businessType: string) =>
  businessType === VIP_SKILL
    ? staff.vip === true
    : staff.skills.length === 0 || staff.skills.includes(businessType);

/** The (person, day, template) triples the optimiser may choose from: available, present, in opening hours. */
export function candidates(
  staff: readonly RosterStaff[],
  days: readonly DayRequirement[],
  templates: readonly Template[],
) {
  const out: { staff: number; day: number; template: number }[] = [];
  staff.forEach((s, i) => {
    days.forEach((d, j) => {
      if (d.counters.length === 0 || s.absentDates.has(d.date)) return;
      const closesAt = d.opensAt + 30 * d.counters.length;
      templates.forEach((t, k) => {
        const overlaps = t.startMinute < closesAt && t.startMinute + t.lengthMinutes > d.opensAt;
        if (overlaps && isAvailable(s, d.date, t.startMinute, t.lengthMinutes))
          out.push({ staff: i, day: j, template: k });
      });
    });
  });
  return out;
}

/** The half hours of a day a shift covers (indices into the day's counters). */
export function intervalsOf(day: DayRequirement, startMinute: number, lengthMinutes: number): number[] {
  const out: number[] = [];
  day.counters.forEach((_, i) => {
    const from = day.opensAt + 30 * i;
    if (startMinute <= from && from + 30 <= startMinute + lengthMinutes) out.push(i);
  });
  return out;
}

/** Minutes between the end of one shift and the start of the next (shifts on different dates). */
export function restMinutes(a: Shift, b: Shift): number {
  const [first, second] = a.date <= b.date ? [a, b] : [b, a];
  let days = 0;
  for (let d = first.date; d < second.date && days < 14; d = addDays(d, 1)) days++;
  return days * 1440 + second.startMinute - (first.startMinute + first.lengthMinutes);
}

/** Counters on duty per half hour of each day under these shifts. */
export function coverageOf(days: readonly DayRequirement[], shifts: readonly Shift[]): number[][] {
  return days.map((d) => {
    const on = d.counters.map(() => 0);
    for (const s of shifts)
      if (s.date === d.date) for (const i of intervalsOf(d, s.startMinute, s.lengthMinutes)) on[i]++;
    return on;
  });
}

/** Every rule the roster breaks, each named with the person and day. */
export function checkRules(
  staff: readonly RosterStaff[],
  days: readonly DayRequirement[],
  shifts: readonly Shift[],
  minRestMinutes: number,
): Violation[] {
  const out: Violation[] = [];
  const byId = new Map(staff.map((s) => [s.id, s]));
  for (const s of staff) {
    const own = shifts.filter((x) => x.staffId === s.id).sort((a, b) => a.date.localeCompare(b.date));
    const minutes = own.reduce((n, x) => n + x.lengthMinutes, 0);
    if (minutes > s.contractMinutesPerWeek) {
      out.push({
        kind: "contract",
        staffId: s.id,
        date: null,
        message: `${s.name}: ${minutes / 60} h this week, contract ${s.contractMinutesPerWeek / 60} h`,
      });
    }
    for (let i = 1; i < own.length; i++) {
      const rest = restMinutes(own[i - 1], own[i]);
      if (rest < minRestMinutes) {
        out.push({
          kind: "rest",
          staffId: s.id,
          date: own[i].date,
          message: `${s.name}: ${Math.round((rest / 60) * 10) / 10} h rest before ${own[i].date}, at least ${minRestMinutes / 60} h`,
        });
      }
    }
  }
  for (const x of shifts) {
    const s = byId.get(x.staffId);
    if (!s) continue;
    if (s.absentDates.has(x.date))
      out.push({
        kind: "absence",
        staffId: s.id,
        date: x.date,
        message: `${s.name} is on leave on ${x.date}`,
      });
    else if (!isAvailable(s, x.date, x.startMinute, x.lengthMinutes))
      out.push({
        kind: "availability",
        staffId: s.id,
        date: x.date,
        message: `${s.name} is not available then`,
      });
  }
  const coverage = coverageOf(days, shifts);
  days.forEach((d, j) => {
    const short = d.counters.reduce((n, need, i) => n + Math.max(0, need - coverage[j][i]), 0);
    if (short > 0)
      out.push({
        kind: "cover",
        staffId: null,
        date: d.date,
        message: `${d.date}: ${short} counter-half-hours short of the plan`,
      });
    const missing = new Set<string>();
    d.typesByInterval.forEach((types, i) => {
      const on = shifts
        .filter((x) => x.date === d.date && intervalsOf(d, x.startMinute, x.lengthMinutes).includes(i))
        .map((x) => byId.get(x.staffId))
        .filter((s): s is RosterStaff => s !== undefined);
      for (const t of types) if (on.length > 0 && !on.some((s) => hasSkill(s, t))) missing.add(t);
    });
    if (missing.size > 0)
      out.push({
        kind: "skill",
        staffId: null,
        date: d.date,
        message: `${d.date}: nobody on duty for ${[...missing].join(", ")} at times`,
      });
  });
  return out;
}

/** What the asker may do with a roster: from their capability and the roster's state. */
export function rosterAllowedActions(mayManage: boolean, state: "draft" | "published"): RosterAction[] {
  if (!mayManage) return [];
  return state === "draft" ? ["assign", "unassign", "publish", "regenerate"] : ["assign", "unassign"];
}

/** A swap is decided once, by someone who manages the hall's staffing; the asker only waits. */
export function swapAllowedActions(
  mayManage: boolean,
  state: "requested" | "approved" | "rejected",
): ("approve" | "reject")[] {
  return mayManage && state === "requested" ? ["approve", "reject"] : [];
}
