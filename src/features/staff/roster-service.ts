import { addDays } from "../../core/calendar.js";
import type { DbOrTx } from "../../core/db.js";
import { AppError } from "../../core/errors.js";
import type { Hall } from "../halls/contract.js";
import { listCounters } from "../halls/data.js";
import { compute } from "./compute.js";
import { listStaff, listTemplates, presentShift, type RosterRow, rosterStaffOf, shiftsOf } from "./data.js";
import { forecastDay, hoursOn } from "./forecast.js";
import { saveRoster } from "./mutations.js";
import type { DayRequirement, GenerateBody, RosterCheck, RosterView } from "./roster-contract.js";
import { checkRules, coverageOf, rosterAllowedActions, type Shift, VIP_SKILL } from "./roster-rules.js";

// A week's roster from forecast to named shifts (排班 R-ROSTER): each day's forecast → the day's plan
// (plan.ts: counters per half hour that the simulation says meet the target) → the named-staff programme
// (roster-solve.ts) → the simulation's verdict on the counters the roster actually puts on duty.

/** Half hours in which a business type is forecast at least this often count as needing its skill. */
const SKILL_THRESHOLD = 0.5;
const REPLICATIONS = 10;
const SEED = 1;

export async function requirementsOf(
  db: DbOrTx,
  hall: Pick<Hall, "id" | "openingHours">,
  weekStart: string,
  timeZone: string,
  body: Pick<GenerateBody, "targetWaitSeconds" | "targetServiceLevel">,
): Promise<DayRequirement[]> {
  const days: DayRequirement[] = [];
  // A hall with a VIP counter keeps someone who may serve VIPs on duty whenever it is open.
  const vipZone = (await listCounters(db, hall.id)).some((c) => c.vip);
  for (let j = 0; j < 7; j++) {
    const date = addDays(weekStart, j);
    const hours = hoursOn(hall, date);
    if (!hours) {
      days.push({
        date,
        opensAt: 0,
        counters: [],
        arrivalsPerHour: [],
        meanServiceSeconds: 300,
        typesByInterval: [],
      });
      continue;
    }
    const f = await forecastDay(db, hall, date, timeZone);
    const plan = await compute("plan", {
      day: {
        intervalMinutes: 30,
        arrivalsPerHour: f.arrivalsPerHour,
        businessTypes: [{ id: "all", share: 1, meanServiceSeconds: f.meanServiceSeconds }],
        targetWaitSeconds: body.targetWaitSeconds,
      },
      targetServiceLevel: body.targetServiceLevel,
      replications: REPLICATIONS,
      seed: SEED,
      maxEvaluations: 150,
    });
    days.push({
      date,
      opensAt: hours.opensAt,
      counters: plan.counters,
      arrivalsPerHour: f.arrivalsPerHour,
      meanServiceSeconds: f.meanServiceSeconds,
      typesByInterval: f.intervals.map((i) => [
        ...Object.entries(i.byType)
          .filter(([, n]) => n >= SKILL_THRESHOLD)
          .map(([t]) => t),
        ...(vipZone ? [VIP_SKILL] : []),
      ]),
    });
  }
  return days;
}

/** The simulation's verdict on the counters the shifts put on duty, with every rule the roster breaks. */
export async function verdictOf(
  staff: Awaited<ReturnType<typeof rosterStaffOf>>,
  days: readonly DayRequirement[],
  shifts: readonly Shift[],
  targets: { targetWaitSeconds: number; targetServiceLevel: number; minRestMinutes: number },
): Promise<RosterCheck> {
  const coverage = coverageOf(days, shifts);
  let within = 0;
  let customers = 0;
  const byDay: RosterCheck["byDay"] = [];
  for (const [j, d] of days.entries()) {
    const staffHours = shifts.filter((s) => s.date === d.date).reduce((n, s) => n + s.lengthMinutes, 0) / 60;
    const short = d.counters.reduce((n, need, i) => n + Math.max(0, need - coverage[j][i]), 0);
    if (d.counters.length === 0 || d.arrivalsPerHour.every((a) => a === 0)) {
      byDay.push({ date: d.date, serviceLevel: null, staffHours, short });
      continue;
    }
    const figures = await compute("simulate", [
      {
        intervalMinutes: 30,
        arrivalsPerHour: d.arrivalsPerHour,
        businessTypes: [{ id: "all", share: 1, meanServiceSeconds: d.meanServiceSeconds }],
        counters: coverage[j],
        targetWaitSeconds: targets.targetWaitSeconds,
      },
      { replications: REPLICATIONS, seed: SEED },
    ]);
    within += figures.serviceLevel * figures.customers;
    customers += figures.customers;
    byDay.push({ date: d.date, serviceLevel: round(figures.serviceLevel), staffHours, short });
  }
  const serviceLevel = customers > 0 ? within / customers : 1;
  return {
    serviceLevel: round(serviceLevel),
    targetServiceLevel: targets.targetServiceLevel,
    met: serviceLevel >= targets.targetServiceLevel,
    byDay,
    violations: checkRules(staff, days, shifts, targets.minRestMinutes),
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export async function generateRoster(
  db: DbOrTx,
  hall: Pick<Hall, "id" | "openingHours">,
  body: GenerateBody,
  timeZone: string,
): Promise<string> {
  const templates = await listTemplates(db, hall.id);
  if (templates.length === 0) throw new AppError("rule_violation", "The hall has no shift templates yet");
  const to = addDays(body.weekStart, 6);
  const staff = await rosterStaffOf(db, hall.id, body.weekStart, to);
  if (staff.length === 0) throw new AppError("rule_violation", "The hall has no active staff to roster");
  const days = await requirementsOf(db, hall, body.weekStart, timeZone, body);
  const minRestMinutes = Math.round(body.minRestHours * 60);
  const solution = await compute("roster", {
    staff,
    days,
    templates: templates.map((t) => ({
      id: t.id,
      startMinute: t.startMinute,
      lengthMinutes: t.lengthMinutes,
    })),
    minRestMinutes,
  });
  const targets = { ...body, minRestMinutes };
  const check = await verdictOf(staff, days, solution.shifts, targets);
  return saveRoster(db, {
    hallId: hall.id,
    weekStart: body.weekStart,
    requirements: days,
    targetWaitSeconds: body.targetWaitSeconds,
    targetServiceLevel: body.targetServiceLevel,
    minRestMinutes,
    staffMinutes: solution.staffMinutes,
    lowerBoundMinutes: solution.lowerBoundMinutes,
    optimal: solution.optimal,
    check,
    shifts: solution.shifts,
  });
}

/** A roster's figures after a manager's edit: its shifts as they are now, re-simulated. */
export async function recheck(db: DbOrTx, roster: RosterRow) {
  const staff = await rosterStaffOf(db, roster.hallId, roster.weekStart, addDays(roster.weekStart, 6));
  const shifts = await shiftsOf(db, roster.id);
  const check = await verdictOf(staff, roster.requirements, shifts, roster);
  return { staffMinutes: shifts.reduce((n, s) => n + s.lengthMinutes, 0), check };
}

export async function presentRoster(db: DbOrTx, roster: RosterRow, mayManage: boolean): Promise<RosterView> {
  const people = await listStaff(db, roster.hallId);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const shifts = await shiftsOf(db, roster.id);
  const staffHours = roster.staffMinutes / 60;
  const lowerBoundHours = roster.lowerBoundMinutes / 60;
  return {
    id: roster.id,
    hallId: roster.hallId,
    weekStart: roster.weekStart,
    state: roster.state,
    version: roster.version,
    publishedAt: roster.publishedAt?.toISOString() ?? null,
    staffHours,
    lowerBoundHours,
    gap: staffHours > 0 ? round(Math.max(0, staffHours - lowerBoundHours) / staffHours) : 0,
    optimal: roster.optimal,
    requirements: roster.requirements,
    check: roster.check,
    staff: people.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name })),
    shifts: shifts.map((s) => presentShift(s, names)),
    allowedActions: rosterAllowedActions(mayManage, roster.state),
  };
}
