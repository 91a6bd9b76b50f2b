-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('new', 'reviewed', 'published', 'archived', 'withdrawn');

-- CreateEnum
CREATE TYPE "AlertTimeOfDay" AS ENUM ('morning', 'afternoon', 'evening', 'night', 'unknown');

-- CreateEnum
CREATE TYPE "AlertWorkMode" AS ENUM ('street', 'indoor_outcall', 'online_phone', 'other');

-- CreateEnum
CREATE TYPE "AlertVenue" AS ENUM ('incall', 'outcall_home', 'hotel_motel', 'vehicle', 'other');

-- CreateEnum
CREATE TYPE "AlertIncidentType" AS ENUM ('refused_to_pay', 'robbery_theft', 'physical_assault', 'sexual_assault', 'condom_refusal', 'threats_harassment', 'weapon', 'drugging', 'other');

-- CreateTable
CREATE TABLE "alert_report" (
    "id" UUID NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'new',
    "incident_date" DATE NOT NULL,
    "time_of_day" "AlertTimeOfDay" NOT NULL,
    "mode" "AlertWorkMode" NOT NULL,
    "venue" "AlertVenue",
    "types" "AlertIncidentType"[],
    "details_enc" BYTEA NOT NULL,
    "private_fields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "public_tokens" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "all_tokens" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "key_tokens" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reporter_id" UUID,
    "wants_follow_up" BOOLEAN NOT NULL DEFAULT false,
    "police_consent" BOOLEAN NOT NULL DEFAULT false,
    "received_on" DATE NOT NULL,
    "published_on" DATE,
    "published_at" TIMESTAMPTZ(3),
    "reviewed_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_report_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_report_status_published_at_idx" ON "alert_report"("status", "published_at");

-- CreateIndex
CREATE INDEX "alert_report_received_on_idx" ON "alert_report"("received_on");

-- CreateIndex
CREATE INDEX "alert_report_reporter_id_idx" ON "alert_report"("reporter_id");

-- CreateIndex
CREATE INDEX "alert_report_public_tokens_idx" ON "alert_report" USING GIN ("public_tokens");

-- CreateIndex
CREATE INDEX "alert_report_all_tokens_idx" ON "alert_report" USING GIN ("all_tokens");

-- CreateIndex
CREATE INDEX "alert_report_key_tokens_idx" ON "alert_report" USING GIN ("key_tokens");

-- AddForeignKey
ALTER TABLE "alert_report" ADD CONSTRAINT "alert_report_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "participant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_report" ADD CONSTRAINT "alert_report_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What Prisma cannot express -------------------------------------------------------------------

-- Arrays are never null, a report has one to nine incident types, and the token lists stay bounded
-- (an absurd plate or phone number is refused long before this).
ALTER TABLE "alert_report" ADD CONSTRAINT "alert_report_arrays_check" CHECK (
  "types" IS NOT NULL AND cardinality("types") BETWEEN 1 AND 9
  AND "private_fields" IS NOT NULL AND "public_tokens" IS NOT NULL AND "all_tokens" IS NOT NULL AND "key_tokens" IS NOT NULL
  AND cardinality("all_tokens") <= 4000 AND cardinality("key_tokens") <= 4
  -- version, IV and tag (29 bytes) plus the JSON of the text fields, whose lengths the form limits.
  AND octet_length("details_enc") BETWEEN 29 AND 65536);
-- An incident cannot be after the day it was reported.
ALTER TABLE "alert_report" ADD CONSTRAINT "alert_report_incident_date_check" CHECK ("incident_date" <= "received_on");
-- A venue belongs to indoor and outcall work only.
ALTER TABLE "alert_report" ADD CONSTRAINT "alert_report_venue_check" CHECK ("venue" IS NULL OR "mode" = 'indoor_outcall');
-- Published (and later archived) reports carry when they were published; closed ones when they closed.
ALTER TABLE "alert_report" ADD CONSTRAINT "alert_report_status_times_check" CHECK (
  ("status" NOT IN ('published', 'archived') OR ("published_at" IS NOT NULL AND "published_on" IS NOT NULL))
  AND (("status" IN ('archived', 'withdrawn')) = ("closed_at" IS NOT NULL))
  AND ("status" = 'new' OR "reviewed_at" IS NOT NULL OR "status" = 'withdrawn'));

-- The status machine (lib/alerts/rules.ts says the same in words): new → reviewed → published →
-- archived, and withdrawn from any open state. Nothing leaves withdrawn or archived.
CREATE FUNCTION alert_report_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" = OLD."status" THEN RETURN NEW; END IF;
  IF (OLD."status" = 'new' AND NEW."status" IN ('reviewed', 'withdrawn'))
    OR (OLD."status" = 'reviewed' AND NEW."status" IN ('published', 'withdrawn'))
    OR (OLD."status" = 'published' AND NEW."status" IN ('archived', 'withdrawn')) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a report cannot go from % to %', OLD."status", NEW."status"
    USING ERRCODE = 'check_violation', CONSTRAINT = 'alert_report_status_guard';
END;
$$;
CREATE TRIGGER alert_report_status_guard BEFORE UPDATE OF "status" ON "alert_report"
  FOR EACH ROW EXECUTE FUNCTION alert_report_status_guard();
-- A new report starts new.
ALTER TABLE "alert_report" ADD CONSTRAINT "alert_report_new_check" CHECK ("status" <> 'new' OR ("published_at" IS NULL AND "closed_at" IS NULL));
