import { z } from "zod";

// What a read of a hall's live state has already seen of the hall's event stream (src/core/events/),
// so a screen that applies events to what it read applies each change exactly once. The read's own
// snapshot decides both: the stream's head as that snapshot delivers it (every event up to it is in
// the read) and the committed transactions the read sees whose events are not delivered yet (they
// come later, after the head, and are in the read already). Every other event after the head is not.

/** The columns `stream_head` (`<tx>-<id>`, null before any event) and `stream_seen` (tx ids, jsonb). */
export const streamPositionSql = (hall: string) =>
  `(SELECT tx_id::text || '-' || id FROM hall_events
     WHERE hall_id = ${hall} AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY tx_id DESC, id DESC LIMIT 1) AS stream_head,
   (SELECT coalesce(jsonb_agg(DISTINCT tx_id::text), '[]') FROM hall_events
     WHERE hall_id = ${hall} AND tx_id >= pg_snapshot_xmin(pg_current_snapshot())) AS stream_seen`;

export const asOfSchema = z
  .object({
    // The SSE id (`<tx>-<id>`) of the last event the read includes; "0-0" before the hall's first.
    position: z.string(),
    // Writing transactions (the `tx` of an event) whose events come after `position` but are in the read.
    seen: z.array(z.string()),
  })
  .describe("Where the hall's event stream stood for this read: apply only later events, except `seen`");
export type AsOf = z.infer<typeof asOfSchema>;

export const asOfFrom = (r: { stream_head: string | null; stream_seen: string[] }): AsOf => ({
  position: r.stream_head ?? "0-0",
  seen: r.stream_seen,
});
