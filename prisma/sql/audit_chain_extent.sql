CREATE OR REPLACE FUNCTION public.audit_chain_extent()
 RETURNS TABLE(entries bigint, max_seq bigint)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT count(*), coalesce(max(seq), 0) FROM audit_chain
$function$;
