CREATE OR REPLACE FUNCTION public.lock_booking_person(p_participant uuid, p_kind "ResourceKind", p_day date, p_except uuid, p_limit integer)
 RETURNS jsonb
 LANGUAGE plpgsql
AS $function$
DECLARE
  refusal text;
BEGIN
  -- The one check of the person a booking holds a place for (booking, reinstating, joining the
  -- waitlist): an open record, locked, so two desks booking the same person are counted one after
  -- the other (booking_daily_limit takes the same lock); then their places held that day of this
  -- kind, other than p_except, against the daily limit. Null when they may.
  refusal := lock_open_participant(p_participant);
  IF refusal IS NOT NULL THEN RETURN jsonb_build_object('refused', refusal); END IF;
  IF bookings_held(p_participant, p_kind, p_day, p_except) >= p_limit THEN RETURN jsonb_build_object('refused', 'limit', 'max', p_limit); END IF;
  RETURN NULL;
END;
$function$;
