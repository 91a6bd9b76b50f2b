CREATE OR REPLACE FUNCTION public.forget_unsealed_text(participant_ids uuid[])
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  WITH gone AS (SELECT p."id" FROM "participant" p WHERE p."id" = ANY(participant_ids) AND p."deidentified_at" IS NOT NULL)
  DELETE FROM "free_text_to_seal" f WHERE
    (f."table_name" = 'referral' AND f."row_id" IN (SELECT r."id" FROM "referral" r JOIN gone ON gone."id" = r."participant_id")) OR
    (f."table_name" = 'visit' AND f."row_id" IN (SELECT v."id" FROM "visit" v JOIN gone ON gone."id" = v."participant_id")) OR
    (f."table_name" = 'outreach_contact' AND f."row_id" IN (SELECT o."id" FROM "outreach_contact" o JOIN gone ON gone."id" = o."participant_id"));
$function$;
