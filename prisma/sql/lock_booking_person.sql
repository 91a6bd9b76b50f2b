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
