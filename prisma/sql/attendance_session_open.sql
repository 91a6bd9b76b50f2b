CREATE OR REPLACE FUNCTION public.attendance_session_open()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE st "SessionStatus";
BEGIN
  SELECT "status" INTO st FROM "program_session" WHERE "id" = NEW."session_id" FOR SHARE;
  IF st = 'cancelled' THEN
    RAISE EXCEPTION 'attendance on a cancelled session' USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_session_open';
  END IF;
  RETURN NEW;
END;
$function$;
