CREATE OR REPLACE FUNCTION public.program_session_cancel_empty()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW."status" = 'cancelled' AND OLD."status" <> 'cancelled' AND EXISTS (SELECT 1 FROM "attendance" WHERE "session_id" = NEW."id") THEN
    RAISE EXCEPTION 'people are counted at this session' USING ERRCODE = 'check_violation', CONSTRAINT = 'program_session_cancel_empty';
  END IF;
  RETURN NEW;
END;
$function$;
