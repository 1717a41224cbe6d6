import { and, asc, desc, eq, ilike, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { maskPhone } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import type { Cadence, Customer } from "./contract.js";
import { DEFAULT_CADENCE, overdueKinds } from "./rules.js";
import type { FieldScope } from "./scope.js";
import {
  fieldCadence,
  fieldContacts,
  fieldContracts,
  fieldCustomers,
  fieldPromises,
  fieldVisitPlans,
  fieldVisitRecords,
} from "./tables.js";

export type CustomerRow = typeof fieldCustomers.$inferSelect;
type ContactRow = typeof fieldContacts.$inferSelect;
type ContractRow = typeof fieldContracts.$inferSelect;
export type VisitRecordRow = typeof fieldVisitRecords.$inferSelect;
type PlanRow = typeof fieldVisitPlans.$inferSelect;
type PromiseRow = typeof fieldPromises.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const presentContact = (c: ContactRow) => ({
  id: c.id,
  name: c.name,
  title: c.title,
  phone: maskPhone(c.phone),
  birthday: c.birthday,
  decisionMaker: c.decisionMaker,
});

export const presentCustomer = (c: CustomerRow, contacts: ContactRow[], now = new Date()): Customer => ({
  id: c.id,
  name: c.name,
  tier: c.tier,
  areaCode: c.regionCode,
  town: c.town,
  village: c.village,
  address: c.address,
  phone: maskPhone(c.phone),
  products: c.products,
  agentId: c.agentId,
  managerId: c.managerId,
  notes: c.notes,
  nextInPersonVisitDueAt: iso(c.nextInPersonVisitDueAt),
  nextPhoneVisitDueAt: iso(c.nextPhoneVisitDueAt),
  lastInPersonVisitAt: iso(c.lastInPersonVisitAt),
  lastPhoneVisitAt: iso(c.lastPhoneVisitAt),
  overdue: overdueKinds(c, now),
  archiveUpdatedAt: iso(c.archiveUpdatedAt),
  createdAt: c.createdAt.toISOString(),
  contacts: contacts.filter((x) => x.customerId === c.id).map(presentContact),
});

export async function findCustomer(db: DbOrTx, id: string): Promise<CustomerRow> {
  const [c] = await db.select().from(fieldCustomers).where(eq(fieldCustomers.id, id)).limit(1);
  if (!c) throw notFound("Customer");
  return c;
}

export async function contactsOf(db: DbOrTx, customerIds: string[]): Promise<ContactRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .select()
    .from(fieldContacts)
    .where(inArray(fieldContacts.customerId, customerIds))
    .orderBy(asc(fieldContacts.createdAt));
}

export const regionFilter = (scope: FieldScope, column: PgColumn) =>
  scope.regionCode === null ? undefined : eq(column, scope.regionCode);

export async function listCustomers(
  db: DbOrTx,
  scope: FieldScope,
  q: {
    q?: string;
    tier?: string;
    village?: string;
    agentId?: string;
    due?: "overdue" | "week";
    limit: number;
  },
  now = new Date(),
) {
  const where: (SQL | undefined)[] = [regionFilter(scope, fieldCustomers.regionCode)];
  if (q.q) where.push(or(ilike(fieldCustomers.name, `%${q.q}%`), ilike(fieldCustomers.village, `%${q.q}%`)));
  if (q.tier) where.push(eq(fieldCustomers.tier, q.tier as CustomerRow["tier"]));
  if (q.village) where.push(eq(fieldCustomers.village, q.village));
  if (q.agentId) where.push(eq(fieldCustomers.agentId, q.agentId));
  if (q.due) {
    const until = q.due === "overdue" ? now : new Date(now.getTime() + 7 * 86_400_000);
    where.push(
      or(lte(fieldCustomers.nextInPersonVisitDueAt, until), lte(fieldCustomers.nextPhoneVisitDueAt, until)),
    );
  }
  const rows = await db
    .select()
    .from(fieldCustomers)
    .where(and(...where))
    .orderBy(asc(fieldCustomers.regionCode), asc(fieldCustomers.village), asc(fieldCustomers.name))
    .limit(q.limit);
  const contacts = await contactsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentCustomer(r, contacts, now));
}

export async function getCadence(db: DbOrTx): Promise<Cadence[]> {
  const rows = await db.select().from(fieldCadence);
  return DEFAULT_CADENCE.map((d) => rows.find((r) => r.tier === d.tier) ?? d);
}

export const presentContract = (c: ContractRow, customerName?: string) => ({
  id: c.id,
  customerId: c.customerId,
  ...(customerName ? { customerName } : {}),
  title: c.title,
  terms: c.terms,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  reminderDays: c.reminderDays,
  status: c.status,
  renewedById: c.renewedById,
});

export async function contractsOf(db: DbOrTx, customerId: string) {
  const rows = await db
    .select()
    .from(fieldContracts)
    .where(eq(fieldContracts.customerId, customerId))
    .orderBy(desc(fieldContracts.endsOn));
  return rows.map((c) => presentContract(c));
}

/** The area manager's list of active contracts ending between two dates (RA 2.3: monthly). */
export async function contractsEnding(db: DbOrTx, scope: FieldScope, from: string, to: string) {
  const rows = await db
    .select({ c: fieldContracts, name: fieldCustomers.name })
    .from(fieldContracts)
    .innerJoin(fieldCustomers, eq(fieldCustomers.id, fieldContracts.customerId))
    .where(
      and(
        regionFilter(scope, fieldContracts.regionCode),
        eq(fieldContracts.status, "active"),
        sql`${fieldContracts.endsOn} BETWEEN ${from} AND ${to}`,
      ),
    )
    .orderBy(asc(fieldContracts.endsOn));
  return rows.map((r) => presentContract(r.c, r.name));
}

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

export async function listPlans(db: DbOrTx, scope: FieldScope, from: Date, to: Date, agentId?: string) {
  const rows = await db
    .select({ p: fieldVisitPlans, name: fieldCustomers.name })
    .from(fieldVisitPlans)
    .innerJoin(fieldCustomers, eq(fieldCustomers.id, fieldVisitPlans.customerId))
    .where(
      and(
        regionFilter(scope, fieldVisitPlans.regionCode),
        agentId ? eq(fieldVisitPlans.agentId, agentId) : undefined,
        sql`${fieldVisitPlans.plannedAt} >= ${from.toISOString()} AND ${fieldVisitPlans.plannedAt} < ${to.toISOString()}`,
      ),
    )
    .orderBy(asc(fieldVisitPlans.plannedAt));
  return rows.map((r) => presentPlan(r.p, r.name));
}

export async function findPlan(db: DbOrTx, id: string): Promise<PlanRow> {
  const [p] = await db.select().from(fieldVisitPlans).where(eq(fieldVisitPlans.id, id)).limit(1);
  if (!p) throw notFound("Visit plan");
  return p;
}

/** Open promises due on or before a date, in scope, for one agent or all. */
export async function promisesDue(db: DbOrTx, scope: FieldScope, until: string, agentId?: string) {
  const rows = await db
    .select({ p: fieldPromises, name: fieldCustomers.name })
    .from(fieldPromises)
    .innerJoin(fieldCustomers, eq(fieldCustomers.id, fieldPromises.customerId))
    .where(
      and(
        regionFilter(scope, fieldPromises.regionCode),
        agentId ? eq(fieldPromises.agentId, agentId) : undefined,
        isNull(fieldPromises.doneAt),
        lte(fieldPromises.dueOn, until),
      ),
    )
    .orderBy(asc(fieldPromises.dueOn));
  return rows.map((r) => presentPromise(r.p, r.name));
}

export async function findPromise(db: DbOrTx, id: string): Promise<PromiseRow> {
  const [p] = await db.select().from(fieldPromises).where(eq(fieldPromises.id, id)).limit(1);
  if (!p) throw notFound("Promise");
  return p;
}
