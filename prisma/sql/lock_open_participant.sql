CREATE OR REPLACE FUNCTION public.lock_open_participant(p_participant uuid)
 RETURNS text
 LANGUAGE plpgsql
AS $function$
DECLARE
  person record;
BEGIN
  SELECT deidentified_at IS NOT NULL AS deidentified, merged_into_id IS NOT NULL AS merged INTO person
    FROM participant WHERE id = p_participant FOR NO KEY UPDATE;
  IF NOT FOUND THEN RETURN 'participant_not_found'; END IF;
  IF person.deidentified THEN RETURN 'participant_deidentified'; END IF;
  IF person.merged THEN RETURN 'participant_merged'; END IF;
  RETURN NULL;
END;
$function$;
