import type { kpiAnswer } from "./survey-kpi.js";
import { type FlagRule, round2 } from "./survey-rules.js";

// R-SHORTBOARD: a scope's weakest items (短板) of a period — the lowest KPI factors and survey items, the
// lowest inspection items, and the items where we trail or barely lead a competitor — and the figure an
// improvement plan is judged by the next period. Pure: the KPI answer and inspection means come in.

export const SHORTBOARD_SOURCES = ["kpi_factor", "survey_item", "inspection_item", "competitor"] as const;
export type ShortBoardSource = (typeof SHORTBOARD_SOURCES)[number];
export type Kpi = NonNullable<ReturnType<typeof kpiAnswer>>;
export type ShortBoard = {
  source: ShortBoardSource;
  code: string;
  /** Our figure (a percentage, a score 0–100, or for a competitor item the lead in points). */
  value: number;
  /** For a competitor item: who, and their figure. */
  carrier?: string;
  reference?: number;
};

/** How many of each source count as short boards. */
export const SHORTBOARDS_PER_SOURCE = { kpi_factor: 2, survey_item: 3, inspection_item: 3, competitor: 3 };
// The items the KPI is computed from, or that restate it, are not short boards of their own.
const NOT_ITEMS = new Set(["satisfaction", "overall_evaluation"]);

const lowest = <T>(rows: T[], value: (r: T) => number, n: number) =>
  [...rows].sort((a, b) => value(a) - value(b)).slice(0, n);

export function shortBoards(
  kpi: Kpi | null,
  inspectionMeans: Record<string, number>,
  flags: FlagRule,
): ShortBoard[] {
  const out: ShortBoard[] = [];
  if (kpi) {
    const factors = Object.entries(kpi.factors).map(([code, value]) => ({ code, value }));
    for (const f of lowest(factors, (f) => f.value, SHORTBOARDS_PER_SOURCE.kpi_factor))
      out.push({ source: "kpi_factor", ...f });
    const items = kpi.items.filter((i) => !NOT_ITEMS.has(i.code));
    for (const i of lowest(items, (i) => i.ours, SHORTBOARDS_PER_SOURCE.survey_item))
      out.push({ source: "survey_item", code: i.code, value: i.ours });
    // Against each competitor: the items we trail or lead by less than the red rule's margin.
    const trailing = items.flatMap((i) =>
      Object.entries(i.competitors)
        .map(([carrier, theirs]) => ({
          code: i.code,
          carrier,
          reference: theirs,
          value: round2(i.ours - theirs),
        }))
        .filter((c) => c.value < flags.redLeadBelow),
    );
    for (const c of lowest(trailing, (c) => c.value, SHORTBOARDS_PER_SOURCE.competitor))
      out.push({ source: "competitor", ...c });
  }
  const inspected = Object.entries(inspectionMeans)
    .filter(([, v]) => v < 100)
    .map(([code, value]) => ({ code, value: round2(value) }));
  for (const i of lowest(inspected, (i) => i.value, SHORTBOARDS_PER_SOURCE.inspection_item))
    out.push({ source: "inspection_item", ...i });
  return out;
}

/** The figure of one short board in a (later) period's data, or null when that period has none. */
export function figureOf(
  board: { source: ShortBoardSource; code: string; carrier?: string | null },
  kpi: Kpi | null,
  inspectionMeans: Record<string, number>,
): number | null {
  if (board.source === "inspection_item") {
    const v = inspectionMeans[board.code];
    return v === undefined ? null : round2(v);
  }
  if (!kpi) return null;
  if (board.source === "kpi_factor") return kpi.factors[board.code as keyof Kpi["factors"]] ?? null;
  const item = kpi.items.find((i) => i.code === board.code);
  if (!item) return null;
  if (board.source === "survey_item") return item.ours;
  const theirs = board.carrier ? item.competitors[board.carrier] : undefined;
  return theirs === undefined ? null : round2(item.ours - theirs);
}

/** The default target of a plan: clear of the red rule for a competitor item, else 5 points up. */
export const defaultTarget = (source: ShortBoardSource, baseline: number, flags: FlagRule) =>
  source === "competitor" ? flags.redLeadBelow : Math.min(100, round2(baseline + 5));

/** The period after a quarter or a month: 2026-Q4 → 2027-Q1, 2026-12 → 2027-01. */
export function nextPeriod(period: string): string {
  const [y, p] = period.split("-");
  const year = Number(y);
  if (p.startsWith("Q")) {
    const q = Number(p.slice(1));
    return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
  }
  const m = Number(p);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

export type PlanStatus = "open" | "done" | "cancelled";
/** What can be done to an improvement plan: tick its actions, close it done, cancel it, open it again. */
export type PlanStep = "progress" | "close" | "cancel" | "reopen";

/**
 * What a person may do with an improvement plan now — the one rule the PATCH enforces and the screen's
 * buttons follow: its owner or a planner works an open plan and closes it; only a planner cancels one or
 * opens a closed one again. A closed or cancelled plan's actions are not edited.
 */
export function planSteps(
  plan: { status: PlanStatus; ownerId: string },
  who: { id: string | null; mayPlan: boolean },
) {
  const works = who.mayPlan || who.id === plan.ownerId;
  const steps: PlanStep[] = [];
  if (plan.status === "open") {
    if (works) steps.push("progress", "close");
    if (who.mayPlan) steps.push("cancel");
  } else if (who.mayPlan) steps.push("reopen");
  return steps;
}

/** The steps a change to a plan takes: a new status is a close, cancel or reopen; new actions, progress. */
export function stepsOfChange(status: PlanStatus, change: { actions?: unknown; status?: PlanStatus }) {
  const steps: PlanStep[] = [];
  if (change.actions) steps.push("progress");
  if (change.status && change.status !== status)
    steps.push(change.status === "done" ? "close" : change.status === "cancelled" ? "cancel" : "reopen");
  return steps;
}
