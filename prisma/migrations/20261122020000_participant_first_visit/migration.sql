-- The funder report's "new participants" are people whose first visit that counts (not voided)
-- falls in the month. The visit trigger already keeps each person's visit count and last visit;
-- it now keeps the date of their first visit too, so the report reads one column instead of
-- probing every visitor's history. (No index on it: the report reads it for a period once, and a
-- scan of the participants is a few milliseconds, where an index would cost every logged visit.)

ALTER TABLE "participant" ADD COLUMN "first_visit_date" DATE;

UPDATE "participant" p SET "first_visit_date" = s.first
FROM (
  SELECT "participant_id" AS id, min("visit_date") AS first
  FROM "visit" WHERE "participant_id" IS NOT NULL AND "voided_at" IS NULL
  GROUP BY "participant_id"
) s
WHERE p."id" = s.id;

-- The recount locks the person's row before it counts. Counting first (as before) read the visits
-- from a snapshot taken before waiting for that lock: two staff voiding a person's two visits at
-- once each saw the other's visit still counted and left visit_count at 1 and a first visit that
-- no longer counted; a void beside a new visit left the new one out. Once the lock is held, the
-- count is a new statement with a new snapshot, which sees what the other transaction committed.
CREATE OR REPLACE FUNCTION participant_refresh_visit_stats(pid uuid) RETURNS void LANGUAGE plpgsql AS $$
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
$$;

CREATE OR REPLACE FUNCTION visit_refresh_participant() RETURNS trigger LANGUAGE plpgsql AS $$
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
$$;
