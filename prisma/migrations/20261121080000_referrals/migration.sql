-- Inter-agency referrals: the agency directory, referrals with consent, status history and follow-ups.

-- CreateEnum
CREATE TYPE "AgencyCategory" AS ENUM ('health', 'sexual_health', 'mental_health', 'legal_advocacy', 'shelters', 'housing', 'employment_training', 'culturally_safe', 'crisis_lines', 'transitioning_support');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('made', 'connected', 'completed', 'declined_by_person', 'declined_by_agency', 'no_response', 'closed');

-- CreateEnum
CREATE TYPE "ReferralConsent" AS ENUM ('nothing', 'alias_only', 'summary');

-- CreateTable
CREATE TABLE "agency" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "categories" "AgencyCategory"[],
    "phone" TEXT,
    "hours" TEXT,
    "offers" TEXT,
    "staff_notes" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral" (
    "id" UUID NOT NULL,
    "participant_id" UUID,
    "agency_id" UUID NOT NULL,
    "category" "AgencyCategory" NOT NULL,
    "reason" TEXT NOT NULL,
    "referred_on" DATE NOT NULL,
    "follow_up_on" DATE NOT NULL,
    "staff_id" UUID NOT NULL,
    "consent" "ReferralConsent" NOT NULL,
    "summary_enc" BYTEA,
    "consent_by_id" UUID,
    "consent_at" TIMESTAMPTZ(3),
    "status" "ReferralStatus" NOT NULL DEFAULT 'made',
    "status_by_id" UUID NOT NULL,
    "status_at" TIMESTAMPTZ(3) NOT NULL,
    "connected_on" DATE,
    "outcome_enc" BYTEA,
    "idempotency_key" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "referral_status_change" (
    "id" UUID NOT NULL,
    "referral_id" UUID NOT NULL,
    "from_status" "ReferralStatus",
    "to_status" "ReferralStatus" NOT NULL,
    "by_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "referral_status_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "agency_name_key" ON "agency"("name");

-- CreateIndex
CREATE INDEX "agency_active_name_idx" ON "agency"("active", "name");

-- CreateIndex
CREATE UNIQUE INDEX "referral_idempotency_key_key" ON "referral"("idempotency_key");

-- CreateIndex
CREATE INDEX "referral_participant_id_idx" ON "referral"("participant_id");

-- CreateIndex
CREATE INDEX "referral_referred_on_idx" ON "referral"("referred_on");

-- CreateIndex
CREATE INDEX "referral_status_follow_up_on_idx" ON "referral"("status", "follow_up_on");

-- CreateIndex
CREATE INDEX "referral_agency_id_idx" ON "referral"("agency_id");

-- CreateIndex
CREATE INDEX "referral_status_change_referral_id_at_idx" ON "referral_status_change"("referral_id", "at");

-- AddForeignKey
ALTER TABLE "referral" ADD CONSTRAINT "referral_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral" ADD CONSTRAINT "referral_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral" ADD CONSTRAINT "referral_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral" ADD CONSTRAINT "referral_consent_by_id_fkey" FOREIGN KEY ("consent_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral" ADD CONSTRAINT "referral_status_by_id_fkey" FOREIGN KEY ("status_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_status_change" ADD CONSTRAINT "referral_status_change_referral_id_fkey" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "referral_status_change" ADD CONSTRAINT "referral_status_change_by_id_fkey" FOREIGN KEY ("by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: what must always hold, whatever code writes the rows.

ALTER TABLE "agency" ADD CONSTRAINT "agency_fields_check" CHECK (
  length("name") BETWEEN 1 AND 80 AND
  "categories" IS NOT NULL AND cardinality("categories") BETWEEN 1 AND 10 AND
  coalesce(length("phone"), 0) <= 40 AND coalesce(length("hours"), 0) <= 200 AND
  coalesce(length("offers"), 0) <= 500 AND coalesce(length("staff_notes"), 0) <= 500);

ALTER TABLE "referral" ADD CONSTRAINT "referral_reason_check" CHECK (length("reason") BETWEEN 1 AND 120);
ALTER TABLE "referral" ADD CONSTRAINT "referral_follow_up_check" CHECK ("follow_up_on" >= "referred_on");
-- Sharing anything with the agency needs the person's consent on record (who recorded it, when).
ALTER TABLE "referral" ADD CONSTRAINT "referral_consent_recorded_check" CHECK (
  "consent" = 'nothing' OR ("consent_by_id" IS NOT NULL AND "consent_at" IS NOT NULL));
-- A summary exists only with consent to share one (it may be erased later: de-identification).
ALTER TABLE "referral" ADD CONSTRAINT "referral_summary_consent_check" CHECK ("summary_enc" IS NULL OR "consent" = 'summary');
-- "Alias only" shares a participant's alias: someone anonymous has none.
ALTER TABLE "referral" ADD CONSTRAINT "referral_alias_needs_person_check" CHECK ("consent" <> 'alias_only' OR "participant_id" IS NOT NULL);
-- Ciphertext of at most 500 characters (4 bytes each at worst) plus the 29-byte envelope.
ALTER TABLE "referral" ADD CONSTRAINT "referral_text_size_check" CHECK (
  coalesce(octet_length("summary_enc"), 0) <= 2029 AND coalesce(octet_length("outcome_enc"), 0) <= 2029);
ALTER TABLE "referral" ADD CONSTRAINT "referral_connected_check" CHECK (
  ("status" NOT IN ('connected', 'completed') OR "connected_on" IS NOT NULL) AND
  ("connected_on" IS NULL OR "connected_on" >= "referred_on"));

-- A referral goes to an active agency, under one of that agency's categories. The agency row is
-- share-locked, so a deactivation waits for this referral or this referral sees it.
CREATE FUNCTION referral_agency_fits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE a record;
BEGIN
  SELECT "active", "categories" INTO a FROM "agency" WHERE "id" = NEW."agency_id" FOR SHARE;
  IF NOT FOUND THEN RETURN NEW; END IF; -- the foreign key answers
  IF (TG_OP = 'INSERT' OR NEW."agency_id" <> OLD."agency_id") AND NOT a."active" THEN
    RAISE EXCEPTION 'the agency is inactive' USING ERRCODE = 'check_violation', CONSTRAINT = 'referral_agency_active';
  END IF;
  IF (TG_OP = 'INSERT' OR NEW."agency_id" <> OLD."agency_id" OR NEW."category" <> OLD."category")
     AND NOT (NEW."category" = ANY (a."categories")) THEN
    RAISE EXCEPTION 'the agency does not offer this category' USING ERRCODE = 'check_violation', CONSTRAINT = 'referral_agency_category';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER referral_agency_fits BEFORE INSERT OR UPDATE OF "agency_id", "category" ON "referral"
  FOR EACH ROW EXECUTE FUNCTION referral_agency_fits();

-- Every status a referral has had, with who and when: written here, so no code path can skip it.
CREATE FUNCTION referral_status_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."status" = OLD."status" THEN RETURN NEW; END IF;
  INSERT INTO "referral_status_change" ("id", "referral_id", "from_status", "to_status", "by_id", "at")
  VALUES (gen_random_uuid(), NEW."id", CASE WHEN TG_OP = 'UPDATE' THEN OLD."status" END, NEW."status", NEW."status_by_id", NEW."status_at");
  RETURN NEW;
END;
$$;
CREATE TRIGGER referral_status_history AFTER INSERT OR UPDATE OF "status" ON "referral"
  FOR EACH ROW EXECUTE FUNCTION referral_status_history();

-- The history and the referrals themselves are kept: the figures funders see must add up.
CREATE FUNCTION referral_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'referral history is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER referral_status_change_append_only BEFORE UPDATE OR DELETE ON "referral_status_change"
  FOR EACH ROW EXECUTE FUNCTION referral_history_append_only();
CREATE TRIGGER referral_no_delete BEFORE DELETE ON "referral"
  FOR EACH ROW EXECUTE FUNCTION referral_history_append_only();
