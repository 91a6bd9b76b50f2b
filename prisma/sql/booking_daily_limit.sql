CREATE OR REPLACE FUNCTION public.booking_daily_limit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE lim integer;
BEGIN
  IF NEW."participant_id" IS NULL OR NEW."status" NOT IN ('booked', 'checked_in') THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND OLD."status" IN ('booked', 'checked_in') THEN RETURN NEW; END IF;
  PERFORM 1 FROM "participant" WHERE "id" = NEW."participant_id" FOR NO KEY UPDATE;
  lim := booking_day_limit(1);
  IF bookings_held(NEW."participant_id", NEW."kind", NEW."day", NEW."id") >= lim THEN
    RAISE EXCEPTION 'over the daily booking limit' USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_daily_limit';
  END IF;
  RETURN NEW;
END;
$function$;
