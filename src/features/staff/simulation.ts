import { type Customers, drawCustomers } from "./customers.js";
import { newTally, runDay, skillMasks, type Tally, type WaitSample } from "./hall-engine.js";
import { percentile, standardError } from "./statistics.js";

// A discrete-event simulation of a hall's day (排班 R-ROSTER): Poisson arrivals whose rate changes by
// interval, service times per business type, counters that open and close by interval and serve only
// their business types (R-CALL: VIP first, otherwise first come first served within what a counter may
// handle), no-shows (a called ticket nobody answers costs the counter noShowSeconds), diversion (R-DIVERT:
// a share leaves for an e-channel before being called) and, optionally, impatient customers.
//
// The customers are drawn first (customers.ts), the counters then run over them (hall-engine.ts): a
// PreparedDay is evaluated under as many staffing plans as the plan's search wants to compare.

export type ServiceTime = { distribution: "exponential" } | { distribution: "lognormal"; cv: number };

export type BusinessMix = {
  id: string;
  /** Share of the arrivals (the shares are normalised over the types). */
  share: number;
  meanServiceSeconds: number;
  service?: ServiceTime;
  /** Share of this type's tickets that are VIP and called first. */
  vipShare?: number;
};

export type HallDay = {
  intervalMinutes: number;
  /** Expected arrivals per hour in each interval, all business types together. */
  arrivalsPerHour: readonly number[];
  businessTypes: readonly BusinessMix[];
  /** Counters open in each interval: counter k is open while k < counters[i]. */
  counters: readonly number[];
  /** Business type ids counter k serves; counters past the list, or given null, serve every type. */
  counterSkills?: readonly (readonly string[] | null)[];
  targetWaitSeconds: number;
  noShowShare?: number;
  /** Counter time spent calling a ticket whose holder does not come (default 30 s). */
  noShowSeconds?: number;
  diversionShare?: number;
  /** Waiting customers give up after an exponential patience with this mean (Erlang A's assumption). */
  meanPatienceSeconds?: number;
  /** Intervals at the start left out of every figure: the warm-up of a steady-state study. */
  warmupIntervals?: number;
};

export type SimulationRun = { replications: number; seed: number; percentiles?: boolean };

export type IntervalFigures = {
  interval: number;
  /** Tickets taken in the interval, per day (mean over replications). */
  arrivals: number;
  /** Customers who wanted service (tickets less diverted and no-shows), per day. */
  customers: number;
  withinTarget: number;
  /** Served within the target ÷ customers; null when nobody came. */
  serviceLevel: number | null;
  meanWaitSeconds: number | null;
};

export type DayFigures = {
  serviceLevel: number;
  meanWaitSeconds: number;
  p90WaitSeconds: number | null;
  /** Of the per-replication figures: the spread a second run with another seed would show. */
  standardError: { serviceLevel: number; meanWaitSeconds: number };
  /** Per day (mean over replications). */
  customers: number;
  abandoned: number;
  diverted: number;
  noShows: number;
  /** Still waiting when the last open counters closed: counted as missing the target. */
  unserved: number;
  /** VIP tickets (called first): their share of the waits and their mean wait. */
  vip: { customers: number; meanWaitSeconds: number | null };
  byInterval: IntervalFigures[];
  replications: { serviceLevel: number; meanWaitSeconds: number; vipMeanWaitSeconds: number | null }[];
};

/** A day's customers drawn for every replication, ready to be run under any counters. */
export type PreparedDay = { day: HallDay; replications: Customers[] };

export const prepareDay = (day: HallDay, run: SimulationRun): PreparedDay => ({
  day,
  replications: drawCustomers(day, run.replications, run.seed),
});

/** The day simulated `replications` times; figures pooled over all of them. */
export function simulateDay(day: HallDay, run: SimulationRun): DayFigures {
  return evaluate(prepareDay(day, run), day.counters, run.percentiles !== false);
}

/** The prepared customers met by these counters per interval. */
export function evaluate(
  prepared: PreparedDay,
  counters: readonly number[],
  percentiles = false,
): DayFigures {
  return evaluateWithin(prepared, counters, Infinity, percentiles) as DayFigures;
}

/**
 * The same, or null as soon as more than missBudget customers (over all replications) have missed the
 * target: a trial plan that fails is abandoned part-way.
 */
export function evaluateWithin(
  prepared: PreparedDay,
  counters: readonly number[],
  missBudget: number,
  percentiles = false,
): DayFigures | null {
  const { day } = prepared;
  const tally = newTally(counters.length);
  const skills = skillMasks(day, Math.max(0, ...counters));
  const waits: WaitSample | null = percentiles ? { values: new Float64Array(4096), count: 0 } : null;
  const replications: DayFigures["replications"] = [];
  let budget = missBudget;
  for (const customers of prepared.replications) {
    const before = totals(tally);
    budget -= runDay(day, customers, counters, skills, tally, waits, budget);
    if (budget < 0) return null;
    const after = totals(tally);
    const served = after.customers - before.customers;
    const waited = after.waited - before.waited;
    const vipWaited = after.vipWaited - before.vipWaited;
    replications.push({
      serviceLevel: served ? (after.within - before.within) / served : 1,
      meanWaitSeconds: waited ? (after.waitSum - before.waitSum) / waited : 0,
      vipMeanWaitSeconds: vipWaited ? (after.vipWaitSum - before.vipWaitSum) / vipWaited : null,
    });
  }
  return present(day, tally, replications, waits ? waits.values.subarray(0, waits.count) : null);
}

function present(
  day: HallDay,
  t: Tally,
  replications: DayFigures["replications"],
  waits: Float64Array | null,
): DayFigures {
  const r = replications.length;
  const byInterval: IntervalFigures[] = [];
  for (let i = day.warmupIntervals ?? 0; i < t.arrivals.length; i++) {
    byInterval.push({
      interval: i,
      arrivals: t.arrivals[i] / r,
      customers: t.customers[i] / r,
      withinTarget: t.within[i] / r,
      serviceLevel: t.customers[i] ? t.within[i] / t.customers[i] : null,
      meanWaitSeconds: t.waited[i] ? t.waitSum[i] / t.waited[i] : null,
    });
  }
  const all = totals(t);
  return {
    serviceLevel: all.customers ? all.within / all.customers : 1,
    meanWaitSeconds: all.waited ? all.waitSum / all.waited : 0,
    p90WaitSeconds: waits ? percentile(waits, 90) : null,
    standardError: {
      serviceLevel: standardError(replications.map((x) => x.serviceLevel)),
      meanWaitSeconds: standardError(replications.map((x) => x.meanWaitSeconds)),
    },
    customers: all.customers / r,
    abandoned: sum(t.abandoned) / r,
    diverted: sum(t.diverted) / r,
    noShows: sum(t.noShows) / r,
    unserved: sum(t.unserved) / r,
    vip: {
      customers: all.vipWaited / r,
      meanWaitSeconds: all.vipWaited ? all.vipWaitSum / all.vipWaited : null,
    },
    byInterval,
    replications,
  };
}

const totals = (t: Tally) => ({
  customers: sum(t.customers),
  within: sum(t.within),
  waited: sum(t.waited),
  waitSum: sum(t.waitSum),
  vipWaited: sum(t.vipWaited),
  vipWaitSum: sum(t.vipWaitSum),
});

const sum = (a: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};
