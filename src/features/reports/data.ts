import { sql } from "drizzle-orm";
import { type DbOrTx, queryRows } from "../../core/db.js";
import { listCounters } from "../halls/data.js";
import { evaluationSummary } from "../quality/data.js";
import type { TodayStats } from "./contract.js";
import { fillHalfHours, share, WAIT_TARGET_SECONDS } from "./rules.js";

// Reports read the queue's tickets and breaches tables read-only, with plain SQL, instead of going
// through the queue feature's functions: aggregates over a day do not fit row-by-row reads, and a
// report never changes them. (ARCHITECTURE: reports may later read daily roll-ups or a replica.)

export type Day = { date: string; from: Date; to: Date; timeZone: string; nowSlot: number | null };

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The manager board's figures for one local day of a hall. */
export async function dayStats(db: DbOrTx, hallId: string, day: Day): Promise<TodayStats> {
  const [totals, slots, perCounter, breaches, counters, evaluations] = await Promise.all([
    queryRows<Record<string, string | null>>(
      db,
      sql`
      SELECT count(*) AS issued,
             count(*) FILTER (WHERE status = 'finished') AS served,
             avg(wait_seconds) AS mean_wait,
             count(wait_seconds) AS called,
             count(*) FILTER (WHERE wait_seconds <= ${WAIT_TARGET_SECONDS}) AS within,
             count(*) FILTER (WHERE status = 'diverted') AS diverted,
             count(*) FILTER (WHERE status = 'no_show') AS no_shows
      FROM tickets WHERE hall_id = ${hallId} AND service_date = ${day.date}`,
    ),
    queryRows<Record<string, string | null>>(
      db,
      sql`
      SELECT floor((extract(hour FROM issued_at AT TIME ZONE ${day.timeZone}) * 60
                    + extract(minute FROM issued_at AT TIME ZONE ${day.timeZone})) / 30)::int AS slot,
             count(*) AS arrivals, avg(wait_seconds) AS mean_wait
      FROM tickets WHERE hall_id = ${hallId} AND service_date = ${day.date}
      GROUP BY 1 ORDER BY 1`,
    ),
    queryRows<Record<string, string | null>>(
      db,
      sql`
      SELECT counter_id, count(*) FILTER (WHERE status = 'finished') AS served, avg(handling_seconds) AS mean_handling
      FROM tickets WHERE hall_id = ${hallId} AND service_date = ${day.date} AND counter_id IS NOT NULL
      GROUP BY counter_id`,
    ),
    queryRows<{ n: string }>(
      db,
      sql`
      SELECT count(*) AS n FROM breaches WHERE hall_id = ${hallId} AND at >= ${day.from.toISOString()} AND at < ${day.to.toISOString()}`,
    ),
    listCounters(db, hallId),
    evaluationSummary(db, hallId, day.from, day.to),
  ]);
  const t = totals[0];
  const served = new Map(perCounter.map((r) => [r.counter_id, r]));
  const slotRows = slots.map((r) => ({
    slot: Number(r.slot),
    arrivals: Number(r.arrivals),
    meanWaitSeconds: num(r.mean_wait),
  }));
  const nowSlot = day.nowSlot ?? slotRows.at(-1)?.slot ?? 18;
  return {
    hallId,
    date: day.date,
    issued: Number(t.issued),
    served: Number(t.served),
    meanWaitSeconds: num(t.mean_wait),
    withinTenMinutesShare: share(Number(t.within), Number(t.called)),
    breaches: Number(breaches[0].n),
    diverted: Number(t.diverted),
    noShows: Number(t.no_shows),
    byHalfHour: fillHalfHours(slotRows, Math.max(0, nowSlot - 5), nowSlot),
    perCounter: counters
      .filter((c) => c.active)
      .map((c) => ({
        counterId: c.id,
        number: c.number,
        label: c.label,
        status: c.status,
        staffId: c.staffId,
        staffName: c.staffName ?? null,
        served: Number(served.get(c.id)?.served ?? 0),
        meanHandlingSeconds: num(served.get(c.id)?.mean_handling),
      })),
    evaluations,
  };
}
