-- Shower and laundry bookings: resources with opening hours and closures, bookings with seats,
-- the waitlist, ticket numbers and links for the wall board.

-- CreateEnum
CREATE TYPE "ResourceKind" AS ENUM ('shower', 'laundry');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('booked', 'checked_in', 'done', 'cancelled', 'no_show');

-- CreateEnum
CREATE TYPE "WaitlistStatus" AS ENUM ('waiting', 'offered', 'booked', 'removed');

-- CreateTable
CREATE TABLE "resource" (
    "id" UUID NOT NULL,
    "kind" "ResourceKind" NOT NULL,
    "name" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "slot_minutes" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource_hours" (
    "resource_id" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opens_min" INTEGER NOT NULL,
    "closes_min" INTEGER NOT NULL,

    CONSTRAINT "resource_hours_pkey" PRIMARY KEY ("resource_id","weekday")
);

-- CreateTable
CREATE TABLE "resource_closure" (
    "id" UUID NOT NULL,
    "resource_id" UUID,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resource_closure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking" (
    "id" UUID NOT NULL,
    "resource_id" UUID NOT NULL,
    "kind" "ResourceKind" NOT NULL,
    "participant_id" UUID,
    "day" DATE NOT NULL,
    "ticket" INTEGER NOT NULL,
    "slot_start" TIMESTAMPTZ(3) NOT NULL,
    "slot_end" TIMESTAMPTZ(3) NOT NULL,
    "seat" INTEGER NOT NULL,
    "status" "BookingStatus" NOT NULL DEFAULT 'booked',
    "idempotency_key" UUID NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "booked_at" TIMESTAMPTZ(3) NOT NULL,
    "checked_in_at" TIMESTAMPTZ(3),
    "done_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "no_show_at" TIMESTAMPTZ(3),

    CONSTRAINT "booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking_ticket" (
    "day" DATE NOT NULL,
    "kind" "ResourceKind" NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "booking_ticket_pkey" PRIMARY KEY ("day","kind")
);

-- CreateTable
CREATE TABLE "waitlist_entry" (
    "id" UUID NOT NULL,
    "kind" "ResourceKind" NOT NULL,
    "day" DATE NOT NULL,
    "ticket" INTEGER NOT NULL,
    "participant_id" UUID,
    "status" "WaitlistStatus" NOT NULL DEFAULT 'waiting',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "offered_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "booking_id" UUID,

    CONSTRAINT "waitlist_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "board_link" (
    "id" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "board_link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "resource_name_key" ON "resource"("name");

-- CreateIndex
CREATE UNIQUE INDEX "resource_id_kind_key" ON "resource"("id", "kind");

-- CreateIndex
CREATE INDEX "resource_closure_ends_at_idx" ON "resource_closure"("ends_at");

-- CreateIndex
CREATE UNIQUE INDEX "booking_idempotency_key_key" ON "booking"("idempotency_key");

-- CreateIndex
CREATE INDEX "booking_resource_id_slot_start_idx" ON "booking"("resource_id", "slot_start");

-- CreateIndex
CREATE INDEX "booking_participant_id_day_idx" ON "booking"("participant_id", "day");

-- CreateIndex
CREATE INDEX "booking_day_kind_idx" ON "booking"("day", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "booking_day_kind_ticket_key" ON "booking"("day", "kind", "ticket");

-- CreateIndex
CREATE UNIQUE INDEX "waitlist_entry_booking_id_key" ON "waitlist_entry"("booking_id");

-- CreateIndex
CREATE INDEX "waitlist_entry_day_kind_status_created_at_idx" ON "waitlist_entry"("day", "kind", "status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "waitlist_entry_day_kind_ticket_key" ON "waitlist_entry"("day", "kind", "ticket");

-- CreateIndex
CREATE UNIQUE INDEX "board_link_token_hash_key" ON "board_link"("token_hash");

-- AddForeignKey
ALTER TABLE "resource_hours" ADD CONSTRAINT "resource_hours_resource_id_fkey" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resource_closure" ADD CONSTRAINT "resource_closure_resource_id_fkey" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_resource_id_kind_fkey" FOREIGN KEY ("resource_id", "kind") REFERENCES "resource"("id", "kind") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: what must always hold, whatever code writes the rows.

ALTER TABLE "resource" ADD CONSTRAINT "resource_name_check" CHECK (length("name") BETWEEN 1 AND 60);
ALTER TABLE "resource" ADD CONSTRAINT "resource_capacity_check" CHECK ("capacity" BETWEEN 1 AND 20);
ALTER TABLE "resource" ADD CONSTRAINT "resource_slot_minutes_check" CHECK ("slot_minutes" BETWEEN 10 AND 240 AND "slot_minutes" % 5 = 0);
ALTER TABLE "resource_hours" ADD CONSTRAINT "resource_hours_check" CHECK (
  "weekday" BETWEEN 1 AND 7 AND "opens_min" >= 0 AND "opens_min" < "closes_min" AND "closes_min" <= 1440);
ALTER TABLE "resource_closure" ADD CONSTRAINT "resource_closure_check" CHECK (
  "ends_at" > "starts_at" AND length("reason") BETWEEN 1 AND 120);

ALTER TABLE "booking" ADD CONSTRAINT "booking_slot_check" CHECK ("slot_end" > "slot_start" AND "seat" >= 1 AND "ticket" >= 1);
-- The day is the program's (Kamloops) calendar date of the slot: tickets and the daily limit count by it.
ALTER TABLE "booking" ADD CONSTRAINT "booking_day_check" CHECK ("day" = ("slot_start" AT TIME ZONE 'America/Vancouver')::date);
ALTER TABLE "booking" ADD CONSTRAINT "booking_status_times_check" CHECK (
  ("status" <> 'checked_in' OR "checked_in_at" IS NOT NULL) AND
  ("status" <> 'done' OR ("checked_in_at" IS NOT NULL AND "done_at" IS NOT NULL)) AND
  ("status" <> 'cancelled' OR "cancelled_at" IS NOT NULL) AND
  ("status" <> 'no_show' OR "no_show_at" IS NOT NULL));
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_check" CHECK (
  "ticket" >= 1 AND
  ("status" <> 'offered' OR "offered_at" IS NOT NULL) AND
  ("status" IN ('waiting', 'offered')) = ("closed_at" IS NULL) AND
  ("status" = 'booked') = ("booking_id" IS NOT NULL));

-- Never overbooked: while a booking holds a place (booked or checked in), no other booking can hold
-- the same seat of the same resource in the same slot. Every path that takes a place (book, move,
-- reinstate) picks a free seat and relies on this key; the loser of a race gets a unique violation.
CREATE UNIQUE INDEX "booking_seat_taken_key" ON "booking" ("resource_id", "slot_start", "seat")
  WHERE "status" IN ('booked', 'checked_in');
-- The no-show sweep and the board look for places still held.
CREATE INDEX "booking_active_slot_start_idx" ON "booking" ("slot_start") WHERE "status" IN ('booked', 'checked_in');

-- ...and a seat exists: 1..capacity. The resource row is share-locked so a capacity change waits
-- for this booking (and its own trigger then sees it) or this booking sees the new capacity.
CREATE FUNCTION booking_seat_within_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE cap integer;
BEGIN
  IF NEW."status" IN ('booked', 'checked_in') THEN
    SELECT "capacity" INTO cap FROM "resource" WHERE "id" = NEW."resource_id" FOR SHARE;
    IF NEW."seat" > cap THEN
      RAISE EXCEPTION 'seat % is beyond the capacity (%) of resource %', NEW."seat", cap, NEW."resource_id"
        USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_seat_within_capacity';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER booking_seat_within_capacity BEFORE INSERT OR UPDATE OF "seat", "resource_id", "status", "slot_start" ON "booking"
  FOR EACH ROW EXECUTE FUNCTION booking_seat_within_capacity();

-- A capacity cut may not strand places still held in seats that would no longer exist.
CREATE FUNCTION resource_capacity_covers_bookings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."kind" <> OLD."kind" THEN
    RAISE EXCEPTION 'a resource keeps its kind' USING ERRCODE = 'check_violation', CONSTRAINT = 'resource_kind_fixed';
  END IF;
  IF NEW."capacity" < OLD."capacity" AND EXISTS (
    SELECT 1 FROM "booking" WHERE "resource_id" = NEW."id" AND "status" IN ('booked', 'checked_in') AND "seat" > NEW."capacity") THEN
    RAISE EXCEPTION 'places are held beyond the new capacity' USING ERRCODE = 'check_violation', CONSTRAINT = 'resource_capacity_covers_bookings';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER resource_capacity_covers_bookings BEFORE UPDATE OF "capacity", "kind" ON "resource"
  FOR EACH ROW EXECUTE FUNCTION resource_capacity_covers_bookings();

-- The per-person limit (setting bookings.perPersonPerDay, default 1): active bookings of one kind
-- per person per day. The person's row is locked, so two desks booking the same person at once are
-- counted one after the other. Checked when a booking starts holding a place (made or reinstated),
-- not when a merge moves bookings between records.
CREATE FUNCTION booking_daily_limit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE lim integer; held integer;
BEGIN
  IF NEW."participant_id" IS NULL OR NEW."status" NOT IN ('booked', 'checked_in') THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND OLD."status" IN ('booked', 'checked_in') THEN RETURN NEW; END IF;
  PERFORM 1 FROM "participant" WHERE "id" = NEW."participant_id" FOR NO KEY UPDATE;
  SELECT CASE WHEN jsonb_typeof("value") = 'number' THEN ("value" #>> '{}')::numeric::integer END INTO lim
    FROM "setting" WHERE "key" = 'bookings.perPersonPerDay';
  SELECT count(*) INTO held FROM "booking"
    WHERE "participant_id" = NEW."participant_id" AND "kind" = NEW."kind" AND "day" = NEW."day"
      AND "status" IN ('booked', 'checked_in') AND "id" <> NEW."id";
  IF held >= coalesce(lim, 1) THEN
    RAISE EXCEPTION 'over the daily booking limit' USING ERRCODE = 'check_violation', CONSTRAINT = 'booking_daily_limit';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER booking_daily_limit BEFORE INSERT OR UPDATE OF "status" ON "booking"
  FOR EACH ROW EXECUTE FUNCTION booking_daily_limit();

-- Bookings are cancelled or marked missed, never deleted: the bookings funders see must add up.
CREATE FUNCTION booking_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'bookings are cancelled, not deleted' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER booking_no_delete BEFORE DELETE ON "booking" FOR EACH ROW EXECUTE FUNCTION booking_no_delete();
