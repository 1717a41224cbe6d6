// R-STAFFSAT: the staff pulse (员工满意度), beside the customers' KPI (the improvement plans' contradiction
// 4: staff satisfaction far below customer satisfaction). Anonymous: an answer carries no user, no time
// and no time-ordered id; results show only once enough have answered that no one answer stands out.

export const PULSE_QUESTIONS = [
  { code: "overall", label: "总体而言，我对在本厅工作感到满意" },
  { code: "workload", label: "我的工作量和排班是合理的" },
  { code: "support", label: "遇到困难时，我能得到厅经理和同事的支持" },
  { code: "growth", label: "我得到了需要的培训和成长机会" },
  { code: "recognition", label: "我的付出得到了认可和公平的评价" },
  { code: "tools", label: "系统和设备让我能把客户服务好" },
] as const;
export type PulseQuestion = (typeof PULSE_QUESTIONS)[number]["code"];
export type PulseAnswers = Record<PulseQuestion, number>;

/** Results are shown only from this many answers on (and never per person). */
export const PULSE_MIN_ANSWERS = 5;

/** The local quarter of a date: 2026-12-03 → 2026-Q4. */
export const quarterOf = (day: string) =>
  `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * The pulse of a hall's quarter: per question the mean (1–5) and the share agreeing (4 or 5), and an
 * overall satisfaction 0–100 (the mean of all answers mapped 1→0, 5→100) to set beside the KPI. Null
 * below PULSE_MIN_ANSWERS.
 */
export function pulseResults(answers: PulseAnswers[]) {
  if (answers.length < PULSE_MIN_ANSWERS) return null;
  const round = (n: number) => Math.round(n * 100) / 100;
  const questions = PULSE_QUESTIONS.map((q) => {
    const values = answers.map((a) => a[q.code]);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return {
      code: q.code,
      label: q.label,
      mean: round(mean),
      agreeShare: round(values.filter((v) => v >= 4).length / values.length),
    };
  });
  const all = answers.flatMap((a) => PULSE_QUESTIONS.map((q) => a[q.code]));
  const satisfaction = round(((all.reduce((s, v) => s + v, 0) / all.length - 1) / 4) * 100);
  return { satisfaction, questions };
}
