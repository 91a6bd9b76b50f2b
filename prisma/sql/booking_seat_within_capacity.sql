CREATE OR REPLACE FUNCTION public.booking_seat_within_capacity()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE cap integer;
BEGIN
  IF NEW."status" IN ('booked', 'checked_in') THEN
    SELECT "capacity" INTO cap FROM "resource" WHERE "id" = NEW."resource_id" FOR SHARE;
    IF NEW."seat" > cap THEN
      RAISE EXCEPTION 'seat % is beyond the capacity (%) of resource %', NEW."seat", cap, NEW."resource_id"
        USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_seat_within_capacity';
    END IF;
  END IF;
  RETURN NEW;
END;
$function$;
