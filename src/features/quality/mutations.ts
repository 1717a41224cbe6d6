import { and, eq, isNull } from "drizzle-orm";
import { type Db, isUniqueViolation } from "../../core/db.js";
import { AppError } from "../../core/errors.js";
import { withEvents } from "../../core/events/write.js";
import type { Evaluation, Rating } from "./contract.js";
import { presentEvaluation } from "./data.js";
import { evaluations, ratingLinks } from "./tables.js";

type EvaluationInput = {
  channel?: "pad" | "sms";
  ticketId: string;
  hallId: string;
  counterId: string | null;
  staffId: string | null;
  businessType: string;
  waitSeconds: number | null;
  rating: Rating;
  reasons: string[];
};

/**
 * R-EVAL: stores the one rating of a ticket and says so live; a second rating is a 409. A rating by SMS
 * uses up its link in the same transaction (`link`): two answers racing store one.
 */
export async function submitEvaluation(
  db: Db,
  input: EvaluationInput,
  link?: { hallId: string; ticketId: string },
): Promise<Evaluation> {
  try {
    return await withEvents(db, async (work) => {
      if (link) {
        const used = await work.tx
          .update(ratingLinks)
          .set({ usedAt: new Date() })
          .where(
            and(
              eq(ratingLinks.hallId, link.hallId),
              eq(ratingLinks.ticketId, link.ticketId),
              isNull(ratingLinks.usedAt),
            ),
          )
          .returning({ ticketId: ratingLinks.ticketId });
        if (!used.length) throw new AppError("already_rated", "This service has been rated already");
      }
      const [row] = await work.tx.insert(evaluations).values(input).returning();
      const evaluation = presentEvaluation(row);
      work.publish(input.hallId, "evaluation.submitted", { evaluation });
      return evaluation;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError(link ? "already_rated" : "conflict", "This ticket has already been rated", {
        state: "rated",
      });
    throw err;
  }
}
