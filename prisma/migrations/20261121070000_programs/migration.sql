-- CreateEnum
CREATE TYPE "ProgramFrequency" AS ENUM ('weekly', 'fortnightly');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('scheduled', 'held', 'cancelled');

-- CreateTable
CREATE TABLE "program" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "partner" TEXT,
    "frequency" "ProgramFrequency" NOT NULL,
    "weekday" INTEGER NOT NULL,
    "start_min" INTEGER NOT NULL,
    "end_min" INTEGER NOT NULL,
    "active_from" DATE NOT NULL,
    "active_to" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "program_closed_day" (
    "day" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "program_closed_day_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "program_session" (
    "id" UUID NOT NULL,
    "program_id" UUID NOT NULL,
    "scheduled_for" TIMESTAMPTZ(3),
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'scheduled',
    "cancel_reason" TEXT,
    "cancelled_at" TIMESTAMPTZ(3),
    "anonymous_count" INTEGER NOT NULL DEFAULT 0,
    "partner_present" BOOLEAN NOT NULL DEFAULT false,
    "topics" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "program_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attendance" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attendance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "program_name_key" ON "program"("name");

-- CreateIndex
CREATE INDEX "program_session_starts_at_idx" ON "program_session"("starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "program_session_program_id_scheduled_for_key" ON "program_session"("program_id", "scheduled_for");

-- CreateIndex
CREATE UNIQUE INDEX "program_session_program_id_starts_at_key" ON "program_session"("program_id", "starts_at");

-- CreateIndex
CREATE INDEX "attendance_participant_id_idx" ON "attendance"("participant_id");

-- CreateIndex
CREATE UNIQUE INDEX "attendance_session_id_participant_id_key" ON "attendance"("session_id", "participant_id");

-- AddForeignKey
ALTER TABLE "program_session" ADD CONSTRAINT "program_session_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "program_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- CreateTable
CREATE TABLE "anonymous_count_key" (
    "key" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "anonymous_count_key_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "anonymous_count_key_session_id_idx" ON "anonymous_count_key"("session_id");

-- AddForeignKey
ALTER TABLE "anonymous_count_key" ADD CONSTRAINT "anonymous_count_key_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "program_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: what must always hold, whatever code writes the rows.

ALTER TABLE "program" ADD CONSTRAINT "program_check" CHECK (
  length("name") BETWEEN 1 AND 80 AND
  ("description" IS NULL OR length("description") <= 500) AND
  ("partner" IS NULL OR length("partner") <= 120) AND
  "weekday" BETWEEN 1 AND 7 AND
  "start_min" >= 0 AND "start_min" < "end_min" AND "end_min" <= 1440 AND
  ("active_to" IS NULL OR "active_to" >= "active_from"));
ALTER TABLE "program_closed_day" ADD CONSTRAINT "program_closed_day_reason_check" CHECK (length("reason") BETWEEN 1 AND 120);

ALTER TABLE "program_session" ADD CONSTRAINT "program_session_check" CHECK (
  "ends_at" > "starts_at" AND "ends_at" <= "starts_at" + interval '24 hours' AND
  "anonymous_count" BETWEEN 0 AND 500 AND
  ("topics" IS NULL OR length("topics") <= 200));
-- Cancelled means a reason and a time, and nobody counted: a cancelled session did not run.
ALTER TABLE "program_session" ADD CONSTRAINT "program_session_cancel_check" CHECK (
  ("status" = 'cancelled') = ("cancelled_at" IS NOT NULL) AND
  ("status" <> 'cancelled' OR ("cancel_reason" IS NOT NULL AND length("cancel_reason") BETWEEN 1 AND 200 AND "anonymous_count" = 0)));

-- No one is counted at a cancelled session. The session row is share-locked, so a cancel (which
-- locks it for update and then checks for attendance) and an add are ordered one after the other.
CREATE FUNCTION attendance_session_open() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE st "SessionStatus";
BEGIN
  SELECT "status" INTO st FROM "program_session" WHERE "id" = NEW."session_id" FOR SHARE;
  IF st = 'cancelled' THEN
    RAISE EXCEPTION 'attendance on a cancelled session' USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_session_open';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER attendance_session_open BEFORE INSERT OR UPDATE OF "session_id" ON "attendance"
  FOR EACH ROW EXECUTE FUNCTION attendance_session_open();

-- ...and a session cannot be cancelled while people are counted at it.
CREATE FUNCTION program_session_cancel_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" = 'cancelled' AND OLD."status" <> 'cancelled' AND EXISTS (SELECT 1 FROM "attendance" WHERE "session_id" = NEW."id") THEN
    RAISE EXCEPTION 'people are counted at this session' USING ERRCODE = 'check_violation', CONSTRAINT = 'program_session_cancel_empty';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER program_session_cancel_empty BEFORE UPDATE OF "status" ON "program_session"
  FOR EACH ROW EXECUTE FUNCTION program_session_cancel_empty();

-- Recorded or cancelled sessions are kept: only a session still just scheduled may be removed
-- (a generated one the schedule no longer has).
CREATE FUNCTION program_session_keep_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" <> 'scheduled' THEN
    RAISE EXCEPTION 'held and cancelled sessions are kept' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END;
$$;
CREATE TRIGGER program_session_keep_recorded BEFORE DELETE ON "program_session"
  FOR EACH ROW EXECUTE FUNCTION program_session_keep_recorded();
