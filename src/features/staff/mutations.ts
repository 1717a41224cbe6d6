import { and, eq, sql } from "drizzle-orm";
import { type DbOrTx, isUniqueViolation } from "../../core/db.js";
import { AppError } from "../../core/errors.js";
import { enqueueMessage } from "../../core/outbox.js";
import type { RosterRow } from "./data.js";
import type { DayRequirement, RosterCheck, StaffBody } from "./roster-contract.js";
import { minutesOf } from "./roster-contract.js";
import {
  forecastOverrides,
  rosterShifts,
  rosters,
  shiftSwaps,
  shiftTemplates,
  staffAbsences,
  staffMembers,
} from "./tables.js";

// 排班 (R-ROSTER) writes. A change to a published roster is told to the people it touches through the
// outbox, in the same transaction (ARCHITECTURE.md: a message leaves only if its change commits).

export async function createStaff(db: DbOrTx, hallId: string, body: StaffBody) {
  const [row] = await db
    .insert(staffMembers)
    .values({
      hallId,
      userId: body.userId ?? null,
      name: body.name,
      skills: body.skills,
      vip: body.vip,
      contractMinutesPerWeek: Math.round(body.contractHoursPerWeek * 60),
      availability: body.availability,
    })
    .returning()
    .catch(accountTaken);
  return row;
}

/** A user account is on one hall's staff at most (staff_members_user_uq). */
const accountTaken = (err: unknown): never => {
  if (isUniqueViolation(err)) throw new AppError("conflict", "That account is already on the hall's staff");
  throw err;
};

export async function updateStaff(
  db: DbOrTx,
  staffId: string,
  patch: Partial<StaffBody> & { active?: boolean },
) {
  await db
    .update(staffMembers)
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.userId !== undefined ? { userId: patch.userId } : {}),
      ...(patch.skills !== undefined ? { skills: patch.skills } : {}),
      ...(patch.vip !== undefined ? { vip: patch.vip } : {}),
      ...(patch.contractHoursPerWeek !== undefined
        ? { contractMinutesPerWeek: Math.round(patch.contractHoursPerWeek * 60) }
        : {}),
      ...(patch.availability !== undefined ? { availability: patch.availability } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    })
    .where(eq(staffMembers.id, staffId))
    .catch(accountTaken);
}

export async function addAbsence(
  db: DbOrTx,
  hallId: string,
  staffId: string,
  a: { kind: "leave" | "sick"; fromDate: string; toDate: string; note?: string },
) {
  await db.insert(staffAbsences).values({ hallId, staffId, ...a, note: a.note ?? null });
}

/** Withdraw an absence recorded by mistake; false when the person has no such absence. */
export async function removeAbsence(db: DbOrTx, staffId: string, absenceId: string): Promise<boolean> {
  const gone = await db
    .delete(staffAbsences)
    .where(and(eq(staffAbsences.id, absenceId), eq(staffAbsences.staffId, staffId)))
    .returning({ id: staffAbsences.id });
  return gone.length > 0;
}

export async function createTemplate(
  db: DbOrTx,
  hallId: string,
  t: { name: string; start: string; lengthHours: number },
) {
  const [row] = await db
    .insert(shiftTemplates)
    .values({
      hallId,
      name: t.name,
      startMinute: minutesOf(t.start),
      lengthMinutes: Math.round(t.lengthHours * 60),
    })
    .returning();
  return row;
}

export async function deleteTemplate(db: DbOrTx, hallId: string, templateId: string) {
  await db
    .delete(shiftTemplates)
    .where(and(eq(shiftTemplates.hallId, hallId), eq(shiftTemplates.id, templateId)));
}

export async function putOverrides(
  db: DbOrTx,
  hallId: string,
  date: string,
  userId: string | null,
  overrides: { start: string; businessType: string; arrivals: number | null }[],
) {
  for (const o of overrides) {
    const key = and(
      eq(forecastOverrides.hallId, hallId),
      eq(forecastOverrides.date, date),
      eq(forecastOverrides.startMinute, minutesOf(o.start)),
      eq(forecastOverrides.businessType, o.businessType),
    );
    if (o.arrivals === null) {
      await db.delete(forecastOverrides).where(key);
      continue;
    }
    await db
      .insert(forecastOverrides)
      .values({
        hallId,
        date,
        startMinute: minutesOf(o.start),
        businessType: o.businessType,
        arrivals: o.arrivals,
        updatedBy: userId,
      })
      .onConflictDoUpdate({
        target: [
          forecastOverrides.hallId,
          forecastOverrides.date,
          forecastOverrides.startMinute,
          forecastOverrides.businessType,
        ],
        set: { arrivals: o.arrivals, updatedBy: userId, updatedAt: sql`now()` },
      });
  }
}

export type NewRoster = {
  hallId: string;
  weekStart: string;
  requirements: DayRequirement[];
  targetWaitSeconds: number;
  targetServiceLevel: number;
  minRestMinutes: number;
  staffMinutes: number;
  lowerBoundMinutes: number;
  optimal: boolean;
  check: RosterCheck;
  shifts: {
    staffId: string;
    date: string;
    startMinute: number;
    lengthMinutes: number;
    templateId: string | null;
  }[];
};

/** The week's draft, replaced by a newly generated one (its shifts with it). */
export async function saveRoster(db: DbOrTx, r: NewRoster): Promise<string> {
  const { shifts, ...fields } = r;
  const [row] = await db
    .insert(rosters)
    .values(fields)
    .onConflictDoUpdate({
      target: [rosters.hallId, rosters.weekStart],
      set: { ...fields, version: sql`${rosters.version} + 1` },
    })
    .returning({ id: rosters.id });
  await db.delete(rosterShifts).where(eq(rosterShifts.rosterId, row.id));
  if (shifts.length > 0)
    await db.insert(rosterShifts).values(shifts.map((s) => ({ ...s, hallId: r.hallId, rosterId: row.id })));
  return row.id;
}

export async function lockRoster(db: DbOrTx, rosterId: string): Promise<RosterRow> {
  const [row] = await db.select().from(rosters).where(eq(rosters.id, rosterId)).for("update");
  if (!row) throw new AppError("not_found", "No such roster");
  return row;
}

export async function addShift(
  db: DbOrTx,
  roster: RosterRow,
  s: { staffId: string; date: string; startMinute: number; lengthMinutes: number; templateId: string },
) {
  const [row] = await db
    .insert(rosterShifts)
    .values({ ...s, hallId: roster.hallId, rosterId: roster.id })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError("shift_taken", "This person already has a shift that day");
  return row;
}

export async function removeShift(db: DbOrTx, rosterId: string, shiftId: string) {
  const [row] = await db
    .delete(rosterShifts)
    .where(and(eq(rosterShifts.rosterId, rosterId), eq(rosterShifts.id, shiftId)))
    .returning();
  return row ?? null;
}

export async function moveShift(db: DbOrTx, shiftId: string, toStaffId: string) {
  try {
    await db.update(rosterShifts).set({ staffId: toStaffId }).where(eq(rosterShifts.id, shiftId));
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError("shift_taken", "The colleague already has a shift that day");
    throw err;
  }
}

/** A roster's new figures after an edit; a published roster's version moves on. */
export async function recordCheck(
  db: DbOrTx,
  roster: RosterRow,
  figures: { staffMinutes: number; check: RosterCheck },
) {
  await db
    .update(rosters)
    // An edited roster is no longer the optimiser's proven optimum.
    .set({ ...figures, optimal: false, version: sql`${rosters.version} + 1` })
    .where(eq(rosters.id, roster.id));
}

export async function markPublished(db: DbOrTx, rosterId: string) {
  await db
    .update(rosters)
    .set({ state: "published", publishedAt: sql`now()`, version: sql`${rosters.version} + 1` })
    .where(eq(rosters.id, rosterId));
}

/** One message per person (with a sign-in account) about their roster: published or changed. */
export async function tellStaff(
  db: DbOrTx,
  roster: RosterRow,
  people: { id: string; userId: string | null }[],
  body: string,
  event: string,
) {
  for (const p of people) {
    if (!p.userId) continue;
    await enqueueMessage(db, {
      channel: "sms",
      recipient: `user:${p.userId}`,
      body,
      hallId: roster.hallId,
      payload: { rosterId: roster.id, weekStart: roster.weekStart, staffId: p.id, event },
      dedupeKey: `roster:${roster.id}:${event}:${p.id}`,
    });
  }
}

export async function requestSwap(
  db: DbOrTx,
  hallId: string,
  shiftId: string,
  fromStaffId: string,
  toStaffId: string,
) {
  const [row] = await db.insert(shiftSwaps).values({ hallId, shiftId, fromStaffId, toStaffId }).returning();
  return row;
}

export async function decideSwap(
  db: DbOrTx,
  swapId: string,
  decision: "approved" | "rejected",
  userId: string | null,
) {
  const [row] = await db
    .update(shiftSwaps)
    .set({ state: decision, decidedAt: sql`now()`, decidedBy: userId })
    .where(and(eq(shiftSwaps.id, swapId), eq(shiftSwaps.state, "requested")))
    .returning();
  if (!row) throw new AppError("swap_decided", "This swap has been decided already");
  return row;
}
