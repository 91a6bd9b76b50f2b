-- No plaintext that points at a person (issue 18). A referral's reason becomes a category from a
-- fixed list plus optional encrypted words; a visit's void reason is encrypted. SQL cannot encrypt
-- with the app's key (ENCRYPTION_KEY never reaches the database), so the text already written is
-- parked in free_text_to_seal and the app encrypts it into its new column and deletes the row
-- (lib/privacy/seal.ts). Existing referrals get the category 'other': guessing one from the
-- agency's kind would invent an answer; their words survive as the encrypted detail.

CREATE TYPE "ReferralReason" AS ENUM ('health', 'sexual_health', 'mental_health', 'substance_use', 'housing', 'food_basics',
  'income_benefits', 'legal', 'safety', 'id_documents', 'work_training', 'career_change', 'culture_community', 'other');

CREATE TABLE "free_text_to_seal" (
    "table_name" TEXT NOT NULL,
    "row_id" UUID NOT NULL,
    "column_name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "free_text_to_seal_pkey" PRIMARY KEY ("table_name", "row_id", "column_name")
);

-- Referral: category plus encrypted detail; the old words wait to be sealed.
ALTER TABLE "referral" ADD COLUMN "reason_category" "ReferralReason", ADD COLUMN "reason_detail_enc" BYTEA;
INSERT INTO "free_text_to_seal" ("table_name", "row_id", "column_name", "text")
  SELECT 'referral', "id", 'reason_detail_enc', "reason" FROM "referral" WHERE length("reason") > 0;
UPDATE "referral" SET "reason_category" = 'other';
ALTER TABLE "referral" ALTER COLUMN "reason_category" SET NOT NULL;
ALTER TABLE "referral" DROP CONSTRAINT "referral_reason_check";
ALTER TABLE "referral" DROP COLUMN "reason";

-- Visit: the void reason is encrypted; a voided visit may have none (erased at de-identification).
ALTER TABLE "visit" ADD COLUMN "void_reason_enc" BYTEA;
INSERT INTO "free_text_to_seal" ("table_name", "row_id", "column_name", "text")
  SELECT 'visit', "id", 'void_reason_enc', "void_reason" FROM "visit" WHERE "void_reason" IS NOT NULL AND length("void_reason") > 0;
ALTER TABLE "visit" DROP CONSTRAINT "visit_void_check";
ALTER TABLE "visit" DROP COLUMN "void_reason";
ALTER TABLE "visit" ADD CONSTRAINT "visit_void_check" CHECK (
  ("voided_at" IS NULL AND "voided_by_id" IS NULL AND "void_reason_enc" IS NULL) OR
  ("voided_at" IS NOT NULL AND "voided_by_id" IS NOT NULL));

-- Outreach contact: the same for its void reason. The append-only trigger lets the void fields be
-- set once, and now lets de-identification empty the encrypted reason of a voided contact
-- and the app seal one written before (from empty).
ALTER TABLE "outreach_contact" ADD COLUMN "void_reason_enc" BYTEA;
INSERT INTO "free_text_to_seal" ("table_name", "row_id", "column_name", "text")
  SELECT 'outreach_contact', "id", 'void_reason_enc', "void_reason" FROM "outreach_contact" WHERE "void_reason" IS NOT NULL AND length("void_reason") > 0;
ALTER TABLE "outreach_contact" DROP CONSTRAINT "outreach_contact_void_check";
ALTER TABLE "outreach_contact" DROP COLUMN "void_reason";
ALTER TABLE "outreach_contact" ADD CONSTRAINT "outreach_contact_void_check" CHECK (
  ("voided_at" IS NULL AND "voided_by_id" IS NULL AND "void_reason_enc" IS NULL) OR
  ("voided_at" IS NOT NULL AND "voided_by_id" IS NOT NULL));

CREATE OR REPLACE FUNCTION outreach_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- What may change: a shift's end (once) and a contact's person (a merge); both, the void fields once.
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
     OR (to_jsonb(OLD) ->> 'ended_at' IS NOT NULL AND to_jsonb(NEW) ->> 'ended_at' IS DISTINCT FROM to_jsonb(OLD) ->> 'ended_at') THEN
    RAISE EXCEPTION 'outreach_append_only: outreach entries are added, ended once and voided, never edited' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_append_only';
  END IF;
  RETURN NEW;
END;
$$;

-- De-identification deletes a person's words still waiting to be sealed. SECURITY DEFINER: the
-- app's runtime role has no privilege on free_text_to_seal (only the operator's seal command reads it).
CREATE FUNCTION forget_unsealed_text(participant_ids uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DELETE FROM "free_text_to_seal" f WHERE
    (f."table_name" = 'referral' AND f."row_id" IN (SELECT "id" FROM "referral" WHERE "participant_id" = ANY(participant_ids))) OR
    (f."table_name" = 'visit' AND f."row_id" IN (SELECT "id" FROM "visit" WHERE "participant_id" = ANY(participant_ids))) OR
    (f."table_name" = 'outreach_contact' AND f."row_id" IN (SELECT "id" FROM "outreach_contact" WHERE "participant_id" = ANY(participant_ids)));
$$;
