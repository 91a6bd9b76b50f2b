-- Front desk: participants, configurable services and supplies, drop-in visits.
-- Extensions the hand-written parts need.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "AnswerState" AS ENUM ('not_asked', 'declined', 'answered');

-- CreateEnum
CREATE TYPE "GenderIdentity" AS ENUM ('woman', 'man', 'trans_woman', 'trans_man', 'non_binary', 'two_spirit', 'self_described', 'declined');

-- CreateEnum
CREATE TYPE "IndigenousIdentity" AS ENUM ('first_nations', 'metis', 'inuit', 'none', 'declined');

-- CreateEnum
CREATE TYPE "YesNoDeclined" AS ENUM ('yes', 'no', 'declined');

-- CreateEnum
CREATE TYPE "ServiceKind" AS ENUM ('service', 'supply');

-- CreateTable
CREATE TABLE "participant" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "alias" TEXT,
    "birth_year" INTEGER,
    "birth_year_state" "AnswerState" NOT NULL DEFAULT 'not_asked',
    "gender" "GenderIdentity",
    "gender_self_described" TEXT,
    "indigenous_identity" "IndigenousIdentity",
    "pronouns" TEXT,
    "pronouns_state" "AnswerState" NOT NULL DEFAULT 'not_asked',
    "language" TEXT,
    "language_state" "AnswerState" NOT NULL DEFAULT 'not_asked',
    "home_community" TEXT,
    "home_community_state" "AnswerState" NOT NULL DEFAULT 'not_asked',
    "travelling" "YesNoDeclined",
    "safe_contact_enc" BYTEA,
    "notes_enc" BYTEA,
    "consent_at" TIMESTAMPTZ(3) NOT NULL,
    "consent_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3),
    "visit_count" INTEGER NOT NULL DEFAULT 0,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deidentified_at" TIMESTAMPTZ(3),
    "merged_into_id" UUID,

    CONSTRAINT "participant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_type" (
    "id" UUID NOT NULL,
    "key" TEXT,
    "name" TEXT NOT NULL,
    "kind" "ServiceKind" NOT NULL,
    "unit" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit" (
    "id" UUID NOT NULL,
    "participant_id" UUID,
    "visited_at" TIMESTAMPTZ(3) NOT NULL,
    "visit_date" DATE NOT NULL,
    "idempotency_key" UUID NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "voided_at" TIMESTAMPTZ(3),
    "voided_by_id" UUID,
    "void_reason" TEXT,

    CONSTRAINT "visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit_service" (
    "visit_id" UUID NOT NULL,
    "service_type_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "visit_service_pkey" PRIMARY KEY ("visit_id","service_type_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "participant_code_key" ON "participant"("code");

-- CreateIndex
CREATE INDEX "participant_last_seen_at_idx" ON "participant"("last_seen_at");

-- CreateIndex
CREATE INDEX "participant_visit_count_idx" ON "participant"("visit_count");

-- CreateIndex
CREATE INDEX "participant_last_activity_at_idx" ON "participant"("last_activity_at");

-- CreateIndex
CREATE INDEX "participant_alias_trgm_idx" ON "participant" USING GIN ("alias" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "participant_code_trgm_idx" ON "participant" USING GIN ("code" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "service_type_key_key" ON "service_type"("key");

-- CreateIndex
CREATE UNIQUE INDEX "service_type_name_key" ON "service_type"("name");

-- CreateIndex
CREATE UNIQUE INDEX "visit_idempotency_key_key" ON "visit"("idempotency_key");

-- CreateIndex
CREATE INDEX "visit_visit_date_idx" ON "visit"("visit_date");

-- CreateIndex
CREATE INDEX "visit_participant_id_visited_at_idx" ON "visit"("participant_id", "visited_at");

-- CreateIndex
CREATE INDEX "visit_service_service_type_id_idx" ON "visit_service"("service_type_id");

-- AddForeignKey
ALTER TABLE "participant" ADD CONSTRAINT "participant_consent_by_id_fkey" FOREIGN KEY ("consent_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participant" ADD CONSTRAINT "participant_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participant" ADD CONSTRAINT "participant_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "participant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit" ADD CONSTRAINT "visit_voided_by_id_fkey" FOREIGN KEY ("voided_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_service" ADD CONSTRAINT "visit_service_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_service" ADD CONSTRAINT "visit_service_service_type_id_fkey" FOREIGN KEY ("service_type_id") REFERENCES "service_type"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: what must always hold, whatever code writes the rows.

-- A code is three and three characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B).
ALTER TABLE "participant" ADD CONSTRAINT "participant_code_format" CHECK ("code" ~ '^[ACDEFGHJKMNPQRTUVWXY34679]{3}-[ACDEFGHJKMNPQRTUVWXY34679]{3}$');
-- An alias is 1 to 60 characters; only a de-identified (or merged-away) record has none.
ALTER TABLE "participant" ADD CONSTRAINT "participant_alias_check" CHECK (
  ("alias" IS NOT NULL AND length("alias") BETWEEN 1 AND 60) OR ("alias" IS NULL AND ("deidentified_at" IS NOT NULL OR "merged_into_id" IS NOT NULL)));
ALTER TABLE "participant" ADD CONSTRAINT "participant_birth_year_check" CHECK (
  ("birth_year_state" = 'answered') = ("birth_year" IS NOT NULL) AND ("birth_year" IS NULL OR "birth_year" BETWEEN 1900 AND 2100));
ALTER TABLE "participant" ADD CONSTRAINT "participant_gender_self_described_check" CHECK (
  ("gender" = 'self_described') = ("gender_self_described" IS NOT NULL) AND length(coalesce("gender_self_described", '')) <= 60);
ALTER TABLE "participant" ADD CONSTRAINT "participant_pronouns_check" CHECK (
  ("pronouns_state" = 'answered') = ("pronouns" IS NOT NULL) OR "deidentified_at" IS NOT NULL);
ALTER TABLE "participant" ADD CONSTRAINT "participant_language_check" CHECK (
  ("language_state" = 'answered') = ("language" IS NOT NULL) OR "deidentified_at" IS NOT NULL);
ALTER TABLE "participant" ADD CONSTRAINT "participant_home_community_check" CHECK (
  ("home_community_state" = 'answered') = ("home_community" IS NOT NULL) OR "deidentified_at" IS NOT NULL);
ALTER TABLE "participant" ADD CONSTRAINT "participant_text_lengths" CHECK (
  length(coalesce("pronouns", '')) <= 40 AND length(coalesce("language", '')) <= 60 AND length(coalesce("home_community", '')) <= 80);
ALTER TABLE "participant" ADD CONSTRAINT "participant_not_merged_into_self" CHECK ("merged_into_id" IS DISTINCT FROM "id");

ALTER TABLE "service_type" ADD CONSTRAINT "service_type_name_check" CHECK (length("name") BETWEEN 1 AND 60);
ALTER TABLE "service_type" ADD CONSTRAINT "service_type_unit_check" CHECK (("kind" = 'supply') OR "unit" IS NULL);

ALTER TABLE "visit_service" ADD CONSTRAINT "visit_service_quantity_check" CHECK ("quantity" BETWEEN 1 AND 500);
ALTER TABLE "visit" ADD CONSTRAINT "visit_void_check" CHECK (
  ("voided_at" IS NULL AND "voided_by_id" IS NULL AND "void_reason" IS NULL) OR
  ("voided_at" IS NOT NULL AND "voided_by_id" IS NOT NULL AND length("void_reason") BETWEEN 1 AND 200));

-- The participant's visit count and last visit follow their visits, whichever path changes them
-- (logging, voiding, editing, merging). Voided visits do not count.
CREATE FUNCTION participant_refresh_visit_stats(pid uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE "participant" p SET
    "visit_count" = s.n,
    "last_seen_at" = s.last_seen,
    "last_activity_at" = GREATEST(p."last_activity_at", coalesce(s.last_seen, p."last_activity_at"))
  FROM (
    SELECT count(*)::int AS n, max("visited_at") AS last_seen
    FROM "visit" WHERE "participant_id" = pid AND "voided_at" IS NULL
  ) s
  WHERE p."id" = pid;
$$;

CREATE FUNCTION visit_refresh_participant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Logging a visit is the desk's hot path: count it in place instead of recounting the person's
  -- whole history. Edits, voids and merges are rare and recount.
  IF TG_OP = 'INSERT' THEN
    IF NEW."participant_id" IS NOT NULL AND NEW."voided_at" IS NULL THEN
      UPDATE "participant" SET
        "visit_count" = "visit_count" + 1,
        "last_seen_at" = GREATEST("last_seen_at", NEW."visited_at"),
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

CREATE TRIGGER visit_refresh_participant AFTER INSERT OR DELETE OR UPDATE OF "participant_id", "voided_at", "visited_at" ON "visit"
  FOR EACH ROW EXECUTE FUNCTION visit_refresh_participant();

-- Visits are voided with a reason, never deleted: the count funders see must be reconstructible.
CREATE FUNCTION visit_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'visits are voided, not deleted' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER visit_no_delete BEFORE DELETE ON "visit" FOR EACH ROW EXECUTE FUNCTION visit_no_delete();

-- The program's usual services and supplies, present from the first start (a manager can rename,
-- reorder, deactivate or add to them in settings). A function so tests can restore them too.
CREATE FUNCTION seed_default_service_types() RETURNS void LANGUAGE sql AS $$
  INSERT INTO "service_type" ("id", "key", "name", "kind", "unit", "sort_order") VALUES
    (gen_random_uuid(), 'shower', 'Shower', 'service', NULL, 10),
    (gen_random_uuid(), 'laundry', 'Laundry', 'service', NULL, 20),
    (gen_random_uuid(), 'meal', 'Meal or food', 'service', NULL, 30),
    (gen_random_uuid(), 'internet', 'Internet or phone', 'service', NULL, 40),
    (gen_random_uuid(), 'clothing', 'Clothing', 'service', NULL, 50),
    (gen_random_uuid(), 'counselling', 'Supportive counselling', 'service', NULL, 60),
    (gen_random_uuid(), 'crisis', 'Crisis intervention', 'service', NULL, 70),
    (gen_random_uuid(), 'alert_check', 'Aggressor-alert check', 'service', NULL, 80),
    (gen_random_uuid(), 'condoms', 'Condoms', 'supply', 'pack', 110),
    (gen_random_uuid(), 'naloxone', 'Naloxone kit', 'supply', 'kit', 120),
    (gen_random_uuid(), 'safer_use', 'Safer-use supplies', 'supply', 'kit', 130),
    (gen_random_uuid(), 'hygiene', 'Hygiene kit', 'supply', 'kit', 140)
  ON CONFLICT DO NOTHING;
$$;
SELECT seed_default_service_types();
