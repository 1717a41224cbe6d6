import { z } from "zod";
import { isoDay } from "../../core/dates.js";
import { cursorPageSchema, cursorQuery } from "../../core/paging.js";

// R-MEET: the hall's daily pre-shift meeting (班前例会): agenda, notices, today's campaigns, yesterday's
// figures, attendance, minutes; staff read the notices on their phone and confirm.

const line = z.string().trim().min(1).max(500);
export const meetingStates = ["open", "closed"] as const;
export type MeetingState = (typeof meetingStates)[number];
export const meetingActions = ["edit", "close", "confirm"] as const;
export type MeetingAction = (typeof meetingActions)[number];

export const attendanceEntry = z.object({
  userId: z.uuid(),
  present: z.boolean(),
  // Why someone was not there (leave, sick, on a shift later …).
  reason: z.string().trim().max(200).optional(),
});
export type AttendanceEntry = z.infer<typeof attendanceEntry>;

const uniquePeople = (xs: { userId: string }[]) => new Set(xs.map((x) => x.userId)).size === xs.length;

export const meetingBody = z.object({
  date: isoDay().optional(),
  agenda: z.array(line).max(30).default([]),
  notices: z.array(line).max(30).default([]),
});
export type MeetingInput = z.infer<typeof meetingBody>;

export const meetingPatch = z
  .object({
    agenda: z.array(line).max(30),
    notices: z.array(line).max(30),
    attendance: z.array(attendanceEntry).max(200).refine(uniquePeople, "each person once"),
    minutes: z.string().trim().max(5000),
  })
  .partial();
export type MeetingPatch = z.infer<typeof meetingPatch>;

// What the server fills in: the day before's figures of the hall, and the campaigns of the day.
export const meetingFiguresSchema = z.object({
  date: z.string(),
  issued: z.number(),
  served: z.number(),
  noShows: z.number(),
  breaches: z.number(),
  meanWaitSeconds: z.number().nullable(),
  withinTenMinutesShare: z.number().nullable(),
  complaints: z.number(),
  ratings: z.number(),
  satisfiedShare: z.number().nullable(),
});
export type MeetingFigures = z.infer<typeof meetingFiguresSchema>;

export const meetingCampaignSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  from: z.string(),
  to: z.string(),
  // Starts today (a briefing), or runs on.
  starts: z.boolean(),
  talkingPoints: z.array(z.string()),
});
export type MeetingCampaign = z.infer<typeof meetingCampaignSchema>;

const person = z.object({ userId: z.uuid(), name: z.string().nullable() });

export const meetingSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  date: z.string(),
  agenda: z.array(z.string()),
  notices: z.array(z.string()),
  campaigns: z.array(meetingCampaignSchema),
  figures: meetingFiguresSchema,
  attendance: z.array(attendanceEntry.extend({ name: z.string().nullable() })),
  minutes: z.string(),
  state: z.enum(meetingStates),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  // Who of the hall confirmed they read the notices, and who not yet.
  confirmations: z.array(person.extend({ at: z.string() })),
  unconfirmed: z.array(person),
  confirmedByMe: z.boolean(),
  allowedActions: z.array(z.enum(meetingActions)),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingSummarySchema = meetingSchema
  .pick({ id: true, hallId: true, date: true, state: true, confirmedByMe: true })
  .extend({ notices: z.number(), confirmed: z.number(), staff: z.number(), present: z.number() });

export const meetingListQuery = z.object({
  from: isoDay().optional(),
  to: isoDay().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(31),
  cursor: cursorQuery,
});
export const meetingsPage = cursorPageSchema(meetingSummarySchema);
