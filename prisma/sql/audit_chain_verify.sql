CREATE OR REPLACE FUNCTION public.audit_chain_verify(batch integer DEFAULT 10000)
 RETURNS TABLE(ok boolean, entries bigint, head_seq bigint, head_event_id bigint, head_hash bytea, broken_seq bigint, broken_event_id bigint, problem text)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
$function$;
