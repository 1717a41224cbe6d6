import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or } from "drizzle-orm";
import { addDays } from "../../core/calendar.js";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import {
  clockOf,
  type RosterShiftView,
  type ShiftTemplateView,
  type StaffMember,
  type SwapView,
} from "./roster-contract.js";
import { type RosterStaff, swapAllowedActions } from "./roster-rules.js";
import {
  forecastOverrides,
  rosterShifts,
  rosters,
  shiftSwaps,
  shiftTemplates,
  staffAbsences,
  staffMembers,
} from "./tables.js";

// 排班 (R-ROSTER) reads, each scoped by hall (or, for a person's own shifts, by user).

export type StaffRow = typeof staffMembers.$inferSelect;
export type RosterRow = typeof rosters.$inferSelect;
export type RosterShiftRow = typeof rosterShifts.$inferSelect;

export async function listStaff(db: DbOrTx, hallId: string): Promise<StaffMember[]> {
  const people = await db
    .select()
    .from(staffMembers)
    .where(eq(staffMembers.hallId, hallId))
    .orderBy(asc(staffMembers.createdAt), asc(staffMembers.id));
  const absences = await db
    .select()
    .from(staffAbsences)
    .where(eq(staffAbsences.hallId, hallId))
    .orderBy(asc(staffAbsences.fromDate));
  return people.map((p) => ({
    id: p.id,
    hallId: p.hallId,
    userId: p.userId,
    name: p.name,
    skills: p.skills,
    vip: p.vip,
    contractHoursPerWeek: p.contractMinutesPerWeek / 60,
    availability: p.availability,
    active: p.active,
    absences: absences
      .filter((a) => a.staffId === p.id)
      .map((a) => ({ id: a.id, kind: a.kind, fromDate: a.fromDate, toDate: a.toDate, note: a.note })),
  }));
}

export async function getStaff(db: DbOrTx, staffId: string): Promise<StaffRow> {
  const [row] = await db.select().from(staffMembers).where(eq(staffMembers.id, staffId));
  if (!row) throw notFound("staff member");
  return row;
}

/** The hall's active staff as the roster rules see them, with their absent dates in the week. */
export async function rosterStaffOf(
  db: DbOrTx,
  hallId: string,
  from: string,
  to: string,
): Promise<RosterStaff[]> {
  const people = (await listStaff(db, hallId)).filter((p) => p.active);
  return people.map((p) => {
    const absent = new Set<string>();
    for (const a of p.absences) {
      for (let d = a.fromDate < from ? from : a.fromDate; d <= a.toDate && d <= to; d = addDays(d, 1))
        absent.add(d);
    }
    return {
      id: p.id,
      name: p.name,
      skills: p.skills,
      vip: p.vip,
      contractMinutesPerWeek: Math.round(p.contractHoursPerWeek * 60),
      availability: p.availability,
      absentDates: absent,
    };
  });
}

export async function listTemplates(db: DbOrTx, hallId: string) {
  return db
    .select()
    .from(shiftTemplates)
    .where(eq(shiftTemplates.hallId, hallId))
    .orderBy(asc(shiftTemplates.startMinute), asc(shiftTemplates.lengthMinutes));
}

export const presentTemplate = (t: typeof shiftTemplates.$inferSelect): ShiftTemplateView => ({
  id: t.id,
  name: t.name,
  start: clockOf(t.startMinute),
  lengthHours: t.lengthMinutes / 60,
});

export async function listOverrides(db: DbOrTx, hallId: string, date: string) {
  return db
    .select()
    .from(forecastOverrides)
    .where(and(eq(forecastOverrides.hallId, hallId), eq(forecastOverrides.date, date)));
}

export async function findRosterOfWeek(
  db: DbOrTx,
  hallId: string,
  weekStart: string,
): Promise<RosterRow | null> {
  const [row] = await db
    .select()
    .from(rosters)
    .where(and(eq(rosters.hallId, hallId), eq(rosters.weekStart, weekStart)));
  return row ?? null;
}

export async function getRoster(db: DbOrTx, rosterId: string): Promise<RosterRow> {
  const [row] = await db.select().from(rosters).where(eq(rosters.id, rosterId));
  if (!row) throw notFound("roster");
  return row;
}

export async function shiftsOf(db: DbOrTx, rosterId: string): Promise<RosterShiftRow[]> {
  return db
    .select()
    .from(rosterShifts)
    .where(eq(rosterShifts.rosterId, rosterId))
    .orderBy(asc(rosterShifts.date), asc(rosterShifts.startMinute), asc(rosterShifts.id));
}

export function presentShift(s: RosterShiftRow, names: ReadonlyMap<string, string>): RosterShiftView {
  return {
    id: s.id,
    staffId: s.staffId,
    staffName: names.get(s.staffId) ?? "",
    date: s.date,
    start: clockOf(s.startMinute),
    end: clockOf(s.startMinute + s.lengthMinutes),
    lengthMinutes: s.lengthMinutes,
  };
}

/** A person's shifts from a date on, in published rosters only: what their phone shows. */
export async function myShifts(db: DbOrTx, userId: string, from: string) {
  const people = await db.select().from(staffMembers).where(eq(staffMembers.userId, userId));
  if (people.length === 0) return { staff: [], colleagues: [], swaps: [], shifts: [] };
  const names = new Map(people.map((p) => [p.id, p.name]));
  const rows = await db
    .select({ shift: rosterShifts, version: rosters.version })
    .from(rosterShifts)
    .innerJoin(rosters, eq(rosters.id, rosterShifts.rosterId))
    .where(
      and(
        inArray(
          rosterShifts.staffId,
          people.map((p) => p.id),
        ),
        eq(rosters.state, "published"),
        gte(rosterShifts.date, from),
      ),
    )
    .orderBy(asc(rosterShifts.date), asc(rosterShifts.startMinute));
  const colleagues = await db
    .select({ id: staffMembers.id, hallId: staffMembers.hallId, name: staffMembers.name })
    .from(staffMembers)
    .where(
      and(
        inArray(staffMembers.hallId, [...new Set(people.map((p) => p.hallId))]),
        eq(staffMembers.active, true),
        or(isNull(staffMembers.userId), ne(staffMembers.userId, userId)),
      ),
    )
    .orderBy(asc(staffMembers.name));
  return {
    staff: people.map((p) => ({ id: p.id, hallId: p.hallId, name: p.name })),
    colleagues,
    swaps: await listSwapViews(db, { fromStaffIds: people.map((p) => p.id) }, false),
    shifts: rows.map((r) => ({
      ...presentShift(r.shift, names),
      hallId: r.shift.hallId,
      rosterId: r.shift.rosterId,
      version: r.version,
    })),
  };
}

/** The roster whose week holds a date (published or not): the live board's plan. */
export async function rosterOn(db: DbOrTx, hallId: string, date: string): Promise<RosterRow | null> {
  const [row] = await db
    .select()
    .from(rosters)
    .where(
      and(
        eq(rosters.hallId, hallId),
        lte(rosters.weekStart, date),
        gte(rosters.weekStart, addDays(date, -6)),
      ),
    )
    .orderBy(asc(rosters.weekStart));
  return row ?? null;
}

export async function getSwap(db: DbOrTx, swapId: string) {
  const [row] = await db.select().from(shiftSwaps).where(eq(shiftSwaps.id, swapId));
  if (!row) throw notFound("swap");
  return row;
}

/** Swaps with their shift and both names: a hall's (for its managers) or those one person asked for. */
export async function listSwapViews(
  db: DbOrTx,
  where: { hallId: string; state?: SwapView["state"] } | { fromStaffIds: string[] },
  mayManage: boolean,
): Promise<SwapView[]> {
  const rows = await db
    .select({ swap: shiftSwaps, shift: rosterShifts })
    .from(shiftSwaps)
    .innerJoin(rosterShifts, eq(rosterShifts.id, shiftSwaps.shiftId))
    .where(
      "hallId" in where
        ? and(
            eq(shiftSwaps.hallId, where.hallId),
            where.state ? eq(shiftSwaps.state, where.state) : undefined,
          )
        : inArray(shiftSwaps.fromStaffId, where.fromStaffIds),
    )
    .orderBy(desc(shiftSwaps.requestedAt))
    .limit(200);
  const ids = [...new Set(rows.flatMap((r) => [r.swap.fromStaffId, r.swap.toStaffId]))];
  const people =
    ids.length === 0
      ? []
      : await db
          .select({ id: staffMembers.id, name: staffMembers.name })
          .from(staffMembers)
          .where(inArray(staffMembers.id, ids));
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.map(({ swap, shift }) => ({
    id: swap.id,
    shiftId: swap.shiftId,
    fromStaffId: swap.fromStaffId,
    toStaffId: swap.toStaffId,
    state: swap.state,
    date: shift.date,
    start: clockOf(shift.startMinute),
    end: clockOf(shift.startMinute + shift.lengthMinutes),
    fromName: names.get(swap.fromStaffId) ?? "",
    toName: names.get(swap.toStaffId) ?? "",
    requestedAt: swap.requestedAt.toISOString(),
    decidedAt: swap.decidedAt?.toISOString() ?? null,
    allowedActions: swapAllowedActions(mayManage, swap.state),
  }));
}

export async function getShift(db: DbOrTx, shiftId: string): Promise<RosterShiftRow> {
  const [row] = await db.select().from(rosterShifts).where(eq(rosterShifts.id, shiftId));
  if (!row) throw notFound("shift");
  return row;
}
