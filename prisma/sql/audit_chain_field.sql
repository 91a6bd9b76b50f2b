CREATE OR REPLACE FUNCTION public.audit_chain_field(v text)
 RETURNS bytea
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  SELECT CASE WHEN v IS NULL THEN '\x00'::bytea
    ELSE '\x01'::bytea || int4send(octet_length(convert_to(v, 'UTF8'))) || convert_to(v, 'UTF8') END
$function$;
