import { z } from "zod";
import { isoDay } from "../../core/dates.js";

// The forecast API's contract (排班 R-ROSTER): arrivals per half hour and business type, the manager's
// overrides, and the accuracy of a past day's forecast.

const day = isoDay();
const clock = z.string().regex(/^([01]\d|2[0-3]):(00|30)$/, "a half hour as HH:00 or HH:30");

export const dayQuery = z.object({ date: day });

export const forecastSchema = z.object({
  date: z.string(),
  dayKind: z.enum(["normal", "holiday", "makeup", "eve", "after"]),
  /** The past days averaged, most recent first. */
  basedOn: z.array(z.string()),
  /** Null when the hall is closed that day. */
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  businessTypes: z.array(z.string()),
  /** The hall's recent mean handling time, weighted by the forecast's mix (what a plan of the day uses). */
  meanServiceSeconds: z.number(),
  intervals: z.array(
    z.object({
      start: z.string(),
      total: z.number(),
      byType: z.record(z.string(), z.number()),
      /** The business types whose figure is the manager's. */
      overridden: z.array(z.string()),
    }),
  ),
});
export type ForecastView = z.infer<typeof forecastSchema>;

export const overridesBody = z.object({
  date: day,
  overrides: z
    .array(
      z.object({
        start: clock,
        businessType: z.string().regex(/^[a-z_]{1,40}$/),
        /** null removes the override (the forecast's figure again). */
        arrivals: z.number().int().min(0).max(2000).nullable(),
      }),
    )
    .min(1)
    .max(500),
});

export const accuracySchema = z.object({
  date: z.string(),
  /** Mean absolute percentage error over the half hours that had customers; null when none had. */
  mape: z.number().nullable(),
  intervals: z.array(z.object({ start: z.string(), forecast: z.number(), actual: z.number() })),
});
