CREATE OR REPLACE FUNCTION public.visit_no_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'visits are voided, not deleted' USING ERRCODE = 'insufficient_privilege';
END;
$function$;
