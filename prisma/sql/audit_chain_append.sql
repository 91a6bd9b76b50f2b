CREATE OR REPLACE FUNCTION public.audit_chain_append()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit events must be written in a READ COMMITTED transaction (the audit chain reads its latest entry at commit)'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  INSERT INTO audit_chain_pending (event_id) VALUES (NEW.id);
  PERFORM audit_chain_seal(false);
  RETURN NULL;
END;
$function$;
