import { z } from "zod";
import { isoDay } from "../../core/dates.js";

// R-CAMPAIGN: a campaign starts as a draft; an area manager or the operator approves it before its points
// reach the counters (the seed's review: 口径是否一致, 是否冲突); withdrawn ends it early.
export const campaignStates = ["draft", "approved", "withdrawn"] as const;
export type CampaignState = (typeof campaignStates)[number];

export const campaignActions = ["edit", "approve", "withdraw"] as const;
export type CampaignAction = (typeof campaignActions)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
export const faqEntry = z.object({ q: text(200), a: text(1000) });
export type FaqEntry = z.infer<typeof faqEntry>;
// A product the counter offers: its code is what the finish records in recommended / accepted.
export const campaignProduct = z.object({
  code: z.string().regex(/^[a-z0-9_]{1,60}$/, "lower-case letters, digits and _"),
  name: text(60),
  // The wording (口径) the counter uses; two campaigns offering one product must say the same.
  pitch: text(300),
});
export type CampaignProduct = z.infer<typeof campaignProduct>;

export const MAX_CAMPAIGN_DAYS = 366;
const MAX_DAYS = MAX_CAMPAIGN_DAYS;
const fields = {
  name: text(100),
  from: isoDay(),
  to: isoDay(),
  hallIds: z.array(z.uuid()).min(1).max(500).optional(),
  regionCode: z.string().trim().min(1).max(40).optional(),
  businessTypes: z.array(z.string().min(1).max(40)).max(30).optional(),
  talkingPoints: z.array(text(300)).min(1).max(20),
  faq: z.array(faqEntry).max(30).optional(),
  products: z
    .array(campaignProduct)
    .max(20)
    .refine((ps) => new Set(ps.map((p) => p.code)).size === ps.length, "each product once")
    .optional(),
};
const period = (c: { from?: string; to?: string }) =>
  !c.from || !c.to || (c.from <= c.to && Date.parse(c.to) - Date.parse(c.from) < MAX_DAYS * 86_400_000);
const periodMessage = { message: `from comes before to, at most ${MAX_DAYS} days`, path: ["to"] };

export const campaignBody = z
  .object(fields)
  .refine((c) => !(c.hallIds && c.regionCode), {
    message: "hallIds or regionCode, not both",
    path: ["regionCode"],
  })
  .refine(period, periodMessage);
export type CampaignInput = z.infer<typeof campaignBody>;

export const campaignPatch = z
  .object({
    name: fields.name,
    from: fields.from,
    to: fields.to,
    businessTypes: fields.businessTypes.unwrap(),
    talkingPoints: fields.talkingPoints,
    faq: fields.faq.unwrap(),
    products: fields.products.unwrap(),
  })
  .partial()
  .refine((c) => Object.keys(c).length > 0, "nothing to change")
  .refine(period, periodMessage);
export type CampaignPatch = z.infer<typeof campaignPatch>;

export const campaignWarning = z.discriminatedUnion("kind", [
  // More campaigns than the hall's limit in force on one day: the first such day and the most at once.
  z.object({
    kind: z.literal("overlap"),
    hallId: z.uuid(),
    hallName: z.string(),
    date: z.string(),
    count: z.number(),
    limit: z.number(),
    campaignIds: z.array(z.uuid()),
  }),
  // Another campaign in the same halls and days offers the product with other words.
  z.object({
    kind: z.literal("wording"),
    productCode: z.string(),
    campaignId: z.uuid(),
    campaignName: z.string(),
    pitch: z.string(),
  }),
]);
export type CampaignWarning = z.infer<typeof campaignWarning>;

export const campaignSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  from: z.string(),
  to: z.string(),
  hallIds: z.array(z.uuid()).nullable(),
  regionCode: z.string().nullable(),
  businessTypes: z.array(z.string()),
  talkingPoints: z.array(z.string()),
  faq: z.array(faqEntry),
  products: z.array(campaignProduct),
  state: z.enum(campaignStates),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  approvedBy: z.uuid().nullable(),
  approvedAt: z.string().nullable(),
  warnings: z.array(campaignWarning),
  /** What the signed-in person may do with it now; the screen shows these buttons and no others. */
  allowedActions: z.array(z.enum(campaignActions)),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignListQuery = z
  .object({ from: isoDay().optional(), to: isoDay().optional(), state: z.enum(campaignStates).optional() })
  .refine(period, periodMessage);

export const talkingPointsSchema = z.object({
  date: z.string(),
  campaigns: z.array(
    campaignSchema.pick({
      id: true,
      name: true,
      from: true,
      to: true,
      businessTypes: true,
      talkingPoints: true,
      faq: true,
      products: true,
    }),
  ),
});

const tally = { offered: z.number(), accepted: z.number() };
export const campaignReportSchema = z.object({
  campaignId: z.uuid(),
  ...tally,
  byProduct: z.array(z.object({ code: z.string(), name: z.string(), ...tally })),
  byStaff: z.array(z.object({ staffId: z.uuid(), name: z.string().nullable(), ...tally })),
});
export type CampaignReport = z.infer<typeof campaignReportSchema>;
