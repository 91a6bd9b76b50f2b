CREATE OR REPLACE FUNCTION public.booking_daily_limit()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE lim integer; held integer;
BEGIN
  IF NEW."participant_id" IS NULL OR NEW."status" NOT IN ('booked', 'checked_in') THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND OLD."status" IN ('booked', 'checked_in') THEN RETURN NEW; END IF;
  PERFORM 1 FROM "participant" WHERE "id" = NEW."participant_id" FOR NO KEY UPDATE;
  SELECT CASE WHEN jsonb_typeof("value") = 'number' THEN ("value" #>> '{}')::numeric::integer END INTO lim
    FROM "setting" WHERE "key" = 'bookings.perPersonPerDay';
  SELECT count(*) INTO held FROM "booking"
    WHERE "participant_id" = NEW."participant_id" AND "kind" = NEW."kind" AND "day" = NEW."day"
      AND "status" IN ('booked', 'checked_in') AND "id" <> NEW."id";
  IF held >= coalesce(lim, 1) THEN
    RAISE EXCEPTION 'over the daily booking limit' USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_daily_limit';
  END IF;
  RETURN NEW;
END;
$function$;
