import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { AppError } from "../../../core/errors.js";
import { staffName } from "../../users/data.js";
import type { Counter } from "../contract.js";
import { mayWorkCounter } from "../rules.js";
import { counterHistory } from "../tables.js";

// 台席归属: a counter is held by the person who opened it (or took it over on record); its calls and
// services are theirs. See mayWorkCounter (rules.ts) for who else may act there.

/** 409 counter_held, naming the holder, so the screen can say who and offer a takeover. */
export async function counterHeld(db: DbOrTx, counter: Pick<Counter, "id" | "label" | "staffId">) {
  const name = (await staffName(db, counter.staffId)) ?? "another staff member";
  return new AppError(
    "counter_held",
    `${counter.label}由${name}使用中，请接管后再操作 / ${counter.label} is held by ${name}; take it over first`,
    { counterId: counter.id, holder: { id: counter.staffId, name } },
  );
}

/** Refuses an act at a counter held by someone else (counter_held), unless the actor may act there. */
export async function checkHolder(
  db: DbOrTx,
  counter: Pick<Counter, "id" | "label" | "staffId">,
  actor: { userId: string | null; supervisor?: boolean },
) {
  if (!mayWorkCounter(counter.staffId, actor)) throw await counterHeld(db, counter);
}

export async function recordHolder(
  db: DbOrTx,
  row: {
    hallId: string;
    counterId: string;
    action: "open" | "close" | "takeover";
    staffId: string | null;
    previousStaffId: string | null;
    actorId: string | null;
  },
) {
  await db.insert(counterHistory).values(row);
}

export async function listCounterHistory(db: DbOrTx, counterId: string, limit = 50) {
  const rows = await db
    .select()
    .from(counterHistory)
    .where(eq(counterHistory.counterId, counterId))
    .orderBy(desc(counterHistory.at), desc(counterHistory.id))
    .limit(limit);
  return rows.map(({ hallId: _, ...r }) => ({ ...r, at: r.at.toISOString() }));
}
