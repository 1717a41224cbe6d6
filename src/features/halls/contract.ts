import { z } from "zod";

export const hallTypes = ["self_run", "cooperative", "outsourced"] as const;
export const divertChannels = [
  "self_service_terminal", // 自助终端
  "hall_24h", // 24小时营业厅
  "online_hall", // 网上营业厅
  "sms_hall", // 短信营业厅
  "hotline", // 10086 / 10000 / 10010
  "other_hall", // 附近其他网点
  "off_peak", // 错峰办理
] as const;

// The channels that serve a customer without the counter's line (R-DIVERT's e-channels and self-service):
// what the kiosk offers first while diversion is forced, and what a diversion SMS names.
export const eChannels: readonly (typeof divertChannels)[number][] = [
  "self_service_terminal",
  "hall_24h",
  "online_hall",
  "sms_hall",
  "hotline",
];

export const isEChannel = (channel: string) => (eChannels as readonly string[]).includes(channel);

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "HH:MM, 00:00–24:00");

export const openingHoursSchema = z
  .array(
    z.object({
      weekdays: z.array(z.number().int().min(1).max(7)).min(1),
      open: clock,
      close: clock,
    }),
  )
  .refine((rows) => rows.every((r) => r.open < r.close), "each open time must be before its close time")
  .refine((rows) => {
    const days = rows.flatMap((r) => r.weekdays);
    return new Set(days).size === days.length;
  }, "a weekday may appear in only one row");
export type OpeningHours = z.infer<typeof openingHoursSchema>;

// R-SITE: one item of the daily opening check (a measured one passes inside [min, max]).
export const siteCheckItemFields = z.object({
  code: z.string().regex(/^[a-z0-9_]{1,40}$/, "lower-case letters, digits and _"),
  label: z.string().trim().min(1).max(60),
  labelEn: z.string().trim().max(60).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().max(10).optional(),
});
export const siteCheckItemSchema = siteCheckItemFields.refine(
  (i) => i.min === undefined || i.max === undefined || i.min <= i.max,
  "min is at most max",
);

export const peakActionSchema = z.object({ action: z.string(), who: z.string() });
export const hallSettingsSchema = z.object({
  // R-PEAK thresholds for levels 1, 2, 3 (waiting ÷ open counters).
  peakThresholds: z
    .tuple([z.number().positive(), z.number().positive(), z.number().positive()])
    .refine(([a, b, c]) => a < b && b < c, "thresholds rise from level 1 to level 3")
    .optional(),
  peakActions: z.partialRecord(z.enum(["1", "2", "3"]), z.array(peakActionSchema)).optional(),
  // 过号滞后: how many places behind the front a returning no-show goes.
  noShowSetback: z.number().int().min(0).max(50).optional(),
  // R-NOTIFY: SMS when a ticket comes within this many places of the front.
  nearTurnNotice: z.number().int().min(1).max(50).optional(),
  // R-CALL 贵宾窗口: a regular counter calls a VIP only after this long a wait (or when no VIP counter is open).
  vipWaitBeforeRegularSeconds: z.number().int().min(0).max(7200).optional(),
  // 快速通道: the quick business types an express counter calls first (default: payment, balance
  // query, bill printing — the single transactions of HM ch.8).
  expressBusinessTypes: z.array(z.string().min(1).max(40)).max(30).optional(),
  // R-TIME: nobody greeted a visit (Z1) this long after its ticket: a greeting breach (default 60).
  greetingLimitSeconds: z.number().int().min(10).max(3600).optional(),
  // R-HALL: the continuous opening hours a day below which posted hours are warned about (default 10).
  minOpeningHours: z.number().min(1).max(24).optional(),
  // R-FAULT clocks (RA 2.5), set per operator or region: report within 5 min, a key customer's progress
  // within 30 min, repair within 24 h (fixed line, broadband) or 48 h (mobile).
  faultReportMinutes: z.number().int().min(1).max(1440).optional(),
  faultKeyProgressMinutes: z.number().int().min(1).max(1440).optional(),
  faultRepairHours: z
    .object({
      fixed_line: z.number().int().min(1).max(720),
      broadband: z.number().int().min(1).max(720),
      mobile: z.number().int().min(1).max(720),
    })
    .partial()
    .optional(),
  // R-CAMPAIGN: more campaigns than this in force in one hall on one day is warned about (default 3).
  maxOverlappingCampaigns: z.number().int().min(1).max(20).optional(),
  // R-SITE: the items of the daily opening check (default: the seed's list, rules DEFAULT_SITE_ITEMS).
  siteCheckItems: z
    .array(siteCheckItemSchema)
    .min(1)
    .max(40)
    .refine((xs) => new Set(xs.map((x) => x.code)).size === xs.length, "each item code once")
    .optional(),
  // R-TIME: waiting limit per business type, seconds (default: the catalog's).
  waitLimitSeconds: z.record(z.string(), z.number().int().positive()).optional(),
});
export type HallSettings = z.infer<typeof hallSettingsSchema>;

export const hallIdParams = z.object({ hallId: z.uuid() });
export const counterParams = z.object({ hallId: z.uuid(), counterId: z.uuid() });

// An English name is optional; null (or "") removes it and English screens show the Chinese one.
const englishName = (max: number) => z.string().trim().max(max).nullable().optional();

export const createHallBody = z.object({
  name: z.string().trim().min(1).max(100),
  nameEn: englishName(100),
  type: z.enum(hallTypes),
  regionCode: z.string().trim().min(1).max(40),
  address: z.string().max(200).optional(),
  openingHours: openingHoursSchema.optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  settings: hallSettingsSchema.optional(),
});
export const updateHallBody = createHallBody.partial();

export const hallSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  type: z.enum(hallTypes),
  regionCode: z.string(),
  address: z.string(),
  openingHours: openingHoursSchema,
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  settings: hallSettingsSchema,
  // What the hall works by: the operator's settings, then its region's, then its own (each key the nearest
  // level that sets it; the built-in defaults where none does).
  effectiveSettings: hallSettingsSchema,
  createdAt: z.string(),
  warnings: z.array(z.string()).optional(),
});
export type Hall = z.infer<typeof hallSchema>;

export const listHallsQuery = z.object({
  regionCode: z.string().optional(),
  type: z.enum(hallTypes).optional(),
  q: z.string().optional(),
});

export const createCounterBody = z.object({
  label: z.string().trim().min(1).max(40),
  labelEn: englishName(40),
  number: z.number().int().min(1).max(999).optional(),
  businessTypes: z.array(z.string()).min(1),
  vip: z.boolean().default(false),
  express: z.boolean().default(false),
});
// A change sets only what it names: without the defaults, or a PATCH of the label would reset vip.
export const updateCounterBody = createCounterBody
  .extend({ vip: z.boolean(), express: z.boolean() })
  .partial()
  .extend({ active: z.boolean().optional() });
export const openCounterBody = z
  .object({
    staffId: z.uuid().optional(),
    // 接管: open a counter someone else holds, on record; without it that is a 409 counter_held.
    takeover: z.boolean().optional(),
  })
  .nullish();

export const counterSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  label: z.string(),
  labelEn: z.string().nullable(),
  number: z.number(),
  businessTypes: z.array(z.string()),
  vip: z.boolean(),
  express: z.boolean(),
  status: z.enum(["open", "closed"]),
  // The holder: who opened the counter or took it over; only they work it (managers aside).
  staffId: z.uuid().nullable(),
  // The holder's name, in the hall's list of counters.
  staffName: z.string().nullable().optional(),
  openedAt: z.string().nullable(),
  // 暂离: since when and why the clerk stepped away; null when the counter is not away.
  away: z.object({ since: z.string(), reason: z.string() }).nullable(),
  active: z.boolean(),
});
export type Counter = z.infer<typeof counterSchema>;

export const counterAwayBody = z.object({ reason: z.string().trim().min(1).max(100) });
export const awayPeriodSchema = z.object({
  id: z.uuid(),
  counterId: z.uuid(),
  counterLabel: z.string(),
  staffId: z.uuid().nullable(),
  staffName: z.string().nullable(),
  reason: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Until now for a period still running. */
  seconds: z.number(),
});
export const awayReportSchema = z.object({
  date: z.string(),
  periods: z.array(awayPeriodSchema),
  byStaff: z.array(
    z.object({
      staffId: z.uuid().nullable(),
      staffName: z.string().nullable(),
      periods: z.number(),
      seconds: z.number(),
    }),
  ),
});

export const businessTypeSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  prefix: z.string(),
  handlingLimitSeconds: z.number(),
  waitLimitSeconds: z.number(),
  forbiddenHallTypes: z.array(z.enum(hallTypes)),
  divertChannels: z.array(z.enum(divertChannels)),
  icon: z.string(),
  sortOrder: z.number(),
  active: z.boolean(),
});
export type BusinessType = z.infer<typeof businessTypeSchema>;

export const businessTypeParams = z.object({ code: z.string().regex(/^[a-z_]{1,40}$/) });
const businessTypeFields = businessTypeSchema.extend({
  code: z.string().regex(/^[a-z_]{1,40}$/),
  prefix: z.string().regex(/^[A-Z]$/, "one capital letter"),
  // At most a day; the columns are int4, so a bigger number would fail in the database instead of here.
  handlingLimitSeconds: z.number().int().positive().max(86_400),
  waitLimitSeconds: z.number().int().positive().max(86_400),
  sortOrder: z.number().int().min(-1_000_000).max(1_000_000),
});
const f = businessTypeFields.shape;
export const createBusinessTypeBody = businessTypeFields.extend({
  waitLimitSeconds: f.waitLimitSeconds.default(600),
  forbiddenHallTypes: f.forbiddenHallTypes.default([]),
  divertChannels: f.divertChannels.default([]),
  icon: f.icon.default(""),
  sortOrder: f.sortOrder.default(0),
  active: f.active.default(true),
});
// A change sets only what it names: without the defaults, or a PATCH of the name would reset the limits.
export const updateBusinessTypeBody = businessTypeFields.omit({ code: true }).partial();

export const counterHistorySchema = z.object({
  id: z.uuid(),
  counterId: z.uuid(),
  action: z.enum(["open", "close", "takeover"]),
  staffId: z.uuid().nullable(),
  previousStaffId: z.uuid().nullable(),
  actorId: z.uuid().nullable(),
  at: z.string(),
});
