CREATE OR REPLACE FUNCTION public.stay_no_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'stays are cancelled, not deleted' USING ERRCODE = 'insufficient_privilege';
END;
$function$;
