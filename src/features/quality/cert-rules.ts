// R-CERT: a self-run hall that meets the unified standard in a quarter is certified (挂牌); one that no
// longer does loses it (the Unicom seed: certification for own halls only). Pure: the figures come in.

export type CertThresholds = {
  /** Satisfaction KPI at least (%). */
  kpiMin: number;
  /** Mean inspection score at least (0–100). */
  inspectionMin: number;
  /** Complaints per 1,000 tickets at most. */
  complaintsPer1000Max: number;
  /** Share of waits within their limit at least (0–1). */
  waitingWithinMin: number;
};
export const DEFAULT_CERT: CertThresholds = {
  kpiMin: 72,
  inspectionMin: 85,
  complaintsPer1000Max: 2,
  waitingWithinMin: 0.9,
};

export type CertFigures = {
  kpi: number | null;
  inspectionScore: number | null;
  complaintsPer1000: number | null;
  waitingWithin: number | null;
};
export type CertReason = {
  code: keyof CertFigures;
  value: number | null;
  threshold: number;
  met: boolean;
};
export type CertOutcome = "certified" | "withdrawn" | "not_certified";

/** Each criterion met or not (a figure missing is not met: no data, no certificate), and the outcome. */
export function evaluateCertification(f: CertFigures, t: CertThresholds, wasCertified: boolean) {
  const atLeast = (code: keyof CertFigures, threshold: number): CertReason => ({
    code,
    value: f[code],
    threshold,
    met: f[code] !== null && (f[code] as number) >= threshold,
  });
  const reasons: CertReason[] = [
    atLeast("kpi", t.kpiMin),
    atLeast("inspectionScore", t.inspectionMin),
    {
      code: "complaintsPer1000",
      value: f.complaintsPer1000,
      threshold: t.complaintsPer1000Max,
      met: f.complaintsPer1000 !== null && f.complaintsPer1000 <= t.complaintsPer1000Max,
    },
    atLeast("waitingWithin", t.waitingWithinMin),
  ];
  const certified = reasons.every((r) => r.met);
  const outcome: CertOutcome = certified ? "certified" : wasCertified ? "withdrawn" : "not_certified";
  return { certified, outcome, reasons };
}
