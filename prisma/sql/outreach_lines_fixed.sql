CREATE OR REPLACE FUNCTION public.outreach_lines_fixed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'outreach_append_only: outreach entries are voided, never edited' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_append_only';
END;
$function$;
