import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../core/db.js";
import { queryRows, sqlArray } from "../../../core/db.js";

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

/** The figures of some halls' local day, per hall and business type (one statement for all of them). */
export async function ticketDayFigures(
  db: DbOrTx,
  hallIds: string[],
  date: string,
  day: { from: Date; to: Date },
): Promise<(TicketDayFigures & { hallId: string })[]> {
  if (!hallIds.length) return [];
  const rows = await queryRows<{
    hall_id: string;
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
    sql`WITH t AS (SELECT * FROM tickets WHERE hall_id = ANY(${sqlArray(hallIds, "uuid")}) AND service_date = ${date}::date),
      h AS (SELECT hall_id, business_type, jsonb_agg(jsonb_build_object('b', b, 'n', n)) AS hist FROM (
          SELECT hall_id, business_type, least(wait_seconds / ${WAIT_BUCKET_SECONDS}, ${WAIT_BUCKETS - 1}) AS b, count(*)::int AS n
          FROM t WHERE wait_seconds IS NOT NULL GROUP BY 1, 2, 3) x GROUP BY 1, 2),
      a AS (SELECT hall_id, business_type, jsonb_agg(jsonb_build_object('s', s, 'n', n)) AS slots FROM (
          SELECT hall_id, business_type,
            least(greatest(floor(extract(epoch FROM issued_at - ${day.from.toISOString()}::timestamptz) / 1800)::int, 0), ${SLOTS - 1}) AS s,
            count(*)::int AS n
          FROM t GROUP BY 1, 2, 3) y GROUP BY 1, 2)
      SELECT t.hall_id, t.business_type,
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
        (SELECT hist FROM h WHERE h.hall_id = t.hall_id AND h.business_type = t.business_type) AS hist,
        (SELECT slots FROM a WHERE a.hall_id = t.hall_id AND a.business_type = t.business_type) AS slots
      FROM t GROUP BY t.hall_id, t.business_type ORDER BY t.hall_id, t.business_type`,
  );
  const transfers = await queryRows<{ hall_id: string; business_type: string; n: number }>(
    db,
    sql`SELECT h.hall_id, t.business_type, count(*)::int AS n FROM ticket_history h JOIN tickets t ON t.id = h.ticket_id
        WHERE h.hall_id = ANY(${sqlArray(hallIds, "uuid")}) AND h.action = 'transfer' AND h.at >= ${day.from.toISOString()}::timestamptz
          AND h.at < ${day.to.toISOString()}::timestamptz
        GROUP BY 1, 2`,
  );
  const moved = new Map(transfers.map((r) => [`${r.hall_id}|${r.business_type}`, r.n]));
  return rows.map((r) => {
    const hist = new Array<number>(WAIT_BUCKETS).fill(0);
    for (const { b, n } of r.hist ?? []) hist[b] = n;
    const arrivals = new Array<number>(SLOTS).fill(0);
    for (const { s: slot, n } of r.slots ?? []) arrivals[slot] = n;
    return {
      hallId: r.hall_id,
      businessType: r.business_type,
      issued: r.issued,
      served: r.served,
      noShow: r.no_show,
      cancelled: r.cancelled,
      diverted: r.diverted,
      transferred: moved.get(`${r.hall_id}|${r.business_type}`) ?? 0,
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

/** Some halls' greeting breaches of a day (they belong to a visit, not a business type), by hall. */
export async function greetingBreachCounts(db: DbOrTx, hallIds: string[], day: { from: Date; to: Date }) {
  if (!hallIds.length) return new Map<string, number>();
  const rows = await queryRows<{ hall_id: string; n: number }>(
    db,
    sql`SELECT hall_id, count(*)::int AS n FROM breaches WHERE hall_id = ANY(${sqlArray(hallIds, "uuid")}) AND kind = 'greeting'
        AND at >= ${day.from.toISOString()}::timestamptz AND at < ${day.to.toISOString()}::timestamptz
        GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.hall_id, r.n]));
}

/** Some halls' first ticket days (history imported before a hall was created counts): one probe each. */
export async function firstServiceDates(db: DbOrTx, hallIds: string[]): Promise<Map<string, string>> {
  if (!hallIds.length) return new Map();
  const rows = await queryRows<{ hall_id: string; d: string | null }>(
    db,
    sql`SELECT h.id AS hall_id, (SELECT min(service_date)::text FROM tickets WHERE hall_id = h.id) AS d
        FROM unnest(${sqlArray(hallIds, "uuid")}) AS h(id)`,
  );
  return new Map(rows.filter((r) => r.d).map((r) => [r.hall_id, r.d as string]));
}
