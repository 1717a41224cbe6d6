import { z } from "zod";
import { isoDay } from "../../core/dates.js";
import { boardTicketSchema } from "../queue/contract.js";

// R-EVAL: the five-point scale of the evaluation pad (评价器), best first.
export const ratings = ["very_satisfied", "satisfied", "neutral", "unsatisfied", "very_unsatisfied"] as const;
export type Rating = (typeof ratings)[number];

export const evaluationBody = z.object({
  rating: z.enum(ratings),
  // Short reason codes picked on the pad (e.g. "fast", "friendly", "long_wait"); free text stays short.
  reasons: z.array(z.string().trim().min(1).max(60)).max(10).default([]),
});

export const evaluationSchema = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  hallId: z.uuid(),
  counterId: z.uuid().nullable(),
  staffId: z.uuid().nullable(),
  rating: z.enum(ratings),
  reasons: z.array(z.string()),
  at: z.string(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const evaluationSummarySchema = z.object({
  count: z.number(),
  // Very satisfied + satisfied over all ratings; null before the first rating.
  satisfiedShare: z.number().nullable(),
  byRating: z.record(z.enum(ratings), z.number()),
});
export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>;

// What the evaluation pad shows when idle and while asking: its counter, who serves there, the ticket
// at the counter now (as the public board shows a ticket: no customer data).
export const counterNowSchema = z.object({
  counterId: z.uuid(),
  label: z.string(),
  number: z.number(),
  status: z.enum(["open", "closed"]),
  staffName: z.string().nullable(),
  ticket: boardTicketSchema.nullable(),
});

// R-EVAL roll-ups: a hall's ratings (or one's own) grouped by counter, staff member, business type or
// local day, month, quarter.
export const ratingsQuery = z.object({
  by: z.enum(["counter", "staff", "business_type", "day", "month", "quarter"]).default("day"),
  from: isoDay().optional().describe("First local day; 30 days before `to` by default"),
  to: isoDay().optional().describe("Last local day, included; today by default"),
});
export const ratingsSchema = z.object({
  by: z.string(),
  from: z.string(),
  to: z.string(),
  total: evaluationSummarySchema,
  groups: z.array(evaluationSummarySchema.extend({ key: z.string().nullable(), label: z.string() })),
});
