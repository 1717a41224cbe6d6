import { z } from "zod";
import { greetingDueSchema } from "../care/contract.js";
import { customerTiers, dateOnly, opportunityStages, yuan } from "../customers/contract.js";
import { promiseSchema, visitPlanSchema } from "./contract.js";

// R-OPP: 商机.
export const opportunityBody = z.object({
  title: z.string().trim().min(1).max(200),
  product: z.string().max(80).optional(),
  amount: yuan.optional(), // the expected value, yuan to the fen
  visitRecordId: z.uuid().optional(),
});
// Corrections while the opportunity is open; null clears the product or the amount.
export const updateOpportunityBody = z
  .object({
    title: opportunityBody.shape.title,
    product: z.string().max(80).nullable(),
    amount: yuan.nullable(),
  })
  .partial();
export const stageBody = z.object({ stage: z.enum(opportunityStages), note: z.string().max(500).optional() });
// What an opportunity allows next (rules.ts decides which apply to whom): correct it, move its stage.
export const opportunityActions = ["edit", "move"] as const;
export type OpportunityAction = (typeof opportunityActions)[number];

export const opportunitySchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string().optional(),
  agentId: z.uuid().nullable(),
  title: z.string(),
  product: z.string().nullable(),
  amount: z.number().nullable(),
  stage: z.enum(opportunityStages),
  history: z.array(
    z.object({ stage: z.enum(opportunityStages), at: z.string(), note: z.string().optional() }),
  ),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  /** What the signed-in person may do with it now; the screen shows these controls and no others. */
  allowedActions: z.array(z.enum(opportunityActions)),
  /** The stages it may move to now (forward, or lost), for the stage picker. */
  allowedStages: z.array(z.enum(opportunityStages)),
});
// The area manager's pipeline: per stage, how many opportunities and their amounts (yuan), summed exactly.
export const pipelineSchema = z.array(
  z.object({ stage: z.enum(opportunityStages), count: z.number(), amount: z.number() }),
);
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
      openValue: z.number(), // yuan: the amounts of the opportunities still open
    }),
  ),
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
