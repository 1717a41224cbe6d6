import type { Answer } from "./contract.js";

// R-TRAIN's rules, pure: grading, weak business types, and the analysis of a test.

/** A test is passed at this score (0–100) with no weak business type. */
export const PASS_SCORE = 80;
/** A business type answered right less often than this is weak for the person. */
export const WEAK_SHARE = 0.8;
/** A weak attempt's retest comes this many days later (unless the test is due sooner). */
export const RETEST_DAYS = 7;

export type GradedQuestion = { id: string; businessType: string; answer: number[] };
export type Result = { questionId: string; businessType: string; correct: boolean };

/** The choices of an answer as a sorted set (a single choice is a set of one). */
export const choicesOf = (a: Answer): number[] => [...new Set([a].flat())].sort((x, y) => x - y);

/** A question is right when exactly its choices were picked (no partial credit for multiple choice). */
export function grade(questions: GradedQuestion[], answers: Answer[]) {
  const results: Result[] = questions.map((q, i) => {
    const given = choicesOf(answers[i]);
    return {
      questionId: q.id,
      businessType: q.businessType,
      correct: given.length === q.answer.length && given.every((c, j) => c === q.answer[j]),
    };
  });
  const correct = results.filter((r) => r.correct).length;
  const total = questions.length;
  const score = total ? Math.round((100 * correct) / total) : 0;
  const weak = weakBusinessTypes(results);
  return { results, correct, total, score, weak, passed: score >= PASS_SCORE && weak.length === 0 };
}

/** Each business type's share of right answers in some results, in the order first met. */
export function sharesByBusinessType(results: Result[]): { businessType: string; correctShare: number }[] {
  const by = new Map<string, { right: number; all: number }>();
  for (const r of results) {
    const s = by.get(r.businessType) ?? { right: 0, all: 0 };
    s.all++;
    if (r.correct) s.right++;
    by.set(r.businessType, s);
  }
  return [...by].map(([businessType, s]) => ({ businessType, correctShare: s.right / s.all }));
}

export const weakBusinessTypes = (results: Result[]) =>
  sharesByBusinessType(results)
    .filter((s) => s.correctShare < WEAK_SHARE)
    .map((s) => s.businessType);

export type AttemptLike = { userId: string; score: number; results: Result[]; at: Date };

/**
 * The analysis of a test: every attempt counts in the attempts, each person by their latest attempt (what
 * they know now) in the rest.
 */
export function analyse(
  attempts: AttemptLike[],
  questions: { id: string; text: string; businessType: string }[],
) {
  const latest = new Map<string, AttemptLike & { count: number }>();
  for (const a of [...attempts].sort((x, y) => x.at.getTime() - y.at.getTime()))
    latest.set(a.userId, { ...a, count: (latest.get(a.userId)?.count ?? 0) + 1 });
  const people = [...latest.values()];
  const all = people.flatMap((p) => p.results);
  const mean = people.length ? people.reduce((s, p) => s + p.score, 0) / people.length : null;
  const passed = people.filter((p) => p.score >= PASS_SCORE && weakBusinessTypes(p.results).length === 0);
  return {
    attempts: attempts.length,
    people: people.length,
    meanScore: mean === null ? null : Math.round(mean * 10) / 10,
    passShare: people.length ? passed.length / people.length : null,
    byBusinessType: sharesByBusinessType(all),
    byPerson: people
      .map((p) => ({
        userId: p.userId,
        score: p.score,
        attempts: p.count,
        weakBusinessTypes: weakBusinessTypes(p.results),
      }))
      .sort((a, b) => a.score - b.score || a.userId.localeCompare(b.userId)),
    byQuestion: questions.map((q) => {
      const rs = all.filter((r) => r.questionId === q.id);
      return {
        questionId: q.id,
        text: q.text,
        businessType: q.businessType,
        correctShare: rs.length ? rs.filter((r) => r.correct).length / rs.length : null,
      };
    }),
  };
}

const LETTERS = "ABCDEF";

/** "A", "AC", "A,C" or "A、C" as 0-based choices; null when it is not letters of the choices given. */
export function parseLetters(s: string, choices: number): number[] | null {
  const letters = s.toUpperCase().replace(/[\s,，、;；]/g, "");
  if (!letters) return null;
  const out: number[] = [];
  for (const l of letters) {
    const i = LETTERS.indexOf(l);
    if (i < 0 || i >= choices || out.includes(i)) return null;
    out.push(i);
  }
  return out.sort((a, b) => a - b);
}
