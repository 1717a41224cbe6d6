import { z } from "zod";

// The staffing API's contract (排班 R-ROSTER). Every size is capped so one request cannot hold the CPU:
// a hall day of at most 96 intervals, 2,000 arrivals an hour, 200 counters, and a bounded number of
// simulated customers (expected customers × replications) per request.

export const LIMITS = {
  intervals: 96,
  arrivalsPerHour: 2000,
  serviceSeconds: 7200,
  patienceSeconds: 14_400,
  waitSeconds: 3600,
  counters: 200,
  /** Offered load of one interval: beyond this it is not a hall. */
  erlangs: 500,
  replications: 100,
  /** Expected customers × replications one simulate request may draw (about 0.3 s of CPU). */
  simulatedCustomers: 1_000_000,
  /** The same for one plan request, which simulates its day up to maxEvaluations times. */
  plannedCustomers: 60_000,
  planEvaluations: 200,
  coverIntervals: 7 * 96,
  shifts: 3000,
  coverSeconds: 30,
} as const;

const rate = z.number().min(0).max(LIMITS.arrivalsPerHour);
const serviceSeconds = z.number().gt(0).max(LIMITS.serviceSeconds);
const patienceSeconds = z.number().gt(0).max(LIMITS.patienceSeconds);
const waitSeconds = z.number().min(0).max(LIMITS.waitSeconds);
const share = z.number().min(0).lt(1);
const level = z.number().gt(0).max(0.999);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day as HH:MM");
const intervalMinutes = z.union([z.literal(10), z.literal(15), z.literal(20), z.literal(30), z.literal(60)]);
const id = z.string().min(1).max(40);

const overload = (q: { arrivalsPerHour: number; meanServiceSeconds: number }) =>
  (q.arrivalsPerHour * q.meanServiceSeconds) / 3600 <= LIMITS.erlangs;
const overloadMessage = `arrivals × service time above ${LIMITS.erlangs} Erlangs is not a hall`;

// Query values arrive as text: coerced, with their bounds on the coerced number (so OpenAPI shows them).
const q = {
  arrivalsPerHour: z.coerce.number().min(0).max(LIMITS.arrivalsPerHour),
  meanServiceSeconds: z.coerce.number().gt(0).max(LIMITS.serviceSeconds),
  targetWaitSeconds: z.coerce.number().min(0).max(LIMITS.waitSeconds),
  meanPatienceSeconds: z.coerce.number().gt(0).max(LIMITS.patienceSeconds).optional(),
};

export const erlangQuery = z
  .object({ ...q, counters: z.coerce.number().int().min(1).max(LIMITS.counters) })
  .refine(overload, overloadMessage);

export const erlangSchema = z.object({
  offeredLoad: z.number(),
  probabilityOfWaiting: z.number(),
  meanWaitSeconds: z.number(),
  serviceLevel: z.number(),
  occupancy: z.number(),
  probabilityOfAbandon: z.number().optional(),
});

export const requiredQuery = z
  .object({ ...q, targetServiceLevel: z.coerce.number().gt(0).max(0.999) })
  .refine(overload, overloadMessage);
export const requiredSchema = z.object({ counters: z.number() });

const businessType = z.object({
  id,
  share: z.number().gt(0),
  meanServiceSeconds: serviceSeconds,
  distribution: z.enum(["exponential", "lognormal"]).default("exponential"),
  /** Coefficient of variation of a log-normal service time. */
  cv: z.number().gt(0).max(5).optional(),
  vipShare: z.number().min(0).max(1).optional(),
});

/** What a simulated or planned day shares: arrivals, service, and the hall's habits. */
const dayFields = {
  opensAt: clock.default("08:30"),
  intervalMinutes: intervalMinutes.default(30),
  meanServiceSeconds: serviceSeconds.optional(),
  businessTypes: z.array(businessType).min(1).max(16).optional(),
  targetWaitSeconds: waitSeconds.default(600), // R-TIME: ≤ 10 minutes
  meanPatienceSeconds: patienceSeconds.optional(),
  noShowShare: share.optional(),
  noShowSeconds: z.number().min(0).max(600).optional(),
  diversionShare: share.optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
};

export const simulateBody = z.object({
  ...dayFields,
  arrivalsPerHour: z.union([rate, z.array(rate).min(1).max(LIMITS.intervals)]),
  counters: z.union([
    z.number().int().min(0).max(LIMITS.counters),
    z.array(z.number().int().min(0).max(LIMITS.counters)).min(1).max(LIMITS.intervals),
  ]),
  /** The day's length when neither arrivals nor counters are given per interval (default 12 hours). */
  hours: z.number().gt(0).max(48).optional(),
  /** Business type ids counter k serves (counter k opens while k < counters of the interval). */
  counterSkills: z.array(z.array(id).min(1).max(16).nullable()).max(LIMITS.counters).optional(),
  replications: z.number().int().min(1).max(LIMITS.replications).default(20),
});
export type SimulateBody = z.infer<typeof simulateBody>;

const intervalSchema = z.object({
  from: z.string(),
  arrivals: z.number(),
  customers: z.number(),
  serviceLevel: z.number().nullable(),
  meanWaitSeconds: z.number().nullable(),
});

const dayFiguresSchema = {
  serviceLevel: z.number(),
  meanWaitSeconds: z.number(),
  p90WaitSeconds: z.number().nullable(),
  standardError: z.object({ serviceLevel: z.number(), meanWaitSeconds: z.number() }),
  customers: z.number(),
  abandoned: z.number(),
  diverted: z.number(),
  noShows: z.number(),
  unserved: z.number(),
  /** VIP tickets (called first): how many a day, and their mean wait. */
  vip: z.object({ customers: z.number(), meanWaitSeconds: z.number().nullable() }),
  byInterval: z.array(intervalSchema),
};
export const simulateSchema = z.object(dayFiguresSchema);

export const planBody = z.object({
  ...dayFields,
  arrivalsPerHour: z.array(rate).min(1).max(LIMITS.intervals),
  targetServiceLevel: level,
  /** Hold every half hour with customers to at least this share too (default: only the day counts). */
  minIntervalServiceLevel: level.optional(),
  minCounters: z.number().int().min(0).max(LIMITS.counters).default(1),
  maxCounters: z.number().int().min(1).max(LIMITS.counters).default(100),
  replications: z.number().int().min(1).max(50).default(20),
});
export type PlanBody = z.infer<typeof planBody>;

export const planSchema = z.object({
  counters: z.array(z.number()),
  counterHours: z.number(),
  simulatedServiceLevel: z.number(),
  met: z.boolean(),
  erlangCounters: z.array(z.number()),
  evaluations: z.number(),
  simulation: z.object(dayFiguresSchema),
});

// A shift template in intervals, or in hours (counted from the first interval's start).
const shiftCost = z.number().min(0).max(1e6).default(1);
const shift = z.union([
  z.object({
    id,
    startInterval: z.number().int().min(0).max(LIMITS.coverIntervals),
    lengthIntervals: z.number().int().min(1).max(LIMITS.coverIntervals),
    cost: shiftCost,
  }),
  z.object({ id, startHour: z.number().min(0), lengthHours: z.number().gt(0), cost: shiftCost }),
]);

export const coverBody = z.object({
  requirements: z.array(z.number().int().min(0).max(1000)).min(1).max(LIMITS.coverIntervals),
  shifts: z.array(shift).min(1).max(LIMITS.shifts),
  /** What startHour and lengthHours are counted in. */
  intervalMinutes: intervalMinutes.default(30),
  /** A shift running past the last interval goes on at the first (a week that repeats). */
  cyclic: z.boolean().default(false),
  maxShifts: z.number().int().min(0).max(1_000_000).optional(),
  timeLimitSeconds: z.number().gt(0).max(LIMITS.coverSeconds).default(10),
});
export type CoverBody = z.infer<typeof coverBody>;

export const coverSchema = z.object({
  counts: z.record(z.string(), z.number()),
  cost: z.number(),
  lowerBound: z.number(),
  optimal: z.boolean(),
  gap: z.number(),
  coverage: z.array(z.number()),
  solveSeconds: z.number(),
});
