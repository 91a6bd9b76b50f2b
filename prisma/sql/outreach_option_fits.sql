CREATE OR REPLACE FUNCTION public.outreach_option_fits()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  wanted "OutreachListKind" := TG_ARGV[1]::"OutreachListKind";
  option_id uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
  o record;
BEGIN
  IF option_id IS NULL THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND option_id IS NOT DISTINCT FROM (to_jsonb(OLD) ->> TG_ARGV[0])::uuid THEN RETURN NEW; END IF;
  SELECT "list", "active" INTO o FROM "outreach_option" WHERE "id" = option_id FOR SHARE;
  IF NOT FOUND THEN RETURN NEW; END IF; -- the foreign key answers
  IF o."list" <> wanted OR NOT o."active" THEN
    RAISE EXCEPTION 'outreach_option_%: the option is not in the option list', wanted USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_option_' || wanted::text;
  END IF;
  RETURN NEW;
END;
$function$;
