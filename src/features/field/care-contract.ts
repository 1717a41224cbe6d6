import { z } from "zod";
import {
  blindSpotStatuses,
  customerTiers,
  dateOnly,
  greetingOccasions,
  opportunityStages,
} from "./contract.js";
import { promiseSchema, visitPlanSchema } from "./visit-contract.js";

// R-CARE: greetings due in a window (festivals on their lunar dates, key contacts' birthdays).
export const careQuery = z.object({ from: dateOnly, to: dateOnly });
export const greetingDueSchema = z.object({
  occasion: z.enum(greetingOccasions),
  date: z.string(),
  customerId: z.uuid(),
  customerName: z.string(),
  tier: z.enum(customerTiers),
  contactId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  phone: z.string().nullable(), // masked
  agentId: z.uuid().nullable(),
  greeted: z.boolean(),
  template: z.string(),
});
export type GreetingDue = z.infer<typeof greetingDueSchema>;

export const greetBody = z.object({
  customerId: z.uuid(),
  contactId: z.uuid().optional(),
  occasion: z.enum(greetingOccasions),
  year: z.number().int().min(2000).max(2100),
  channel: z.enum(["sms", "phone", "visit"]),
  message: z.string().trim().min(1).max(300).optional(),
});
export const greetingSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  contactId: z.uuid().nullable(),
  occasion: z.enum(greetingOccasions),
  year: z.number(),
  channel: z.enum(["sms", "phone", "visit"]),
  at: z.string(),
  smsQueued: z.boolean(),
});

// R-OPP: 商机.
export const opportunityBody = z.object({
  title: z.string().trim().min(1).max(200),
  product: z.string().max(80).optional(),
  estimatedValue: z.number().int().min(0).optional(),
  visitRecordId: z.uuid().optional(),
});
export const stageBody = z.object({ stage: z.enum(opportunityStages), note: z.string().max(500).optional() });
export const opportunitySchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string().optional(),
  agentId: z.uuid().nullable(),
  title: z.string(),
  product: z.string().nullable(),
  estimatedValue: z.number().nullable(),
  stage: z.enum(opportunityStages),
  history: z.array(
    z.object({ stage: z.enum(opportunityStages), at: z.string(), note: z.string().optional() }),
  ),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export const weeklyReportQuery = z.object({ weekOf: dateOnly.optional() });
export const weeklyReportSchema = z.object({
  weekStart: z.string(),
  weekEnd: z.string(),
  agents: z.array(
    z.object({
      agentId: z.uuid().nullable(),
      agentName: z.string(),
      created: z.number(),
      advanced: z.number(),
      won: z.number(),
      lost: z.number(),
      open: z.number(),
      openValue: z.number(),
    }),
  ),
});

// R-INTEL: 信息收集 per town and village.
export const villageBody = z.object({
  areaCode: z.string().trim().min(1).max(40),
  town: z.string().trim().min(1).max(60),
  village: z.string().trim().min(1).max(60),
  population: z.number().int().min(0).optional(),
  households: z.number().int().min(0).optional(),
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
});

const dueVisitSchema = z.object({
  customerId: z.uuid(),
  customerName: z.string(),
  tier: z.enum(customerTiers),
  village: z.string().nullable(),
  kind: z.enum(["in_person", "phone"]),
  dueAt: z.string(),
  overdue: z.boolean(),
});
const openItemSchema = z.object({
  visitRecordId: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  openQuestions: z.number(),
});
// The agent's day on the phone.
export const myDaySchema = z.object({
  date: z.string(),
  dueVisits: z.array(dueVisitSchema),
  plans: z.array(visitPlanSchema),
  greetings: z.array(greetingDueSchema),
  promises: z.array(promiseSchema),
  openQuestions: z.array(openItemSchema),
  archiveDue: z.array(openItemSchema),
});

// The area manager's view of each agent's cadence and deadlines.
export const complianceSchema = z.array(
  z.object({
    agentId: z.uuid().nullable(),
    agentName: z.string(),
    customers: z.number(),
    overdueInPerson: z.number(),
    overduePhone: z.number(),
    visitsLast30Days: z.number(),
    questionsOverdue: z.number(),
    archiveOverdue: z.number(),
    promisesOverdue: z.number(),
  }),
);
