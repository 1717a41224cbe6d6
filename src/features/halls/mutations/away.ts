import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { AppError } from "../../../core/errors.js";
import type { Work } from "../../../core/events/write.js";
import type { Counter } from "../contract.js";
import { checkHolder } from "../data/holders.js";
import { lockCounterRow, presentCounter } from "../data.js";
import { counterAwayPeriods, counters } from "../tables.js";

// 暂离 (R-HALL): a clerk steps away from an open counter with a reason and comes back. While away the
// counter calls nothing (call-next: 409 counter_away), the display apologises, and the period is kept
// with its reason so the hall's report can sum it per person (the manual forbids 串岗/脱岗 unrecorded).

/** Step away from an open counter: it must be free (no ticket called or being served) and not away already. */
export async function stepAway(
  work: Work,
  hallId: string,
  counterId: string,
  actor: { userId: string | null; supervisor?: boolean },
  reason: string,
  busy: (counter: Counter) => Promise<AppError | null>,
): Promise<Counter> {
  const { tx } = work;
  const c = await lockCounterRow(tx, hallId, counterId);
  if (c.status !== "open")
    throw new AppError("counter_closed", `Counter ${c.label} is closed`, { state: "closed" });
  await checkHolder(tx, c, actor);
  if (c.awaySince) throw awayError(c.label, c.awayReason);
  const refused = await busy(presentCounter(c));
  if (refused) throw refused;
  const now = new Date();
  const [row] = await tx
    .update(counters)
    .set({ awaySince: now, awayReason: reason })
    .where(eq(counters.id, c.id))
    .returning();
  await tx
    .insert(counterAwayPeriods)
    .values({ hallId, counterId: c.id, staffId: c.staffId, reason, startedAt: now });
  const counter = presentCounter(row);
  work.publish(hallId, "counter.away", { counter });
  return counter;
}

/** Back at the counter: the running period ends and calls may come again. */
export async function comeBack(
  work: Work,
  hallId: string,
  counterId: string,
  actor: { userId: string | null; supervisor?: boolean },
): Promise<Counter> {
  const { tx } = work;
  const c = await lockCounterRow(tx, hallId, counterId);
  if (!c.awaySince)
    throw new AppError("counter_not_away", `Counter ${c.label} is not away`, { state: c.status });
  await checkHolder(tx, c, actor);
  const [row] = await tx
    .update(counters)
    .set({ awaySince: null, awayReason: null })
    .where(eq(counters.id, c.id))
    .returning();
  await endAwayPeriod(tx, c.id);
  const counter = presentCounter(row);
  work.publish(hallId, "counter.back", { counter });
  return counter;
}

/** Ends a counter's running away period (coming back, or closing the counter while away). */
export async function endAwayPeriod(tx: DbOrTx, counterId: string) {
  await tx
    .update(counterAwayPeriods)
    .set({ endedAt: sql`now()` })
    .where(and(eq(counterAwayPeriods.counterId, counterId), isNull(counterAwayPeriods.endedAt)));
}

export const awayError = (label: string, reason: string | null) =>
  new AppError("counter_away", `Counter ${label} is away${reason ? ` (${reason})` : ""}: come back first`, {
    state: "away",
  });
