import { and, count, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { pulseAnswers, pulseParticipants } from "../tables.js";

// R-STAFFSAT reads: whether one has answered this quarter, and a hall's answers (never who gave them).

export async function hasAnswered(db: DbOrTx, hallId: string, quarter: string, userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(pulseParticipants)
    .where(
      and(
        eq(pulseParticipants.hallId, hallId),
        eq(pulseParticipants.quarter, quarter),
        eq(pulseParticipants.userId, userId),
      ),
    );
  return row.n > 0;
}

export async function pulseAnswersOf(db: DbOrTx, hallId: string, quarter: string) {
  return db
    .select({ answers: pulseAnswers.answers, comment: pulseAnswers.comment })
    .from(pulseAnswers)
    .where(and(eq(pulseAnswers.hallId, hallId), eq(pulseAnswers.quarter, quarter)))
    // The random ids: an order that says nothing about who answered when.
    .orderBy(pulseAnswers.id);
}
