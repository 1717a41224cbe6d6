import { and, eq } from "drizzle-orm";
import { logUnmask } from "../../core/audit.js";
import type { Db, DbOrTx } from "../../core/db.js";
import { AppError, illegalState, notFound } from "../../core/errors.js";
import { closeArchiveDeadlines } from "../field-visits/mutations.js";
import type { Cadence, CreateCustomerInput, UpdateContactInput, UpdateContractInput } from "./contract.js";
import {
  type CustomerRow,
  contactsOf,
  findCustomer,
  getCadence,
  presentContract,
  presentCustomer,
} from "./data.js";
import { checkAgent, checkManager } from "./references.js";
import { cadenceFor, initialDueDates, type VisitState } from "./rules.js";
import type { FieldScope } from "./scope.js";
import { fieldCadence, fieldContacts, fieldContracts, fieldCustomers } from "./tables.js";

export function defaultAgent(scope: FieldScope, input: { agentId?: string }) {
  return input.agentId ?? (scope.role === "rural_agent" ? scope.userId : null);
}

/** Inserts a customer with its contacts and first due dates, in the caller's transaction. */
export async function insertCustomer(
  tx: DbOrTx,
  input: CreateCustomerInput,
  agentId: string | null,
  cadence: Cadence[],
  now = new Date(),
): Promise<CustomerRow> {
  const due = initialDueDates(cadenceFor(cadence, input.tier), now);
  const [c] = await tx
    .insert(fieldCustomers)
    .values({
      regionCode: input.areaCode,
      town: input.town ?? null,
      village: input.village ?? null,
      name: input.name,
      tier: input.tier,
      address: input.address ?? null,
      phone: input.phone ?? null,
      idNumber: input.idNumber ?? null,
      products: input.products ?? [],
      agentId,
      managerId: input.managerId ?? null,
      notes: input.notes ?? null,
      ...due,
      archiveUpdatedAt: now,
      createdAt: now,
    })
    .returning();
  if (input.contacts?.length) {
    await tx.insert(fieldContacts).values(
      input.contacts.map((k) => ({
        customerId: c.id,
        regionCode: c.regionCode,
        name: k.name,
        title: k.title ?? null,
        phone: k.phone ?? null,
        birthday: k.birthday ? k.birthday.slice(-5) : null,
        decisionMaker: k.decisionMaker ?? false,
      })),
    );
  }
  return c;
}

export async function createCustomer(db: Db, scope: FieldScope, input: CreateCustomerInput) {
  const agentId = defaultAgent(scope, input);
  if (input.agentId) await checkAgent(db, input.agentId, input.areaCode);
  if (input.managerId) await checkManager(db, input.managerId, input.areaCode);
  const cadence = await getCadence(db);
  return db.transaction(async (tx) => {
    const c = await insertCustomer(tx, input, agentId, cadence);
    return presentCustomer(c, await contactsOf(tx, [c.id]));
  });
}

/**
 * Updating the archive (更新客户档案) closes the 3-working-day archive deadline of every visit so far
 * (RA 2.1.1(7)). A tier change recomputes nothing already due; the next visit applies the new cadence.
 */
export async function updateCustomer(
  db: Db,
  customer: CustomerRow,
  input: Partial<Omit<CreateCustomerInput, "contacts" | "areaCode" | "idNumber">> & {
    idNumber?: string | null;
  },
  now = new Date(),
) {
  if (input.agentId) await checkAgent(db, input.agentId, customer.regionCode);
  if (input.managerId) await checkManager(db, input.managerId, customer.regionCode);
  return db.transaction(async (tx) => {
    const [c] = await tx
      .update(fieldCustomers)
      .set({ ...input, archiveUpdatedAt: now })
      .where(eq(fieldCustomers.id, customer.id))
      .returning();
    await closeArchiveDeadlines(tx, customer.id, now);
    return presentCustomer(c, await contactsOf(tx, [c.id]));
  });
}

export async function addContact(
  db: Db,
  customer: CustomerRow,
  input: { name: string; title?: string; phone?: string; birthday?: string; decisionMaker?: boolean },
) {
  await db.insert(fieldContacts).values({
    customerId: customer.id,
    regionCode: customer.regionCode,
    name: input.name,
    title: input.title ?? null,
    phone: input.phone ?? null,
    birthday: input.birthday ? input.birthday.slice(-5) : null,
    decisionMaker: input.decisionMaker ?? false,
  });
  await db
    .update(fieldCustomers)
    .set({ archiveUpdatedAt: new Date() })
    .where(eq(fieldCustomers.id, customer.id));
  return presentCustomer(await findCustomer(db, customer.id), await contactsOf(db, [customer.id]));
}

/** Changes one contact of the customer (404 when it is another customer's); the archive counts as updated. */
export async function updateContact(
  db: Db,
  customer: CustomerRow,
  contactId: string,
  input: UpdateContactInput,
  now = new Date(),
) {
  const { birthday, ...rest } = input;
  const changes = { ...rest, ...(birthday !== undefined ? { birthday: birthday?.slice(-5) ?? null } : {}) };
  const mine = and(eq(fieldContacts.id, contactId), eq(fieldContacts.customerId, customer.id));
  return db.transaction(async (tx) => {
    // An empty change changes nothing (and an UPDATE with nothing to set is no statement at all).
    const [k] =
      Object.keys(changes).length === 0
        ? await tx.select({ id: fieldContacts.id }).from(fieldContacts).where(mine)
        : await tx.update(fieldContacts).set(changes).where(mine).returning({ id: fieldContacts.id });
    if (!k) throw notFound("Contact");
    return touchArchive(tx, customer.id, now);
  });
}

export async function removeContact(db: Db, customer: CustomerRow, contactId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [k] = await tx
      .delete(fieldContacts)
      .where(and(eq(fieldContacts.id, contactId), eq(fieldContacts.customerId, customer.id)))
      .returning({ id: fieldContacts.id });
    if (!k) throw notFound("Contact");
    return touchArchive(tx, customer.id, now);
  });
}

async function touchArchive(tx: DbOrTx, customerId: string, now: Date) {
  const [c] = await tx
    .update(fieldCustomers)
    .set({ archiveUpdatedAt: now })
    .where(eq(fieldCustomers.id, customerId))
    .returning();
  return presentCustomer(c, await contactsOf(tx, [customerId]));
}

export async function setCadence(db: Db, rows: Cadence[]) {
  await db.transaction(async (tx) => {
    for (const r of rows) {
      await tx
        .insert(fieldCadence)
        .values(r)
        .onConflictDoUpdate({
          target: fieldCadence.tier,
          set: { inPersonDays: r.inPersonDays, phoneDays: r.phoneDays },
        });
    }
  });
  return getCadence(db);
}

type ContractInput = {
  title: string;
  product?: string | null;
  amount?: number | null;
  terms?: string | null;
  startsOn: string;
  endsOn: string;
  reminderDays?: number[];
};

export async function addContract(db: DbOrTx, customer: CustomerRow, input: ContractInput) {
  if (input.endsOn <= input.startsOn) throw new AppError("invalid_input", "endsOn must be after startsOn");
  const [c] = await db
    .insert(fieldContracts)
    .values({
      customerId: customer.id,
      regionCode: customer.regionCode,
      title: input.title,
      product: input.product || null,
      amount: input.amount ?? null,
      terms: input.terms ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      ...(input.reminderDays ? { reminderDays: input.reminderDays } : {}),
    })
    .returning();
  return presentContract(c);
}

/** 续约: a new contract follows the old one, which is marked renewed; once only. */
export async function renewContract(
  db: Db,
  contractId: string,
  input: Partial<ContractInput> & { endsOn: string },
) {
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select()
      .from(fieldContracts)
      .where(eq(fieldContracts.id, contractId))
      .for("update");
    if (!old) throw notFound("Contract");
    if (old.status !== "active") throw illegalState("contract", old.status, "renew");
    const customer = await findCustomer(tx, old.customerId);
    const next = await addContract(tx, customer, {
      title: input.title ?? old.title,
      product: input.product ?? old.product,
      amount: input.amount ?? old.amount,
      terms: input.terms ?? old.terms,
      startsOn: input.startsOn ?? old.endsOn,
      endsOn: input.endsOn,
      reminderDays: input.reminderDays ?? old.reminderDays,
    });
    await tx
      .update(fieldContracts)
      .set({ status: "renewed", renewedById: next.id })
      .where(eq(fieldContracts.id, old.id));
    return next;
  });
}

/**
 * Corrects an active contract (a renewed or ended one is history: 409). A new end date starts its
 * reminders afresh, so the agent hears of the new date and not only of the old one.
 */
export async function updateContract(db: Db, contractId: string, input: UpdateContractInput) {
  return db.transaction(async (tx) => {
    const [old] = await tx
      .select()
      .from(fieldContracts)
      .where(eq(fieldContracts.id, contractId))
      .for("update");
    if (!old) throw notFound("Contract");
    if (old.status !== "active") throw illegalState("contract", old.status, "edit");
    const startsOn = input.startsOn ?? old.startsOn;
    const endsOn = input.endsOn ?? old.endsOn;
    if (endsOn <= startsOn)
      throw new AppError("invalid_input", "endsOn must be after startsOn", { startsOn, endsOn });
    const patch = {
      ...input,
      ...(input.product !== undefined ? { product: input.product || null } : {}),
      ...(endsOn !== old.endsOn ? { remindedDays: [] } : {}),
    };
    if (Object.keys(patch).length === 0) return presentContract(old);
    const [c] = await tx.update(fieldContracts).set(patch).where(eq(fieldContracts.id, old.id)).returning();
    return presentContract(c);
  });
}

export async function findContract(db: DbOrTx, id: string) {
  const [c] = await db.select().from(fieldContracts).where(eq(fieldContracts.id, id));
  if (!c) throw notFound("Contract");
  return c;
}

/** R-PRIVACY: the full number, on record in the audit log. */
export async function unmaskCustomerPhone(
  db: Db,
  customer: CustomerRow,
  actorId: string | null,
  reason: string,
) {
  const contacts = await contactsOf(db, [customer.id]);
  await logUnmask(db, actorId, "field_customer", customer.id, null, reason);
  return {
    phone: customer.phone,
    idNumber: customer.idNumber,
    contacts: contacts.map((k) => ({ id: k.id, name: k.name, phone: k.phone })),
  };
}

/** The customer's visit dates after a visit (the caller holds the row's lock, lockCustomer). */
export async function setVisitDates(tx: DbOrTx, id: string, dates: VisitState): Promise<CustomerRow> {
  const [c] = await tx.update(fieldCustomers).set(dates).where(eq(fieldCustomers.id, id)).returning();
  return c;
}
