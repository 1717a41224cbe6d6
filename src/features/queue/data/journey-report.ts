import type { DbOrTx } from "../../../core/db.js";
import { run, statement } from "../../../core/statements.js";
import type { JourneyDaySums, JourneyNodeSums } from "../rules.js";

// R-VISIT's journey report: where a hall's visits spent their time, node by node and day by day, from
// the visits and their nodes (visits_hall_idx, visit_nodes_visit_idx) and the visits' tickets
// (tickets_visit_idx). A node's dwell is the time until the visit's next node; a visit lasts from its
// entry to its last node; its back stage is the time its tickets waited between issue and the counter's
// start (see journeyStages in rules.ts). Everything is read per visit (LATERAL, a correlated sum), and no
// set of visits is joined to another: probes of the visit indexes whatever the planner estimates for the
// day's visits. Joined as sets, a stale estimate (85 visits for the day's 514) made a hash join over every
// hall's history, 3.5 s on 9 M tickets; and a prepared statement's generic plan (2 visits) nested the
// visits' wait sums inside a join of the visits with themselves, 3.2 s on one day (issue 17).
const selectJourneySums = statement(
  `WITH v AS (
     SELECT id, entered_at, to_char(entered_at AT TIME ZONE $4, 'YYYY-MM-DD') AS day
       FROM visits WHERE hall_id = $1 AND entered_at >= $2 AND entered_at < $3),
   n AS (
     SELECT v.id AS visit_id, vn.node, vn.at, v.entered_at, vn.next_at
       FROM v CROSS JOIN LATERAL (
         SELECT node, at, lead(at) OVER (ORDER BY at, id) AS next_at
           FROM visit_nodes WHERE visit_id = v.id) vn),
   per AS (
     SELECT v.day, x.k,
            greatest(extract(epoch FROM x.last_at - v.entered_at), 0) AS total,
            coalesce((SELECT sum(extract(epoch FROM t.started_at - t.issued_at)) FROM tickets t
                       WHERE t.visit_id = v.id AND t.started_at IS NOT NULL), 0) AS wait,
            extract(epoch FROM x.first_z1 - v.entered_at) AS greeting
       FROM v CROSS JOIN LATERAL (
         SELECT count(*) AS k, max(at) AS last_at, min(at) FILTER (WHERE node = 'Z1') AS first_z1
           FROM visit_nodes WHERE visit_id = v.id) x)
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
        FROM (SELECT day, count(*)::int AS visits, count(*) FILTER (WHERE k > 0)::int AS timed,
                     coalesce(sum(total) FILTER (WHERE k > 0), 0)::float8 AS total,
                     coalesce(sum(least(wait, total)) FILTER (WHERE k > 0), 0)::float8 AS back,
                     count(greeting)::int AS greeted,
                     coalesce(sum(greatest(greeting, 0)), 0)::float8 AS greeting
                FROM per GROUP BY day) d) AS days`,
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
