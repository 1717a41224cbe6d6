import { type Db, isUniqueViolation } from "../../core/db.js";
import { AppError } from "../../core/errors.js";
import { withEvents } from "../../core/events/write.js";
import type { Evaluation, Rating } from "./contract.js";
import { presentEvaluation } from "./data.js";
import { evaluations } from "./tables.js";

type EvaluationInput = {
  ticketId: string;
  hallId: string;
  counterId: string | null;
  staffId: string | null;
  businessType: string;
  waitSeconds: number | null;
  rating: Rating;
  reasons: string[];
};

/** R-EVAL: stores the one rating of a ticket and says so live; a second rating is a 409. */
export async function submitEvaluation(db: Db, input: EvaluationInput): Promise<Evaluation> {
  try {
    return await withEvents(db, async (work) => {
      const [row] = await work.tx.insert(evaluations).values(input).returning();
      const evaluation = presentEvaluation(row);
      work.publish(input.hallId, "evaluation.submitted", { evaluation });
      return evaluation;
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError("conflict", "This ticket has already been rated", { state: "rated" });
    throw err;
  }
}
