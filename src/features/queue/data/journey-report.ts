import type { DbOrTx } from "../../../core/db.js";
import { run, statement } from "../../../core/statements.js";
import type { JourneyDaySums, JourneyNodeSums } from "../rules.js";

// R-VISIT's journey report: where a hall's visits spent their time, node by node and day by day, from
// the visits and their nodes (visits_hall_idx, visit_nodes_visit_idx) and the visits' tickets
// (tickets_visit_idx). A node's dwell is the time until the visit's next node; a visit lasts from its
// entry to its last node; its back stage is the time its tickets waited between issue and the counter's
// start (see journeyStages in rules.ts). The nodes and tickets are read per visit (LATERAL, a correlated
// sum): probes of their visit indexes whatever the planner estimates for the day's visits — joined as sets,
// a stale estimate (a few visits for the day's 500) turned the plan into a hash join over every hall's
// history, 3.5 s on 9 M tickets (issue 17).
const selectJourneySums = statement(
  `WITH v AS (
     SELECT id, entered_at, to_char(entered_at AT TIME ZONE $4, 'YYYY-MM-DD') AS day
       FROM visits WHERE hall_id = $1 AND entered_at >= $2 AND entered_at < $3),
   n AS (
     SELECT v.id AS visit_id, vn.node, vn.at, v.entered_at, vn.next_at
       FROM v CROSS JOIN LATERAL (
         SELECT node, at, lead(at) OVER (ORDER BY at, id) AS next_at
           FROM visit_nodes WHERE visit_id = v.id) vn),
   w AS (
     SELECT v.id AS visit_id,
            (SELECT sum(extract(epoch FROM t.started_at - t.issued_at)) FROM tickets t
              WHERE t.visit_id = v.id AND t.started_at IS NOT NULL) AS wait
       FROM v),
   per AS (
     SELECT v.id, v.day, greatest(extract(epoch FROM max(n.at) - v.entered_at), 0) AS total,
            coalesce(max(w.wait), 0) AS wait,
            extract(epoch FROM min(n.at) FILTER (WHERE n.node = 'Z1') - v.entered_at) AS greeting
       FROM v JOIN n ON n.visit_id = v.id LEFT JOIN w ON w.visit_id = v.id
      GROUP BY v.id, v.day, v.entered_at)
   SELECT
     (SELECT coalesce(jsonb_agg(jsonb_build_object(
          'node', node, 'visits', visits, 'dwellSeconds', dwell, 'dwellCount', dwell_count,
          'entries', entries, 'fromEntrySeconds', from_entry) ORDER BY node), '[]'::jsonb)
        FROM (SELECT node, count(DISTINCT visit_id)::int AS visits,
                     coalesce(sum(extract(epoch FROM next_at - at)), 0)::float8 AS dwell,
                     count(next_at)::int AS dwell_count, count(*)::int AS entries,
                     coalesce(sum(greatest(extract(epoch FROM at - entered_at), 0)), 0)::float8 AS from_entry
                FROM n GROUP BY node) x) AS nodes,
     (SELECT coalesce(jsonb_agg(jsonb_build_object(
          'date', day, 'visits', visits, 'timedVisits', timed, 'totalSeconds', total,
          'backSeconds', back, 'greetedVisits', greeted, 'greetingSeconds', greeting) ORDER BY day), '[]'::jsonb)
        FROM (SELECT v.day, count(*)::int AS visits, count(per.id)::int AS timed,
                     coalesce(sum(per.total), 0)::float8 AS total,
                     coalesce(sum(least(per.wait, per.total)), 0)::float8 AS back,
                     count(per.greeting)::int AS greeted,
                     coalesce(sum(greatest(per.greeting, 0)), 0)::float8 AS greeting
                FROM v LEFT JOIN per ON per.id = v.id GROUP BY v.day) d) AS days`,
);

/** The sums behind a hall's journey report for visits that entered in [from, to), days in `timeZone`. */
export async function journeySums(
  db: DbOrTx,
  hallId: string,
  from: Date,
  to: Date,
  timeZone: string,
): Promise<{ nodes: JourneyNodeSums[]; days: JourneyDaySums[] }> {
  const [r] = await run<{ nodes: JourneyNodeSums[]; days: JourneyDaySums[] }>(db, selectJourneySums, [
    hallId,
    from,
    to,
    timeZone,
  ]);
  return r;
}
