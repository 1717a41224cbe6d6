import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { type DbOrTx, isUniqueViolation } from "../../core/db.js";
import { AppError, notFound } from "../../core/errors.js";
import type { Work } from "../../core/events/write.js";
import type {
  BusinessType,
  Counter,
  createCounterBody,
  createHallBody,
  Hall,
  updateBusinessTypeBody,
  updateCounterBody,
} from "./contract.js";
import { checkHolder, counterHeld, recordHolder } from "./data/holders.js";
import {
  catalogCache,
  checkCodes,
  hallCache,
  inheritedSettings,
  lockCounterRow,
  presentCounter,
  presentHall,
} from "./data.js";
import { endAwayPeriod } from "./mutations/away.js";
import { DEFAULT_OPENING_HOURS, openingHoursWarnings } from "./rules.js";
import { businessTypes, counters, halls } from "./tables.js";

type CreateHall = z.infer<typeof createHallBody>;

// "" clears an English name as null does: the form's emptied field means "none".
const english = (v: string | null | undefined) => (v === undefined ? undefined : v || null);

export async function createHall(db: DbOrTx, input: CreateHall): Promise<Hall> {
  const openingHours = input.openingHours ?? DEFAULT_OPENING_HOURS;
  const [row] = await db
    .insert(halls)
    .values({
      ...input,
      nameEn: english(input.nameEn) ?? null,
      address: input.address ?? "",
      openingHours,
      settings: input.settings ?? {},
    })
    .returning();
  const hall = presentHall(row, (await inheritedSettings(db))(row.regionCode));
  const warnings = openingHoursWarnings(openingHours, hall.effectiveSettings.minOpeningHours);
  return {
    ...hall,
    ...(warnings.length ? { warnings } : {}),
  };
}

export async function updateHall(db: DbOrTx, hallId: string, input: Partial<CreateHall>): Promise<Hall> {
  // An empty change changes nothing (and an UPDATE with nothing to set is no statement at all).
  const [row] =
    Object.keys(input).length === 0
      ? await db.select().from(halls).where(eq(halls.id, hallId))
      : await db
          .update(halls)
          .set({ ...input, nameEn: english(input.nameEn) })
          .where(eq(halls.id, hallId))
          .returning();
  if (!row) throw notFound("Hall");
  hallCache.forget(db, hallId);
  const hall = presentHall(row, (await inheritedSettings(db))(row.regionCode));
  const warnings = openingHoursWarnings(row.openingHours, hall.effectiveSettings.minOpeningHours);
  return {
    ...hall,
    ...(warnings.length ? { warnings } : {}),
  };
}

export async function createCounter(
  db: DbOrTx,
  hallId: string,
  input: z.input<typeof createCounterBody>,
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
    .values({
      hallId,
      ...input,
      vip: input.vip ?? false,
      express: input.express ?? false,
      labelEn: english(input.labelEn) ?? null,
      number,
    })
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
    .set({ ...input, labelEn: english(input.labelEn) })
    .where(and(eq(counters.id, counterId), eq(counters.hallId, hallId)))
    .returning();
  if (!row) throw notFound("Counter");
  return presentCounter(row);
}

/**
 * Opens a counter for the staff member who works it; the row lock orders concurrent open/close. A counter
 * someone else holds is refused (counter_held) unless this is a takeover (接管), which is recorded with
 * both people and makes the new person the holder: from then on the counter's work is theirs.
 */
export async function openCounter(
  work: Work,
  hallId: string,
  counterId: string,
  staffId: string | null,
  how: { takeover?: boolean; actorId?: string | null } = {},
): Promise<Counter> {
  const { tx } = work;
  const c = await lockCounterRow(tx, hallId, counterId);
  if (!c.active) throw new AppError("rule_violation", "This counter is retired");
  if (c.status === "open" && c.staffId === staffId) return presentCounter(c);
  const takingOver = c.status === "open" && c.staffId !== null;
  if (takingOver && !how.takeover) throw await counterHeld(tx, presentCounter(c));
  const [row] = await tx
    .update(counters)
    .set({ status: "open", staffId, openedAt: c.status === "open" ? c.openedAt : new Date() })
    .where(eq(counters.id, counterId))
    .returning();
  const counter = presentCounter(row);
  await recordHolder(tx, {
    hallId,
    counterId,
    action: takingOver ? "takeover" : "open",
    staffId,
    previousStaffId: c.staffId,
    actorId: how.actorId ?? staffId,
  });
  work.publish(
    hallId,
    takingOver ? "counter.taken_over" : "counter.opened",
    takingOver ? { counter, previousStaffId: c.staffId } : { counter },
  );
  return counter;
}

export async function closeCounter(
  work: Work,
  hallId: string,
  counterId: string,
  actor: { userId: string | null; supervisor?: boolean },
): Promise<Counter> {
  const { tx } = work;
  const c = await lockCounterRow(tx, hallId, counterId);
  if (c.status === "closed")
    throw new AppError("counter_closed", `Counter ${c.label} is already closed`, { state: "closed" });
  // Closing someone else's counter and opening it again would be a takeover nobody recorded as one.
  await checkHolder(tx, c, actor);
  const actorId = actor.userId;
  const [row] = await tx
    .update(counters)
    .set({ status: "closed", staffId: null, openedAt: null, awaySince: null, awayReason: null })
    .where(eq(counters.id, counterId))
    .returning();
  // Closing a counter whose clerk stepped away ends that period too.
  if (c.awaySince) await endAwayPeriod(tx, counterId);
  const counter = presentCounter(row);
  await recordHolder(tx, {
    hallId,
    counterId,
    action: "close",
    staffId: null,
    previousStaffId: c.staffId,
    actorId,
  });
  work.publish(hallId, "counter.closed", { counter });
  return counter;
}

export async function lockCounter(tx: DbOrTx, hallId: string, counterId: string): Promise<Counter> {
  return presentCounter(await lockCounterRow(tx, hallId, counterId));
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
