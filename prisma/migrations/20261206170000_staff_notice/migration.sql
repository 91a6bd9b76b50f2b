-- Separation of duties (issue 17): every change to a staff account is shown to the person it
-- concerns at their next sign-in, and a change to a manager account to the other managers too,
-- so nobody can quietly take over an account. The audit log keeps the record; this table keeps
-- who still has to see it.

CREATE TABLE "staff_notice" (
    "id" BIGSERIAL NOT NULL,
    "recipient_id" UUID NOT NULL,
    "subject_id" UUID NOT NULL,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "from_role" "Role",
    "to_role" "Role",
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen_at" TIMESTAMPTZ(3),

    CONSTRAINT "staff_notice_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "staff_notice_recipient_id_seen_at_idx" ON "staff_notice"("recipient_id", "seen_at");
CREATE INDEX "staff_notice_subject_id_idx" ON "staff_notice"("subject_id");
CREATE INDEX "staff_notice_actor_id_idx" ON "staff_notice"("actor_id");

ALTER TABLE "staff_notice" ADD CONSTRAINT "staff_notice_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "staff_notice" ADD CONSTRAINT "staff_notice_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "staff_notice" ADD CONSTRAINT "staff_notice_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Only the actions the application shows (lib/staff/notices.ts).
ALTER TABLE "staff_notice" ADD CONSTRAINT "staff_notice_action_known" CHECK ("action" IN (
  'staff_user.created', 'staff_user.role_changed', 'staff_user.password_reset',
  'staff_user.second_factor_reset', 'staff_user.deactivated', 'staff_user.reactivated'));
