import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { queryRows } from "../../../core/db.js";

// A hall's local day of tickets summed per business type, for the reports' daily roll-ups (issue 15):
// counts by outcome, the waits and handlings with their limits, and the waits as a histogram of 30-second
// buckets (mergeable: a quarter's p90 is exact to its bucket). Reads the (hall_id, service_date) index.

/** Wait buckets: 30 s each up to an hour; the last one holds every longer wait. */
export const WAIT_BUCKET_SECONDS = 30;
export const WAIT_BUCKETS = 121;
/** Half hours of a local day. */
export const SLOTS = 48;

export type TicketDayFigures = {
  businessType: string;
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  diverted: number;
  transferred: number;
  waitCount: number;
  waitSum: number;
  waitWithin: number;
  waitHist: number[];
  /** Tickets issued in each half hour of the local day (slot 0 = 00:00–00:30). */
  arrivals: number[];
  handlingCount: number;
  handlingSum: number;
  handlingWithin: number;
  waitBreaches: number;
  handlingBreaches: number;
};

export async function ticketDayFigures(
  db: DbOrTx,
  hallId: string,
  date: string,
  day: { from: Date; to: Date },
): Promise<TicketDayFigures[]> {
  const rows = await queryRows<{
    business_type: string;
    issued: number;
    served: number;
    no_show: number;
    cancelled: number;
    diverted: number;
    wait_count: number;
    wait_sum: number;
    wait_within: number;
    handling_count: number;
    handling_sum: number;
    handling_within: number;
    wait_breaches: number;
    handling_breaches: number;
    hist: { b: number; n: number }[] | null;
    slots: { s: number; n: number }[] | null;
  }>(
    db,
    sql`WITH t AS (SELECT * FROM tickets WHERE hall_id = ${hallId}::uuid AND service_date = ${date}::date),
      h AS (SELECT business_type, jsonb_agg(jsonb_build_object('b', b, 'n', n)) AS hist FROM (
          SELECT business_type, least(wait_seconds / ${WAIT_BUCKET_SECONDS}, ${WAIT_BUCKETS - 1}) AS b, count(*)::int AS n
          FROM t WHERE wait_seconds IS NOT NULL GROUP BY 1, 2) x GROUP BY 1),
      a AS (SELECT business_type, jsonb_agg(jsonb_build_object('s', s, 'n', n)) AS slots FROM (
          SELECT business_type,
            least(greatest(floor(extract(epoch FROM issued_at - ${day.from.toISOString()}::timestamptz) / 1800)::int, 0), ${SLOTS - 1}) AS s,
            count(*)::int AS n
          FROM t GROUP BY 1, 2) y GROUP BY 1)
      SELECT t.business_type,
        count(*)::int AS issued,
        count(*) FILTER (WHERE status = 'finished')::int AS served,
        count(*) FILTER (WHERE status = 'no_show')::int AS no_show,
        count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
        count(*) FILTER (WHERE status = 'diverted')::int AS diverted,
        count(wait_seconds)::int AS wait_count,
        coalesce(sum(wait_seconds), 0)::float8 AS wait_sum,
        count(*) FILTER (WHERE wait_seconds IS NOT NULL AND NOT wait_breached)::int AS wait_within,
        count(handling_seconds)::int AS handling_count,
        coalesce(sum(handling_seconds), 0)::float8 AS handling_sum,
        count(*) FILTER (WHERE handling_seconds IS NOT NULL AND NOT handling_breached)::int AS handling_within,
        count(*) FILTER (WHERE wait_breached)::int AS wait_breaches,
        count(*) FILTER (WHERE handling_breached)::int AS handling_breaches,
        (SELECT hist FROM h WHERE h.business_type = t.business_type) AS hist,
        (SELECT slots FROM a WHERE a.business_type = t.business_type) AS slots
      FROM t GROUP BY t.business_type ORDER BY t.business_type`,
  );
  const transfers = await queryRows<{ business_type: string; n: number }>(
    db,
    sql`SELECT t.business_type, count(*)::int AS n FROM ticket_history h JOIN tickets t ON t.id = h.ticket_id
        WHERE h.hall_id = ${hallId}::uuid AND h.action = 'transfer' AND h.at >= ${day.from.toISOString()}::timestamptz
          AND h.at < ${day.to.toISOString()}::timestamptz
        GROUP BY 1`,
  );
  const moved = new Map(transfers.map((r) => [r.business_type, r.n]));
  return rows.map((r) => {
    const hist = new Array<number>(WAIT_BUCKETS).fill(0);
    for (const { b, n } of r.hist ?? []) hist[b] = n;
    const arrivals = new Array<number>(SLOTS).fill(0);
    for (const { s: slot, n } of r.slots ?? []) arrivals[slot] = n;
    return {
      businessType: r.business_type,
      issued: r.issued,
      served: r.served,
      noShow: r.no_show,
      cancelled: r.cancelled,
      diverted: r.diverted,
      transferred: moved.get(r.business_type) ?? 0,
      waitCount: r.wait_count,
      waitSum: Number(r.wait_sum),
      waitWithin: r.wait_within,
      waitHist: hist,
      arrivals,
      handlingCount: r.handling_count,
      handlingSum: Number(r.handling_sum),
      handlingWithin: r.handling_within,
      waitBreaches: r.wait_breaches,
      handlingBreaches: r.handling_breaches,
    };
  });
}

/** The hall's greeting breaches of a day (they belong to a visit, not a business type). */
export async function greetingBreachCount(db: DbOrTx, hallId: string, day: { from: Date; to: Date }) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM breaches WHERE hall_id = ${hallId}::uuid AND kind = 'greeting'
        AND at >= ${day.from.toISOString()}::timestamptz AND at < ${day.to.toISOString()}::timestamptz`,
  );
  return row.n;
}

/** The hall's first ticket day (history imported before the hall was created counts), or null. */
export async function firstServiceDate(db: DbOrTx, hallId: string): Promise<string | null> {
  const [row] = await queryRows<{ d: string | null }>(
    db,
    sql`SELECT min(service_date)::text AS d FROM tickets WHERE hall_id = ${hallId}::uuid`,
  );
  return row?.d ?? null;
}
