CREATE OR REPLACE FUNCTION public.audit_verification_latest()
 RETURNS TABLE(at timestamp with time zone, ok boolean, entries bigint, head_seq bigint, head_event_id bigint, head_hash bytea, broken_seq bigint, broken_event_id bigint, problem text, via text)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  SELECT v.at, v.ok, v.entries, v.head_seq, v.head_event_id, v.head_hash, v.broken_seq, v.broken_event_id, v.problem, v.via
  FROM audit_verification v ORDER BY v.id DESC LIMIT 1
$function$;
