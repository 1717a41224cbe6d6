import { and, eq } from "drizzle-orm";
import type { Db } from "../../core/db.js";
import type { Answer, PlanMaterial, QuestionInput, TestInput } from "./contract.js";
import type { PlanRow } from "./data.js";
import { choicesOf, type Result } from "./rules.js";
import { trainingAttempts, trainingPlans, trainingQuestions, trainingTests } from "./tables.js";

export async function createQuestions(
  db: Db,
  rows: (Omit<QuestionInput, "answer"> & { answer: Answer })[],
  by: string | null,
) {
  if (!rows.length) return [];
  return db
    .insert(trainingQuestions)
    .values(
      rows.map((q) => ({
        businessType: q.businessType,
        text: q.text,
        choices: q.choices,
        answer: choicesOf(q.answer),
        explanation: q.explanation ?? null,
        createdBy: by,
      })),
    )
    .returning();
}

export async function createTest(
  db: Db,
  input: TestInput,
  scope: { hallId: string | null; regionCode: string | null },
  by: string | null,
) {
  const [row] = await db
    .insert(trainingTests)
    .values({
      name: input.name,
      questionIds: input.questionIds,
      hallId: scope.hallId,
      regionCode: scope.regionCode,
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      createdBy: by,
    })
    .returning();
  return row;
}

type Graded = {
  results: Result[];
  correct: number;
  total: number;
  score: number;
  weak: string[];
  passed: boolean;
};

/**
 * An attempt and what it means for the person's plan, in one transaction: a weak attempt opens a plan (or
 * renews the open one: new weak types, material and retest date); a passing one closes it as passed.
 */
export async function recordAttempt(
  db: Db,
  a: { hallId: string; testId: string; userId: string; answers: Answer[] },
  g: Graded,
  plan: { material: PlanMaterial[]; retestAt: string },
): Promise<{ id: string; plan: PlanRow | null }> {
  return db.transaction(async (tx) => {
    const [attempt] = await tx
      .insert(trainingAttempts)
      .values({ ...a, results: g.results, correct: g.correct, total: g.total, score: g.score })
      .returning();
    const [open] = await tx
      .select()
      .from(trainingPlans)
      .where(
        and(
          eq(trainingPlans.userId, a.userId),
          eq(trainingPlans.testId, a.testId),
          eq(trainingPlans.hallId, a.hallId),
          eq(trainingPlans.state, "open"),
        ),
      )
      .for("update");
    if (g.passed) {
      if (!open) return { id: attempt.id, plan: null };
      const [done] = await tx
        .update(trainingPlans)
        .set({ state: "passed", passedAttemptId: attempt.id, passedAt: attempt.at, lastScore: g.score })
        .where(and(eq(trainingPlans.id, open.id), eq(trainingPlans.hallId, open.hallId)))
        .returning();
      return { id: attempt.id, plan: done };
    }
    const fields = {
      attemptId: attempt.id,
      weakBusinessTypes: g.weak,
      material: plan.material,
      retestAt: plan.retestAt,
      lastScore: g.score,
    };
    const [row] = open
      ? await tx
          .update(trainingPlans)
          .set(fields)
          .where(and(eq(trainingPlans.id, open.id), eq(trainingPlans.hallId, open.hallId)))
          .returning()
      : await tx
          .insert(trainingPlans)
          .values({ ...fields, hallId: a.hallId, userId: a.userId, testId: a.testId })
          .returning();
    return { id: attempt.id, plan: row };
  });
}

export async function moveRetest(db: Db, plan: PlanRow, retestAt: string) {
  const [row] = await db
    .update(trainingPlans)
    .set({ retestAt })
    .where(and(eq(trainingPlans.id, plan.id), eq(trainingPlans.hallId, plan.hallId)))
    .returning();
  return row;
}
