-- Audited commits no longer wait for one another. Until now each commit took the chain's lock
-- (audit_chain_head) and held it through its own commit, so audited writes went one at a time,
-- each waiting for the previous one's flush to disk: at 20 desks saving at once a save took several
-- times longer. Now each new event is first listed in audit_chain_pending; at commit the trigger
-- tries the lock without waiting (SKIP LOCKED). Whoever gets it chains every pending event it can
-- see, oldest id first, its own included; a commit that finds the lock taken leaves its events
-- pending, and the next commit that gets the lock (or a verification, which waits for it) chains
-- them. The chain stays one line: appends still happen only under the lock, reading the head in a
-- fresh snapshot. The hash and its encoding are unchanged (audit_chain_hash).

CREATE TABLE "audit_chain_pending" (
    "event_id" BIGINT NOT NULL,
    CONSTRAINT "audit_chain_pending_pkey" PRIMARY KEY ("event_id"),
    CONSTRAINT "audit_chain_pending_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "audit_event"("id") ON DELETE RESTRICT ON UPDATE RESTRICT
);

-- Chains the pending events the caller can see. With wait = false it gives up at once when
-- another transaction holds the lock (that one, or the next, chains what is left).
CREATE FUNCTION audit_chain_seal(wait BOOLEAN) RETURNS INTEGER
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
$$;

CREATE OR REPLACE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit events must be written in a READ COMMITTED transaction (the audit chain reads its latest entry at commit)'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  INSERT INTO audit_chain_pending (event_id) VALUES (NEW.id);
  PERFORM audit_chain_seal(false);
  RETURN NULL;
END;
$$;

-- An event waiting in audit_chain_pending is not unchained: only one the trigger never saw is.
CREATE OR REPLACE FUNCTION audit_chain_first_unchained() RETURNS BIGINT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT e.id FROM audit_event e
  WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)
    AND NOT EXISTS (SELECT 1 FROM audit_chain_pending p WHERE p.event_id = e.id)
  ORDER BY e.id LIMIT 1
$$;

-- A verification first chains everything pending (waiting for the lock), then walks the chain.
CREATE OR REPLACE FUNCTION audit_verify_and_record(via TEXT, batch INTEGER DEFAULT 10000)
RETURNS TABLE (ok BOOLEAN, entries BIGINT, head_seq BIGINT, head_event_id BIGINT, head_hash BYTEA, broken_seq BIGINT, broken_event_id BIGINT, problem TEXT)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
$$;

REVOKE EXECUTE ON FUNCTION audit_chain_seal(BOOLEAN) FROM PUBLIC;
