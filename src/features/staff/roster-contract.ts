import { z } from "zod";
import { isoDay } from "../../core/dates.js";

// The roster API's contract (排班 R-ROSTER): staff, absences, shift templates, a week's roster, swaps.

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "HH:MM, 00:00–24:00");
const day = isoDay();
const code = z.string().min(1).max(40);

export const availabilitySchema = z
  .array(z.object({ weekday: z.number().int().min(1).max(7), from: clock, to: clock }))
  .max(21);
/** When a person may work, by ISO weekday (1 = Monday); empty = any time the hall is open. */
export type Availability = z.infer<typeof availabilitySchema>;

export const staffBody = z.object({
  name: z.string().trim().min(1).max(60),
  userId: z.uuid().nullable().optional(),
  skills: z.array(code).max(30).default([]),
  vip: z.boolean().default(false),
  contractHoursPerWeek: z.number().min(1).max(60),
  availability: availabilitySchema.default([]),
});
export type StaffBody = z.infer<typeof staffBody>;

// A change sets only what it names: no defaults here, or an empty PATCH would "set" skills to [].
export const staffPatch = z.object({
  name: staffBody.shape.name.optional(),
  userId: staffBody.shape.userId,
  skills: z.array(code).max(30).optional(),
  vip: z.boolean().optional(),
  contractHoursPerWeek: staffBody.shape.contractHoursPerWeek.optional(),
  availability: availabilitySchema.optional(),
  active: z.boolean().optional(),
});

export const absenceSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["leave", "sick"]),
  fromDate: z.string(),
  toDate: z.string(),
  note: z.string().nullable(),
});
export const absenceBody = z
  .object({
    kind: z.enum(["leave", "sick"]),
    fromDate: day,
    toDate: day,
    note: z.string().max(200).optional(),
  })
  .refine((a) => a.fromDate <= a.toDate, "fromDate must not be after toDate");

export const staffSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  userId: z.uuid().nullable(),
  name: z.string(),
  skills: z.array(z.string()),
  vip: z.boolean(),
  contractHoursPerWeek: z.number(),
  availability: availabilitySchema,
  active: z.boolean(),
  absences: z.array(absenceSchema),
});
export type StaffMember = z.infer<typeof staffSchema>;
export const staffAccountSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
});

export const templateBody = z
  .object({ name: z.string().trim().min(1).max(40), start: clock, lengthHours: z.number().min(1).max(12) })
  .refine((t) => t.lengthHours * 60 + minutesOf(t.start) <= 24 * 60, "a shift ends by 24:00");
export const templateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  start: z.string(),
  lengthHours: z.number(),
});
export type ShiftTemplateView = z.infer<typeof templateSchema>;

export const rosterActions = ["assign", "unassign", "publish", "regenerate"] as const;
export type RosterAction = (typeof rosterActions)[number];

export const violationSchema = z.object({
  kind: z.enum(["rest", "contract", "availability", "absence", "skill", "cover"]),
  staffId: z.uuid().nullable(),
  date: z.string().nullable(),
  message: z.string(),
});
export type Violation = z.infer<typeof violationSchema>;

export const rosterCheckSchema = z.object({
  /** The simulation's verdict on the week: share within the waiting limit (R-TIME), and whether it meets the target. */
  serviceLevel: z.number(),
  targetServiceLevel: z.number(),
  met: z.boolean(),
  byDay: z.array(
    z.object({
      date: z.string(),
      serviceLevel: z.number().nullable(),
      staffHours: z.number(),
      short: z.number(),
    }),
  ),
  violations: z.array(violationSchema),
});
export type RosterCheck = z.infer<typeof rosterCheckSchema>;

/** One day of the week the roster covers: the plan's counters and the forecast behind them. */
export const dayRequirementSchema = z.object({
  date: z.string(),
  /** Minutes after midnight of the first half hour; counters[i] is for opensAt + 30·i. */
  opensAt: z.number(),
  counters: z.array(z.number()),
  arrivalsPerHour: z.array(z.number()),
  meanServiceSeconds: z.number(),
  /** The business types forecast in each half hour: someone on duty must have the skill. */
  typesByInterval: z.array(z.array(z.string())),
});
export type DayRequirement = z.infer<typeof dayRequirementSchema>;

export const rosterShiftSchema = z.object({
  id: z.uuid(),
  staffId: z.uuid(),
  staffName: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  lengthMinutes: z.number(),
});
export type RosterShiftView = z.infer<typeof rosterShiftSchema>;

export const rosterSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  weekStart: z.string(),
  state: z.enum(["draft", "published"]),
  version: z.number(),
  publishedAt: z.string().nullable(),
  staffHours: z.number(),
  /** No roster of these templates covers the plan with fewer staff-hours (the LP/MILP bound). */
  lowerBoundHours: z.number(),
  gap: z.number(),
  optimal: z.boolean(),
  requirements: z.array(dayRequirementSchema),
  check: rosterCheckSchema,
  staff: z.array(z.object({ id: z.uuid(), name: z.string() })),
  shifts: z.array(rosterShiftSchema),
  allowedActions: z.array(z.enum(rosterActions)),
});
export type RosterView = z.infer<typeof rosterSchema>;

export const generateBody = z.object({
  weekStart: day,
  targetWaitSeconds: z.number().min(0).max(3600).default(600),
  targetServiceLevel: z.number().gt(0).max(0.99).default(0.9),
  /** At least this many hours between the end of one shift and the start of the next. */
  minRestHours: z.number().min(0).max(24).default(11),
});
export type GenerateBody = z.infer<typeof generateBody>;

export const assignBody = z.object({ staffId: z.uuid(), date: day, templateId: z.uuid() });
export const rosterIdParams = z.object({ rosterId: z.uuid() });
export const rosterShiftParams = z.object({ rosterId: z.uuid(), shiftId: z.uuid() });
export const staffIdParams = z.object({ staffId: z.uuid() });
export const absenceParams = z.object({ staffId: z.uuid(), absenceId: z.uuid() });
export const hallWeekQuery = z.object({ weekStart: day });

export const swapBody = z.object({ shiftId: z.uuid(), toStaffId: z.uuid() });
export const swapSchema = z.object({
  id: z.uuid(),
  shiftId: z.uuid(),
  fromStaffId: z.uuid(),
  toStaffId: z.uuid(),
  state: z.enum(["requested", "approved", "rejected"]),
});
export const swapDecisionBody = z.object({ decision: z.enum(["approved", "rejected"]) });
export const swapStates = ["requested", "approved", "rejected"] as const;
/** A swap as the manager's list and the asker's phone show it: the shift, both people, and what may be done. */
export const swapViewSchema = swapSchema.extend({
  date: z.string(),
  start: z.string(),
  end: z.string(),
  fromName: z.string(),
  toName: z.string(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  /** What the caller may do now: the server decides (a requested swap, a manager). */
  allowedActions: z.array(z.enum(["approve", "reject"])),
});
export type SwapView = z.infer<typeof swapViewSchema>;
export const swapListQuery = z.object({ state: z.enum(swapStates).optional() });

export const myShiftsSchema = z.object({
  staff: z.array(z.object({ id: z.uuid(), hallId: z.uuid(), name: z.string() })),
  /** The active colleagues of the same hall(s): whom a shift can be offered to (换班). */
  colleagues: z.array(z.object({ id: z.uuid(), hallId: z.uuid(), name: z.string() })),
  /** The swaps this person asked for, newest first. */
  swaps: z.array(swapViewSchema),
  shifts: z.array(rosterShiftSchema.extend({ hallId: z.uuid(), rosterId: z.uuid(), version: z.number() })),
});
export const swapIdParams = z.object({ swapId: z.uuid() });

export const staffingNowSchema = z.object({ planned: z.number(), open: z.number(), toOpen: z.number() });

export function minutesOf(clockText: string): number {
  const [h, m] = clockText.split(":").map(Number);
  return h * 60 + m;
}

export { clockOf } from "../../core/time.js";
