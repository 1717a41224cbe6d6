import { AppError } from "../../core/errors.js";
import { clockOf } from "../../core/time.js";
import type { CoverBody, PlanBody, SimulateBody } from "./contract.js";
import { LIMITS } from "./contract.js";
import type { CoverRequest } from "./cover.js";
import type { PlanRequest } from "./plan.js";
import type { BusinessMix, DayFigures, HallDay } from "./simulation.js";

// From a request body to the models' inputs: the checks zod cannot express alone (lengths that must
// match, ids that must exist, the work one request may ask for), each a 400 in the one error shape.

const invalid = (message: string, details?: unknown) => new AppError("invalid_input", message, details);

type DayBody = Pick<
  SimulateBody,
  | "intervalMinutes"
  | "meanServiceSeconds"
  | "businessTypes"
  | "targetWaitSeconds"
  | "meanPatienceSeconds"
  | "noShowShare"
  | "noShowSeconds"
  | "diversionShare"
>;

function businessTypes(body: DayBody): BusinessMix[] {
  if (body.businessTypes) {
    const ids = new Set(body.businessTypes.map((b) => b.id));
    if (ids.size < body.businessTypes.length) throw invalid("businessTypes: ids must be unique");
    return body.businessTypes.map((b) => {
      if (b.distribution === "lognormal" && b.cv === undefined) {
        throw invalid(`businessTypes: ${b.id} is log-normal and needs its cv`);
      }
      return {
        id: b.id,
        share: b.share,
        meanServiceSeconds: b.meanServiceSeconds,
        service:
          b.distribution === "lognormal" ? { distribution: "lognormal", cv: b.cv as number } : undefined,
        vipShare: b.vipShare,
      };
    });
  }
  if (body.meanServiceSeconds === undefined) throw invalid("meanServiceSeconds or businessTypes is required");
  return [{ id: "all", share: 1, meanServiceSeconds: body.meanServiceSeconds }];
}

const dayOf = (body: DayBody, arrivalsPerHour: number[], counters: number[]): HallDay => ({
  intervalMinutes: body.intervalMinutes,
  arrivalsPerHour,
  businessTypes: businessTypes(body),
  counters,
  targetWaitSeconds: body.targetWaitSeconds,
  meanPatienceSeconds: body.meanPatienceSeconds,
  noShowShare: body.noShowShare,
  noShowSeconds: body.noShowSeconds,
  diversionShare: body.diversionShare,
});

/** Expected tickets of the day (the simulation draws about this many per replication). */
const expectedCustomers = (day: { arrivalsPerHour: readonly number[]; intervalMinutes: number }) =>
  day.arrivalsPerHour.reduce((s, a) => s + (a * day.intervalMinutes) / 60, 0);

export function simulationOf(body: SimulateBody): HallDay {
  const arrays = [body.arrivalsPerHour, body.counters].filter(Array.isArray) as number[][];
  if (arrays.length === 2 && arrays[0].length !== arrays[1].length) {
    throw invalid("arrivalsPerHour and counters must have one entry per interval each", {
      arrivalsPerHour: arrays[0].length,
      counters: arrays[1].length,
    });
  }
  const perHour = 60 / body.intervalMinutes;
  const intervals = arrays[0]?.length ?? Math.round((body.hours ?? 12) * perHour);
  if (body.hours !== undefined && Math.abs(body.hours * perHour - intervals) > 1e-9) {
    throw invalid(
      `hours must be ${intervals / perHour} for ${intervals} intervals of ${body.intervalMinutes} minutes`,
    );
  }
  if (intervals > LIMITS.intervals) throw invalid(`at most ${LIMITS.intervals} intervals`);
  const perInterval = (v: number | number[]) => (Array.isArray(v) ? v : Array<number>(intervals).fill(v));
  const day = dayOf(body, perInterval(body.arrivalsPerHour), perInterval(body.counters));
  if (body.counterSkills) {
    const known = new Set(day.businessTypes.map((b) => b.id));
    const unknown = body.counterSkills.flat().find((s) => s !== null && !known.has(s));
    if (unknown) throw invalid(`counterSkills: no business type ${unknown}`);
    day.counterSkills = body.counterSkills;
  }
  const work = expectedCustomers(day) * body.replications;
  if (work > LIMITS.simulatedCustomers) {
    throw invalid(
      `That is about ${Math.round(work)} simulated customers; at most ${LIMITS.simulatedCustomers} a request: ` +
        "fewer replications or a shorter day",
    );
  }
  return day;
}

export function planOf(body: PlanBody): PlanRequest {
  if (body.minCounters > body.maxCounters) throw invalid("minCounters is above maxCounters");
  const { counters: _none, ...day } = dayOf(body, body.arrivalsPerHour, []);
  const work = expectedCustomers(day) * body.replications;
  if (work > LIMITS.plannedCustomers) {
    throw invalid(
      `That is about ${Math.round(work)} simulated customers per trial plan; at most ` +
        `${LIMITS.plannedCustomers}: fewer replications`,
    );
  }
  return {
    day,
    targetServiceLevel: body.targetServiceLevel,
    minIntervalServiceLevel: body.minIntervalServiceLevel,
    minCounters: body.minCounters,
    maxCounters: body.maxCounters,
    replications: body.replications,
    seed: body.seed,
    maxEvaluations: LIMITS.planEvaluations,
  };
}

export function coverOf(body: CoverBody): CoverRequest {
  const ids = new Set<string>();
  const toIntervals = (hours: number, what: string, shiftId: string) => {
    const n = (hours * 60) / body.intervalMinutes;
    if (Math.abs(n - Math.round(n)) > 1e-9) {
      throw invalid(
        `shift ${shiftId}: ${what} ${hours} h is not a whole number of ${body.intervalMinutes}-minute intervals`,
      );
    }
    return Math.round(n);
  };
  const T = body.requirements.length;
  const shifts = body.shifts.map((s) => {
    if (ids.has(s.id)) throw invalid(`shift ids must be unique: ${s.id}`);
    ids.add(s.id);
    const startInterval =
      "startInterval" in s ? s.startInterval : toIntervals(s.startHour, "startHour", s.id);
    const lengthIntervals =
      "lengthIntervals" in s ? s.lengthIntervals : toIntervals(s.lengthHours, "lengthHours", s.id);
    if (startInterval >= T) throw invalid(`shift ${s.id} starts after the last interval`);
    if (lengthIntervals > T) throw invalid(`shift ${s.id} is longer than the requirements`);
    if (!body.cyclic && startInterval + lengthIntervals > T) {
      throw invalid(`shift ${s.id} ends after the last interval (set cyclic for a week that repeats)`);
    }
    return { id: s.id, startInterval, lengthIntervals, cost: s.cost };
  });
  return {
    requirements: body.requirements,
    shifts,
    cyclic: body.cyclic,
    maxShifts: body.maxShifts,
    timeLimitSeconds: body.timeLimitSeconds,
  };
}

/** The clock time an interval starts at, from the opening time ("08:30" + 3 × 30 min = "10:00"). */
export function intervalStart(opensAt: string, interval: number, intervalMinutes: number): string {
  const [h, m] = opensAt.split(":").map(Number);
  const minutes = (h * 60 + m + interval * intervalMinutes) % 1440;
  return clockOf(minutes);
}

export function presentDay(f: DayFigures, opensAt: string, intervalMinutes: number) {
  return {
    serviceLevel: f.serviceLevel,
    meanWaitSeconds: f.meanWaitSeconds,
    p90WaitSeconds: f.p90WaitSeconds,
    standardError: f.standardError,
    customers: f.customers,
    abandoned: f.abandoned,
    diverted: f.diverted,
    noShows: f.noShows,
    unserved: f.unserved,
    vip: f.vip,
    byInterval: f.byInterval.map((b) => ({
      from: intervalStart(opensAt, b.interval, intervalMinutes),
      arrivals: b.arrivals,
      customers: b.customers,
      serviceLevel: b.serviceLevel,
      meanWaitSeconds: b.meanWaitSeconds,
    })),
  };
}
