import { z } from "zod";
import { isoInstant } from "../../core/dates.js";
import { customerPhone } from "../../core/phone.js";

// 故障申告 (R-FAULT, RA 2.5): a customer's fault taken by a rural agent or anyone serving them.
export const faultServices = ["fixed_line", "broadband", "mobile"] as const;
export const faultStates = ["recorded", "reported", "repaired", "confirmed", "closed"] as const;
export type FaultState = (typeof faultStates)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

export const createFaultBody = z.object({
  hallId: z.uuid().optional(),
  regionCode: z.string().min(1).max(40).optional(),
  customer: z.object({
    name: text(60),
    phone: customerPhone,
    address: z.string().trim().max(200).default(""),
  }),
  service: z.enum(faultServices),
  symptom: text(1000),
  keyCustomer: z.boolean().default(false),
  // 重大故障: affects many customers or a key service; the area manager hears at once.
  major: z.boolean().default(false),
  agreedRepairAt: isoInstant().optional(),
});
export type CreateFaultInput = z.infer<typeof createFaultBody>;

export const faultSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid().nullable(),
  regionCode: z.string(),
  ownerId: z.uuid(),
  customer: z.object({ name: z.string(), phone: z.string().nullable(), address: z.string() }),
  service: z.enum(faultServices),
  symptom: z.string(),
  keyCustomer: z.boolean(),
  major: z.boolean(),
  state: z.enum(faultStates),
  recordedAt: z.string(),
  agreedRepairAt: z.string().nullable(),
  reportDueAt: z.string(),
  reportedAt: z.string().nullable(),
  reportReference: z.string().nullable(),
  reportLate: z.boolean(),
  progressDueAt: z.string().nullable(),
  progressContactedAt: z.string().nullable(),
  progressLate: z.boolean(),
  repairDueAt: z.string(),
  repairedAt: z.string().nullable(),
  repairBreached: z.boolean(),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  confirmMethod: z.string().nullable(),
  closedAt: z.string().nullable(),
  satisfaction: z.enum(["satisfied", "dissatisfied"]).nullable(),
  callbackNote: z.string().nullable(),
  // What the caller may do now (rules.ts faultAllowedActions): POST /api/faults/:id/<action>.
  allowedActions: z.array(z.enum(["report", "progress", "repaired", "confirm", "callback"])),
  history: z
    .array(
      z.object({
        action: z.string(),
        fromState: z.string().nullable(),
        toState: z.string(),
        actorId: z.string().nullable(),
        note: z.string().nullable(),
        at: z.string(),
      }),
    )
    .optional(),
});
export type Fault = z.infer<typeof faultSchema>;

export const faultParams = z.object({ id: z.uuid() });
export const listFaultsQuery = z.object({
  open: z.enum(["true", "false"]).optional(),
  state: z.enum(faultStates).optional(),
  unsatisfied: z.enum(["true", "false"]).optional(),
  mine: z.enum(["true", "false"]).optional(),
});

export const faultActionBodies = {
  // Reported to the repair desk (10000) for the customer, with its reference.
  report: z.object({ reference: z.string().trim().max(40).optional() }).nullish(),
  progress: z.object({ note: text(500), channel: z.enum(["phone", "sms", "in_person"]).default("phone") }),
  repaired: z.object({ note: z.string().trim().max(500).optional() }).nullish(),
  // The customer confirms service is restored: who confirmed, when, how.
  confirm: z.object({
    confirmedBy: text(60),
    method: z.enum(["phone", "sms", "in_person"]),
    at: isoInstant().optional(),
  }),
  callback: z.object({
    satisfaction: z.enum(["satisfied", "dissatisfied"]),
    note: z.string().trim().max(1000).optional(),
  }),
} as const;
export type FaultActionPath = keyof typeof faultActionBodies;

/** One fault action with its own body: the route's path names the action, the body is that action's. */
export type FaultAction = {
  [K in FaultActionPath]: { action: K; input: NonNullable<z.infer<(typeof faultActionBodies)[K]>> | null };
}[FaultActionPath];
