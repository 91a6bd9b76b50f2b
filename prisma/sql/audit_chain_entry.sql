CREATE OR REPLACE FUNCTION public.audit_chain_entry(at_seq bigint)
 RETURNS TABLE(event_id bigint, hash bytea)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT event_id, hash FROM audit_chain WHERE seq = at_seq
$function$;
