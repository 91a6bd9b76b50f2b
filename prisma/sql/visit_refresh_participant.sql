CREATE OR REPLACE FUNCTION public.visit_refresh_participant()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  -- Logging a visit is the desk's hot path: count it in place instead of recounting the person's
  -- whole history. Edits, voids and merges are rare and recount.
  IF TG_OP = 'INSERT' THEN
    IF NEW."participant_id" IS NOT NULL AND NEW."voided_at" IS NULL THEN
      UPDATE "participant" SET
        "visit_count" = "visit_count" + 1,
        "last_seen_at" = GREATEST("last_seen_at", NEW."visited_at"),
        "first_visit_date" = LEAST("first_visit_date", NEW."visit_date"),
        "last_activity_at" = GREATEST("last_activity_at", NEW."visited_at")
      WHERE "id" = NEW."participant_id";
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW."participant_id" IS NOT NULL THEN
    PERFORM participant_refresh_visit_stats(NEW."participant_id");
  END IF;
  IF OLD."participant_id" IS NOT NULL
     AND (TG_OP = 'DELETE' OR OLD."participant_id" IS DISTINCT FROM NEW."participant_id") THEN
    PERFORM participant_refresh_visit_stats(OLD."participant_id");
  END IF;
  RETURN NULL;
END;
$function$;
