import { z } from "zod";
import { isoInstant } from "../../core/dates.js";
import { dateOnly, visitKinds, yuan } from "../customers/contract.js";

// R-VISITPLAN: an appointment booked ahead (at least a day: warn otherwise), arrival 5 minutes early.
export const visitPlanBody = z.object({
  kind: z.enum(visitKinds),
  plannedAt: isoInstant(),
  purpose: z.string().max(500).optional(),
});
export const visitPlanSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string().optional(),
  agentId: z.uuid().nullable(),
  kind: z.enum(visitKinds),
  plannedAt: z.string(),
  arriveBy: z.string(),
  purpose: z.string().nullable(),
  warnings: z.array(z.string()),
  status: z.enum(["planned", "done", "cancelled"]),
  visitRecordId: z.uuid().nullable(),
});

// R-VISITLOG: what the agent types on the phone; clientId makes a re-sent offline record harmless.
export const visitRecordBody = z.object({
  clientId: z.string().min(8).max(64).optional(),
  kind: z.enum(visitKinds),
  at: isoInstant(),
  planId: z.uuid().optional(),
  purpose: z.string().max(500).optional(),
  met: z.string().max(200).optional(),
  notes: z.string().max(4000).optional(),
  needs: z.string().max(2000).optional(),
  questions: z
    .array(z.object({ text: z.string().trim().min(1).max(500), answer: z.string().max(1000).optional() }))
    .max(30)
    .optional(),
  promises: z
    .array(z.object({ text: z.string().trim().min(1).max(500), dueOn: dateOnly }))
    .max(30)
    .optional(),
  opportunities: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(200),
        product: z.string().max(80).optional(),
        amount: yuan.optional(),
      }),
    )
    .max(20)
    .optional(),
});
export type VisitRecordInput = z.infer<typeof visitRecordBody>;

export const promiseSchema = z.object({
  id: z.uuid(),
  visitRecordId: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string().optional(),
  text: z.string(),
  dueOn: z.string(),
  doneAt: z.string().nullable(),
});

export const visitRecordSchema = z.object({
  id: z.uuid(),
  clientId: z.string().nullable(),
  customerId: z.uuid(),
  agentId: z.uuid().nullable(),
  planId: z.uuid().nullable(),
  kind: z.enum(visitKinds),
  at: z.string(),
  purpose: z.string().nullable(),
  met: z.string().nullable(),
  notes: z.string().nullable(),
  needs: z.string().nullable(),
  questions: z.array(
    z.object({ text: z.string(), answer: z.string().nullable(), answeredAt: z.string().nullable() }),
  ),
  answersDueAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  archiveDueAt: z.string(),
  archiveUpdatedAt: z.string().nullable(),
  promises: z.array(promiseSchema),
  // The customer's due dates after this visit.
  nextInPersonVisitDueAt: z.string().nullable().optional(),
  nextPhoneVisitDueAt: z.string().nullable().optional(),
  duplicate: z.boolean().optional(),
});

export const answerBody = z.object({
  index: z.number().int().min(0),
  answer: z.string().trim().min(1).max(1000),
});
