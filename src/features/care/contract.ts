import { z } from "zod";
import { customerTiers, dateOnly, greetingOccasions } from "../customers/contract.js";

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
