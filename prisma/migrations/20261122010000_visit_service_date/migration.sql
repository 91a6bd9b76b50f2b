-- The funder report counts services and supplies by month. Each service line carries its visit's
-- program date, so a period's lines are one range of an index instead of a join of every line
-- ever given against the period's visits.

ALTER TABLE "visit_service" ADD COLUMN "visit_date" DATE;
UPDATE "visit_service" vs SET "visit_date" = v."visit_date" FROM "visit" v WHERE v."id" = vs."visit_id";

-- Filled here from the visit, whatever code writes the line, and never missing. (Prisma sees a
-- nullable column: its writes leave the date to this trigger.)
CREATE FUNCTION visit_service_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT "visit_date" INTO NEW."visit_date" FROM "visit" WHERE "id" = NEW."visit_id";
  RETURN NEW;
END;
$$;
CREATE TRIGGER visit_service_date BEFORE INSERT OR UPDATE OF "visit_id", "visit_date" ON "visit_service"
  FOR EACH ROW EXECUTE FUNCTION visit_service_date();
ALTER TABLE "visit_service" ADD CONSTRAINT "visit_service_visit_date_check" CHECK ("visit_date" IS NOT NULL);

-- A visit's date never changes (a visit logged on the wrong day is voided and logged again), so
-- the copy on its lines cannot go stale.
CREATE FUNCTION visit_date_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a visit''s date does not change; void it and log it again' USING ERRCODE = 'check_violation', CONSTRAINT = 'visit_date_fixed';
END;
$$;
CREATE TRIGGER visit_date_fixed BEFORE UPDATE OF "visit_date" ON "visit"
  FOR EACH ROW WHEN (NEW."visit_date" IS DISTINCT FROM OLD."visit_date") EXECUTE FUNCTION visit_date_fixed();

-- CreateIndex
CREATE INDEX "visit_service_visit_date_idx" ON "visit_service"("visit_date");

-- The voided visits of a period, to leave their lines out: few, so a small partial index.
CREATE INDEX "visit_voided_visit_date_idx" ON "visit" ("visit_date") WHERE "voided_at" IS NOT NULL;

-- A person's first visit that counts (the report's "new participants"): one probe of an index that
-- holds only visits that were not voided, answered from the index alone.
CREATE INDEX "visit_participant_first_idx" ON "visit" ("participant_id", "visited_at") WHERE "voided_at" IS NULL;
