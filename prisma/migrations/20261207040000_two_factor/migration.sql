-- Two-factor sign-in (lib/auth/two-factor.ts): a TOTP secret per account (RFC 6238), encrypted
-- with ENCRYPTION_KEY; the last time step a code was accepted for, so each code works once; ten
-- one-time recovery codes, stored as argon2id hashes. A session records when its second factor was
-- given; a secret being enrolled waits on the session, encrypted, until a code confirms it.
ALTER TABLE "staff_user" ADD COLUMN "totp_secret" BYTEA;
ALTER TABLE "staff_user" ADD COLUMN "totp_enrolled_at" TIMESTAMPTZ(3);
ALTER TABLE "staff_user" ADD COLUMN "totp_last_step" INTEGER;
ALTER TABLE "staff_user" ADD CONSTRAINT "staff_user_totp_check" CHECK (("totp_secret" IS NULL) = ("totp_enrolled_at" IS NULL));

ALTER TABLE "auth_session" ADD COLUMN "second_factor_at" TIMESTAMPTZ(3);
ALTER TABLE "auth_session" ADD COLUMN "totp_pending" BYTEA;

CREATE TABLE "staff_recovery_code" (
    "user_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "staff_recovery_code_pkey" PRIMARY KEY ("user_id","code_hash")
);
ALTER TABLE "staff_recovery_code" ADD CONSTRAINT "staff_recovery_code_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
