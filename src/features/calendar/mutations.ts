import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../core/db.js";
import { AppError } from "../../core/errors.js";
import { type ArrangementDay, SHIPPED_ARRANGEMENTS } from "./arrangements.js";
import { calendarDays, calendarYears } from "./tables.js";

/**
 * Puts the shipped State Council arrangements in the table, once: a year already there (shipped or
 * entered by an admin) is left alone, so several instances starting together insert each year once.
 */
export async function ensureShippedArrangements(db: DbOrTx) {
  for (const [year, days] of Object.entries(SHIPPED_ARRANGEMENTS)) {
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(calendarYears)
        .values({ year: Number(year), source: "state_council" })
        .onConflictDoNothing()
        .returning();
      if (inserted.length)
        await tx.insert(calendarDays).values(days.map((d) => ({ ...d, year: Number(year) })));
    });
  }
}

/** An admin enters (or corrects) a year's arrangement: the year's days are replaced as a whole. */
export async function putYear(db: DbOrTx, year: number, days: ArrangementDay[], actorId: string | null) {
  const outside = days.find((d) => !d.date.startsWith(`${year}-`));
  if (outside)
    throw new AppError("invalid_input", `${outside.date} is not in ${year}`, { date: outside.date });
  const dates = new Set(days.map((d) => d.date));
  if (dates.size !== days.length) throw new AppError("invalid_input", "A date is listed twice");
  for (const d of days) {
    if (
      Number.isNaN(Date.parse(`${d.date}T00:00:00Z`)) ||
      new Date(`${d.date}T00:00:00Z`).toISOString().slice(0, 10) !== d.date
    )
      throw new AppError("invalid_input", `${d.date} is not a calendar date`, { date: d.date });
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarYears)
      .values({ year, source: "admin", updatedBy: actorId })
      .onConflictDoUpdate({
        target: calendarYears.year,
        set: { source: "admin", updatedBy: actorId, updatedAt: new Date() },
      });
    await tx.delete(calendarDays).where(eq(calendarDays.year, year));
    if (days.length) await tx.insert(calendarDays).values(days.map((d) => ({ ...d, year })));
  });
}
