-- Retention erases a de-identified record's free text. A self-described gender is free text: the
-- coarse category ('self_described') stays for statistics, the words themselves may go.
ALTER TABLE "participant" DROP CONSTRAINT "participant_gender_self_described_check";
ALTER TABLE "participant" ADD CONSTRAINT "participant_gender_self_described_check" CHECK (
  (("gender" = 'self_described') = ("gender_self_described" IS NOT NULL)
    OR ("deidentified_at" IS NOT NULL AND "gender_self_described" IS NULL))
  AND length(coalesce("gender_self_described", '')) <= 60);
