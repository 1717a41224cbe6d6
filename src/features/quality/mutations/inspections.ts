import { and, desc, eq } from "drizzle-orm";
import { recordAudit } from "../../../core/audit.js";
import { type Db, type DbOrTx, isUniqueViolation } from "../../../core/db.js";
import { AppError } from "../../../core/errors.js";
import { newId } from "../../../core/ids.js";
import { STARTER_CHECKLISTS } from "../checklist-starters.js";
import type { ChecklistItem, ChecklistKind, ItemScore } from "../inspection-rules.js";
import { checklists, inspectionAssignments, inspectionPhotos, inspections } from "../tables.js";

// R-MYSTERY writes: checklists (a new version per edit), assignments, inspections, photos.

type ChecklistInput = { name: string; kind: ChecklistKind; items: ChecklistItem[] };

/** The starter checklists (服务禁忌, Z1–Z9), once: every start inserts what is missing. */
export async function ensureStarterChecklists(db: DbOrTx) {
  await db
    .insert(checklists)
    .values(STARTER_CHECKLISTS.map((c) => ({ ...c, familyId: c.id, version: 1 })))
    .onConflictDoNothing();
}

export async function createChecklist(db: Db, input: ChecklistInput, actorId: string | null) {
  // A new family is its own first version: the family id is the first version's id.
  const id = newId();
  const [row] = await db
    .insert(checklists)
    .values({ ...input, id, familyId: id, version: 1, createdBy: actorId })
    .returning();
  return { ...row, current: true };
}

/** Edits a checklist: a new version of its family; an edit racing another loses with a 409. */
export async function addChecklistVersion(
  db: Db,
  familyId: string,
  input: ChecklistInput,
  actorId: string | null,
) {
  try {
    return await db.transaction(async (tx) => {
      const [last] = await tx
        .select({ version: checklists.version })
        .from(checklists)
        .where(eq(checklists.familyId, familyId))
        .orderBy(desc(checklists.version))
        .limit(1);
      const [row] = await tx
        .insert(checklists)
        .values({ ...input, familyId, version: last.version + 1, createdBy: actorId })
        .returning();
      await recordAudit(tx, {
        actorId,
        action: "checklist_version",
        subjectType: "checklist",
        subjectId: row.id,
      });
      return { ...row, current: true };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError("conflict", "Someone saved a new version of this checklist meanwhile; reload it");
    throw e;
  }
}

export async function createAssignment(
  db: DbOrTx,
  a: {
    hallId: string;
    regionCode: string;
    inspectorId: string;
    checklistFamilyId: string;
    kind: ChecklistKind;
    dueDate: string;
  },
  actorId: string | null,
) {
  const [row] = await db
    .insert(inspectionAssignments)
    .values({ ...a, createdBy: actorId })
    .returning();
  return row;
}

export async function cancelAssignment(db: DbOrTx, hallId: string, id: string) {
  const [row] = await db
    .update(inspectionAssignments)
    .set({ status: "cancelled" })
    .where(
      and(
        eq(inspectionAssignments.hallId, hallId),
        eq(inspectionAssignments.id, id),
        eq(inspectionAssignments.status, "planned"),
      ),
    )
    .returning();
  if (!row) throw new AppError("conflict", "Only a planned assignment can be cancelled");
  return row;
}

/**
 * Stores an inspection and marks its assignment done, in one transaction: two inspections racing for one
 * assignment store one; the other gets a 409 and nothing.
 */
export async function recordInspection(
  db: Db,
  i: {
    hallId: string;
    regionCode: string;
    checklistId: string;
    checklistFamilyId: string;
    kind: ChecklistKind;
    at: Date;
    inspectorId: string | null;
    assignmentId: string | null;
    score: number;
    scores: ItemScore[];
    notes: string | null;
  },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(inspections).values(i).returning({ id: inspections.id });
    if (i.assignmentId) {
      const done = await tx
        .update(inspectionAssignments)
        .set({ status: "done", inspectionId: row.id })
        .where(
          and(
            eq(inspectionAssignments.hallId, i.hallId),
            eq(inspectionAssignments.id, i.assignmentId),
            eq(inspectionAssignments.status, "planned"),
          ),
        )
        .returning({ id: inspectionAssignments.id });
      if (!done.length) throw new AppError("conflict", "This assignment is done or cancelled already");
    }
    return row;
  });
}

export async function storePhoto(
  db: DbOrTx,
  p: { hallId: string; uploadedBy: string | null; contentType: string; bytes: Buffer },
) {
  const [row] = await db
    .insert(inspectionPhotos)
    .values({ ...p, size: p.bytes.length })
    .returning({
      id: inspectionPhotos.id,
      hallId: inspectionPhotos.hallId,
      contentType: inspectionPhotos.contentType,
      size: inspectionPhotos.size,
    });
  return row;
}
