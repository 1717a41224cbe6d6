import { z } from "zod";
import { isoDay, monthDayOrDay } from "../../core/dates.js";
import { customerPhone, idNumber } from "../../core/phone.js";

// R-CUST: 政企 gov_enterprise, 重要客户 key, 家庭和个人 household.
export const customerTiers = ["gov_enterprise", "key", "household"] as const;
export type CustomerTier = (typeof customerTiers)[number];
export const visitKinds = ["in_person", "phone"] as const; // 上门拜访 / 电话拜访
export type VisitKind = (typeof visitKinds)[number];
export const visitPlanStatuses = ["planned", "done", "cancelled"] as const;
export type VisitPlanStatus = (typeof visitPlanStatuses)[number];
export const serviceOrderKinds = ["install", "move", "repair"] as const; // 装 / 移 / 修
export type ServiceOrderKind = (typeof serviceOrderKinds)[number];
export const serviceOrderStatuses = ["open", "checked", "signed"] as const;
export type ServiceOrderStatus = (typeof serviceOrderStatuses)[number];
export const greetingOccasions = ["new_year", "spring_festival", "mid_autumn", "birthday"] as const;
export type GreetingOccasion = (typeof greetingOccasions)[number];
export const opportunityStages = ["new", "qualified", "proposal", "negotiation", "won", "lost"] as const;
export type OpportunityStage = (typeof opportunityStages)[number];
export const blindSpotStatuses = ["reported", "forwarded", "answered"] as const;
export type BlindSpotStatus = (typeof blindSpotStatuses)[number];

export const productSchema = z.object({
  name: z.string().trim().min(1).max(80),
  // Ours (我网) or a competitor's (异网), naming the operator.
  ours: z.boolean(),
  operator: z.string().max(40).optional(),
});
export type Product = z.infer<typeof productSchema>;
export type Question = { text: string; answer: string | null; answeredAt: string | null };

// A customer or contact may be reached on a mobile or a fixed line (src/core/phone.ts).
export const phoneSchema = customerPhone;
const regionCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, "a region code such as SH-PD");
export const dateOnly = isoDay();
// An amount in yuan kept in an int4 column: about 21 亿元 at most.
export const INT4_MAX = 2_147_483_647;
const birthday = monthDayOrDay();

export const contactBody = z.object({
  name: z.string().trim().min(1).max(60),
  title: z.string().max(60).optional(),
  phone: phoneSchema.optional(),
  birthday: birthday.optional(),
  decisionMaker: z.boolean().optional(),
});

// A contact's change: a field left out stays; null clears title, phone or birthday.
export const updateContactBody = z
  .object({
    name: contactBody.shape.name,
    title: z.string().max(60).nullable(),
    phone: phoneSchema.nullable(),
    birthday: birthday.nullable(),
    decisionMaker: z.boolean(),
  })
  .partial();
export type UpdateContactInput = z.infer<typeof updateContactBody>;
export const contactParams = z.object({ id: z.uuid(), contactId: z.uuid() });

export const createCustomerBody = z.object({
  name: z.string().trim().min(1).max(100),
  tier: z.enum(customerTiers),
  areaCode: regionCode,
  town: z.string().trim().max(60).optional(),
  village: z.string().trim().max(60).optional(),
  address: z.string().max(200).optional(),
  phone: phoneSchema.optional(),
  idNumber: idNumber.optional(),
  products: z.array(productSchema).max(50).optional(),
  agentId: z.uuid().optional(),
  managerId: z.uuid().optional(),
  notes: z.string().max(2000).optional(),
  contacts: z.array(contactBody).max(50).optional(),
});
export type CreateCustomerInput = z.infer<typeof createCustomerBody>;
// Every change of a customer also confirms the archive is up to date (更新客户档案); a PATCH must name
// something, so confirming alone, without changing a field, says so.
export const updateCustomerBody = createCustomerBody
  .omit({ contacts: true, areaCode: true })
  .partial()
  // null removes a kept ID number.
  .extend({ archiveConfirmed: z.literal(true).optional(), idNumber: idNumber.nullable().optional() });

export const contactSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(), // masked
  birthday: z.string().nullable(),
  decisionMaker: z.boolean(),
});

export const customerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  tier: z.enum(customerTiers),
  areaCode: z.string(),
  town: z.string().nullable(),
  village: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(), // masked; GET …/phone unmasks, on record
  idNumber: z.string().nullable(), // masked like the phone, unmasked with it
  products: z.array(productSchema),
  agentId: z.uuid().nullable(),
  managerId: z.uuid().nullable(),
  notes: z.string().nullable(),
  nextInPersonVisitDueAt: z.string().nullable(),
  nextPhoneVisitDueAt: z.string().nullable(),
  lastInPersonVisitAt: z.string().nullable(),
  lastPhoneVisitAt: z.string().nullable(),
  overdue: z.array(z.enum(visitKinds)),
  archiveUpdatedAt: z.string().nullable(),
  createdAt: z.string(),
  contacts: z.array(contactSchema),
});
export type Customer = z.infer<typeof customerSchema>;

export const listCustomersQuery = z.object({
  q: z.string().max(100).optional(),
  tier: z.enum(customerTiers).optional(),
  village: z.string().max(60).optional(),
  agentId: z.uuid().optional(),
  due: z.enum(["overdue", "week"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

// Money in yuan (元), to the fen: never negative, at most 2 decimals; numeric(14,2) in the database.
export const yuan = z.number().min(0).max(999_999_999_999.99).multipleOf(0.01);

export const contractBody = z.object({
  title: z.string().trim().min(1).max(100),
  product: z.string().trim().max(80).optional(), // what the contract is for: 政企专线, 天翼宽带 …
  amount: yuan.optional(),
  terms: z.string().max(2000).optional(),
  startsOn: dateOnly,
  endsOn: dateOnly,
  reminderDays: z.array(z.number().int().min(1).max(365)).max(5).optional(),
});
export const renewContractBody = contractBody.partial({ title: true, startsOn: true });
// A correction of an active contract: a field left out stays; null clears product, amount or terms.
export const updateContractBody = z
  .object({
    title: contractBody.shape.title,
    product: z.string().trim().max(80).nullable(),
    amount: yuan.nullable(),
    terms: z.string().max(2000).nullable(),
    startsOn: dateOnly,
    endsOn: dateOnly,
    reminderDays: contractBody.shape.reminderDays.unwrap(),
  })
  .partial();
export type UpdateContractInput = z.infer<typeof updateContractBody>;
export const contractSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string().optional(),
  title: z.string(),
  product: z.string().nullable(),
  amount: z.number().nullable(),
  terms: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  reminderDays: z.array(z.number()),
  status: z.enum(["active", "renewed", "ended"]),
  renewedById: z.uuid().nullable(),
});

export const cadenceSchema = z.object({
  tier: z.enum(customerTiers),
  inPersonDays: z.number().int().min(1).max(365).nullable(),
  phoneDays: z.number().int().min(1).max(365).nullable(),
});
export type Cadence = z.infer<typeof cadenceSchema>;

// The file as CSV text or as an Excel workbook (.xlsx) in base64: exactly one of the two (import.ts).
export const importBody = z.object({
  csv: z.string().min(1).max(5_000_000).optional(),
  xlsx: z.base64().min(1).max(7_000_000).optional(),
  // all_or_nothing (default): one refused row and nothing is imported; valid_rows: import the rest.
  mode: z.enum(["all_or_nothing", "valid_rows"]).default("all_or_nothing"),
  dryRun: z.boolean().default(false),
});
export const exportQuery = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") });
export const importReportSchema = z.object({
  // Data rows read from the file (after the header); a customer's further contact rows count too.
  rows: z.number(),
  imported: z.number(),
  refused: z.array(z.object({ row: z.number(), name: z.string().nullable(), reasons: z.array(z.string()) })),
  dryRun: z.boolean(),
});
export type ImportReport = z.infer<typeof importReportSchema>;
