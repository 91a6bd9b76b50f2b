CREATE OR REPLACE FUNCTION public.bookings_held(p_participant uuid, p_kind "ResourceKind", p_day date, p_except uuid)
 RETURNS integer
 LANGUAGE sql
 STABLE
AS $function$
  -- The places a person holds (booked or checked in) of a kind on a day, other than p_except: what
  -- the daily limit counts, for lock_booking_person and the booking_daily_limit trigger alike.
  SELECT count(*)::integer FROM booking
    WHERE participant_id = p_participant AND kind = p_kind AND day = p_day AND status IN ('booked', 'checked_in')
      AND id IS DISTINCT FROM p_except
$function$;
