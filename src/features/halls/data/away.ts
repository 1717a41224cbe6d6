import { and, asc, eq, gte, lt } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { addDays } from "../../../core/calendar.js";
import { zonedInstant } from "../../../core/time.js";
import { staffNames } from "../../users/data.js";
import type { awayReportSchema } from "../contract.js";
import { counterAwayPeriods, counters } from "../tables.js";
import type { z } from "zod";

type AwayReport = z.infer<typeof awayReportSchema>;

/** 暂离 on one of the hall's local days: every period that started that day, and the sum per person. */
export async function awayReport(db: DbOrTx, hallId: string, date: string, timeZone: string): Promise<AwayReport> {
  const from = zonedInstant(date, 0, timeZone);
  const to = zonedInstant(addDays(date, 1), 0, timeZone);
  const rows = await db
    .select({ p: counterAwayPeriods, label: counters.label })
    .from(counterAwayPeriods)
    .innerJoin(counters, eq(counters.id, counterAwayPeriods.counterId))
    .where(
      and(
        eq(counterAwayPeriods.hallId, hallId),
        gte(counterAwayPeriods.startedAt, from),
        lt(counterAwayPeriods.startedAt, to),
      ),
    )
    .orderBy(asc(counterAwayPeriods.startedAt))
    .limit(2000);
  const names = await staffNames(db, [...new Set(rows.flatMap((r) => (r.p.staffId ? [r.p.staffId] : [])))]);
  const now = Date.now();
  const periods = rows.map(({ p, label }) => ({
    id: p.id,
    counterId: p.counterId,
    counterLabel: label,
    staffId: p.staffId,
    staffName: p.staffId ? (names.get(p.staffId) ?? null) : null,
    reason: p.reason,
    startedAt: p.startedAt.toISOString(),
    endedAt: p.endedAt?.toISOString() ?? null,
    seconds: Math.round(((p.endedAt?.getTime() ?? now) - p.startedAt.getTime()) / 1000),
  }));
  const byStaff = new Map<string | null, AwayReport["byStaff"][number]>();
  for (const p of periods) {
    const s = byStaff.get(p.staffId) ?? { staffId: p.staffId, staffName: p.staffName, periods: 0, seconds: 0 };
    s.periods++;
    s.seconds += p.seconds;
    byStaff.set(p.staffId, s);
  }
  return { date, periods, byStaff: [...byStaff.values()].sort((a, b) => b.seconds - a.seconds) };
}
