CREATE OR REPLACE FUNCTION public.audit_verify_and_record(via text, batch integer DEFAULT 10000)
 RETURNS TABLE(ok boolean, entries bigint, head_seq bigint, head_event_id bigint, head_hash bytea, broken_seq bigint, broken_event_id bigint, problem text)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  r RECORD;
BEGIN
  -- In a definer function current_user is the owner; session_user is who logged in.
  IF via IS DISTINCT FROM 'page' AND NOT pg_has_role(session_user, current_user, 'USAGE') THEN
    RAISE EXCEPTION 'only the database owner records a verification as the operator command' USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM audit_chain_seal(true);
  SELECT * INTO r FROM audit_chain_verify(batch);
  INSERT INTO audit_verification (ok, entries, head_seq, head_event_id, head_hash, broken_seq, broken_event_id, problem, via)
  VALUES (r.ok, r.entries, r.head_seq, r.head_event_id, r.head_hash, r.broken_seq, r.broken_event_id, r.problem, via);
  RETURN QUERY SELECT r.ok, r.entries, r.head_seq, r.head_event_id, r.head_hash, r.broken_seq, r.broken_event_id, r.problem;
END;
$function$;
