CREATE OR REPLACE FUNCTION public.outreach_contact_in_shift()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE s record;
BEGIN
  SELECT "started_at", "ended_at", "voided_at" INTO s FROM "outreach_shift" WHERE "id" = NEW."shift_id" FOR SHARE;
  IF NOT FOUND THEN RETURN NEW; END IF; -- the foreign key answers
  IF TG_OP = 'INSERT' AND s."voided_at" IS NOT NULL THEN
    RAISE EXCEPTION 'outreach_contact_shift_voided: the shift was voided' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_contact_shift_voided';
  END IF;
  IF NEW."contacted_at" < s."started_at" OR NEW."contacted_at" > coalesce(s."ended_at", 'infinity') THEN
    RAISE EXCEPTION 'outreach_contact_in_shift: the contact is outside its shift' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_contact_in_shift';
  END IF;
  RETURN NEW;
END;
$function$;
