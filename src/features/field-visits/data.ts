import { and, asc, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { customerNames, regionFilter } from "../customers/data.js";
import type { FieldScope } from "../customers/scope.js";
import { fieldPromises, fieldVisitPlans, fieldVisitRecords } from "./tables.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;
export type VisitRecordRow = typeof fieldVisitRecords.$inferSelect;
type PlanRow = typeof fieldVisitPlans.$inferSelect;
type PromiseRow = typeof fieldPromises.$inferSelect;

export const presentPromise = (p: PromiseRow, customerName?: string) => ({
  id: p.id,
  visitRecordId: p.visitRecordId,
  customerId: p.customerId,
  ...(customerName ? { customerName } : {}),
  text: p.text,
  dueOn: p.dueOn,
  doneAt: iso(p.doneAt),
});

export function presentVisitRecord(r: VisitRecordRow, promises: PromiseRow[]) {
  return {
    id: r.id,
    clientId: r.clientId,
    customerId: r.customerId,
    agentId: r.agentId,
    planId: r.planId,
    kind: r.kind,
    at: r.at.toISOString(),
    purpose: r.purpose,
    met: r.met,
    notes: r.notes,
    needs: r.needs,
    questions: r.questions,
    answersDueAt: iso(r.answersDueAt),
    answeredAt: iso(r.answeredAt),
    archiveDueAt: r.archiveDueAt.toISOString(),
    archiveUpdatedAt: iso(r.archiveUpdatedAt),
    promises: promises.filter((p) => p.visitRecordId === r.id).map((p) => presentPromise(p)),
  };
}

export async function visitRecordsOf(db: DbOrTx, customerId: string, limit = 20) {
  const rows = await db
    .select()
    .from(fieldVisitRecords)
    .where(eq(fieldVisitRecords.customerId, customerId))
    .orderBy(desc(fieldVisitRecords.at))
    .limit(limit);
  const promises = rows.length
    ? await db
        .select()
        .from(fieldPromises)
        .where(
          inArray(
            fieldPromises.visitRecordId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => presentVisitRecord(r, promises));
}

export async function findVisitRecord(db: DbOrTx, id: string): Promise<VisitRecordRow> {
  const [r] = await db.select().from(fieldVisitRecords).where(eq(fieldVisitRecords.id, id)).limit(1);
  if (!r) throw notFound("Visit record");
  return r;
}

export async function promisesOfRecord(db: DbOrTx, visitRecordId: string) {
  return db.select().from(fieldPromises).where(eq(fieldPromises.visitRecordId, visitRecordId));
}

export const presentPlan = (p: PlanRow, customerName?: string) => ({
  id: p.id,
  customerId: p.customerId,
  ...(customerName ? { customerName } : {}),
  agentId: p.agentId,
  kind: p.kind,
  plannedAt: p.plannedAt.toISOString(),
  arriveBy: p.arriveBy.toISOString(),
  purpose: p.purpose,
  warnings: p.warnings,
  status: p.status,
  visitRecordId: p.visitRecordId,
});

export async function listPlans(
  db: DbOrTx,
  scope: FieldScope,
  from: Date,
  to: Date,
  filter: { agentId?: string; customerId?: string } = {},
) {
  const { agentId, customerId } = filter;
  const plans = await db
    .select()
    .from(fieldVisitPlans)
    .where(
      and(
        regionFilter(scope, fieldVisitPlans.regionCode),
        agentId ? eq(fieldVisitPlans.agentId, agentId) : undefined,
        customerId ? eq(fieldVisitPlans.customerId, customerId) : undefined,
        sql`${fieldVisitPlans.plannedAt} >= ${from.toISOString()} AND ${fieldVisitPlans.plannedAt} < ${to.toISOString()}`,
      ),
    )
    .orderBy(asc(fieldVisitPlans.plannedAt));
  const names = await customerNames(
    db,
    plans.map((p) => p.customerId),
  );
  return plans.flatMap((p) => (names.has(p.customerId) ? [presentPlan(p, names.get(p.customerId))] : []));
}

export async function findPlan(db: DbOrTx, id: string): Promise<PlanRow> {
  const [p] = await db.select().from(fieldVisitPlans).where(eq(fieldVisitPlans.id, id)).limit(1);
  if (!p) throw notFound("Visit plan");
  return p;
}

/** Open promises due on or before a date, in scope, for one agent or all. */
export async function promisesDue(db: DbOrTx, scope: FieldScope, until: string, agentId?: string) {
  const promises = await db
    .select()
    .from(fieldPromises)
    .where(
      and(
        regionFilter(scope, fieldPromises.regionCode),
        agentId ? eq(fieldPromises.agentId, agentId) : undefined,
        isNull(fieldPromises.doneAt),
        lte(fieldPromises.dueOn, until),
      ),
    )
    .orderBy(asc(fieldPromises.dueOn));
  const names = await customerNames(
    db,
    promises.map((p) => p.customerId),
  );
  return promises.flatMap((p) =>
    names.has(p.customerId) ? [presentPromise(p, names.get(p.customerId))] : [],
  );
}

export async function findPromise(db: DbOrTx, id: string): Promise<PromiseRow> {
  const [p] = await db.select().from(fieldPromises).where(eq(fieldPromises.id, id)).limit(1);
  if (!p) throw notFound("Promise");
  return p;
}
