-- Safe Suite: units (a name, never an address), stays with their turnover, the staff log of
-- welfare checks and handovers (encrypted text), and managers' approvals of longer stays.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- CreateEnum
CREATE TYPE "StayStatus" AS ENUM ('requested', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'declined', 'no_show');

-- CreateEnum
CREATE TYPE "StayLogKind" AS ENUM ('welfare_check', 'handover');

-- CreateTable
CREATE TABLE "suite_unit" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "suite_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stay" (
    "id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "status" "StayStatus" NOT NULL DEFAULT 'requested',
    "start_at" TIMESTAMPTZ(3) NOT NULL,
    "end_at" TIMESTAMPTZ(3) NOT NULL,
    "turnover_minutes" INTEGER NOT NULL,
    "blocked_until" TIMESTAMPTZ(3) NOT NULL,
    "start_day" DATE NOT NULL,
    "end_day" DATE NOT NULL,
    "idempotency_key" UUID NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "offered_at" TIMESTAMPTZ(3),
    "confirmed_at" TIMESTAMPTZ(3),
    "checked_in_at" TIMESTAMPTZ(3),
    "checked_out_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "stay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stay_log_entry" (
    "id" UUID NOT NULL,
    "stay_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "kind" "StayLogKind" NOT NULL,
    "text_enc" BYTEA,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "staff_id" UUID NOT NULL,

    CONSTRAINT "stay_log_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stay_extension" (
    "id" UUID NOT NULL,
    "stay_id" UUID NOT NULL,
    "approved_by_id" UUID NOT NULL,
    "approved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "previous_end" TIMESTAMPTZ(3),
    "new_end" TIMESTAMPTZ(3) NOT NULL,
    "nights" INTEGER NOT NULL,

    CONSTRAINT "stay_extension_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "suite_unit_name_key" ON "suite_unit"("name");

-- CreateIndex
CREATE UNIQUE INDEX "stay_idempotency_key_key" ON "stay"("idempotency_key");

-- CreateIndex
CREATE INDEX "stay_unit_id_start_at_idx" ON "stay"("unit_id", "start_at");

-- CreateIndex
CREATE INDEX "stay_participant_id_idx" ON "stay"("participant_id");

-- CreateIndex
CREATE INDEX "stay_status_created_at_idx" ON "stay"("status", "created_at");

-- CreateIndex
CREATE INDEX "stay_start_day_end_day_idx" ON "stay"("start_day", "end_day");

-- CreateIndex
CREATE UNIQUE INDEX "stay_id_participant_id_key" ON "stay"("id", "participant_id");

-- CreateIndex
CREATE INDEX "stay_log_entry_stay_id_at_idx" ON "stay_log_entry"("stay_id", "at");

-- CreateIndex
CREATE INDEX "stay_log_entry_participant_id_idx" ON "stay_log_entry"("participant_id");

-- CreateIndex
CREATE INDEX "stay_extension_stay_id_idx" ON "stay_extension"("stay_id");

-- AddForeignKey
ALTER TABLE "stay" ADD CONSTRAINT "stay_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "suite_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stay" ADD CONSTRAINT "stay_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stay" ADD CONSTRAINT "stay_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stay_log_entry" ADD CONSTRAINT "stay_log_entry_stay_id_participant_id_fkey" FOREIGN KEY ("stay_id", "participant_id") REFERENCES "stay"("id", "participant_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stay_log_entry" ADD CONSTRAINT "stay_log_entry_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stay_log_entry" ADD CONSTRAINT "stay_log_entry_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stay_extension" ADD CONSTRAINT "stay_extension_stay_id_fkey" FOREIGN KEY ("stay_id") REFERENCES "stay"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stay_extension" ADD CONSTRAINT "stay_extension_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: what must always hold, whatever code writes the rows.

ALTER TABLE "suite_unit" ADD CONSTRAINT "suite_unit_name_check" CHECK (length("name") BETWEEN 1 AND 60);

-- The turnover in effect is stored on the stay, so a later change of the setting never makes an
-- existing row break the exclusion below; blocked_until is always end + turnover.
ALTER TABLE "stay" ADD CONSTRAINT "stay_times_check" CHECK (
  "end_at" >= "start_at" AND "end_day" >= "start_day" AND "turnover_minutes" BETWEEN 0 AND 1440 AND
  "blocked_until" = "end_at" + make_interval(mins => "turnover_minutes"));
ALTER TABLE "stay" ADD CONSTRAINT "stay_status_times_check" CHECK (
  ("status" NOT IN ('confirmed', 'checked_in', 'checked_out') OR "confirmed_at" IS NOT NULL) AND
  ("status" NOT IN ('checked_in', 'checked_out') OR "checked_in_at" IS NOT NULL) AND
  ("status" <> 'checked_out' OR "checked_out_at" IS NOT NULL) AND
  ("status" IN ('cancelled', 'declined', 'no_show')) = ("closed_at" IS NOT NULL) AND
  ("status" = 'requested' OR "offered_at" IS NULL));
ALTER TABLE "stay_extension" ADD CONSTRAINT "stay_extension_check" CHECK ("nights" >= 1);

-- No two stays that hold a unit overlap, the turnover after each included. Confirmed and checked-in
-- stays hold it; so does a checked-out stay, for its (possibly shortened) stay and its cleaning time:
-- checking out early frees the remaining nights, not the turnover. The loser of two desks confirming
-- overlapping stays at once gets 23P01.
ALTER TABLE "stay" ADD CONSTRAINT "stay_no_overlap" EXCLUDE USING gist (
  "unit_id" WITH =, tstzrange("start_at", "blocked_until") WITH &&
) WHERE ("status" IN ('confirmed', 'checked_in', 'checked_out'));

-- Stays are cancelled, declined or marked missed, never deleted: the nights funders see must add up.
CREATE FUNCTION stay_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stays are cancelled, not deleted' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER stay_no_delete BEFORE DELETE ON "stay" FOR EACH ROW EXECUTE FUNCTION stay_no_delete();
