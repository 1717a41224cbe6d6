import { and, asc, desc, eq, ilike, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { maskPhone } from "../../core/access.js";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { maskIdNumber } from "../../core/phone.js";
import type { Cadence, Customer } from "./contract.js";
import { DEFAULT_CADENCE, overdueKinds } from "./rules.js";
import type { FieldScope } from "./scope.js";
import { fieldCadence, fieldContacts, fieldContracts, fieldCustomers } from "./tables.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export type CustomerRow = typeof fieldCustomers.$inferSelect;
type ContactRow = typeof fieldContacts.$inferSelect;
type ContractRow = typeof fieldContracts.$inferSelect;

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
  idNumber: maskIdNumber(c.idNumber),
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
  product: c.product,
  amount: c.amount,
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

const KEY_TIERS: CustomerRow["tier"][] = ["gov_enterprise", "key"];

/**
 * Whether a phone is the number of a government/enterprise or key customer of the archive (政企/重要客户),
 * or of one of their contacts: the customers a hall serves as VIPs when they give their number.
 */
export async function isKeyCustomerPhone(db: DbOrTx, phone: string): Promise<boolean> {
  const [own] = await db
    .select({ id: fieldCustomers.id })
    .from(fieldCustomers)
    .where(and(eq(fieldCustomers.phone, phone), inArray(fieldCustomers.tier, KEY_TIERS)))
    .limit(1);
  if (own) return true;
  const [contact] = await db
    .select({ id: fieldContacts.id })
    .from(fieldContacts)
    .innerJoin(fieldCustomers, eq(fieldCustomers.id, fieldContacts.customerId))
    .where(and(eq(fieldContacts.phone, phone), inArray(fieldCustomers.tier, KEY_TIERS)))
    .limit(1);
  return Boolean(contact);
}

/** Customers' names by id, for the lists of the features that refer to customers; unknown ids are absent. */
export async function customerNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: fieldCustomers.id, name: fieldCustomers.name })
    .from(fieldCustomers)
    .where(inArray(fieldCustomers.id, unique));
  return new Map(rows.map((c) => [c.id, c.name]));
}

/** The government-enterprise and key customers in scope, optionally one agent's (R-CARE greets those). */
export async function keyCustomers(db: DbOrTx, scope: FieldScope, agentId?: string): Promise<CustomerRow[]> {
  return db
    .select()
    .from(fieldCustomers)
    .where(
      and(
        regionFilter(scope, fieldCustomers.regionCode),
        inArray(fieldCustomers.tier, ["gov_enterprise", "key"]),
        agentId ? eq(fieldCustomers.agentId, agentId) : undefined,
      ),
    );
}

/** Customers in scope with an in-person or phone visit due by `by`, optionally one agent's. */
export async function customersDueBy(
  db: DbOrTx,
  scope: FieldScope,
  by: Date,
  agentId?: string,
): Promise<CustomerRow[]> {
  return db
    .select()
    .from(fieldCustomers)
    .where(
      and(
        regionFilter(scope, fieldCustomers.regionCode),
        agentId ? eq(fieldCustomers.agentId, agentId) : undefined,
        or(lte(fieldCustomers.nextInPersonVisitDueAt, by), lte(fieldCustomers.nextPhoneVisitDueAt, by)),
      ),
    );
}

/** The customer's row, locked until the transaction ends: two visits recorded at once are ordered by it. */
export async function lockCustomer(tx: DbOrTx, id: string): Promise<CustomerRow> {
  const [c] = await tx.select().from(fieldCustomers).where(eq(fieldCustomers.id, id)).for("update");
  if (!c) throw notFound("Customer");
  return c;
}
