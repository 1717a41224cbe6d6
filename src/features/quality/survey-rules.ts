// R-KPI: the hall satisfaction KPI from the survey firm's results (improvement plans, 营业厅满意度细项):
// satisfaction = 营业环境 × 0.25 + 等候时间在可接受范围内 × 0.23 + 营业员的整体表现 × 0.28 + 业务办理快捷 × 0.24,
// target 72 — always computed, never read from the file's own `satisfaction` column. Pure functions here;
// survey-data.ts reads the rows and survey-import.ts checks a file.

/** The survey's items, as the file's columns name them, in the seed's table order. */
export const SURVEY_ITEMS = [
  "environment", // 营业环境
  "waiting_acceptable", // 等候时间在可接受范围内
  "staff_overall", // 营业员的整体表现
  "speed", // 业务办理快捷
  "rarely_system_failure", // 在营业厅很少遇到系统故障
  "convenient_location", // 地点方便
  "accuracy", // 办理业务准确
  "answers", // 营业员解答咨询方面
  "attitude", // 营业员服务态度
  "overall_quality", // 业务办理的整体质量
  "satisfaction", // 营业厅服务满意度 (as the firm printed it; the KPI is computed)
  "overall_evaluation", // 营业厅服务总体评价
] as const;
export type SurveyItem = (typeof SURVEY_ITEMS)[number];
/** The items a row must have: the KPI's four factors. */
export const REQUIRED_ITEMS: SurveyItem[] = ["environment", "waiting_acceptable", "staff_overall", "speed"];

export type KpiWeights = { environment: number; waiting: number; staff: number; speed: number };
export type FlagRule = { redBelow: number; redLeadBelow: number; blueAbove: number; blueLeadAbove: number };
export type KpiSettings = { weights: KpiWeights; target: number; flags: FlagRule };

export const DEFAULT_KPI_SETTINGS: KpiSettings = {
  weights: { environment: 0.25, waiting: 0.23, staff: 0.28, speed: 0.24 },
  target: 72,
  // The seed's colours: red below 69 % or less than 10 points ahead; blue above 90 % and over 20 ahead.
  flags: { redBelow: 69, redLeadBelow: 10, blueAbove: 90, blueLeadAbove: 20 },
};

export type Scores = Partial<Record<SurveyItem, number>>;
export type SurveyRow = { segment: string; carrier: string; sampleSize: number; scores: Scores };

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** The KPI's four factors of a row's scores, named as the KPI answer names them. */
export const factorsOf = (s: Scores) => ({
  environment: s.environment ?? 0,
  waiting: s.waiting_acceptable ?? 0,
  staff: s.staff_overall ?? 0,
  speed: s.speed ?? 0,
});

/** The KPI of one set of scores. */
export function satisfactionOf(s: Scores, w: KpiWeights): number {
  const f = factorsOf(s);
  return round2(
    f.environment * w.environment + f.waiting * w.waiting + f.staff * w.staff + f.speed * w.speed,
  );
}

/**
 * One carrier's scores for a scope: its whole-base row (empty segment) when the file has one, else the
 * sample-weighted mean of its segment rows, item by item (an item blank in a row leaves that row out).
 */
export function wholeBase(rows: SurveyRow[]): { scores: Scores; sampleSize: number } | null {
  if (rows.length === 0) return null;
  const whole = rows.find((r) => r.segment === "");
  if (whole) return { scores: whole.scores, sampleSize: whole.sampleSize };
  const scores: Scores = {};
  for (const item of SURVEY_ITEMS) {
    const having = rows.filter((r) => r.scores[item] !== undefined);
    const n = having.reduce((sum, r) => sum + r.sampleSize, 0);
    if (n > 0)
      scores[item] = round2(having.reduce((sum, r) => sum + (r.scores[item] ?? 0) * r.sampleSize, 0) / n);
  }
  return { scores, sampleSize: rows.reduce((sum, r) => sum + r.sampleSize, 0) };
}

export type Flag = {
  item: SurveyItem | "kpi";
  colour: "red" | "blue";
  /** Below the red line, or ahead of (behind) a competitor by less than the red lead; blue: both high. */
  reason: "low" | "small_lead" | "high_and_ahead";
  carrier?: string;
  value: number;
  lead?: number;
};

/** The seed's colour rule over our items (and the KPI) against each competitor's. */
export function flagsOf(
  ours: Scores & { kpi?: number },
  competitors: { carrier: string; scores: Scores & { kpi?: number } }[],
  rule: FlagRule,
): Flag[] {
  const flags: Flag[] = [];
  for (const item of ["kpi", ...SURVEY_ITEMS] as const) {
    const value = ours[item];
    if (value === undefined) continue;
    if (value < rule.redBelow) flags.push({ item, colour: "red", reason: "low", value });
    for (const c of competitors) {
      const theirs = c.scores[item];
      if (theirs === undefined) continue;
      const lead = round2(value - theirs);
      if (lead < rule.redLeadBelow)
        flags.push({ item, colour: "red", reason: "small_lead", carrier: c.carrier, value, lead });
      else if (value > rule.blueAbove && lead > rule.blueLeadAbove)
        flags.push({ item, colour: "blue", reason: "high_and_ahead", carrier: c.carrier, value, lead });
    }
  }
  return flags;
}

/** A period as the file names it: a quarter (2026-Q3) or a month (2026-08). */
export const PERIOD = /^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/;
/** A scope as the file names it: the operator, a region, or a hall. */
export const SCOPE = /^(operator|region:[A-Za-z0-9_-]{1,40}|hall:[0-9a-f-]{36})$/;
export const OURS = "ours";
