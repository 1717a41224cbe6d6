import type { Db } from "../../../core/db.js";
import { isUniqueViolation } from "../../../core/db.js";
import { AppError } from "../../../core/errors.js";
import type { PulseAnswers } from "../pulse-rules.js";
import { pulseAnswers, pulseParticipants } from "../tables.js";

/**
 * One person's pulse answer for their hall's quarter: that they answered and what they answered are two
 * rows with nothing in common but the hall and quarter, written together (a second answer is a 409).
 */
export async function answerPulse(
  db: Db,
  a: { hallId: string; quarter: string; userId: string; answers: PulseAnswers; comment: string | null },
) {
  try {
    await db.transaction(async (tx) => {
      await tx.insert(pulseParticipants).values({ hallId: a.hallId, quarter: a.quarter, userId: a.userId });
      await tx
        .insert(pulseAnswers)
        .values({ hallId: a.hallId, quarter: a.quarter, answers: a.answers, comment: a.comment });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError("conflict", "You have answered this quarter's pulse already");
    throw e;
  }
}
