import { z } from "zod";
import { isoDay, isoInstant } from "../../core/dates.js";

const isoDate = isoDay();

export const addWorkingDaysQuery = z.object({
  from: isoInstant(),
  days: z.coerce.number().int().min(0).max(366),
});
export const dueSchema = z.object({ due: z.string() });

export const daysQuery = z
  .object({ from: isoDate, to: isoDate })
  .refine((q) => q.from <= q.to, "from must not be after to")
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, "at most 400 days at a time");
export const daySchema = z.object({
  date: z.string(),
  weekday: z.number(),
  working: z.boolean(),
  name: z.string().nullable(),
});

export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const arrangementDay = z.object({
  date: isoDate,
  working: z.boolean(),
  name: z.string().min(1).max(40),
});
export const putYearBody = z.object({ days: z.array(arrangementDay).max(120) });
export const yearSchema = z.object({
  year: z.number(),
  source: z.enum(["state_council", "admin"]),
  updatedAt: z.string(),
  days: z.array(arrangementDay),
});
export type CalendarYear = z.infer<typeof yearSchema>;
