import { z } from "zod";
import { SURVEY_ITEMS } from "./survey-rules.js";

// R-KPI on the wire: the KPI of a scope and period, the survey imports, the KPI settings.

const factors = z.object({
  environment: z.number(),
  waiting: z.number(),
  staff: z.number(),
  speed: z.number(),
});
const item = z.enum(SURVEY_ITEMS);

export const kpiQuery = z.object({
  scope: z
    .string()
    .max(80)
    .optional()
    .describe("operator, region:<code> or hall:<id>; the caller's own scope when absent"),
  period: z.string().max(10).optional().describe("2026-Q3 or 2026-08; the latest with results when absent"),
});

export const kpiSchema = z.object({
  scope: z.string(),
  period: z.string(),
  /** Every period with results for the scope, newest first. */
  periods: z.array(z.string()),
  satisfaction: z.number(),
  factors,
  weights: factors,
  target: z.number(),
  met: z.boolean(),
  sampleSize: z.number(),
  segments: z.array(
    z.object({ segment: z.string(), satisfaction: z.number(), factors, sampleSize: z.number() }),
  ),
  vsCompetitors: z.array(z.object({ carrier: z.string(), satisfaction: z.number(), lead: z.number() })),
  items: z.array(z.object({ code: item, ours: z.number(), competitors: z.record(z.string(), z.number()) })),
  flags: z.array(
    z.object({
      item: z.union([item, z.literal("kpi")]),
      colour: z.enum(["red", "blue"]),
      reason: z.enum(["low", "small_lead", "high_and_ahead"]),
      carrier: z.string().optional(),
      value: z.number(),
      lead: z.number().optional(),
    }),
  ),
});

export const surveyImportSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  rows: z.number(),
  periods: z.array(z.string()),
  importedBy: z.string().nullable(),
  importedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
});

export const importQuery = z.object({
  dryRun: z.enum(["1", "0", "true", "false"]).optional().describe("1: check the file and store nothing"),
});
export const importAnswer = z.object({
  dryRun: z.boolean(),
  id: z.uuid().nullable(),
  rows: z.number(),
  periods: z.array(z.string()),
  scopes: z.array(z.string()),
});

const weight = z.number().min(0).max(1);
const percent = z.number().min(0).max(100);
// The weights must add up to 1: checked by the route after the caller's permission (a refusal for the
// sum must not tell someone who may not change the settings anything).
export const kpiSettingsSchema = z.object({
  weights: z.object({ environment: weight, waiting: weight, staff: weight, speed: weight }),
  target: percent,
  flags: z.object({ redBelow: percent, redLeadBelow: percent, blueAbove: percent, blueLeadAbove: percent }),
});
