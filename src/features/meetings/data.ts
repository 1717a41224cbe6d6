import { and, count, desc, eq, gte, inArray, lt, lte } from "drizzle-orm";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { decodeCursor, pageOf } from "../../core/paging.js";
import { meetingConfirmations, meetings } from "./tables.js";

export type MeetingRow = typeof meetings.$inferSelect;
export type ConfirmationRow = typeof meetingConfirmations.$inferSelect;

export async function findMeeting(db: DbOrTx, id: string): Promise<MeetingRow> {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
  if (!row) throw notFound("Meeting");
  return row;
}

export async function confirmationsOf(
  db: DbOrTx,
  m: { id: string; hallId: string },
): Promise<ConfirmationRow[]> {
  return db
    .select()
    .from(meetingConfirmations)
    .where(and(eq(meetingConfirmations.meetingId, m.id), eq(meetingConfirmations.hallId, m.hallId)))
    .orderBy(meetingConfirmations.at);
}

/** A hall's meetings, the latest day first, a page at a time (keyset on the day). */
export async function listMeetings(
  db: DbOrTx,
  hallId: string,
  q: { from?: string; to?: string; limit: number; cursor?: string },
) {
  const before = q.cursor ? (decodeCursor(q.cursor, ["string"])[0] as string) : undefined;
  const rows = await db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.hallId, hallId),
        q.from ? gte(meetings.meetingDate, q.from) : undefined,
        q.to ? lte(meetings.meetingDate, q.to) : undefined,
        before ? lt(meetings.meetingDate, before) : undefined,
      ),
    )
    .orderBy(desc(meetings.meetingDate))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => [r.meetingDate]);
}

/** How many confirmed each meeting, and whether this person did. */
export async function confirmationCounts(db: DbOrTx, hallId: string, ids: string[], userId: string | null) {
  if (!ids.length) return { counts: new Map<string, number>(), mine: new Set<string>() };
  const where = and(eq(meetingConfirmations.hallId, hallId), inArray(meetingConfirmations.meetingId, ids));
  const [rows, own] = await Promise.all([
    db
      .select({ id: meetingConfirmations.meetingId, n: count() })
      .from(meetingConfirmations)
      .where(where)
      .groupBy(meetingConfirmations.meetingId),
    userId
      ? db
          .select({ id: meetingConfirmations.meetingId })
          .from(meetingConfirmations)
          .where(and(where, eq(meetingConfirmations.userId, userId)))
      : Promise.resolve([]),
  ]);
  return { counts: new Map(rows.map((r) => [r.id, Number(r.n)])), mine: new Set(own.map((r) => r.id)) };
}
