-- The funder report's "new participants" are people whose first visit that counts (not voided)
-- falls in the month. The visit trigger already keeps each person's visit count and last visit;
-- it now keeps the date of their first visit too, so the report reads one column instead of
-- probing every visitor's history.

ALTER TABLE "participant" ADD COLUMN "first_visit_date" DATE;

UPDATE "participant" p SET "first_visit_date" = s.first
FROM (
  SELECT "participant_id" AS id, min("visit_date") AS first
  FROM "visit" WHERE "participant_id" IS NOT NULL AND "voided_at" IS NULL
  GROUP BY "participant_id"
) s
WHERE p."id" = s.id;

CREATE OR REPLACE FUNCTION participant_refresh_visit_stats(pid uuid) RETURNS void LANGUAGE sql AS $$
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

-- The report counts new participants by this date over a period: one range of an index.
CREATE INDEX "participant_first_visit_date_idx" ON "participant" ("first_visit_date");

-- The report no longer probes each person's first visit, and the desk's hot path no longer pays
-- to keep this index.
DROP INDEX "visit_participant_first_idx";
