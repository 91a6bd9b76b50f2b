CREATE OR REPLACE FUNCTION public.outreach_shift_covers_contacts()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW."ended_at" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "outreach_contact" WHERE "shift_id" = NEW."id" AND "contacted_at" > NEW."ended_at") THEN
    RAISE EXCEPTION 'outreach_contact_in_shift: the shift would end before one of its contacts' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_contact_in_shift';
  END IF;
  IF NEW."started_at" <> OLD."started_at" AND EXISTS (
    SELECT 1 FROM "outreach_contact" WHERE "shift_id" = NEW."id" AND "contacted_at" < NEW."started_at") THEN
    RAISE EXCEPTION 'outreach_contact_in_shift: the shift would start after one of its contacts' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_contact_in_shift';
  END IF;
  RETURN NEW;
END;
$function$;
