CREATE OR REPLACE FUNCTION public.visit_service_date()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  SELECT "visit_date" INTO NEW."visit_date" FROM "visit" WHERE "id" = NEW."visit_id";
  RETURN NEW;
END;
$function$;
