import { z } from "zod";
import { customerTiers, dateOnly, serviceOrderKinds, serviceOrderStatuses, visitKinds } from "./contract.js";

// R-VISITPLAN: an appointment booked ahead (at least a day: warn otherwise), arrival 5 minutes early.
export const visitPlanBody = z.object({
  kind: z.enum(visitKinds),
  plannedAt: z.iso.datetime({ offset: true }),
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
  at: z.iso.datetime({ offset: true }),
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
        estimatedValue: z.number().int().min(0).optional(),
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

export const serviceOrderBody = z.object({
  kind: z.enum(serviceOrderKinds),
  orderName: z.string().trim().min(1).max(100),
  orderAddress: z.string().trim().min(1).max(200),
  orderTier: z.enum(customerTiers),
});
// 施工前客户资料核对: what the agent finds on site, compared with the order.
export const serviceOrderCheckBody = z.object({
  name: z.string().trim().min(1).max(100),
  address: z.string().trim().min(1).max(200),
  tier: z.enum(customerTiers),
});
export const fourNotices = ["10000", "10001", "114", "online"] as const; // 四项告知
export const serviceOrderSignBody = z.object({
  form: z.enum(["work_sheet", "quality_form"]), // 施工单 / 质量监督表
  // A PNG or JPEG drawn on the phone, as a data URL; at most ~300 KB.
  signature: z
    .string()
    .max(400_000)
    .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, "a PNG or JPEG data URL"),
  noticesTold: z.array(z.enum(fourNotices)),
});
export const serviceOrderSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  kind: z.enum(serviceOrderKinds),
  orderName: z.string(),
  orderAddress: z.string(),
  orderTier: z.enum(customerTiers),
  status: z.enum(serviceOrderStatuses),
  mismatches: z.array(z.string()),
  noticesTold: z.array(z.string()),
  signatureForm: z.enum(["work_sheet", "quality_form"]).nullable(),
  signed: z.boolean(),
  signedAt: z.string().nullable(),
  createdAt: z.string(),
});
