CREATE OR REPLACE FUNCTION public.audit_chain_hash(prev bytea, e audit_event)
 RETURNS bytea
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  SELECT sha256(prev || audit_event_bytes(e))
$function$;
