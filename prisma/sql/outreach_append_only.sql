CREATE OR REPLACE FUNCTION public.outreach_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  -- What may change: a shift's end (set, or emptied by a resume) and a contact's person (a merge); both, the void fields once.
  movable text[] := CASE TG_TABLE_NAME WHEN 'outreach_shift' THEN ARRAY['ended_at'] ELSE ARRAY['participant_id'] END;
  void_fields text[] := ARRAY['voided_at', 'voided_by_id', 'void_reason', 'void_reason_enc'];
  -- A voided contact's encrypted reason may be emptied (de-identification) or filled once from
  -- empty (lib/privacy/seal.ts seals a reason written before encryption); never rewritten.
  once boolean := to_jsonb(OLD) ->> 'void_reason_enc' IS NULL OR to_jsonb(NEW) ->> 'void_reason_enc' IS NULL;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'outreach_append_only: outreach entries are voided, never deleted' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_append_only';
  END IF;
  -- Read through jsonb: a record's missing field (a contact has no ended_at) would be an error.
  IF (to_jsonb(NEW) - movable - void_fields) <> (to_jsonb(OLD) - movable - void_fields)
     OR (OLD."voided_at" IS NOT NULL AND (to_jsonb(NEW) - 'participant_id' - 'void_reason_enc') <> (to_jsonb(OLD) - 'participant_id' - 'void_reason_enc'))
     OR (OLD."voided_at" IS NOT NULL AND to_jsonb(NEW) ->> 'void_reason_enc' IS DISTINCT FROM to_jsonb(OLD) ->> 'void_reason_enc' AND NOT once)
     OR (to_jsonb(OLD) ->> 'ended_at' IS NOT NULL AND to_jsonb(NEW) ->> 'ended_at' IS NOT NULL
         AND to_jsonb(NEW) ->> 'ended_at' IS DISTINCT FROM to_jsonb(OLD) ->> 'ended_at') THEN
    RAISE EXCEPTION 'outreach_append_only: outreach entries are added, ended once and voided, never edited' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_append_only';
  END IF;
  RETURN NEW;
END;
$function$;
