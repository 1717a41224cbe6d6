import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { type DbOrTx, isUniqueViolation } from "../../core/db.js";
import { AppError, illegalState, notFound } from "../../core/errors.js";
import { publishEvent } from "../../core/events.js";
import { rowOf, run, statement } from "../../core/statements.js";
import type {
  BusinessType,
  Counter,
  createCounterBody,
  createHallBody,
  Hall,
  updateBusinessTypeBody,
  updateCounterBody,
} from "./contract.js";
import { catalogCache, hallCache, lockedCounterSql, presentCounter, presentHall } from "./data.js";
import { DEFAULT_OPENING_HOURS, openingHoursWarnings } from "./rules.js";
import { businessTypes, counters, halls } from "./tables.js";

type CreateHall = z.infer<typeof createHallBody>;

export async function createHall(db: DbOrTx, input: CreateHall): Promise<Hall> {
  const openingHours = input.openingHours ?? DEFAULT_OPENING_HOURS;
  const [row] = await db
    .insert(halls)
    .values({ ...input, address: input.address ?? "", openingHours, settings: input.settings ?? {} })
    .returning();
  const warnings = openingHoursWarnings(openingHours);
  return { ...presentHall(row), ...(warnings.length ? { warnings } : {}) };
}

export async function updateHall(db: DbOrTx, hallId: string, input: Partial<CreateHall>): Promise<Hall> {
  const [row] = await db.update(halls).set(input).where(eq(halls.id, hallId)).returning();
  if (!row) throw notFound("Hall");
  hallCache.forget(db, hallId);
  const warnings = openingHoursWarnings(row.openingHours);
  return { ...presentHall(row), ...(warnings.length ? { warnings } : {}) };
}

async function checkCodes(db: DbOrTx, codes: string[]) {
  const found = await db
    .select({ code: businessTypes.code })
    .from(businessTypes)
    .where(inArray(businessTypes.code, codes));
  const known = new Set(found.map((f) => f.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new AppError("invalid_input", `Unknown business type(s): ${unknown.join(", ")}`);
}

export async function createCounter(
  db: DbOrTx,
  hallId: string,
  input: z.infer<typeof createCounterBody>,
): Promise<Counter> {
  await checkCodes(db, input.businessTypes);
  const number =
    input.number ??
    Number(
      (
        await db
          .select({ n: sql<number>`coalesce(max(${counters.number}), 0) + 1` })
          .from(counters)
          .where(eq(counters.hallId, hallId))
      )[0].n,
    );
  const [row] = await db
    .insert(counters)
    .values({ hallId, ...input, number })
    .returning();
  return presentCounter(row);
}

export async function updateCounter(
  db: DbOrTx,
  hallId: string,
  counterId: string,
  input: z.infer<typeof updateCounterBody>,
): Promise<Counter> {
  if (input.businessTypes) await checkCodes(db, input.businessTypes);
  const [row] = await db
    .update(counters)
    .set(input)
    .where(and(eq(counters.id, counterId), eq(counters.hallId, hallId)))
    .returning();
  if (!row) throw notFound("Counter");
  return presentCounter(row);
}

/** Opens a counter (with the staff member who works it); the row lock orders concurrent open/close. */
export async function openCounter(
  tx: DbOrTx,
  hallId: string,
  counterId: string,
  staffId: string | null,
): Promise<Counter> {
  const [c] = await tx
    .select()
    .from(counters)
    .where(and(eq(counters.id, counterId), eq(counters.hallId, hallId)))
    .for("update");
  if (!c) throw notFound("Counter");
  if (!c.active) throw new AppError("rule_violation", "This counter is retired");
  if (c.status === "open" && c.staffId === staffId) return presentCounter(c);
  const [row] = await tx
    .update(counters)
    .set({ status: "open", staffId, openedAt: c.status === "open" ? c.openedAt : new Date() })
    .where(eq(counters.id, counterId))
    .returning();
  const counter = presentCounter(row);
  await publishEvent(tx, hallId, "counter.opened", { counter });
  return counter;
}

export async function closeCounter(tx: DbOrTx, hallId: string, counterId: string): Promise<Counter> {
  const [c] = await tx
    .select()
    .from(counters)
    .where(and(eq(counters.id, counterId), eq(counters.hallId, hallId)))
    .for("update");
  if (!c) throw notFound("Counter");
  if (c.status === "closed") throw illegalState("counter", "closed", "close");
  const [row] = await tx
    .update(counters)
    .set({ status: "closed", staffId: null, openedAt: null })
    .where(eq(counters.id, counterId))
    .returning();
  const counter = presentCounter(row);
  await publishEvent(tx, hallId, "counter.closed", { counter });
  return counter;
}

const selectCounterForUpdate = statement(lockedCounterSql("$2::uuid", "$1::uuid"));

export async function lockCounter(tx: DbOrTx, hallId: string, counterId: string): Promise<Counter> {
  const [c] = await run(tx, selectCounterForUpdate, [counterId, hallId]);
  if (!c) throw notFound("Counter");
  return presentCounter(rowOf(counters)(c));
}

export async function createBusinessType(db: DbOrTx, input: BusinessType): Promise<BusinessType> {
  const [row] = await db.insert(businessTypes).values(input).onConflictDoNothing().returning();
  if (!row)
    throw new AppError("conflict", `Business type ${input.code} or prefix ${input.prefix} already exists`);
  catalogCache.forget(db, input.code);
  return row as BusinessType;
}

export async function updateBusinessType(
  db: DbOrTx,
  code: string,
  input: z.infer<typeof updateBusinessTypeBody>,
): Promise<BusinessType> {
  try {
    const [row] = await db.update(businessTypes).set(input).where(eq(businessTypes.code, code)).returning();
    if (!row) throw notFound(`Business type ${code}`);
    catalogCache.forget(db, code);
    return row as BusinessType;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", "That prefix is taken by another type");
    throw err;
  }
}
