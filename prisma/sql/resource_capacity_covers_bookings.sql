CREATE OR REPLACE FUNCTION public.resource_capacity_covers_bookings()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW."kind" <> OLD."kind" THEN
    RAISE EXCEPTION 'a resource keeps its kind' USING ERRCODE = 'check_violation', CONSTRAINT = 'resource_kind_fixed';
  END IF;
  IF NEW."capacity" < OLD."capacity" AND EXISTS (
    SELECT 1 FROM "booking" WHERE "resource_id" = NEW."id" AND "status" IN ('booked', 'checked_in') AND "seat" > NEW."capacity") THEN
    RAISE EXCEPTION 'places are held beyond the new capacity' USING ERRCODE = 'check_violation', CONSTRAINT = 'resource_capacity_covers_bookings';
  END IF;
  RETURN NEW;
END;
$function$;
