import { z } from "zod";
import { isoDay, isoInstant } from "../../core/dates.js";

// R-TRAIN (培训与业务测试): learn → test → analyse → plan. Question banks by business type, tests staff take
// on a phone, the analysis per business type, person and question, and a targeted plan for the weak.

const text = (max: number) => z.string().trim().min(1).max(max);
export const MAX_CHOICES = 6;

/** An answer: one choice (single choice) or several (multiple choice), 0-based. */
export const answerSchema = z.union([
  z
    .number()
    .int()
    .min(0)
    .max(MAX_CHOICES - 1),
  z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(MAX_CHOICES - 1),
    )
    .min(1)
    .max(MAX_CHOICES),
]);
export type Answer = z.infer<typeof answerSchema>;

export const questionBody = z
  .object({
    businessType: z.string().min(1).max(40),
    text: text(500),
    choices: z.array(text(200)).min(2).max(MAX_CHOICES),
    answer: answerSchema,
    explanation: z.string().trim().max(1000).optional(),
  })
  .refine((q) => [q.answer].flat().every((a) => a < q.choices.length), {
    message: "each answer names one of the choices (0-based)",
    path: ["answer"],
  })
  .refine((q) => new Set([q.answer].flat()).size === [q.answer].flat().length, {
    message: "each choice once",
    path: ["answer"],
  });
export type QuestionInput = z.infer<typeof questionBody>;

export const questionSchema = z.object({
  id: z.uuid(),
  businessType: z.string(),
  text: z.string(),
  kind: z.enum(["single", "multiple"]),
  choices: z.array(z.string()),
  // The right choice(s): shown to those who manage training, not to someone taking the test.
  answer: z.array(z.number()).nullable(),
  explanation: z.string().nullable(),
  createdAt: z.string(),
});
export type Question = z.infer<typeof questionSchema>;

export const questionListQuery = z.object({
  businessType: z.string().max(40).optional(),
  q: z.string().max(100).optional(),
});

export const importQuery = z.object({ dryRun: z.enum(["1", "true", "0", "false"]).optional() });
export const importAnswer = z.object({
  dryRun: z.boolean(),
  created: z.number(),
  byBusinessType: z.record(z.string(), z.number()),
});

export const testBody = z
  .object({
    name: text(100),
    questionIds: z
      .array(z.uuid())
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, "each question once"),
    hallId: z.uuid().optional(),
    regionCode: z.string().trim().min(1).max(40).optional(),
    dueAt: isoInstant().optional(),
  })
  .refine((b) => !(b.hallId && b.regionCode), {
    message: "hallId or regionCode, not both",
    path: ["regionCode"],
  });
export type TestInput = z.infer<typeof testBody>;

export const testSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  hallId: z.uuid().nullable(),
  regionCode: z.string().nullable(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  questions: z.array(questionSchema),
  // The person's own last attempt, if any.
  myScore: z.number().nullable(),
  // Whether that attempt passed (PASS_SCORE with no weak business type), decided here, not by the screen.
  myPassed: z.boolean().nullable(),
  myAttempts: z.number(),
});
export type Test = z.infer<typeof testSchema>;
export const testSummarySchema = testSchema.omit({ questions: true }).extend({ questionCount: z.number() });

export const attemptBody = z.object({ answers: z.array(answerSchema).min(1).max(100) });

export const planSchema = z.object({
  id: z.uuid(),
  hallId: z.uuid(),
  userId: z.uuid(),
  name: z.string().nullable(),
  testId: z.uuid(),
  testName: z.string(),
  weakBusinessTypes: z.array(z.string()),
  material: z.array(z.object({ kind: z.enum(["bank", "typical_case"]), ref: z.string(), title: z.string() })),
  retestAt: z.string(),
  state: z.enum(["open", "passed"]),
  lastScore: z.number(),
  createdAt: z.string(),
  passedAt: z.string().nullable(),
});
export type Plan = z.infer<typeof planSchema>;
export type PlanMaterial = Plan["material"][number];

export const attemptAnswer = z.object({
  id: z.uuid(),
  score: z.number(),
  correct: z.number(),
  total: z.number(),
  passed: z.boolean(),
  byQuestion: z.array(z.object({ questionId: z.uuid(), correct: z.boolean(), answer: z.array(z.number()) })),
  weakBusinessTypes: z.array(z.string()),
  plan: planSchema.nullable(),
});

export const analysisSchema = z.object({
  testId: z.uuid(),
  attempts: z.number(),
  people: z.number(),
  meanScore: z.number().nullable(),
  passShare: z.number().nullable(),
  // weak: under WEAK_SHARE right (rules.ts), as a person's plan would say.
  byBusinessType: z.array(
    z.object({ businessType: z.string(), correctShare: z.number(), weak: z.boolean() }),
  ),
  byPerson: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string().nullable(),
      score: z.number(),
      attempts: z.number(),
      weakBusinessTypes: z.array(z.string()),
    }),
  ),
  byQuestion: z.array(
    z.object({
      questionId: z.uuid(),
      text: z.string(),
      businessType: z.string(),
      correctShare: z.number().nullable(),
    }),
  ),
});

export const planQuery = z.object({
  hallId: z.uuid().optional(),
  state: z.enum(["open", "passed"]).optional(),
  mine: z.enum(["true", "false"]).optional(),
});
export const planPatch = z.object({ retestAt: isoDay() }).partial();
