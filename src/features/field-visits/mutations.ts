import { and, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../../core/db.js";
import { AppError, illegalState, notFound } from "../../core/errors.js";
import type { Question } from "../customers/contract.js";
import { type CustomerRow, findCustomer, getCadence, lockCustomer } from "../customers/data.js";
import { setVisitDates } from "../customers/mutations.js";
import { cadenceFor, dueDatesAfterVisit } from "../customers/rules.js";
import type { VisitRecordInput } from "./contract.js";
import { findPlan, presentPlan, presentPromise, presentVisitRecord, promisesOfRecord } from "./data.js";
import { type AddWorkingDays, planVisit, visitDeadlines } from "./rules.js";
import { fieldOpportunities, fieldPromises, fieldVisitPlans, fieldVisitRecords } from "./tables.js";

/** R-VISITPLAN: book a visit; short notice is allowed but warned about, arrival is 5 minutes early. */
export async function bookVisitPlan(
  db: Db,
  customer: CustomerRow,
  agentId: string | null,
  input: { kind: "in_person" | "phone"; plannedAt: string; purpose?: string },
  now = new Date(),
) {
  const plannedAt = new Date(input.plannedAt);
  const { arriveBy, warnings } = planVisit(plannedAt, now);
  if (warnings.includes("in_the_past")) throw new AppError("invalid_input", "The visit would be in the past");
  if (warnings.includes("too_far_ahead"))
    throw new AppError("invalid_input", "The visit would be more than a year ahead", {
      plannedAt: input.plannedAt,
    });
  const [p] = await db
    .insert(fieldVisitPlans)
    .values({
      customerId: customer.id,
      regionCode: customer.regionCode,
      agentId: agentId ?? customer.agentId,
      kind: input.kind,
      plannedAt,
      arriveBy,
      purpose: input.purpose ?? null,
      warnings,
    })
    .returning();
  return presentPlan(p, customer.name);
}

// visitPlan transitions: planned → done (a visit recorded) | cancelled.
export async function cancelVisitPlan(db: Db, planId: string) {
  const [p] = await db
    .update(fieldVisitPlans)
    .set({ status: "cancelled" })
    .where(and(eq(fieldVisitPlans.id, planId), eq(fieldVisitPlans.status, "planned")))
    .returning();
  if (!p) throw illegalState("visit plan", (await findPlan(db, planId)).status, "cancel");
  return presentPlan(p);
}

async function existing(db: Db, clientId: string, customerId: string) {
  const [r] = await db.select().from(fieldVisitRecords).where(eq(fieldVisitRecords.clientId, clientId));
  if (!r) return null;
  if (r.customerId !== customerId) {
    throw new AppError("conflict", "This clientId was already used for another customer", { clientId });
  }
  const c = await findCustomer(db, customerId);
  return {
    ...presentVisitRecord(r, await promisesOfRecord(db, r.id)),
    nextInPersonVisitDueAt: c.nextInPersonVisitDueAt?.toISOString() ?? null,
    nextPhoneVisitDueAt: c.nextPhoneVisitDueAt?.toISOString() ?? null,
    duplicate: true,
  };
}

/**
 * R-VISITLOG: one visit record with its promises and opportunities, and the customer's next due dates
 * moved (R-VISITPLAN), in one transaction. The clientId is an idempotency key: the phone sends a record
 * typed offline until it hears back, and every repeat answers with the record stored the first time.
 */
export async function recordVisit(
  db: Db,
  customer: CustomerRow,
  agentId: string | null,
  input: VisitRecordInput,
  addWorkingDays: AddWorkingDays,
  now = new Date(),
) {
  if (input.clientId) {
    const seen = await existing(db, input.clientId, customer.id);
    if (seen) return seen;
  }
  const at = new Date(input.at);
  if (at.getTime() > now.getTime() + 5 * 60_000)
    throw new AppError("invalid_input", "The visit is in the future");
  const questions: Question[] = (input.questions ?? []).map((q) => ({
    text: q.text,
    answer: q.answer?.trim() || null,
    answeredAt: q.answer?.trim() ? at.toISOString() : null,
  }));
  const open = questions.some((q) => !q.answer);
  const deadlines = await visitDeadlines(at, open, addWorkingDays);
  const cadence = await getCadence(db);
  const result = await db.transaction(async (tx) => {
    // The customer row lock orders two visits recorded at once, so due dates only move forward.
    const c = await lockCustomer(tx, customer.id);
    // The plan is this customer's (checked by the route, references.ts); it must still be open.
    if (input.planId) {
      const plan = await findPlan(tx, input.planId);
      if (plan.status !== "planned") throw illegalState("visit plan", plan.status, "record a visit for");
    }
    const inserted = await tx
      .insert(fieldVisitRecords)
      .values({
        clientId: input.clientId ?? null,
        customerId: c.id,
        regionCode: c.regionCode,
        agentId: agentId ?? c.agentId,
        planId: input.planId ?? null,
        kind: input.kind,
        at,
        purpose: input.purpose ?? null,
        met: input.met ?? null,
        notes: input.notes ?? null,
        needs: input.needs ?? null,
        questions,
        answersDueAt: deadlines.answersDueAt,
        answeredAt: questions.length && !open ? at : null,
        archiveDueAt: deadlines.archiveDueAt,
      })
      .onConflictDoNothing({ target: [fieldVisitRecords.clientId, fieldVisitRecords.regionCode] })
      .returning();
    if (inserted.length === 0) return null; // the same clientId committed a moment ago
    const [r] = inserted;
    const updated = await setVisitDates(
      tx,
      c.id,
      dueDatesAfterVisit(cadenceFor(cadence, c.tier), c, input.kind, at),
    );
    const promises = input.promises?.length
      ? await tx
          .insert(fieldPromises)
          .values(
            input.promises.map((p) => ({
              visitRecordId: r.id,
              customerId: c.id,
              regionCode: c.regionCode,
              agentId: r.agentId,
              text: p.text,
              dueOn: p.dueOn,
            })),
          )
          .returning()
      : [];
    if (input.opportunities?.length) {
      await tx.insert(fieldOpportunities).values(
        input.opportunities.map((o) => ({
          customerId: c.id,
          regionCode: c.regionCode,
          agentId: r.agentId,
          visitRecordId: r.id,
          title: o.title,
          product: o.product ?? null,
          amount: o.amount ?? null,
          history: [{ stage: "new" as const, at: now.toISOString(), note: "visit" }],
        })),
      );
    }
    if (input.planId) {
      await tx
        .update(fieldVisitPlans)
        .set({ status: "done", visitRecordId: r.id })
        .where(eq(fieldVisitPlans.id, input.planId));
    }
    return {
      ...presentVisitRecord(r, promises),
      nextInPersonVisitDueAt: updated.nextInPersonVisitDueAt?.toISOString() ?? null,
      nextPhoneVisitDueAt: updated.nextPhoneVisitDueAt?.toISOString() ?? null,
      duplicate: false,
    };
  });
  return result ?? (await existing(db, input.clientId!, customer.id))!;
}

/** An open question answered (within 2 working days, RA 2.1.1(6)); the record is answered when none is open. */
export async function answerQuestion(
  db: Db,
  recordId: string,
  index: number,
  answer: string,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select()
      .from(fieldVisitRecords)
      .where(eq(fieldVisitRecords.id, recordId))
      .for("update");
    const q = r.questions[index];
    if (!q) throw new AppError("invalid_input", `No question ${index} on this visit`);
    if (q.answer) throw illegalState("question", "answered", "answer");
    const questions = r.questions.map((x, i) =>
      i === index ? { ...x, answer, answeredAt: now.toISOString() } : x,
    );
    const allAnswered = questions.every((x) => x.answer);
    const [u] = await tx
      .update(fieldVisitRecords)
      .set({ questions, answeredAt: allAnswered ? now : null })
      .where(eq(fieldVisitRecords.id, r.id))
      .returning();
    return presentVisitRecord(u, await promisesOfRecord(tx, r.id));
  });
}

/** A promise kept (履行承诺); keeping it twice is a 409. */
export async function completePromise(db: Db, promiseId: string, now = new Date()) {
  const [p] = await db
    .update(fieldPromises)
    .set({ doneAt: now })
    .where(and(eq(fieldPromises.id, promiseId), isNull(fieldPromises.doneAt)))
    .returning();
  if (!p) {
    const [q] = await db.select().from(fieldPromises).where(eq(fieldPromises.id, promiseId));
    if (!q) throw notFound("Promise");
    throw illegalState("promise", "done", "complete");
  }
  return presentPromise(p);
}

/** An update of the customer's archive closes the archive deadline of its earlier visits (R-VISITLOG). */
export async function closeArchiveDeadlines(tx: DbOrTx, customerId: string, now: Date) {
  await tx
    .update(fieldVisitRecords)
    .set({ archiveUpdatedAt: now })
    .where(and(eq(fieldVisitRecords.customerId, customerId), isNull(fieldVisitRecords.archiveUpdatedAt)));
}
