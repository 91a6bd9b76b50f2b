-- Functions from prisma/sql/: lock_booking_person, place_booking
CREATE OR REPLACE FUNCTION public.lock_booking_person(p_participant uuid, p_kind "ResourceKind", p_day date, p_except uuid, p_limit integer)
 RETURNS jsonb
 LANGUAGE plpgsql
AS $function$
DECLARE
  refusal text;
  held integer;
BEGIN
  -- The one check of the person a booking holds a place for (booking, reinstating, joining the
  -- waitlist): an open record, locked, so two desks booking the same person are counted one after
  -- the other (booking_daily_limit takes the same lock); then their places held that day of this
  -- kind, other than p_except, against the daily limit. Null when they may.
  refusal := lock_open_participant(p_participant);
  IF refusal IS NOT NULL THEN RETURN jsonb_build_object('refused', refusal); END IF;
  SELECT count(*) INTO held FROM booking
    WHERE participant_id = p_participant AND kind = p_kind AND day = p_day AND status IN ('booked', 'checked_in')
      AND id IS DISTINCT FROM p_except;
  IF held >= p_limit THEN RETURN jsonb_build_object('refused', 'limit', 'max', p_limit); END IF;
  RETURN NULL;
END;
$function$;

CREATE OR REPLACE FUNCTION public.place_booking(p_id uuid, p_resource uuid, p_kind "ResourceKind", p_capacity integer, p_slot_start timestamp with time zone, p_slot_end timestamp with time zone, p_day date, p_participant uuid, p_key uuid, p_actor uuid, p_actor_role "Role", p_via text, p_entry uuid, p_entry_ticket integer, p_limit_default integer, p_now timestamp with time zone)
 RETURNS jsonb
 LANGUAGE plpgsql
AS $function$
DECLARE
  refusal jsonb;
  lim integer;
  picked integer;
  new_ticket integer;
BEGIN
  IF p_participant IS NOT NULL THEN
    -- The daily limit, read as the trigger reads it; lock_booking_person counts, to answer with the exact limit.
    SELECT CASE WHEN jsonb_typeof(value) = 'number' THEN (value #>> '{}')::numeric::integer END INTO lim
      FROM setting WHERE key = 'bookings.perPersonPerDay';
    refusal := lock_booking_person(p_participant, p_kind, p_day, NULL, coalesce(lim, p_limit_default));
    IF refusal IS NOT NULL THEN RETURN refusal; END IF;
    -- A booking is activity: retention counts from the person's last activity.
    UPDATE participant SET last_activity_at = greatest(last_activity_at, now()) WHERE id = p_participant;
  END IF;

  IF p_entry IS NOT NULL THEN
    -- Two desks booking the same waitlist entry at once: only the first finds it still waiting.
    PERFORM 1 FROM waitlist_entry WHERE id = p_entry AND status IN ('waiting', 'offered') FOR UPDATE;
    IF NOT FOUND THEN RETURN jsonb_build_object('refused', 'entry_closed'); END IF;
  END IF;

  picked := free_seat(p_resource, p_slot_start, p_capacity, NULL);
  IF picked IS NULL THEN RETURN jsonb_build_object('refused', 'full'); END IF;

  INSERT INTO audit_event (actor_id, actor_role, action, outcome, entity_type, entity_id, details)
    VALUES (p_actor, p_actor_role, 'booking.created', 'ok', 'booking', p_id::text, jsonb_build_object(
      'resourceId', p_resource, 'participantId', p_participant, 'seat', picked, 'via', p_via, 'waitlistEntryId', p_entry));

  IF p_entry_ticket IS NULL THEN
    INSERT INTO booking_ticket (day, kind, last) VALUES (p_day, p_kind, 1)
      ON CONFLICT (day, kind) DO UPDATE SET last = booking_ticket.last + 1
      RETURNING last INTO new_ticket;
  ELSE
    new_ticket := p_entry_ticket;
  END IF;

  INSERT INTO booking (id, resource_id, kind, participant_id, day, ticket, slot_start, slot_end, seat, idempotency_key, created_by_id, booked_at)
    VALUES (p_id, p_resource, p_kind, p_participant, p_day, new_ticket, p_slot_start, p_slot_end, picked, p_key, p_actor, p_now);

  IF p_entry IS NOT NULL THEN
    UPDATE waitlist_entry SET status = 'booked', booking_id = p_id, closed_at = p_now WHERE id = p_entry;
  END IF;

  RETURN jsonb_build_object('bookingId', p_id, 'ticket', new_ticket, 'seat', picked);
END;
$function$;
