import { and, eq } from "drizzle-orm";
import type { Db } from "../../core/db.js";
import { AppError, illegalState, notFound } from "../../core/errors.js";
import type { MeetingCampaign, MeetingFigures, MeetingInput, MeetingPatch } from "./contract.js";
import type { MeetingRow } from "./data.js";
import { meetingConfirmations, meetings } from "./tables.js";

/** The day's meeting, with what the server filled in; a second one for the same day is a 409. */
export async function createMeeting(
  db: Db,
  m: {
    hallId: string;
    date: string;
    by: string | null;
    campaigns: MeetingCampaign[];
    figures: MeetingFigures;
  },
  input: MeetingInput,
): Promise<MeetingRow> {
  const [row] = await db
    .insert(meetings)
    .values({
      hallId: m.hallId,
      meetingDate: m.date,
      agenda: input.agenda,
      notices: input.notices,
      campaigns: m.campaigns,
      figures: m.figures,
      createdBy: m.by,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError("conflict", "This hall has its meeting of that day already", { date: m.date });
  return row;
}

async function changeOpen(db: Db, id: string, action: string, set: (m: MeetingRow) => Partial<MeetingRow>) {
  return db.transaction(async (tx) => {
    const [m] = await tx.select().from(meetings).where(eq(meetings.id, id)).for("update");
    if (!m) throw notFound("Meeting");
    if (m.state !== "open") throw illegalState("meeting", m.state, action);
    const [row] = await tx
      .update(meetings)
      .set({ ...set(m), updatedAt: new Date() })
      .where(and(eq(meetings.id, m.id), eq(meetings.hallId, m.hallId)))
      .returning();
    return row;
  });
}

export const updateMeeting = (db: Db, id: string, patch: MeetingPatch) =>
  changeOpen(db, id, "edit", () => patch);

/** Closing keeps the minutes as they are; a meeting closes with its minutes and its attendance taken. */
export const closeMeeting = (db: Db, id: string, now = new Date()) =>
  changeOpen(db, id, "close", (m) => {
    if (!m.minutes.trim() || !m.attendance.length)
      throw new AppError("rule_violation", "A meeting closes with its minutes and attendance recorded", {
        minutes: !!m.minutes.trim(),
        attendance: m.attendance.length,
      });
    return { state: "closed", closedAt: now };
  });

/** A person read the notices: once (a second confirmation keeps the first time). */
export async function confirmMeeting(db: Db, m: { id: string; hallId: string }, userId: string) {
  await db
    .insert(meetingConfirmations)
    .values({ meetingId: m.id, hallId: m.hallId, userId })
    .onConflictDoNothing();
}
