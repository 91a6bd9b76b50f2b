CREATE OR REPLACE FUNCTION public.participant_note_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.kind_id IS DISTINCT FROM OLD.kind_id OR NEW.written_at IS DISTINCT FROM OLD.written_at
     OR NEW.author_id IS DISTINCT FROM OLD.author_id OR NEW.migrated IS DISTINCT FROM OLD.migrated
     OR (NEW.text_enc IS NOT NULL AND NEW.text_enc IS DISTINCT FROM OLD.text_enc AND NOT (OLD.migrated AND OLD.text_enc IS NULL)) THEN
    RAISE EXCEPTION 'participant notes are append-only' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$function$;
