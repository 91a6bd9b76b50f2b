CREATE OR REPLACE FUNCTION public.referral_history_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'referral history is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$function$;
