CREATE OR REPLACE FUNCTION public.participant_refresh_visit_stats(pid uuid)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM 1 FROM "participant" WHERE "id" = pid FOR NO KEY UPDATE;
  UPDATE "participant" p SET
    "visit_count" = s.n,
    "last_seen_at" = s.last_seen,
    "first_visit_date" = s.first_date,
    "last_activity_at" = GREATEST(p."last_activity_at", coalesce(s.last_seen, p."last_activity_at"))
  FROM (
    SELECT count(*)::int AS n, max("visited_at") AS last_seen, min("visit_date") AS first_date
    FROM "visit" WHERE "participant_id" = pid AND "voided_at" IS NULL
  ) s
  WHERE p."id" = pid;
END;
$function$;
