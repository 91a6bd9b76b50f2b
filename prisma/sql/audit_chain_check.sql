CREATE OR REPLACE FUNCTION public.audit_chain_check(after_seq bigint, expected_prev bytea, until_seq bigint, lim integer)
 RETURNS TABLE(checked bigint, last_seq bigint, last_event_id bigint, last_hash bytea, broken_seq bigint, broken_event_id bigint, problem text)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
  WITH batch AS (
    SELECT c.seq, c.event_id, c.prev_hash, c.hash, e.id IS NOT NULL AS present, e
    FROM audit_chain c LEFT JOIN audit_event e ON e.id = c.event_id
    WHERE c.seq > after_seq AND c.seq <= until_seq
    ORDER BY c.seq
    LIMIT lim
  ), judged AS (
    SELECT seq, event_id, hash,
      CASE
        WHEN NOT present THEN 'event_missing'
        WHEN prev_hash <> coalesce(lag(hash) OVER (ORDER BY seq), expected_prev) THEN 'out_of_order'
        WHEN hash <> audit_chain_hash(prev_hash, e) THEN 'changed'
      END AS problem
    FROM batch
  ), first_bad AS (
    SELECT seq, event_id, problem FROM judged WHERE problem IS NOT NULL ORDER BY seq LIMIT 1
  ), upto AS (
    SELECT * FROM judged WHERE seq <= coalesce((SELECT seq FROM first_bad), until_seq)
  ), last AS (
    SELECT seq, event_id, hash FROM upto ORDER BY seq DESC LIMIT 1
  )
  SELECT (SELECT count(*) FROM upto), l.seq, l.event_id, l.hash, b.seq, b.event_id, b.problem
  FROM (SELECT 1) one LEFT JOIN last l ON true LEFT JOIN first_bad b ON true
$function$;
