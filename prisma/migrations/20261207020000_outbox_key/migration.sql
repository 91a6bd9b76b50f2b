-- The outreach offline queue is encrypted on the phone to a key pair held here, one per session.
-- AlterTable
ALTER TABLE "auth_session" ADD COLUMN     "outbox_key" BYTEA,
ADD COLUMN     "outbox_key_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "auth_session_outbox_key_id_key" ON "auth_session"("outbox_key_id");
