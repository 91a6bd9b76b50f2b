CREATE OR REPLACE FUNCTION public.visit_date_fixed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'a visit''s date does not change; void it and log it again' USING ERRCODE = 'check_violation', CONSTRAINT = 'visit_date_fixed';
END;
$function$;
