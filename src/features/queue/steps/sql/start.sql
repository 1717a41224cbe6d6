-- startStatement (steps/start.ts)
--   $1 :now
--   $2 :actorId
--   $3 :ticketId
--   $4 :hallId
--   $5 :regionCode
--   $6 :supervisor
WITH u AS (
     UPDATE tickets SET status = 'serving', started_at = $1::timestamptz,
       staff_id = coalesce($2::uuid, staff_id)
     WHERE id = $3::uuid AND status = 'called'
    AND ($4::uuid IS NULL OR hall_id = $4::uuid)
    AND ($5::text IS NULL OR hall_id IN (SELECT id FROM halls WHERE region_code = $5::text))
    AND ($6::boolean OR counter_id IS NULL OR NOT EXISTS (SELECT 1 FROM counters h
      WHERE h.id = tickets.counter_id AND h.staff_id IS NOT NULL AND h.staff_id IS DISTINCT FROM $2::uuid)) RETURNING *),
   h AS (INSERT INTO ticket_history (hall_id, ticket_id, action, from_status, to_status, counter_id, actor_id, detail)
     SELECT hall_id, id, 'start', 'called', status, counter_id, $2::uuid, NULL::text
     FROM u),
   v AS (INSERT INTO visit_nodes (visit_id, hall_id, node, ticket_id, actor_id)
     SELECT visit_id, hall_id, 'Z5', id, $2::uuid FROM u),
   e AS (
  INSERT INTO hall_events (hall_id, type, data)
  SELECT x.hall_id, x.type, x.data FROM (SELECT u.hall_id, 'ticket.started'::text AS type,
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
  ELSE jsonb_build_object('counter', jsonb_build_object('id', u.counter_id, 'number', u.counter_number)) END AS data, 0 AS ord FROM u) x ORDER BY x.ord
  RETURNING hall_id
)
   SELECT * FROM u;
