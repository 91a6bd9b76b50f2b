-- The desk's two busiest writes, each in one statement: saving a drop-in visit (log_visit) and
-- taking a shower or laundry place (place_booking). Each used to take six or seven round trips
-- inside a transaction (BEGIN, lock the person, read, insert, audit, COMMIT); with twenty desks at
-- once the round trips, not the work, set the wait. Each function does the same checks and writes
-- in one call, which PostgreSQL runs atomically, and answers with a jsonb object: the result, or
-- {"refused", …}, which the application turns into the plain message beside the form's field.

-- Locks a participant record for the rest of the transaction, so a merge or de-identification
-- cannot slip in between a check and the row that refers to it (and two desks acting for the same
-- person go one after the other); answers why the record cannot be used, or null when it can.
CREATE FUNCTION lock_open_participant(p_participant uuid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  person record;
BEGIN
  SELECT deidentified_at IS NOT NULL AS deidentified, merged_into_id IS NOT NULL AS merged INTO person
    FROM participant WHERE id = p_participant FOR NO KEY UPDATE;
  IF NOT FOUND THEN RETURN 'participant_not_found'; END IF;
  IF person.deidentified THEN RETURN 'participant_deidentified'; END IF;
  IF person.merged THEN RETURN 'participant_merged'; END IF;
  RETURN NULL;
END;
$$;

-- Saving a drop-in visit: the person (if named), the service lines, the visit, its services and
-- its audit row. The unique idempotency key makes a double submit return the first visit.
CREATE FUNCTION log_visit(
  p_participant uuid, p_visited_at timestamptz, p_visit_date date, p_key uuid,
  p_actor uuid, p_actor_role "Role", p_services jsonb, p_backdated boolean
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  refusal text;
  bad record;
  new_id uuid;
  earlier record;
BEGIN
  IF p_participant IS NOT NULL THEN
    refusal := lock_open_participant(p_participant);
    IF refusal IS NOT NULL THEN RETURN jsonb_build_object('refused', refusal); END IF;
  END IF;

  -- The first line, in the form's order, that names an unknown type, a type no longer offered, or
  -- a quantity on a service (only supplies have one).
  SELECT line.ord, (line.e->>'serviceTypeId') AS type_id, t.id IS NULL AS unknown, t.name, NOT t.active AS inactive
    INTO bad
    FROM jsonb_array_elements(p_services) WITH ORDINALITY AS line(e, ord)
    LEFT JOIN service_type t ON t.id = (line.e->>'serviceTypeId')::uuid
    WHERE t.id IS NULL OR NOT t.active OR (t.kind = 'service' AND (line.e->>'quantity')::int <> 1)
    ORDER BY line.ord LIMIT 1;
  IF FOUND THEN
    RETURN jsonb_build_object('refused', CASE WHEN bad.unknown THEN 'service_not_found' WHEN bad.inactive THEN 'service_inactive' ELSE 'service_quantity' END,
                              'serviceTypeId', bad.type_id, 'name', bad.name);
  END IF;

  -- The unique key on the form's idempotency key decides a double submit, not a look-up first.
  INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, updated_at)
    VALUES (gen_random_uuid(), p_participant, p_visited_at, p_visit_date, p_key, p_actor, now())
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id INTO new_id;
  IF new_id IS NULL THEN
    SELECT id, created_by_id INTO earlier FROM visit WHERE idempotency_key = p_key;
    RETURN jsonb_build_object('visitId', earlier.id, 'duplicate', true, 'createdById', earlier.created_by_id);
  END IF;

  INSERT INTO visit_service (visit_id, service_type_id, quantity)
    SELECT new_id, (e->>'serviceTypeId')::uuid, (e->>'quantity')::int FROM jsonb_array_elements(p_services) AS e;

  INSERT INTO audit_event (actor_id, actor_role, action, outcome, entity_type, entity_id, details)
    VALUES (p_actor, p_actor_role, 'visit.logged', 'ok', 'visit', new_id::text, jsonb_build_object(
      'participantId', p_participant,
      'serviceTypeIds', (SELECT coalesce(jsonb_agg(e->>'serviceTypeId' ORDER BY ord), '[]'::jsonb)
                         FROM jsonb_array_elements(p_services) WITH ORDINALITY AS line(e, ord)),
      'backdated', p_backdated));

  RETURN jsonb_build_object('visitId', new_id, 'duplicate', false, 'createdById', p_actor);
END;
$$;

-- Taking a place in a shower or laundry slot, in one statement (it was six round trips inside a
-- transaction). The guarantee against overbooking stays where it was: the partial unique key
-- booking_seat_taken_key and the capacity trigger. This function only picks the lowest seat it
-- sees free; when another desk takes that seat first, the insert fails with a unique violation
-- and the application calls again with a fresh look. Refusals come back as {"refused", …}.
-- The audit row is written before the booking and the day's ticket counter is taken last, so the
-- one row every booking of a day and kind waits on is held as briefly as possible.
CREATE FUNCTION place_booking(
  p_id uuid, p_resource uuid, p_kind "ResourceKind", p_capacity int, p_slot_start timestamptz, p_slot_end timestamptz,
  p_day date, p_participant uuid, p_key uuid, p_actor uuid, p_actor_role "Role", p_via text,
  p_entry uuid, p_entry_ticket int, p_limit_default int, p_now timestamptz
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  refusal text;
  lim integer;
  held integer;
  free_seat integer;
  new_ticket integer;
BEGIN
  IF p_participant IS NOT NULL THEN
    -- Two desks booking the same person are counted one after the other (booking_daily_limit takes the same lock).
    refusal := lock_open_participant(p_participant);
    IF refusal IS NOT NULL THEN RETURN jsonb_build_object('refused', refusal); END IF;
    -- The daily limit, read as the trigger reads it; counted here to answer with the exact limit.
    SELECT CASE WHEN jsonb_typeof(value) = 'number' THEN (value #>> '{}')::numeric::integer END INTO lim
      FROM setting WHERE key = 'bookings.perPersonPerDay';
    lim := coalesce(lim, p_limit_default);
    SELECT count(*) INTO held FROM booking
      WHERE participant_id = p_participant AND kind = p_kind AND day = p_day AND status IN ('booked', 'checked_in');
    IF held >= lim THEN RETURN jsonb_build_object('refused', 'limit', 'max', lim); END IF;
    -- A booking is activity: retention counts from the person's last activity.
    UPDATE participant SET last_activity_at = greatest(last_activity_at, now()) WHERE id = p_participant;
  END IF;

  IF p_entry IS NOT NULL THEN
    -- Two desks booking the same waitlist entry at once: only the first finds it still waiting.
    PERFORM 1 FROM waitlist_entry WHERE id = p_entry AND status IN ('waiting', 'offered') FOR UPDATE;
    IF NOT FOUND THEN RETURN jsonb_build_object('refused', 'entry_closed'); END IF;
  END IF;

  SELECT s INTO free_seat FROM generate_series(1, p_capacity) AS s
    WHERE NOT EXISTS (SELECT 1 FROM booking b WHERE b.resource_id = p_resource AND b.slot_start = p_slot_start
                        AND b.status IN ('booked', 'checked_in') AND b.seat = s)
    ORDER BY s LIMIT 1;
  IF free_seat IS NULL THEN RETURN jsonb_build_object('refused', 'full'); END IF;

  INSERT INTO audit_event (actor_id, actor_role, action, outcome, entity_type, entity_id, details)
    VALUES (p_actor, p_actor_role, 'booking.created', 'ok', 'booking', p_id::text, jsonb_build_object(
      'resourceId', p_resource, 'participantId', p_participant, 'seat', free_seat, 'via', p_via, 'waitlistEntryId', p_entry));

  IF p_entry_ticket IS NULL THEN
    INSERT INTO booking_ticket (day, kind, last) VALUES (p_day, p_kind, 1)
      ON CONFLICT (day, kind) DO UPDATE SET last = booking_ticket.last + 1
      RETURNING last INTO new_ticket;
  ELSE
    new_ticket := p_entry_ticket;
  END IF;

  INSERT INTO booking (id, resource_id, kind, participant_id, day, ticket, slot_start, slot_end, seat, idempotency_key, created_by_id, booked_at)
    VALUES (p_id, p_resource, p_kind, p_participant, p_day, new_ticket, p_slot_start, p_slot_end, free_seat, p_key, p_actor, p_now);

  IF p_entry IS NOT NULL THEN
    UPDATE waitlist_entry SET status = 'booked', booking_id = p_id, closed_at = p_now WHERE id = p_entry;
  END IF;

  RETURN jsonb_build_object('bookingId', p_id, 'ticket', new_ticket, 'seat', free_seat);
END;
$$;

-- The lazy no-show sweep (lib/bookings/sweep.ts) as a function, so a booking can run it in the same
-- statement as its other reads instead of a round trip of its own. PL/pgSQL, not SQL, because it
-- keeps the statement's plan for the session (a SQL function would plan it again on every call).
CREATE FUNCTION sweep_bookings(p_now timestamptz) RETURNS TABLE (missed int, finished int, offered int, audited int)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  grace_span interval := make_interval(mins => coalesce((
    SELECT CASE WHEN jsonb_typeof(value) = 'number' THEN (value #>> '{}')::numeric::int END
    FROM setting WHERE key = 'bookings.graceMinutes'), 10));
BEGIN
  -- Most calls find nothing due: two index probes answer that for a fraction of the full statement.
  IF NOT EXISTS (SELECT 1 FROM booking b WHERE b.status = 'booked' AND b.slot_start <= p_now - grace_span)
     AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.status = 'checked_in' AND b.slot_start < p_now AND b.slot_end <= p_now) THEN
    RETURN QUERY SELECT 0, 0, 0, 0;
    RETURN;
  END IF;
  RETURN QUERY
  WITH missed AS (
    UPDATE booking b SET status = 'no_show', no_show_at = p_now
    WHERE b.status = 'booked' AND b.slot_start <= p_now - grace_span
      AND greatest(b.slot_start, b.booked_at) + grace_span <= p_now
    RETURNING b.id, b.kind, b.day, b.participant_id, b.slot_end
  ),
  finished AS (
    UPDATE booking b SET status = 'done', done_at = b.slot_end
    WHERE b.status = 'checked_in' AND b.slot_start < p_now AND b.slot_end <= p_now
    RETURNING b.id
  ),
  freed AS (
    SELECT kind, day, count(*) AS n FROM missed WHERE slot_end > p_now GROUP BY kind, day
  ),
  ranked AS (
    SELECT w.id, f.n, row_number() OVER (PARTITION BY w.kind, w.day ORDER BY w.created_at, w.id) AS position
    FROM waitlist_entry w JOIN freed f ON f.kind = w.kind AND f.day = w.day
    WHERE w.status = 'waiting'
  ),
  offered AS (
    UPDATE waitlist_entry w SET status = 'offered', offered_at = p_now
    FROM ranked r WHERE w.id = r.id AND r.position <= r.n AND w.status = 'waiting'
    RETURNING w.id
  ),
  audited AS (
    INSERT INTO audit_event (action, entity_type, entity_id, details)
    SELECT 'booking.no_show', 'booking', id::text, jsonb_build_object('auto', true, 'participantId', participant_id) FROM missed
    UNION ALL SELECT 'booking.done', 'booking', id::text, jsonb_build_object('auto', true) FROM finished
    UNION ALL SELECT 'waitlist_entry.offered', 'waitlist_entry', id::text, jsonb_build_object('auto', true) FROM offered
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM missed)::int AS missed, (SELECT count(*) FROM finished)::int AS finished,
         (SELECT count(*) FROM offered)::int AS offered, (SELECT count(*) FROM audited)::int AS audited;
END;
$$;
