-- callNextStatement (steps/call-next.ts)
--   $1 :counterId
--   $2 :hallId
--   $3 :supervisor
--   $4 :actorId
--   $5 :now
--   $6 :vipWaitSeconds
--   $7 :expressTypes
--   $8 :nearTurn
WITH c AS (SELECT * FROM counters WHERE id = $1::uuid AND hall_id = $2::uuid FOR UPDATE),
   n AS (
     SELECT id, called_at AS prev_called_at FROM tickets
     WHERE hall_id = $2::uuid AND status = 'waiting'
       AND business_type = ANY((SELECT business_types FROM c WHERE status = 'open' AND away_since IS NULL
  AND ($3::boolean OR staff_id IS NULL OR staff_id = $4::uuid))::text[])
       AND (target_counter_id IS NULL OR target_counter_id = $1::uuid)
       AND (NOT vip OR (SELECT vip FROM c) OR NOT EXISTS (SELECT 1 FROM counters WHERE hall_id = $2::uuid AND status = 'open' AND vip)
         OR queue_at <= $5::timestamptz - make_interval(secs => $6::int))
     ORDER BY vip DESC, ((SELECT express FROM c) AND business_type = ANY($7::text[])) DESC,
       queue_at, id LIMIT 1
     FOR NO KEY UPDATE SKIP LOCKED),
   u AS (
     UPDATE tickets t SET status = 'called', counter_id = $1::uuid,
       counter_number = c.number, staff_id = $4::uuid, called_at = $5::timestamptz,
       target_counter_id = NULL, wait_seconds = CASE WHEN t.called_at IS NULL
  THEN greatest(0, round(extract(epoch FROM $5::timestamptz - t.issued_at)))::int ELSE t.wait_seconds END,
       wait_breached = t.wait_breached OR coalesce(CASE WHEN t.called_at IS NULL
  THEN greatest(0, round(extract(epoch FROM $5::timestamptz - t.issued_at)))::int ELSE t.wait_seconds END, 0) > t.wait_limit_seconds
     FROM c, n WHERE t.id = n.id
     RETURNING t.*, n.prev_called_at),
   h AS (INSERT INTO ticket_history (hall_id, ticket_id, action, from_status, to_status, counter_id, actor_id, detail)
     SELECT hall_id, id, 'call', 'waiting', status, counter_id, $4::uuid, NULL::text
     FROM u),
   b AS (INSERT INTO breaches (hall_id, ticket_id, kind, limit_seconds)
       SELECT hall_id, id, 'wait', wait_limit_seconds FROM u WHERE prev_called_at IS NULL AND wait_seconds > wait_limit_seconds
       ON CONFLICT DO NOTHING RETURNING ticket_id),
   e AS (
  INSERT INTO hall_events (hall_id, type, data)
  SELECT x.hall_id, x.type, x.data FROM (SELECT u.hall_id, 'ticket.called'::text AS type,
     jsonb_build_object('ticket', jsonb_build_object('id', u.id, 'hallId', u.hall_id, 'visitId', u.visit_id, 'number', u.number,
     'businessType', u.business_type, 'vip', u.vip, 'channel', u.channel, 'status', u.status,
     'phone', CASE WHEN u.phone IS NULL OR u.phone = '' THEN NULL
     WHEN length(u.phone) < 7 THEN repeat('*', length(u.phone))
     ELSE left(u.phone, 3) || repeat('*', length(u.phone) - 7) || right(u.phone, 4) END, 'counterId', u.counter_id, 'counterNumber', u.counter_number,
     'targetCounterId', u.target_counter_id, 'issuedAt', to_char(u.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'queueAt', to_char(u.queue_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
     'calledAt', to_char(u.called_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'startedAt', to_char(u.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
     'finishedAt', to_char(u.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'recallCount', u.recall_count,
     'calledOutOfOrder', u.called_out_of_order, 'outcome', u.outcome, 'recommended', u.recommended,
     'divertChannel', u.divert_channel, 'waitSeconds', u.wait_seconds,
     'handlingSeconds', u.handling_seconds,
     'waitBreached', u.wait_breached OR (u.status = 'waiting'
       AND clock_timestamp() - u.issued_at > u.wait_limit_seconds * interval '1 second'),
     'handlingBreached', u.handling_breached)) || jsonb_build_object('counter', jsonb_build_object('id', c.id, 'number', c.number, 'label', c.label)) AS data, 0 AS ord FROM u, c UNION ALL SELECT s.hall_id, 'limit.breached'::text, jsonb_build_object('kind', 'wait', 'ticketId', s.id,
       'number', s.number, 'businessType', s.business_type, 'counterNumber', s.counter_number,
       'limitSeconds', s.wait_limit_seconds, 'actualSeconds', s.wait_seconds), 1
     FROM u s JOIN b ON b.ticket_id = s.id) x ORDER BY x.ord
  RETURNING hall_id
)
   SELECT c.status AS counter_status, c.label AS counter_label, c.staff_id AS counter_staff_id,
     c.away_reason AS counter_away_reason, c.away_since IS NOT NULL AS counter_away,
     c.business_types AS counter_business_types, u.*,
     (SELECT count(*)::int FROM tickets WHERE hall_id = $2::uuid AND status = 'waiting'
      AND id IS DISTINCT FROM (SELECT id FROM n)) AS waiting,
   (SELECT level FROM peak_states WHERE hall_id = $2::uuid) AS level,
   (SELECT count(*)::int FROM counters WHERE hall_id = $2::uuid AND status = 'open') AS open,
   (SELECT coalesce(json_agg(json_build_object('id', t.id, 'phone', t.phone, 'number', t.number, 'ahead', a.ahead)), '[]')
    FROM tickets t
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS ahead FROM (
        SELECT 1 FROM tickets o
        WHERE o.hall_id = t.hall_id AND o.status = 'waiting' AND o.business_type = t.business_type
          AND (o.vip > t.vip OR (o.vip = t.vip AND (o.queue_at, o.id) < (t.queue_at, t.id)))
          AND o.id IS DISTINCT FROM (SELECT id FROM n)
        LIMIT $8::int
      ) x
    ) a
    WHERE $8::int > 0 AND t.hall_id = $2::uuid AND t.status = 'waiting' AND t.phone IS NOT NULL
      AND t.id IS DISTINCT FROM (SELECT id FROM n)
      AND NOT EXISTS (SELECT 1 FROM ticket_notices n WHERE n.ticket_id = t.id AND n.kind = 'near_turn')
      AND a.ahead < $8::int) AS due
   FROM (SELECT 1) one LEFT JOIN c ON true LEFT JOIN u ON true;
