CREATE OR REPLACE FUNCTION public.alert_report_status_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW."status" = OLD."status" THEN RETURN NEW; END IF;
  IF (OLD."status" = 'new' AND NEW."status" IN ('reviewed', 'withdrawn'))
    OR (OLD."status" = 'reviewed' AND NEW."status" IN ('published', 'withdrawn'))
    OR (OLD."status" = 'published' AND NEW."status" IN ('archived', 'withdrawn')) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a report cannot go from % to %', OLD."status", NEW."status"
    USING ERRCODE = 'check_violation', CONSTRAINT = 'alert_report_status_guard';
END;
$function$;
