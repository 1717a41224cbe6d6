import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { authorize, can, type Principal, referenced, userOf } from "../../core/access.js";
import { type AppContext, errors, idParams, typed } from "../../core/context.js";
import { AppError, notFound } from "../../core/errors.js";
import { checkCodes, getHall, listBusinessTypes } from "../halls/data.js";
import { readSheet } from "../quality/survey-import.js";
import {
  importAnswer,
  importQuery,
  questionBody,
  questionListQuery,
  questionSchema,
  testBody,
  testSchema,
  testSummarySchema,
} from "./contract.js";
import {
  attemptsBy,
  findTest,
  listQuestions,
  listTests,
  type QuestionRow,
  questionsByIds,
  type TestRow,
} from "./data.js";
import { createQuestions, createTest } from "./mutations.js";
import { PASS_SCORE, weakBusinessTypes } from "./rules.js";
import { scopeOfNewTest, sees } from "./scope.js";
import { checkQuestionSheet } from "./sheet.js";

const tags = ["training"];
const MAX_FILE = 2 * 1024 * 1024;

export const presentQuestion = (q: QuestionRow, withAnswer: boolean) => ({
  id: q.id,
  businessType: q.businessType,
  text: q.text,
  kind: q.answer.length > 1 ? ("multiple" as const) : ("single" as const),
  choices: q.choices,
  answer: withAnswer ? q.answer : null,
  explanation: withAnswer ? q.explanation : null,
  createdAt: q.createdAt.toISOString(),
});

/** R-TRAIN: the question bank (by hand or from a sheet) and the tests set from it. */
export async function trainingRoutes(fastify: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const app = typed(fastify);
  const { db } = ctx;
  // Only the import takes a multipart body (encapsulated: the rest of the API stays JSON only).
  await fastify.register(multipart, { limits: { fileSize: MAX_FILE, files: 1, fields: 2, parts: 3 } });

  const mine = async (p: Principal, tests: TestRow[]) => {
    const me = userOf(p);
    const attempts = me
      ? await attemptsBy(
          db,
          me,
          tests.map((t) => t.id),
        )
      : [];
    return (t: TestRow) => {
      const own = attempts.filter((a) => a.testId === t.id);
      const last = own[0];
      return {
        myScore: last?.score ?? null,
        myPassed: last ? last.score >= PASS_SCORE && weakBusinessTypes(last.results).length === 0 : null,
        myAttempts: own.length,
      };
    };
  };
  const summary = (t: TestRow) => ({
    id: t.id,
    name: t.name,
    hallId: t.hallId,
    regionCode: t.regionCode,
    dueAt: t.dueAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
  });

  app.get(
    "/api/training/questions",
    {
      schema: {
        tags,
        summary: "The question bank, by business type, with the answers",
        querystring: questionListQuery,
        response: { 200: z.array(questionSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      authorize(req.principal, "training.manage");
      return (await listQuestions(db, req.query)).map((q) => presentQuestion(q, true));
    },
  );

  app.post(
    "/api/training/questions",
    {
      schema: {
        tags,
        summary: "Add a single or multiple choice question (answer: a 0-based choice, or several)",
        body: questionBody,
        response: { 201: questionSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "training.bank");
      await checkCodes(db, [req.body.businessType]);
      const [q] = await createQuestions(db, [req.body], userOf(p));
      return reply.status(201).send(presentQuestion(q, true));
    },
  );

  app.post(
    "/api/training/questions/import",
    {
      schema: {
        tags,
        summary: "Import questions from a CSV or XLSX (multipart field `file`); ?dryRun=1 only checks",
        description:
          "Columns by name: businessType (业务类型), text (题目), A–F (选项A–选项F), answer (答案: letters, e.g. B or AC), explanation (解析, optional). A file with any bad row is refused whole: 400 with details.rows [{row, column, reason}], nothing stored.",
        consumes: ["multipart/form-data"],
        querystring: importQuery,
        response: { 200: importAnswer, 201: importAnswer, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "training.bank");
      if (!req.isMultipart())
        throw new AppError("unsupported_media_type", "Send the file as multipart/form-data, field `file`");
      const part = await req.file();
      if (part?.fieldname !== "file") throw new AppError("invalid_input", "No file in the field `file`");
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch {
        throw new AppError("payload_too_large", `The file is larger than ${MAX_FILE / 1024 / 1024} MB`);
      }
      const sheet = await readSheet({ name: part.filename, type: part.mimetype, bytes });
      const codes = new Set((await listBusinessTypes(db)).map((b) => b.code));
      const { questions, problems } = checkQuestionSheet(sheet, (c) => codes.has(c));
      if (problems.length)
        throw new AppError(
          "invalid_input",
          `The file has ${problems.length} problem(s); nothing was imported`,
          {
            rows: problems,
          },
        );
      const byBusinessType: Record<string, number> = {};
      for (const q of questions) byBusinessType[q.businessType] = (byBusinessType[q.businessType] ?? 0) + 1;
      const dryRun = req.query.dryRun === "1" || req.query.dryRun === "true";
      if (dryRun) return { dryRun, created: 0, byBusinessType };
      const made = await createQuestions(db, questions, userOf(p));
      return reply.status(201).send({ dryRun, created: made.length, byBusinessType });
    },
  );

  app.post(
    "/api/training/tests",
    {
      schema: {
        tags,
        summary: "Set a test of bank questions for a hall or a region's halls",
        body: testBody,
        response: { 201: testSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const p = authorize(req.principal, "training.manage");
      if (req.body.hallId) {
        const hall = await getHall(db, req.body.hallId);
        authorize(p, "training.manage", hall);
      }
      const scope = scopeOfNewTest(p, req.body);
      const questions = await questionsByIds(db, req.body.questionIds);
      const missing = req.body.questionIds.filter((id) => !questions.some((q) => q.id === id));
      if (missing.length) throw notFound(`Question ${missing.join(", ")}`);
      const t = await createTest(db, req.body, scope, userOf(p));
      return reply.status(201).send({
        ...summary(t),
        questions: questions.map((q) => presentQuestion(q, true)),
        myScore: null,
        myPassed: null,
        myAttempts: 0,
      });
    },
  );

  app.get(
    "/api/training/tests",
    {
      schema: {
        tags,
        summary: "The tests of the person's halls, newest first, with their own last score",
        response: { 200: z.array(testSummarySchema), ...errors(401, 403) },
      },
    },
    async (req) => {
      const p = authorize(req.principal, "training.read");
      const tests = [];
      for (const t of await listTests(db)) if (await sees(db, p, t)) tests.push(t);
      const own = await mine(p, tests);
      return tests.map((t) => ({ ...summary(t), ...own(t), questionCount: t.questionIds.length }));
    },
  );

  app.get(
    "/api/training/tests/:id",
    { schema: { tags, params: idParams, response: { 200: testSchema, ...errors(400, 401, 403, 404) } } },
    async (req) => {
      const p = authorize(req.principal, "training.read");
      const t = await referenced("Test", () => findTest(db, req.params.id));
      if (!(await sees(db, p, t))) throw notFound("Test");
      const questions = await questionsByIds(db, t.questionIds);
      const own = await mine(p, [t]);
      return {
        ...summary(t),
        ...own(t),
        questions: questions.map((q) => presentQuestion(q, can(p, "training.manage"))),
      };
    },
  );
}
