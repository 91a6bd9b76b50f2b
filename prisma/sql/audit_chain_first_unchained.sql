CREATE OR REPLACE FUNCTION public.audit_chain_first_unchained()
 RETURNS bigint
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT e.id FROM audit_event e
  WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM audit_chain_pending p WHERE p.event_id = e.id)
  ORDER BY e.id LIMIT 1
$function$;
