import { periodContaining, previousPeriod } from "../../core/periods.js";

// Scheduled reports (issue 15, SPEC §7): yesterday's to each hall manager, last week's to each area
// manager, last month's to each operator admin — each the last whole period of the recipient's own scope,
// due from the report hour of the local day on, and sent once (the outbox's dedupe key). A server that
// was down at the hour sends it when it is back; a person given an e-mail address gets the latest one.

export type Recipient = {
  id: string;
  role: string;
  hallId: string | null;
  regionCode: string | null;
  email: string | null;
};

export type DueReport = { userId: string; email: string; scope: string; period: string; dedupeKey: string };

const CADENCE = {
  hall_manager: "day",
  area_manager: "week",
  operator_admin: "month",
} as const;

/** The reports due at this local date and minute of day for these people. */
export function dueReports(
  people: Recipient[],
  local: { date: string; minutes: number },
  reportHour: number,
): DueReport[] {
  if (local.minutes < reportHour * 60) return [];
  const out: DueReport[] = [];
  for (const p of people) {
    const kind = CADENCE[p.role as keyof typeof CADENCE];
    if (!kind || !p.email) continue;
    const scope =
      p.role === "hall_manager"
        ? p.hallId && `hall:${p.hallId}`
        : p.role === "area_manager"
          ? p.regionCode && `region:${p.regionCode}`
          : "operator";
    if (!scope) continue;
    const period = `${kind}:${previousPeriod(periodContaining(kind, local.date)).label}`;
    out.push({ userId: p.id, email: p.email, scope, period, dedupeKey: `report:${p.id}:${scope}:${period}` });
  }
  return out;
}
