import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { idColumn, keyedId, keyWith } from "../../core/ids.js";
import type { Answer, PlanMaterial } from "./contract.js";

const ts = (name: string) => timestamp(name, { withTimezone: true });

// R-TRAIN: the operator's question bank by business type. A few thousand rows read by every test: a
// reference table (docs/scale.md).
export const trainingQuestions = pgTable(
  "training_questions",
  {
    id: idColumn(),
    businessType: text("business_type").notNull(),
    text: text("text").notNull(),
    choices: jsonb("choices").$type<string[]>().notNull(),
    // The right choices, 0-based, ascending; more than one makes it a multiple-choice question.
    answer: integer("answer").array().notNull(),
    explanation: text("explanation"),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("training_questions_type_idx").on(t.businessType)],
);

// A test of some questions for a hall or a region's halls (a reference table: a few a month).
export const trainingTests = pgTable("training_tests", {
  id: idColumn(),
  name: text("name").notNull(),
  questionIds: uuid("question_ids").array().notNull(),
  hallId: uuid("hall_id"),
  regionCode: text("region_code"),
  dueAt: ts("due_at"),
  createdBy: uuid("created_by"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

// One person's go at a test, graded. Distributed by the person's hall.
export const trainingAttempts = pgTable(
  "training_attempts",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    testId: uuid("test_id").notNull(),
    userId: uuid("user_id").notNull(),
    answers: jsonb("answers").$type<Answer[]>().notNull(),
    results: jsonb("results")
      .$type<{ questionId: string; businessType: string; correct: boolean }[]>()
      .notNull(),
    correct: integer("correct").notNull(),
    total: integer("total").notNull(),
    score: integer("score").notNull(),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [
    keyWith("training_attempts", t.id, t.hallId),
    index("training_attempts_test_idx").on(t.testId, t.at),
    index("training_attempts_person_idx").on(t.hallId, t.userId, t.at),
  ],
);

// A person's targeted plan after a weak attempt: what to study, when to retest, tracked until passed.
export const trainingPlans = pgTable(
  "training_plans",
  {
    id: keyedId(),
    hallId: uuid("hall_id").notNull(),
    userId: uuid("user_id").notNull(),
    testId: uuid("test_id").notNull(),
    attemptId: uuid("attempt_id").notNull(),
    weakBusinessTypes: text("weak_business_types").array().notNull(),
    material: jsonb("material").$type<PlanMaterial[]>().notNull(),
    retestAt: date("retest_at").notNull(),
    lastScore: integer("last_score").notNull(),
    state: text("state").$type<"open" | "passed">().notNull().default("open"),
    passedAttemptId: uuid("passed_attempt_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
    passedAt: ts("passed_at"),
  },
  (t) => [
    keyWith("training_plans", t.id, t.hallId),
    index("training_plans_hall_idx").on(t.hallId, t.state),
    uniqueIndex("training_plans_open_uq").on(t.userId, t.testId, t.hallId).where(sql`state = 'open'`),
  ],
);
