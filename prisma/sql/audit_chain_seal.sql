CREATE OR REPLACE FUNCTION public.audit_chain_seal(wait boolean)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
  prev BYTEA;
  e audit_event;
  n INTEGER := 0;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit events must be written in a READ COMMITTED transaction (the audit chain reads its latest entry at commit)'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  IF wait THEN
    PERFORM 1 FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
  ELSE
    PERFORM 1 FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE SKIP LOCKED;
  END IF;
  IF NOT FOUND THEN
    -- Taken by someone else (and not waiting), or the row is gone (an owner's TRUNCATE): put it
    -- back; a second writer doing the same waits on that insert until the first commits.
    IF NOT wait AND EXISTS (SELECT 1 FROM audit_chain_head h WHERE h.id = 1) THEN
      RETURN 0;
    END IF;
    INSERT INTO audit_chain_head (id) VALUES (1) ON CONFLICT DO NOTHING;
    PERFORM 1 FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
  END IF;
  SELECT c.hash INTO prev FROM audit_chain c ORDER BY c.seq DESC LIMIT 1;
  prev := coalesce(prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  FOR e IN SELECT a.* FROM audit_chain_pending p JOIN audit_event a ON a.id = p.event_id ORDER BY p.event_id LOOP
    INSERT INTO audit_chain (event_id, prev_hash, hash) VALUES (e.id, prev, audit_chain_hash(prev, e)) RETURNING hash INTO prev;
    n := n + 1;
  END LOOP;
  DELETE FROM audit_chain_pending p WHERE EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = p.event_id);
  RETURN n;
END;
$function$;
