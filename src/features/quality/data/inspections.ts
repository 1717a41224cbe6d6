import { and, asc, desc, eq, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { notFound } from "../../../core/errors.js";
import { decodeCursor, pageOf } from "../../../core/paging.js";
import type { ItemScore } from "../inspection-rules.js";
import { checklists, inspectionAssignments, inspectionPhotos, inspections } from "../tables.js";

// R-MYSTERY reads: checklists and their versions, assignments, inspections and their photos.

export type ChecklistRow = typeof checklists.$inferSelect;
export type InspectionRow = typeof inspections.$inferSelect;
export type AssignmentRow = typeof inspectionAssignments.$inferSelect;

/** Every version of every checklist, newest version first within a family; `current` marks the newest. */
export async function listChecklists(db: DbOrTx, familyId?: string) {
  const rows = await db
    .select()
    .from(checklists)
    .where(familyId ? eq(checklists.familyId, familyId) : undefined)
    .orderBy(asc(checklists.name), desc(checklists.version));
  const newest = new Map<string, number>();
  for (const r of rows) newest.set(r.familyId, Math.max(newest.get(r.familyId) ?? 0, r.version));
  return rows.map((r) => ({ ...r, current: newest.get(r.familyId) === r.version }));
}

export async function findChecklist(db: DbOrTx, id: string) {
  const [row] = await db.select().from(checklists).where(eq(checklists.id, id)).limit(1);
  if (!row) throw notFound("Checklist");
  const [newest] = await db
    .select({ version: checklists.version })
    .from(checklists)
    .where(eq(checklists.familyId, row.familyId))
    .orderBy(desc(checklists.version))
    .limit(1);
  return { ...row, current: newest.version === row.version };
}

/** The newest version of a checklist family. */
export async function currentChecklist(db: DbOrTx, familyId: string) {
  const [row] = await db
    .select()
    .from(checklists)
    .where(eq(checklists.familyId, familyId))
    .orderBy(desc(checklists.version))
    .limit(1);
  if (!row) throw notFound("Checklist");
  return { ...row, current: true };
}

export type AssignmentFilter = {
  inspectorId?: string;
  hallId?: string;
  regionCode?: string;
  status?: AssignmentRow["status"];
};

export async function listAssignments(db: DbOrTx, f: AssignmentFilter): Promise<AssignmentRow[]> {
  const where: SQL[] = [];
  if (f.inspectorId) where.push(eq(inspectionAssignments.inspectorId, f.inspectorId));
  if (f.hallId) where.push(eq(inspectionAssignments.hallId, f.hallId));
  if (f.regionCode) where.push(eq(inspectionAssignments.regionCode, f.regionCode));
  if (f.status) where.push(eq(inspectionAssignments.status, f.status));
  return db
    .select()
    .from(inspectionAssignments)
    .where(and(...where))
    .orderBy(asc(inspectionAssignments.dueDate), asc(inspectionAssignments.id))
    .limit(500);
}

export async function findAssignment(db: DbOrTx, hallId: string, id: string): Promise<AssignmentRow | null> {
  const [row] = await db
    .select()
    .from(inspectionAssignments)
    .where(and(eq(inspectionAssignments.hallId, hallId), eq(inspectionAssignments.id, id)))
    .limit(1);
  return row ?? null;
}

/** The halls an inspector has ever been assigned: the ones whose inspections they may read. */
export async function assignedHallIds(db: DbOrTx, inspectorId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ hallId: inspectionAssignments.hallId })
    .from(inspectionAssignments)
    .where(eq(inspectionAssignments.inspectorId, inspectorId));
  return rows.map((r) => r.hallId);
}

export type InspectionFilter = {
  hallIds?: string[];
  regionCode?: string;
  from?: Date;
  to?: Date;
  familyId?: string;
};

function inspectionWhere(f: InspectionFilter): SQL[] {
  const where: SQL[] = [];
  if (f.hallIds) where.push(inArray(inspections.hallId, f.hallIds.length ? f.hallIds : [""]));
  if (f.regionCode) where.push(eq(inspections.regionCode, f.regionCode));
  if (f.from) where.push(gte(inspections.at, f.from));
  if (f.to) where.push(lt(inspections.at, f.to));
  if (f.familyId) where.push(eq(inspections.checklistFamilyId, f.familyId));
  return where;
}

/** Inspections newest first, a page at a time (keyset on at, id). */
export async function listInspections(db: DbOrTx, f: InspectionFilter, limit: number, cursor?: string) {
  const where = inspectionWhere(f);
  if (cursor) {
    const [at, id] = decodeCursor(cursor, ["string", "string"]) as [string, string];
    const after = new Date(at);
    where.push(or(lt(inspections.at, after), and(eq(inspections.at, after), lt(inspections.id, id)))!);
  }
  const rows = await db
    .select()
    .from(inspections)
    .where(and(...where))
    .orderBy(desc(inspections.at), desc(inspections.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => [r.at.toISOString(), r.id]);
}

/** Each hall's scores of a period, item by item (for the alignment with the KPI). */
export async function inspectionScoresOf(db: DbOrTx, f: InspectionFilter) {
  return db
    .select({ hallId: inspections.hallId, score: inspections.score, scores: inspections.scores })
    .from(inspections)
    .where(and(...inspectionWhere(f)));
}

export async function findInspection(db: DbOrTx, id: string): Promise<InspectionRow> {
  const [row] = await db.select().from(inspections).where(eq(inspections.id, id)).limit(1);
  if (!row) throw notFound("Inspection");
  return row;
}

/** Which of these photo ids are stored for the hall. */
export async function storedPhotoIds(db: DbOrTx, hallId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: inspectionPhotos.id })
    .from(inspectionPhotos)
    .where(and(eq(inspectionPhotos.hallId, hallId), inArray(inspectionPhotos.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function findPhoto(db: DbOrTx, hallId: string, id: string) {
  const [row] = await db
    .select()
    .from(inspectionPhotos)
    .where(and(eq(inspectionPhotos.hallId, hallId), eq(inspectionPhotos.id, id)))
    .limit(1);
  if (!row) throw notFound("Photo");
  return row;
}

export const photoIdsOf = (scores: ItemScore[]) => scores.flatMap((s) => s.photoIds ?? []);
