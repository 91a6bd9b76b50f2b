-- An audit event's time is the database's, taken when the statement that writes it runs
-- (statement_timestamp(), as close as it gets to the client's clock Prisma used to send). Written as
-- a default Prisma leaves to the database (dbgenerated), because for @default(now()) Prisma sends
-- the client's time. The app's runtime role may insert only the event's other columns
-- (lib/db/runtime-role.ts), so it can neither backdate an event nor take an id the sequence will
-- hand out.
ALTER TABLE "audit_event" ALTER COLUMN "at" SET DEFAULT statement_timestamp();
