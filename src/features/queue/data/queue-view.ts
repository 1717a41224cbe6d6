import type { DbOrTx } from "../../../core/db.js";
import { run, statement } from "../../../core/statements.js";
import { type AsOf, asOfFrom, streamPositionSql } from "../../../core/stream-position.js";
import type { Counter } from "../../halls/contract.js";
import { countersJsonSql } from "../../halls/data.js";
import type { Ticket } from "../contract.js";
import { ticketJsonSql, waitingLinesSql } from "../data.js";

/** What a line needs for its wait estimate: its recent mean, the open counters serving it, its limit. */
export type LineFigures = {
  businessType: string;
  mean: number | null;
  serving: number;
  handlingLimitSeconds: number;
  /** The line's waiting limit: its tickets' (each took its type's, or the hall's override, when issued). */
  waitLimitSeconds: number;
};

export type QueueRead = {
  waiting: Ticket[];
  serving: Ticket[];
  counters: Counter[];
  lines: LineFigures[];
  asOf: AsOf;
};

// The hall's whole live picture in one prepared statement, so every part of it — and the stream
// position a live screen continues from — comes from the same snapshot. It was 3 + 2 × business types
// Drizzle queries, built afresh on every read (issue 11, bench/README.md).
const selectQueue = statement(
  `SELECT
     (SELECT coalesce(jsonb_agg(${ticketJsonSql("t")} ORDER BY t.vip DESC, t.queue_at, t.id), '[]'::jsonb)
        FROM tickets t WHERE t.hall_id = $1 AND t.status = 'waiting') AS waiting,
     (SELECT coalesce(jsonb_agg(${ticketJsonSql("t")} ORDER BY t.counter_number, t.id), '[]'::jsonb)
        FROM tickets t WHERE t.hall_id = $1 AND t.status IN ('called', 'serving')) AS serving,
     ${countersJsonSql("$1")} AS counters,
     (SELECT coalesce(jsonb_agg(jsonb_build_object(
          'businessType', x.business_type, 'mean', x.mean, 'serving', x.serving,
          'handlingLimitSeconds', x.handling_limit, 'waitLimitSeconds', x.wait_limit)), '[]'::jsonb)
        FROM (${waitingLinesSql("hall_id = $1")}) x) AS lines,
     ${streamPositionSql("$1")}`,
);

type Row = Omit<QueueRead, "asOf"> & { stream_head: string | null; stream_seen: string[] };

/** GET …/queue's data: waiting in calling order (R-CALL), at the counters by number, the counters, lines. */
export async function readQueue(db: DbOrTx, hallId: string): Promise<QueueRead> {
  const [r] = await run<Row>(db, selectQueue, [hallId]);
  return {
    waiting: r.waiting,
    serving: r.serving,
    counters: r.counters,
    lines: r.lines,
    asOf: asOfFrom(r),
  };
}
