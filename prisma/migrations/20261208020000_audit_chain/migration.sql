-- Tamper evidence for the audit log (issue 18): every audit_event row gets one entry in
-- audit_chain whose hash covers the row and the previous entry's hash, so a changed, removed,
-- reordered or unchained row breaks the chain from that point (`npm run audit:verify` finds it).
--
-- Why a separate table, filled at commit: a BEFORE INSERT trigger on audit_event would have to
-- hold the chain's lock from a transaction's first audit row to its commit, serialising every
-- writing transaction and deadlocking with row locks they take later. The constraint trigger
-- below is DEFERRED: it runs at commit, after the transaction has taken all its other locks, and
-- holds the chain's lock (an advisory lock) only for the few inserts and the commit itself.
--
-- Limits: the database owner (or a superuser) can still rewrite audit_event and recompute the
-- whole chain; only a head hash noted outside the database shows that. The verifier prints it.

CREATE TABLE "audit_chain" (
    "seq" BIGSERIAL NOT NULL,
    "event_id" BIGINT NOT NULL,
    "prev_hash" BYTEA NOT NULL,
    "hash" BYTEA NOT NULL,
    CONSTRAINT "audit_chain_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "audit_chain_event_id_key" ON "audit_chain"("event_id");
-- A chain, not a tree: no two entries follow the same one. Under READ COMMITTED the advisory lock
-- already ensures it; this makes a fork impossible whatever a future caller does.
CREATE UNIQUE INDEX "audit_chain_prev_hash_key" ON "audit_chain"("prev_hash");
ALTER TABLE "audit_chain" ADD CONSTRAINT "audit_chain_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "audit_event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "audit_chain" ADD CONSTRAINT "audit_chain_hash_len" CHECK (octet_length("hash") = 32 AND octet_length("prev_hash") = 32);

-- Each run of the verifier: when, whether the chain was whole, how far it reached, what broke.
CREATE TABLE "audit_verification" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "entries" BIGINT NOT NULL,
    "head_seq" BIGINT,
    "head_event_id" BIGINT,
    "head_hash" BYTEA,
    "broken_seq" BIGINT,
    "broken_event_id" BIGINT,
    "problem" TEXT,
    "via" TEXT NOT NULL,
    CONSTRAINT "audit_verification_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "audit_verification" ADD CONSTRAINT "audit_verification_problem_check"
  CHECK ("problem" IN ('event_missing', 'out_of_order', 'changed', 'unchained', 'head_lost') AND NOT "ok" OR "problem" IS NULL AND "ok");
ALTER TABLE "audit_verification" ADD CONSTRAINT "audit_verification_via_check" CHECK ("via" IN ('command', 'page'));

-- Both are append-only, like the log itself.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE OR DELETE ON "audit_chain" FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON "audit_chain" FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_verification_no_update BEFORE UPDATE OR DELETE ON "audit_verification" FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_verification_no_truncate BEFORE TRUNCATE ON "audit_verification" FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- One field of the hashed encoding: 0x00 for NULL, else 0x01, the UTF-8 length as 4 bytes
-- big-endian, then the UTF-8 bytes.
CREATE FUNCTION audit_chain_field(v TEXT) RETURNS BYTEA LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v IS NULL THEN '\x00'::bytea
    ELSE '\x01'::bytea || int4send(octet_length(convert_to(v, 'UTF8'))) || convert_to(v, 'UTF8') END
$$;

-- The bytes an audit event is hashed as (encoding version 1): every column of audit_event in this
-- order, each as audit_chain_field of its text form:
--   id           decimal digits
--   at           microseconds since 1970-01-01 00:00 UTC, decimal digits (independent of TimeZone)
--   actor_id     the uuid's lower-case hyphenated text
--   actor_role   the enum label
--   action, outcome, entity_type, entity_id   as stored
--   details      jsonb's text form (PostgreSQL's canonical jsonb output: its own key order)
-- A new column on audit_event needs a new version of this function (and of the verifier's notes).
CREATE FUNCTION audit_event_bytes(e "audit_event") RETURNS BYTEA LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT audit_chain_field(e.id::text)
      || audit_chain_field(((extract(epoch FROM e.at) * 1000000)::bigint)::text)
      || audit_chain_field(e.actor_id::text)
      || audit_chain_field(e.actor_role::text)
      || audit_chain_field(e.action)
      || audit_chain_field(e.outcome)
      || audit_chain_field(e.entity_type)
      || audit_chain_field(e.entity_id)
      || audit_chain_field(e.details::text)
$$;

-- An entry's hash: SHA-256 of the previous entry's hash (32 zero bytes for the first) and the event.
CREATE FUNCTION audit_chain_hash(prev BYTEA, e "audit_event") RETURNS BYTEA LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT sha256(prev || audit_event_bytes(e))
$$;

-- Appends the new event to the chain at its transaction's commit. SECURITY DEFINER: the app's
-- runtime role may insert audit events but has no privilege on audit_chain. Advisory lock key
-- 72707371 (next to the migration lock 72707369 and the runtime-role lock 72707370) makes commits
-- append one at a time; READ COMMITTED gives each statement a fresh snapshot, so the latest entry
-- read after the lock is the chain's real head.
CREATE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  prev BYTEA;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit events must be written in a READ COMMITTED transaction (the audit chain reads its latest entry at commit)'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  PERFORM pg_advisory_xact_lock(72707371);
  SELECT c.hash INTO prev FROM audit_chain c ORDER BY c.seq DESC LIMIT 1;
  prev := coalesce(prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  INSERT INTO audit_chain (event_id, prev_hash, hash) VALUES (NEW.id, prev, audit_chain_hash(prev, NEW));
  RETURN NULL;
END;
$$;

-- Chain what is already there, in id order, before the trigger exists. EXCLUSIVE MODE lets
-- readers on but holds back any writer still running on an older version.
LOCK TABLE "audit_event" IN EXCLUSIVE MODE;
DO $$
DECLARE
  r audit_event;
  prev BYTEA := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
  h BYTEA;
BEGIN
  FOR r IN SELECT * FROM audit_event ORDER BY id LOOP
    h := audit_chain_hash(prev, r);
    INSERT INTO audit_chain (event_id, prev_hash, hash) VALUES (r.id, prev, h);
    prev := h;
  END LOOP;
END;
$$;

CREATE CONSTRAINT TRIGGER audit_event_chain AFTER INSERT ON "audit_event"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_append();

-- One batch of the verifier's walk (lib/audit/chain.ts): up to `lim` entries after `after_seq`,
-- up to `until_seq`, in seq order, judged against `expected_prev` (the hash of the entry before).
-- Returns how many entries it judged (up to and including the first broken one), the last one
-- judged, and the first broken one with its problem:
--   event_missing  the entry's audit event is gone
--   out_of_order   the entry does not follow the one before it (an entry removed, moved or added)
--   changed        the event's row is not what was hashed
-- SECURITY DEFINER so the app's runtime role needs no privilege on audit_chain.
CREATE FUNCTION audit_chain_check(after_seq BIGINT, expected_prev BYTEA, until_seq BIGINT, lim INTEGER)
RETURNS TABLE (checked BIGINT, last_seq BIGINT, last_event_id BIGINT, last_hash BYTEA, broken_seq BIGINT, broken_event_id BIGINT, problem TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
$$;

-- The chain's extent, and the entry at one position (to find a head a previous run recorded).
CREATE FUNCTION audit_chain_extent() RETURNS TABLE (entries BIGINT, max_seq BIGINT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT count(*), coalesce(max(seq), 0) FROM audit_chain
$$;
CREATE FUNCTION audit_chain_entry(at_seq BIGINT) RETURNS TABLE (event_id BIGINT, hash BYTEA)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT event_id, hash FROM audit_chain WHERE seq = at_seq
$$;

-- The first audit event (by id) that has no chain entry: written while the chain's trigger was
-- bypassed (replica mode, a disabled trigger). Every event committed normally has one.
CREATE FUNCTION audit_chain_first_unchained() RETURNS BIGINT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT e.id FROM audit_event e WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id) ORDER BY e.id LIMIT 1
$$;

-- Records one verification (the app's runtime role holds no privilege on audit_verification) and
-- reads the latest.
CREATE FUNCTION audit_verification_record(ok BOOLEAN, entries BIGINT, head_seq BIGINT, head_event_id BIGINT, head_hash BYTEA,
  broken_seq BIGINT, broken_event_id BIGINT, problem TEXT, via TEXT) RETURNS BIGINT
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO audit_verification (ok, entries, head_seq, head_event_id, head_hash, broken_seq, broken_event_id, problem, via)
  VALUES (ok, entries, head_seq, head_event_id, head_hash, broken_seq, broken_event_id, problem, via)
  RETURNING id
$$;
CREATE FUNCTION audit_verification_latest()
RETURNS TABLE (at TIMESTAMPTZ, ok BOOLEAN, entries BIGINT, head_seq BIGINT, head_event_id BIGINT, head_hash BYTEA, broken_seq BIGINT, broken_event_id BIGINT, problem TEXT, via TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT v.at, v.ok, v.entries, v.head_seq, v.head_event_id, v.head_hash, v.broken_seq, v.broken_event_id, v.problem, v.via
  FROM audit_verification v ORDER BY v.id DESC LIMIT 1
$$;
