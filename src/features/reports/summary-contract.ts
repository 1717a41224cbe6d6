import { z } from "zod";

// Issue 15 on the wire: a report's query and its figures (the same shape for the scope, each child, each
// business type and the period before).
export const summaryQuery = z.object({
  scope: z.string().max(80).describe("hall:<id>, region:<code> or operator"),
  period: z
    .string()
    .max(40)
    .describe(
      "day:YYYY-MM-DD, week:YYYY-Www, month:YYYY-MM, quarter:YYYY-Qn or range:YYYY-MM-DD..YYYY-MM-DD",
    ),
});

const n = z.number();
const maybe = z.number().nullable();
export const figuresSchema = z.object({
  tickets: z.object({ issued: n, served: n, noShow: n, cancelled: n, diverted: n, transferred: n }),
  waiting: z.object({ meanSeconds: maybe, p90Seconds: maybe, withinLimitShare: maybe }),
  handling: z.object({ meanSeconds: maybe, withinLimitShare: maybe }),
  breaches: z.object({ waiting: n, handling: n, greeting: n }),
  /** Rises to each peak level (3 → 2 is no new warning) and the minutes at level 3. */
  peakWarnings: z.object({ level1: n, level2: n, level3: n, minutesAtLevel3: n }),
  diversion: z.object({
    suggested: n,
    taken: n,
    takenShare: maybe,
    byChannel: z.array(z.object({ channel: z.string(), suggested: n, taken: n })),
  }),
  /** Each dated by its own event: received, first replied, resolved, gone overdue that day. */
  complaints: z.object({
    received: n,
    appeals: n,
    firstReplied: n,
    firstReplyOnTime: n,
    firstReplyOnTimeShare: maybe,
    resolved: n,
    overdue: n,
  }),
  /** Reported to the back office (within the report clock or not) and closed. */
  faults: z.object({ reported: n, reportedInTime: n, reportedInTimeShare: maybe, closed: n }),
  /** Field visits: done that day; planned visits due that day and of those not done in time. */
  visits: z.object({ done: n, due: n, overdue: n }),
  satisfaction: z.object({ padRatings: n, satisfiedShare: maybe }),
});

export const summarySchema = figuresSchema.extend({
  scope: z.string(),
  name: z.string(),
  period: z.string(),
  kind: z.enum(["day", "week", "month", "quarter", "range"]),
  from: z.string(),
  /** The first day after the period. */
  to: z.string(),
  /** The survey KPI and short boards (for a quarter or month with survey results), the inspections. */
  quality: z.object({
    kpi: maybe,
    inspections: n,
    inspectionScore: maybe,
    shortBoards: z.array(
      z.object({ source: z.string(), code: z.string(), carrier: z.string().nullable(), value: n }),
    ),
  }),
  byBusinessType: z.array(figuresSchema.extend({ businessType: z.string(), name: z.string() })),
  /**
   * The scope's parts, adding up to it: its regions or halls, and for a region the records of no hall
   * (complaints recorded at the region, field visits) as a part of its own (`own: true`).
   */
  children: z.array(figuresSchema.extend({ scope: z.string(), name: z.string(), own: z.boolean() })),
  /** A day report's tickets by half hour of issue (empty for longer periods). */
  byHalfHour: z.array(z.object({ slot: z.string(), arrivals: n })),
  /** Each local day of a period up to a quarter long (the trend of a week, month, quarter or range). */
  byDay: z.array(figuresSchema.extend({ date: z.string() })),
  /** Each month (YYYY-MM) of a longer period: its trend, where byDay is empty. */
  byMonth: z.array(figuresSchema.extend({ month: z.string() })),
  previous: figuresSchema.extend({ period: z.string() }),
  /** The same period a year before (同比). */
  yearBefore: figuresSchema.extend({ period: z.string() }),
});
export type Summary = z.infer<typeof summarySchema>;
