CREATE OR REPLACE FUNCTION public.program_session_keep_recorded()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF OLD."status" <> 'scheduled' THEN
    RAISE EXCEPTION 'held and cancelled sessions are kept' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END;
$function$;
