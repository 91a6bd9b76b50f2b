CREATE OR REPLACE FUNCTION public.referral_status_history()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."status" = OLD."status" THEN RETURN NEW; END IF;
  INSERT INTO "referral_status_change" ("id", "referral_id", "from_status", "to_status", "by_id", "at")
  VALUES (gen_random_uuid(), NEW."id", CASE WHEN TG_OP = 'UPDATE' THEN OLD."status" END, NEW."status", NEW."status_by_id", NEW."status_at");
  RETURN NEW;
END;
$function$;
