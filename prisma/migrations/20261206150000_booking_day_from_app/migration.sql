-- The program's local date of a booking is worked out by the app's one calendar (lib/calendar), from
-- the IANA data the project pins. The old check recomputed it with the database server's own tzdata
-- ("slot_start AT TIME ZONE 'America/Vancouver'"), which on a stock Debian 12 PostgreSQL still moves
-- British Columbia back to UTC−8 after 2026-11-01: a booking between 00:00 and 01:00 local was
-- refused there, PGlite (newer data) disagreed with PostgreSQL, and the zone was written in SQL
-- instead of being the program's setting.
--
-- What stays guaranteed here, with no time-zone data at all: the day is one that some UTC offset
-- (−12 h to +14 h) gives for the slot's start.
ALTER TABLE "booking" DROP CONSTRAINT "booking_day_check";
ALTER TABLE "booking" ADD CONSTRAINT "booking_day_check" CHECK (
  "day" BETWEEN (("slot_start" - interval '12 hours') AT TIME ZONE 'UTC')::date
            AND (("slot_start" + interval '14 hours') AT TIME ZONE 'UTC')::date
);
