-- Who may call the SECURITY DEFINER functions (issue 18 review). PostgreSQL grants EXECUTE on
-- every new function to PUBLIC, so until now any role, the app's runtime role included, could call
-- them: record a verification result of its choosing (the audit page then said "Intact"), or
-- delete any participant's words waiting to be sealed. From here on EXECUTE is revoked from PUBLIC
-- on each of them, and the runtime role is granted only the ones lib/db/runtime-functions.ts
-- names (lib/db/runtime-role.ts grants them). Trigger functions need no EXECUTE to fire.
-- A new SECURITY DEFINER function needs its own REVOKE: lib/audit/definer-privileges.db.test.ts
-- fails for one the runtime role can call and the list does not name.

-- 1. The chain's lock. Any role can take an advisory lock, so any role could hold key 72707371 and
-- block every audited commit. Commits now serialise on this one row, which only the owner (and
-- so the definer trigger) may lock.
CREATE TABLE "audit_chain_head" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_chain_head_one_row" CHECK ("id" = 1)
);
INSERT INTO "audit_chain_head" ("id") VALUES (1);

-- As in 20261208020000_audit_chain, with the row lock for the advisory lock. Should the row be
-- gone (an owner's TRUNCATE), the first writer puts it back: a second one waits on that insert
-- until the first commits, so the appends stay one at a time.
CREATE OR REPLACE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  prev BYTEA;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit events must be written in a READ COMMITTED transaction (the audit chain reads its latest entry at commit)'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  PERFORM 1 FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO audit_chain_head (id) VALUES (1) ON CONFLICT DO NOTHING;
    PERFORM 1 FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
  END IF;
  SELECT c.hash INTO prev FROM audit_chain c ORDER BY c.seq DESC LIMIT 1;
  prev := coalesce(prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  INSERT INTO audit_chain (event_id, prev_hash, hash) VALUES (NEW.id, prev, audit_chain_hash(prev, NEW));
  RETURN NULL;
END;
$$;

-- 2. The verification, computed where it is recorded, so a caller cannot choose the result.
-- Walks the chain as it stood when the walk began, in seq order, in batches of audit_chain_check,
-- and names the first broken entry; then looks for an event without an entry, and for the head the
-- latest verification that had one recorded (removing the newest events with their entries leaves
-- a shorter chain whole in itself). Reads only. A NOTICE after each batch says how far it got.
CREATE FUNCTION audit_chain_verify(batch INTEGER DEFAULT 10000)
RETURNS TABLE (ok BOOLEAN, entries BIGINT, head_seq BIGINT, head_event_id BIGINT, head_hash BYTEA, broken_seq BIGINT, broken_event_id BIGINT, problem TEXT)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  total BIGINT;
  until_seq BIGINT;
  after_seq BIGINT := 0;
  prev BYTEA := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
  b RECORD;
  last RECORD;
BEGIN
  IF batch IS NULL OR batch < 1 OR batch > 1000000 THEN
    RAISE EXCEPTION 'batch must be 1 to 1000000 entries' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT x.entries, x.max_seq INTO total, until_seq FROM audit_chain_extent() x;
  ok := true;
  entries := 0;
  WHILE after_seq < until_seq LOOP
    SELECT * INTO b FROM audit_chain_check(after_seq, prev, until_seq, batch) k;
    EXIT WHEN b.checked IS NULL OR b.checked = 0;
    entries := entries + b.checked;
    RAISE NOTICE 'checked % of % entries', entries, total;
    IF b.problem IS NOT NULL THEN
      -- Every entry of the batch before the broken one was judged intact: the head is the last of them.
      IF b.checked > 1 THEN
        SELECT c.seq, c.event_id, c.hash INTO head_seq, head_event_id, head_hash FROM audit_chain c
          WHERE c.seq > after_seq AND c.seq < b.broken_seq ORDER BY c.seq DESC LIMIT 1;
      END IF;
      ok := false; broken_seq := b.broken_seq; broken_event_id := b.broken_event_id; problem := b.problem;
      RETURN NEXT;
      RETURN;
    END IF;
    head_seq := b.last_seq; head_event_id := b.last_event_id; head_hash := b.last_hash;
    after_seq := b.last_seq;
    prev := b.last_hash;
  END LOOP;
  broken_event_id := audit_chain_first_unchained();
  IF broken_event_id IS NOT NULL THEN
    ok := false; problem := 'unchained';
    RETURN NEXT;
    RETURN;
  END IF;
  SELECT v.head_seq, v.head_event_id, v.head_hash INTO last FROM audit_verification v
    WHERE v.head_seq IS NOT NULL AND v.head_hash IS NOT NULL ORDER BY v.id DESC LIMIT 1;
  IF FOUND AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.seq = last.head_seq AND c.event_id = last.head_event_id AND c.hash = last.head_hash) THEN
    ok := false; problem := 'head_lost'; broken_seq := last.head_seq; broken_event_id := last.head_event_id;
  END IF;
  RETURN NEXT;
END;
$$;

-- Verifies and records the result (audit_verification is append-only; the app has no privilege on
-- it). `via` 'command' is the operator's `npm run audit:verify`, connected as the owner: a caller
-- that is not a member of the owner role may record only 'page'.
CREATE FUNCTION audit_verify_and_record(via TEXT, batch INTEGER DEFAULT 10000)
RETURNS TABLE (ok BOOLEAN, entries BIGINT, head_seq BIGINT, head_event_id BIGINT, head_hash BYTEA, broken_seq BIGINT, broken_event_id BIGINT, problem TEXT)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  r RECORD;
BEGIN
  -- In a definer function current_user is the owner; session_user is who logged in.
  IF via IS DISTINCT FROM 'page' AND NOT pg_has_role(session_user, current_user, 'USAGE') THEN
    RAISE EXCEPTION 'only the database owner records a verification as the operator command' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO r FROM audit_chain_verify(batch);
  INSERT INTO audit_verification (ok, entries, head_seq, head_event_id, head_hash, broken_seq, broken_event_id, problem, via)
  VALUES (r.ok, r.entries, r.head_seq, r.head_event_id, r.head_hash, r.broken_seq, r.broken_event_id, r.problem, via);
  RETURN QUERY SELECT r.ok, r.entries, r.head_seq, r.head_event_id, r.head_hash, r.broken_seq, r.broken_event_id, r.problem;
END;
$$;

-- The caller-supplied result is gone: nothing may record one any more.
DROP FUNCTION audit_verification_record(BOOLEAN, BIGINT, BIGINT, BIGINT, BYTEA, BIGINT, BIGINT, TEXT, TEXT);

-- 3. De-identification forgets the parked words of de-identified people only (it runs after
-- retention has set deidentified_at, in the same transaction).
CREATE OR REPLACE FUNCTION forget_unsealed_text(participant_ids uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH gone AS (SELECT p."id" FROM "participant" p WHERE p."id" = ANY(participant_ids) AND p."deidentified_at" IS NOT NULL)
  DELETE FROM "free_text_to_seal" f WHERE
    (f."table_name" = 'referral' AND f."row_id" IN (SELECT r."id" FROM "referral" r JOIN gone ON gone."id" = r."participant_id")) OR
    (f."table_name" = 'visit' AND f."row_id" IN (SELECT v."id" FROM "visit" v JOIN gone ON gone."id" = v."participant_id")) OR
    (f."table_name" = 'outreach_contact' AND f."row_id" IN (SELECT o."id" FROM "outreach_contact" o JOIN gone ON gone."id" = o."participant_id"));
$$;

-- 4. EXECUTE from PUBLIC, on every SECURITY DEFINER function in the schema (pg_proc, prosecdef).
REVOKE EXECUTE ON FUNCTION audit_chain_append() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION audit_chain_check(BIGINT, BYTEA, BIGINT, INTEGER) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION audit_chain_extent() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION audit_chain_entry(BIGINT) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION audit_chain_first_unchained() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION audit_chain_verify(INTEGER) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION audit_verify_and_record(TEXT, INTEGER) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION audit_verification_latest() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION forget_unsealed_text(UUID[]) FROM PUBLIC;
