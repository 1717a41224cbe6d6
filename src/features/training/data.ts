import { and, asc, desc, eq, ilike, inArray, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../core/db.js";
import { notFound } from "../../core/errors.js";
import { trainingAttempts, trainingPlans, trainingQuestions, trainingTests } from "./tables.js";

export type QuestionRow = typeof trainingQuestions.$inferSelect;
export type TestRow = typeof trainingTests.$inferSelect;
export type AttemptRow = typeof trainingAttempts.$inferSelect;
export type PlanRow = typeof trainingPlans.$inferSelect;

export async function listQuestions(
  db: DbOrTx,
  q: { businessType?: string; q?: string },
): Promise<QuestionRow[]> {
  const like = q.q?.trim() ? `%${q.q.trim().replace(/[%_\\]/g, "\\$&")}%` : null;
  return db
    .select()
    .from(trainingQuestions)
    .where(
      and(
        eq(trainingQuestions.active, true),
        q.businessType ? eq(trainingQuestions.businessType, q.businessType) : undefined,
        like ? ilike(trainingQuestions.text, like) : undefined,
      ),
    )
    .orderBy(asc(trainingQuestions.businessType), desc(trainingQuestions.createdAt))
    .limit(500);
}

/** Questions by id, in the order asked (the ones that do not exist are left out). */
export async function questionsByIds(db: DbOrTx, ids: string[]): Promise<QuestionRow[]> {
  if (!ids.length) return [];
  const rows = await db.select().from(trainingQuestions).where(inArray(trainingQuestions.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function findTest(db: DbOrTx, id: string): Promise<TestRow> {
  const [row] = await db.select().from(trainingTests).where(eq(trainingTests.id, id));
  if (!row) throw notFound("Test");
  return row;
}

/** The tests, newest first (a reference table: the caller keeps those of the person's scope). */
export async function listTests(db: DbOrTx): Promise<TestRow[]> {
  return db.select().from(trainingTests).orderBy(desc(trainingTests.createdAt)).limit(500);
}

/** A test's attempts in some halls (all of them when `hallIds` is null). */
export async function attemptsOf(
  db: DbOrTx,
  testId: string,
  hallIds: string[] | null,
): Promise<AttemptRow[]> {
  const where: (SQL | undefined)[] = [eq(trainingAttempts.testId, testId)];
  if (hallIds)
    where.push(
      inArray(trainingAttempts.hallId, hallIds.length ? hallIds : ["00000000-0000-0000-0000-000000000000"]),
    );
  return db
    .select()
    .from(trainingAttempts)
    .where(and(...where))
    .orderBy(asc(trainingAttempts.at));
}

/** One person's attempts of some tests, latest first. */
export async function attemptsBy(db: DbOrTx, userId: string, testIds: string[]): Promise<AttemptRow[]> {
  if (!testIds.length) return [];
  return db
    .select()
    .from(trainingAttempts)
    .where(and(eq(trainingAttempts.userId, userId), inArray(trainingAttempts.testId, testIds)))
    .orderBy(desc(trainingAttempts.at));
}

export async function listPlans(
  db: DbOrTx,
  q: { hallIds: string[] | null; userId?: string; state?: "open" | "passed" },
): Promise<PlanRow[]> {
  return db
    .select()
    .from(trainingPlans)
    .where(
      and(
        q.hallIds
          ? inArray(
              trainingPlans.hallId,
              q.hallIds.length ? q.hallIds : ["00000000-0000-0000-0000-000000000000"],
            )
          : undefined,
        q.userId ? eq(trainingPlans.userId, q.userId) : undefined,
        q.state ? eq(trainingPlans.state, q.state) : undefined,
      ),
    )
    .orderBy(asc(trainingPlans.state), asc(trainingPlans.retestAt))
    .limit(500);
}

export async function findPlan(db: DbOrTx, id: string): Promise<PlanRow> {
  const [row] = await db.select().from(trainingPlans).where(eq(trainingPlans.id, id));
  if (!row) throw notFound("Plan");
  return row;
}
