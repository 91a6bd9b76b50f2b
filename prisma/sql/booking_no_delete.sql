CREATE OR REPLACE FUNCTION public.booking_no_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'bookings are cancelled, not deleted' USING ERRCODE = 'insufficient_privilege';
END;
$function$;
