import { z } from "zod";
import { blindSpotStatuses } from "../customers/contract.js";

// R-INTEL: 信息收集 per town and village.
export const villageBody = z.object({
  areaCode: z.string().trim().min(1).max(40),
  town: z.string().trim().min(1).max(60),
  village: z.string().trim().min(1).max(60),
  population: z.number().int().min(0).max(100_000_000).optional(),
  households: z.number().int().min(0).max(100_000_000).optional(),
  ourProducts: z.string().max(1000).optional(),
  competitorProducts: z.string().max(1000).optional(),
  channels: z.string().max(1000).optional(),
  competitorPrices: z.string().max(1000).optional(),
  competitorTactics: z.string().max(1000).optional(),
});
export const villageSchema = villageBody.extend({
  population: z.number().nullable(),
  households: z.number().nullable(),
  ourProducts: z.string().nullable(),
  competitorProducts: z.string().nullable(),
  channels: z.string().nullable(),
  competitorPrices: z.string().nullable(),
  competitorTactics: z.string().nullable(),
  updatedAt: z.string(),
});

// What a blind-spot report allows next (rules.ts decides which apply to whom).
export const blindSpotActions = ["forward", "answer"] as const;
export type BlindSpotAction = (typeof blindSpotActions)[number];

export const blindSpotBody = z.object({
  areaCode: z.string().trim().min(1).max(40),
  town: z.string().trim().max(60).optional(),
  village: z.string().trim().min(1).max(60),
  place: z.string().trim().min(1).max(200),
  kind: z.enum(["no_signal", "weak_signal"]),
  description: z.string().max(1000).optional(),
  customerId: z.uuid().optional(),
});
export const blindSpotAnswerBody = z.object({ answer: z.string().trim().min(1).max(1000) });
export const blindSpotSchema = z.object({
  id: z.uuid(),
  areaCode: z.string(),
  town: z.string().nullable(),
  village: z.string(),
  place: z.string(),
  kind: z.enum(["no_signal", "weak_signal"]),
  description: z.string().nullable(),
  customerId: z.uuid().nullable(),
  status: z.enum(blindSpotStatuses),
  forwardedAt: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  createdAt: z.string(),
  /** What the signed-in person may do with it now; the screen shows these buttons and no others. */
  allowedActions: z.array(z.enum(blindSpotActions)),
});
