-- "Remember this browser" after a second factor (lib/auth/two-factor.ts): a random token in an
-- http-only cookie, kept here as its SHA-256 hash, good for at most the absolute session lifetime.
-- Signing out everywhere, a password reset and a reset of two-step sign-in delete an account's.
CREATE TABLE "remembered_browser" (
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "remembered_browser_pkey" PRIMARY KEY ("token_hash")
);
CREATE INDEX "remembered_browser_user_id_idx" ON "remembered_browser"("user_id");
ALTER TABLE "remembered_browser" ADD CONSTRAINT "remembered_browser_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
