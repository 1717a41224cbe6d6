import { z } from "zod";
import { evaluationSummarySchema } from "../quality/contract.js";

export const halfHourSchema = z.object({
  // Local wall-clock start of the half hour, "09:30".
  slot: z.string(),
  arrivals: z.number(),
  // Mean wait of the tickets issued in this half hour that have been called; null when none.
  meanWaitSeconds: z.number().nullable(),
});

export const counterStatsSchema = z.object({
  counterId: z.uuid(),
  number: z.number(),
  label: z.string(),
  status: z.enum(["open", "closed"]),
  staffId: z.uuid().nullable(),
  staffName: z.string().nullable(),
  served: z.number(),
  meanHandlingSeconds: z.number().nullable(),
});

export const todayStatsSchema = z.object({
  hallId: z.uuid(),
  date: z.string(),
  issued: z.number(),
  served: z.number(),
  // R-TIME: the share of called tickets that waited 10 minutes or less; null before the first call.
  meanWaitSeconds: z.number().nullable(),
  withinTenMinutesShare: z.number().nullable(),
  breaches: z.number(),
  diverted: z.number(),
  noShows: z.number(),
  byHalfHour: z.array(halfHourSchema),
  perCounter: z.array(counterStatsSchema),
  evaluations: evaluationSummarySchema,
});
export type TodayStats = z.infer<typeof todayStatsSchema>;
