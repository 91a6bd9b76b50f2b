CREATE OR REPLACE FUNCTION public.referral_agency_fits()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE a record;
BEGIN
  SELECT "active", "categories" INTO a FROM "agency" WHERE "id" = NEW."agency_id" FOR SHARE;
  IF NOT FOUND THEN RETURN NEW; END IF; -- the foreign key answers
  IF (TG_OP = 'INSERT' OR NEW."agency_id" <> OLD."agency_id") AND NOT a."active" THEN
    RAISE EXCEPTION 'the agency is inactive' USING ERRCODE = 'check_violation', CONSTRAINT = 'referral_agency_active';
  END IF;
  IF (TG_OP = 'INSERT' OR NEW."agency_id" <> OLD."agency_id" OR NEW."category" <> OLD."category")
     AND NOT (NEW."category" = ANY (a."categories")) THEN
    RAISE EXCEPTION 'the agency does not offer this category' USING ERRCODE = 'check_violation', CONSTRAINT = 'referral_agency_category';
  END IF;
  RETURN NEW;
END;
$function$;
