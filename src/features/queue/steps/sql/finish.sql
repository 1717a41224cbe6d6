-- finishStatement (steps/finish.ts)
--   $1 :now
--   $2 :outcome
--   $3 :recommended
--   $4 :accepted
--   $5 :actorId
--   $6 :ticketId
--   $7 :hallId
--   $8 :regionCode
--   $9 :supervisor
--   $10 :ratingTokenHash
--   $11 :ratingUrl
WITH u AS (
     UPDATE tickets SET status = 'finished', finished_at = $1::timestamptz,
       outcome = $2::text, recommended = $3::text[], accepted = $4::text[],
       handling_seconds = greatest(0, round(extract(epoch FROM $1::timestamptz - coalesce(started_at, $1::timestamptz))))::int, staff_id = coalesce($5::uuid, staff_id),
       handling_breached = handling_breached OR greatest(0, round(extract(epoch FROM $1::timestamptz - coalesce(started_at, $1::timestamptz))))::int > handling_limit_seconds
     WHERE id = $6::uuid AND status = 'serving'
    AND ($7::uuid IS NULL OR hall_id = $7::uuid)
    AND ($8::text IS NULL OR hall_id IN (SELECT id FROM halls WHERE region_code = $8::text))
    AND ($9::boolean OR counter_id IS NULL OR NOT EXISTS (SELECT 1 FROM counters h
      WHERE h.id = tickets.counter_id AND h.staff_id IS NOT NULL AND h.staff_id IS DISTINCT FROM $5::uuid)) RETURNING *),
   h AS (INSERT INTO ticket_history (hall_id, ticket_id, action, from_status, to_status, counter_id, actor_id, detail)
     SELECT hall_id, id, 'finish', 'serving', status, counter_id, $5::uuid, NULL::text
     FROM u),
   v AS (INSERT INTO visit_nodes (visit_id, hall_id, node, ticket_id, actor_id, note)
     SELECT visit_id, hall_id, 'Z6', id, $5::uuid, array_to_string($3::text[], ',') FROM u
       WHERE cardinality($3::text[]) > 0
     UNION ALL SELECT visit_id, hall_id, 'Z7', id, $5::uuid, $2::text FROM u),
   b AS (INSERT INTO breaches (hall_id, ticket_id, kind, limit_seconds)
       SELECT hall_id, id, 'handling', handling_limit_seconds FROM u WHERE handling_seconds > handling_limit_seconds
       ON CONFLICT DO NOTHING RETURNING ticket_id),
   rl AS (
     INSERT INTO rating_links (hall_id, ticket_id, token_hash, expires_at)
     SELECT u.hall_id, u.id, $10::text,
       $1::timestamptz + interval '72 hours'
     FROM u WHERE u.phone IS NOT NULL
     ON CONFLICT DO NOTHING RETURNING hall_id, ticket_id),
   rm AS (
     INSERT INTO outbox (channel, recipient, body, hall_id, dedupe_key, payload)
     SELECT 'sms', u.phone,
       '【' || h.name || '】感谢您今天来厅办理业务，请为本次服务评价（72小时内有效）：' || $11::text,
       u.hall_id, 'rating:' || u.id::text,
       jsonb_build_object('ticketId', u.id, 'kind', 'rating')
     FROM u JOIN rl ON rl.ticket_id = u.id JOIN halls h ON h.id = u.hall_id
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id),
   e AS (
  INSERT INTO hall_events (hall_id, type, data)
  SELECT x.hall_id, x.type, x.data FROM (SELECT u.hall_id, 'ticket.finished'::text AS type,
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
     'handlingBreached', u.handling_breached)) || CASE WHEN u.counter_number IS NULL THEN '{}'::jsonb
  ELSE jsonb_build_object('counter', jsonb_build_object('id', u.counter_id, 'number', u.counter_number)) END AS data, 0 AS ord FROM u UNION ALL SELECT s.hall_id, 'limit.breached'::text, jsonb_build_object('kind', 'handling', 'ticketId', s.id,
       'number', s.number, 'businessType', s.business_type, 'counterNumber', s.counter_number,
       'limitSeconds', s.handling_limit_seconds, 'actualSeconds', s.handling_seconds), 1
     FROM u s JOIN b ON b.ticket_id = s.id) x ORDER BY x.ord
  RETURNING hall_id
)
   SELECT * FROM u;
