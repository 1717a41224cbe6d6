import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, type Principal, referenced, userOf } from "../../core/access.js";
import { addDays } from "../../core/calendar.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { AppError, forbidden, notFound } from "../../core/errors.js";
import { localParts } from "../../core/time.js";
import { listTypicalCases } from "../complaints/data/cases.js";
import { getHall, listBusinessTypes } from "../halls/data.js";
import { staffNames } from "../users/data.js";
import {
  analysisSchema,
  attemptAnswer,
  attemptBody,
  type PlanMaterial,
  planPatch,
  planQuery,
  planSchema,
} from "./contract.js";
import { attemptsOf, findPlan, findTest, listPlans, type PlanRow, questionsByIds } from "./data.js";
import { moveRetest, recordAttempt } from "./mutations.js";
import { analyse, grade, RETEST_DAYS, WEAK_SHARE } from "./rules.js";
import { hallsReadBy, isFor, sees } from "./scope.js";

const tags = ["training"];
const MAX_CASES = 2;

/** R-TRAIN: taking a test, its analysis, and the plans that follow a weak attempt. */
export async function attemptRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  const tz = ctx.env.TINGWU_TIMEZONE;

  const presentPlans = async (rows: PlanRow[]) => {
    const names = await staffNames(db, [...new Set(rows.map((r) => r.userId))]);
    const tests = new Map<string, string>();
    for (const id of new Set(rows.map((r) => r.testId))) tests.set(id, (await findTest(db, id)).name);
    return rows.map((r) => ({
      id: r.id,
      hallId: r.hallId,
      userId: r.userId,
      name: names.get(r.userId) ?? null,
      testId: r.testId,
      testName: tests.get(r.testId) ?? "",
      weakBusinessTypes: r.weakBusinessTypes,
      material: r.material,
      retestAt: r.retestAt,
      state: r.state,
      lastScore: r.lastScore,
      createdAt: r.createdAt.toISOString(),
      passedAt: r.passedAt?.toISOString() ?? null,
    }));
  };

  /** What a weak person studies: the bank of each weak business type, and typical complaint cases of it. */
  const materialFor = async (
    weak: string[],
    questionsPerType: Map<string, number>,
  ): Promise<PlanMaterial[]> => {
    const names = new Map((await listBusinessTypes(db)).map((b) => [b.code, b.name]));
    const out: PlanMaterial[] = [];
    for (const code of weak) {
      const name = names.get(code) ?? code;
      out.push({
        kind: "bank",
        ref: code,
        title: `复习「${name}」题库（本次 ${questionsPerType.get(code) ?? 0} 题）`,
      });
      for (const c of (await listTypicalCases(db, { q: name })).slice(0, MAX_CASES))
        out.push({ kind: "typical_case", ref: c.id, title: `典型案例：${c.title}` });
    }
    return out;
  };

  const visibleTest = async (p: Principal, id: string) => {
    const t = await referenced("Test", () => findTest(db, id));
    if (!(await sees(db, p, t))) throw notFound("Test");
    return t;
  };

  app.post(
    "/api/training/tests/:id/attempts",
    {
      schema: {
        tags,
        summary: "Take the test: answers in the order of its questions; graded, with a plan if weak",
        params: idParams,
        body: attemptBody,
        response: { 201: attemptAnswer, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      // An unknown test is a 404 for anyone signed in (looked up before the capability is asked).
      const t = await referenced("Test", () => findTest(db, req.params.id));
      const p = authorize(req.principal, "training.take");
      if (!(await sees(db, p, t))) throw notFound("Test");
      if (p.kind !== "user" || !p.hallId) throw forbidden("A hall's staff take its tests");
      const hall = await getHall(db, p.hallId);
      if (!isFor(t, hall)) throw notFound("Test");
      const questions = await questionsByIds(db, t.questionIds);
      if (req.body.answers.length !== questions.length)
        throw new AppError("invalid_input", `answers: one for each of the ${questions.length} questions`, {
          field: "answers",
        });
      const outOfRange = req.body.answers.flatMap((a, i) =>
        [a].flat().some((c) => c >= questions[i].choices.length) ? [i] : [],
      );
      if (outOfRange.length)
        throw new AppError("invalid_input", "answers: a choice the question does not have", {
          questions: outOfRange,
        });
      const g = grade(questions, req.body.answers);
      const perType = new Map<string, number>();
      for (const q of questions) perType.set(q.businessType, (perType.get(q.businessType) ?? 0) + 1);
      const today = localParts(new Date(), tz).date;
      const due = t.dueAt ? localParts(t.dueAt, tz).date : null;
      const retest = addDays(today, RETEST_DAYS);
      const made = await recordAttempt(
        db,
        { hallId: hall.id, testId: t.id, userId: p.id, answers: req.body.answers },
        g,
        {
          material: g.passed ? [] : await materialFor(g.weak, perType),
          retestAt: due && due > today && due < retest ? due : retest,
        },
      );
      return reply.status(201).send({
        id: made.id,
        score: g.score,
        correct: g.correct,
        total: g.total,
        passed: g.passed,
        byQuestion: questions.map((q, i) => ({
          questionId: q.id,
          correct: g.results[i].correct,
          answer: q.answer,
        })),
        weakBusinessTypes: g.weak,
        plan: made.plan ? (await presentPlans([made.plan]))[0] : null,
      });
    },
  );

  app.get(
    "/api/training/tests/:id/analysis",
    {
      schema: {
        tags,
        summary: "How the test went: per business type, per person (their latest attempt) and per question",
        params: idParams,
        response: { 200: analysisSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "training.manage");
      const t = await visibleTest(p, req.params.id);
      const [attempts, questions] = await Promise.all([
        attemptsOf(db, t.id, await hallsReadBy(db, p)),
        questionsByIds(db, t.questionIds),
      ]);
      const a = analyse(attempts, questions);
      const names = await staffNames(
        db,
        a.byPerson.map((x) => x.userId),
      );
      return {
        testId: t.id,
        ...a,
        byBusinessType: a.byBusinessType.map((b) => ({ ...b, weak: b.correctShare < WEAK_SHARE })),
        byPerson: a.byPerson.map((x) => ({ ...x, name: names.get(x.userId) ?? null })),
      };
    },
  );

  app.get(
    "/api/training/plans",
    {
      schema: {
        tags,
        summary: "Targeted plans: one's own (?mine=true), or those of the halls one manages",
        querystring: planQuery,
        response: { 200: z.array(planSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "training.read");
      if (req.query.mine === "true")
        return presentPlans(
          await listPlans(db, { hallIds: null, userId: userOf(p) ?? "", state: req.query.state }),
        );
      authorize(p, "training.manage");
      let hallIds = await hallsReadBy(db, p);
      if (req.query.hallId) {
        const hall = await getHall(db, req.query.hallId);
        authorize(p, "training.manage", hall);
        hallIds = [hall.id];
      }
      return presentPlans(await listPlans(db, { hallIds, state: req.query.state }));
    },
  );

  app.patch(
    "/api/training/plans/:id",
    {
      schema: {
        tags,
        summary: "Move a plan's retest date",
        params: idParams,
        body: planPatch,
        response: { 200: planSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "training.manage");
      const plan = await referenced("Plan", () => findPlan(db, req.params.id));
      const readable = await hallsReadBy(db, p);
      if (readable && !readable.includes(plan.hallId)) throw notFound("Plan");
      if (plan.state !== "open") throw new AppError("illegal_state", "This plan is passed already");
      return (await presentPlans([await moveRetest(db, plan, req.body.retestAt ?? plan.retestAt)]))[0];
    },
  );
}
