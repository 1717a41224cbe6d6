import {
  factorsOf,
  flagsOf,
  type KpiSettings,
  OURS,
  round2,
  SURVEY_ITEMS,
  type SurveyRow,
  satisfactionOf,
  wholeBase,
} from "./survey-rules.js";

// R-KPI: GET /api/quality/kpi's answer from one period's rows of one scope — ours by segment and whole,
// each competitor whole, the items side by side, and the seed's colours. Pure: the rows come in.

const roundedFactors = (s: SurveyRow["scores"]) => {
  const f = factorsOf(s);
  return {
    environment: round2(f.environment),
    waiting: round2(f.waiting),
    staff: round2(f.staff),
    speed: round2(f.speed),
  };
};

export function kpiAnswer(scope: string, period: string, rows: SurveyRow[], settings: KpiSettings) {
  const ours = rows.filter((r) => r.carrier === OURS);
  const base = wholeBase(ours);
  if (!base) return null;
  const satisfaction = satisfactionOf(base.scores, settings.weights);
  const carriers = [...new Set(rows.filter((r) => r.carrier !== OURS).map((r) => r.carrier))].sort((a, b) =>
    a.localeCompare(b, "zh-CN"),
  );
  const theirs = carriers.flatMap((carrier) => {
    const b = wholeBase(rows.filter((r) => r.carrier === carrier));
    return b ? [{ carrier, scores: b.scores, satisfaction: satisfactionOf(b.scores, settings.weights) }] : [];
  });
  return {
    scope,
    period,
    satisfaction,
    factors: roundedFactors(base.scores),
    weights: settings.weights,
    target: settings.target,
    met: satisfaction >= settings.target,
    sampleSize: base.sampleSize,
    segments: ours
      .filter((r) => r.segment !== "")
      .map((r) => ({
        segment: r.segment,
        satisfaction: satisfactionOf(r.scores, settings.weights),
        factors: roundedFactors(r.scores),
        sampleSize: r.sampleSize,
      })),
    vsCompetitors: theirs.map((c) => ({
      carrier: c.carrier,
      satisfaction: c.satisfaction,
      lead: round2(satisfaction - c.satisfaction),
    })),
    items: SURVEY_ITEMS.filter((code) => base.scores[code] !== undefined).map((code) => ({
      code,
      ours: round2(base.scores[code] as number),
      competitors: Object.fromEntries(
        theirs
          .filter((c) => c.scores[code] !== undefined)
          .map((c) => [c.carrier, round2(c.scores[code] as number)]),
      ),
    })),
    flags: flagsOf(
      { ...base.scores, kpi: satisfaction },
      theirs.map((c) => ({ carrier: c.carrier, scores: { ...c.scores, kpi: c.satisfaction } })),
      settings.flags,
    ),
  };
}
