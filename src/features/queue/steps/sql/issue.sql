-- issueStatement (steps/issue.ts)
--   $1 :hallId
--   $2 :serviceDate
--   $3 :prefix
--   $4 :visitId
--   $5 :now
--   $6 :newVisit
--   $7 :ticketId
--   $8 :businessType
--   $9 :vip
--   $10 :channel
--   $11 :phone
--   $12 :queueAt
--   $13 :appointmentId
--   $14 :waitLimit
--   $15 :handlingLimit
--   $16 :actorId
--   $17 :detail
--   $18 :nearTurn
WITH n AS (INSERT INTO ticket_sequences (hall_id, service_date, prefix, last)
  VALUES ($1::uuid, $2::date, $3::text, 1)
  ON CONFLICT (hall_id, service_date, prefix) DO UPDATE SET last = ticket_sequences.last + 1
  RETURNING last),
   v AS (INSERT INTO visits (id, hall_id, entered_at)
     SELECT $4::uuid, $1::uuid, $5::timestamptz WHERE $6::boolean),
   t AS (
     INSERT INTO tickets (id, hall_id, visit_id, service_date, prefix, seq, number, business_type, vip, channel,
       phone, queue_at, issued_at, appointment_id, wait_limit_seconds, handling_limit_seconds)
     SELECT $7::uuid, $1::uuid, $4::uuid, $2::date, $3::text, n.last,
       $3::text || lpad(n.last::text, greatest(3, length(n.last::text)), '0'), $8::text,
       $9::boolean, $10::text, $11::text, $12::timestamptz, $5::timestamptz,
       $13::uuid, $14::int, $15::int
     FROM n RETURNING *),
   h AS (INSERT INTO ticket_history (hall_id, ticket_id, action, from_status, to_status, counter_id, actor_id, detail)
     SELECT hall_id, id, 'issue', NULL, status, counter_id, $16::uuid, $17::text
     FROM t),
   e AS (
  INSERT INTO hall_events (hall_id, type, data)
  SELECT x.hall_id, x.type, x.data FROM (SELECT t.hall_id, 'ticket.issued'::text AS type,
     jsonb_build_object('ticket', jsonb_build_object('id', t.id, 'hallId', t.hall_id, 'visitId', t.visit_id, 'number', t.number,
     'businessType', t.business_type, 'vip', t.vip, 'channel', t.channel, 'status', t.status,
     'phone', CASE WHEN t.phone IS NULL OR t.phone = '' THEN NULL
     WHEN length(t.phone) < 7 THEN repeat('*', length(t.phone))
     ELSE left(t.phone, 3) || repeat('*', length(t.phone) - 7) || right(t.phone, 4) END, 'counterId', t.counter_id, 'counterNumber', t.counter_number,
     'targetCounterId', t.target_counter_id, 'issuedAt', to_char(t.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'queueAt', to_char(t.queue_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
     'calledAt', to_char(t.called_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'startedAt', to_char(t.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
     'finishedAt', to_char(t.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'recallCount', t.recall_count,
     'calledOutOfOrder', t.called_out_of_order, 'outcome', t.outcome, 'recommended', t.recommended,
     'divertChannel', t.divert_channel, 'waitSeconds', t.wait_seconds,
     'handlingSeconds', t.handling_seconds,
     'waitBreached', t.wait_breached OR (t.status = 'waiting'
       AND clock_timestamp() - t.issued_at > t.wait_limit_seconds * interval '1 second'),
     'handlingBreached', t.handling_breached)) || '{}'::jsonb AS data, 0 AS ord FROM t) x ORDER BY x.ord
  RETURNING hall_id
)
   SELECT t.*,
     (SELECT count(*)::int FROM tickets o
     WHERE o.hall_id = $1::uuid AND o.status = 'waiting' AND o.business_type = $8::text
       AND (o.vip > $9::boolean OR (o.vip = $9::boolean AND (o.queue_at, o.id) < ($12::timestamptz, $7::uuid)))) AS ahead,
   (SELECT avg(handling_seconds)::float8 FROM (
     SELECT handling_seconds FROM tickets
     WHERE hall_id = $1::uuid AND business_type = $8::text AND handling_seconds IS NOT NULL
     ORDER BY finished_at DESC LIMIT 20) recent) AS mean,
   (SELECT count(*)::int FROM counters WHERE hall_id = $1::uuid AND status = 'open' AND $8::text = ANY(business_types)) AS serving,
     (SELECT count(*)::int FROM tickets WHERE hall_id = $1::uuid AND status = 'waiting'
      AND id IS DISTINCT FROM NULL::uuid) AS waiting,
   (SELECT level FROM peak_states WHERE hall_id = $1::uuid) AS level,
   (SELECT count(*)::int FROM counters WHERE hall_id = $1::uuid AND status = 'open') AS open,
   (SELECT coalesce(json_agg(json_build_object('id', t.id, 'phone', t.phone, 'number', t.number, 'ahead', a.ahead)), '[]')
    FROM tickets t
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS ahead FROM (
        SELECT 1 FROM tickets o
        WHERE o.hall_id = t.hall_id AND o.status = 'waiting' AND o.business_type = t.business_type
          AND (o.vip > t.vip OR (o.vip = t.vip AND (o.queue_at, o.id) < (t.queue_at, t.id)))
          AND o.id IS DISTINCT FROM NULL::uuid
        LIMIT $18::int
      ) x
    ) a
    WHERE $18::int > 0 AND t.hall_id = $1::uuid AND t.status = 'waiting' AND t.phone IS NOT NULL
      AND t.id IS DISTINCT FROM NULL::uuid
      AND NOT EXISTS (SELECT 1 FROM ticket_notices n WHERE n.ticket_id = t.id AND n.kind = 'near_turn')
      AND a.ahead < $18::int) AS due
   FROM t;

-- takeNumberStatement (steps/issue.ts)
--   $1 :hallId
--   $2 :serviceDate
--   $3 :prefix
--   $4 :ticketId
WITH n AS (INSERT INTO ticket_sequences (hall_id, service_date, prefix, last)
  VALUES ($1::uuid, $2::date, $3::text, 1)
  ON CONFLICT (hall_id, service_date, prefix) DO UPDATE SET last = ticket_sequences.last + 1
  RETURNING last)
   SELECT set_config('synchronous_commit', 'off', true),
     set_config('tingwu.number', $4::text || ':' || last, false)
   FROM n;

-- issueWithTakenNumberStatement (steps/issue.ts)
--   $1 :ticketId
--   $2 :visitId
--   $3 :hallId
--   $4 :now
--   $5 :newVisit
--   $6 :serviceDate
--   $7 :prefix
--   $8 :businessType
--   $9 :vip
--   $10 :channel
--   $11 :phone
--   $12 :queueAt
--   $13 :appointmentId
--   $14 :waitLimit
--   $15 :handlingLimit
--   $16 :actorId
--   $17 :detail
--   $18 :nearTurn
WITH n AS (SELECT split_part(current_setting('tingwu.number', true), ':', 2)::int AS last
    WHERE split_part(current_setting('tingwu.number', true), ':', 1) = $1::text),
   v AS (INSERT INTO visits (id, hall_id, entered_at)
     SELECT $2::uuid, $3::uuid, $4::timestamptz WHERE $5::boolean),
   t AS (
     INSERT INTO tickets (id, hall_id, visit_id, service_date, prefix, seq, number, business_type, vip, channel,
       phone, queue_at, issued_at, appointment_id, wait_limit_seconds, handling_limit_seconds)
     SELECT $1::uuid, $3::uuid, $2::uuid, $6::date, $7::text, n.last,
       $7::text || lpad(n.last::text, greatest(3, length(n.last::text)), '0'), $8::text,
       $9::boolean, $10::text, $11::text, $12::timestamptz, $4::timestamptz,
       $13::uuid, $14::int, $15::int
     FROM n RETURNING *),
   h AS (INSERT INTO ticket_history (hall_id, ticket_id, action, from_status, to_status, counter_id, actor_id, detail)
     SELECT hall_id, id, 'issue', NULL, status, counter_id, $16::uuid, $17::text
     FROM t),
   e AS (
  INSERT INTO hall_events (hall_id, type, data)
  SELECT x.hall_id, x.type, x.data FROM (SELECT t.hall_id, 'ticket.issued'::text AS type,
     jsonb_build_object('ticket', jsonb_build_object('id', t.id, 'hallId', t.hall_id, 'visitId', t.visit_id, 'number', t.number,
     'businessType', t.business_type, 'vip', t.vip, 'channel', t.channel, 'status', t.status,
     'phone', CASE WHEN t.phone IS NULL OR t.phone = '' THEN NULL
     WHEN length(t.phone) < 7 THEN repeat('*', length(t.phone))
     ELSE left(t.phone, 3) || repeat('*', length(t.phone) - 7) || right(t.phone, 4) END, 'counterId', t.counter_id, 'counterNumber', t.counter_number,
     'targetCounterId', t.target_counter_id, 'issuedAt', to_char(t.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'queueAt', to_char(t.queue_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
     'calledAt', to_char(t.called_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'startedAt', to_char(t.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
     'finishedAt', to_char(t.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'recallCount', t.recall_count,
     'calledOutOfOrder', t.called_out_of_order, 'outcome', t.outcome, 'recommended', t.recommended,
     'divertChannel', t.divert_channel, 'waitSeconds', t.wait_seconds,
     'handlingSeconds', t.handling_seconds,
     'waitBreached', t.wait_breached OR (t.status = 'waiting'
       AND clock_timestamp() - t.issued_at > t.wait_limit_seconds * interval '1 second'),
     'handlingBreached', t.handling_breached)) || '{}'::jsonb AS data, 0 AS ord FROM t) x ORDER BY x.ord
  RETURNING hall_id
)
   SELECT t.*,
     (SELECT count(*)::int FROM tickets o
     WHERE o.hall_id = $3::uuid AND o.status = 'waiting' AND o.business_type = $8::text
       AND (o.vip > $9::boolean OR (o.vip = $9::boolean AND (o.queue_at, o.id) < ($12::timestamptz, $1::uuid)))) AS ahead,
   (SELECT avg(handling_seconds)::float8 FROM (
     SELECT handling_seconds FROM tickets
     WHERE hall_id = $3::uuid AND business_type = $8::text AND handling_seconds IS NOT NULL
     ORDER BY finished_at DESC LIMIT 20) recent) AS mean,
   (SELECT count(*)::int FROM counters WHERE hall_id = $3::uuid AND status = 'open' AND $8::text = ANY(business_types)) AS serving,
     (SELECT count(*)::int FROM tickets WHERE hall_id = $3::uuid AND status = 'waiting'
      AND id IS DISTINCT FROM NULL::uuid) AS waiting,
   (SELECT level FROM peak_states WHERE hall_id = $3::uuid) AS level,
   (SELECT count(*)::int FROM counters WHERE hall_id = $3::uuid AND status = 'open') AS open,
   (SELECT coalesce(json_agg(json_build_object('id', t.id, 'phone', t.phone, 'number', t.number, 'ahead', a.ahead)), '[]')
    FROM tickets t
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS ahead FROM (
        SELECT 1 FROM tickets o
        WHERE o.hall_id = t.hall_id AND o.status = 'waiting' AND o.business_type = t.business_type
          AND (o.vip > t.vip OR (o.vip = t.vip AND (o.queue_at, o.id) < (t.queue_at, t.id)))
          AND o.id IS DISTINCT FROM NULL::uuid
        LIMIT $18::int
      ) x
    ) a
    WHERE $18::int > 0 AND t.hall_id = $3::uuid AND t.status = 'waiting' AND t.phone IS NOT NULL
      AND t.id IS DISTINCT FROM NULL::uuid
      AND NOT EXISTS (SELECT 1 FROM ticket_notices n WHERE n.ticket_id = t.id AND n.kind = 'near_turn')
      AND a.ahead < $18::int) AS due
   FROM t;
