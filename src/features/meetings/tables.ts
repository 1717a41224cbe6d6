import {
  date,
  foreignKey,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { keyedId, keyWith } from "../../core/ids.js";
import type { AttendanceEntry, MeetingCampaign, MeetingFigures, MeetingState } from "./contract.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

// R-MEET: one pre-shift meeting per hall and day. Distributed by hall (docs/scale.md).
export const meetings = pgTable(
  "meetings",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    meetingDate: date("meeting_date").notNull(),
    agenda: jsonb("agenda").$type<string[]>().notNull(),
    notices: jsonb("notices").$type<string[]>().notNull(),
    // Filled in when the meeting is made: what the room was told, kept as it was.
    campaigns: jsonb("campaigns").$type<MeetingCampaign[]>().notNull(),
    figures: jsonb("figures").$type<MeetingFigures>().notNull(),
    attendance: jsonb("attendance").$type<AttendanceEntry[]>().notNull().default([]),
    minutes: text("minutes").notNull().default(""),
    state: text("state").$type<MeetingState>().notNull().default("open"),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    closedAt: ts("closed_at"),
  },
  (t) => [
    keyWith("meetings", t.id, t.hallId),
    uniqueIndex("meetings_hall_day_uq").on(t.hallId, t.meetingDate),
  ],
);

// A person of the hall read the meeting's notices (on their phone).
export const meetingConfirmations = pgTable(
  "meeting_confirmations",
  {
    meetingId: uuid("meeting_id").notNull(),
    hallId: uuid("hall_id").notNull(),
    userId: uuid("user_id").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "meeting_confirmations_pkey", columns: [t.meetingId, t.userId, t.hallId] }),
    foreignKey({
      name: "meeting_confirmations_meeting_fk",
      columns: [t.meetingId, t.hallId],
      foreignColumns: [meetings.id, meetings.hallId],
    }),
  ],
);
