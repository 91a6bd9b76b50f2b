CREATE OR REPLACE FUNCTION public.booking_day_limit(p_default integer)
 RETURNS integer
 LANGUAGE sql
 STABLE
AS $function$
  -- The setting bookings.perPersonPerDay as the database reads it (JSON numbers only; anything
  -- else, or no row, is p_default), for place_booking and the booking_daily_limit trigger alike.
  SELECT coalesce((SELECT CASE WHEN jsonb_typeof(value) = 'number' THEN (value #>> '{}')::numeric::integer END
                     FROM setting WHERE key = 'bookings.perPersonPerDay'), p_default)
$function$;
