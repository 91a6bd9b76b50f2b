-- Outreach, street and online: configurable zones, platforms and contact kinds; shifts and the contacts
-- made on them, each keyed by an id made on the phone so a resend from an offline queue is stored once.

-- CreateEnum
CREATE TYPE "OutreachListKind" AS ENUM ('zone', 'platform', 'contact_kind');

-- CreateEnum
CREATE TYPE "OutreachMode" AS ENUM ('street', 'online');

-- CreateTable
CREATE TABLE "outreach_option" (
    "id" UUID NOT NULL,
    "list" "OutreachListKind" NOT NULL,
    "key" TEXT,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outreach_option_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_shift" (
    "id" UUID NOT NULL,
    "mode" "OutreachMode" NOT NULL,
    "zone_id" UUID,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "started_on" DATE NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voided_at" TIMESTAMPTZ(3),
    "voided_by_id" UUID,
    "void_reason" TEXT,

    CONSTRAINT "outreach_shift_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_shift_staff" (
    "shift_id" UUID NOT NULL,
    "staff_id" UUID NOT NULL,

    CONSTRAINT "outreach_shift_staff_pkey" PRIMARY KEY ("shift_id","staff_id")
);

-- CreateTable
CREATE TABLE "outreach_shift_platform" (
    "shift_id" UUID NOT NULL,
    "platform_id" UUID NOT NULL,

    CONSTRAINT "outreach_shift_platform_pkey" PRIMARY KEY ("shift_id","platform_id")
);

-- CreateTable
CREATE TABLE "outreach_contact" (
    "id" UUID NOT NULL,
    "shift_id" UUID NOT NULL,
    "participant_id" UUID,
    "people_count" INTEGER NOT NULL DEFAULT 1,
    "is_new" BOOLEAN NOT NULL,
    "contacted_at" TIMESTAMPTZ(3) NOT NULL,
    "contacted_on" DATE NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voided_at" TIMESTAMPTZ(3),
    "voided_by_id" UUID,
    "void_reason" TEXT,

    CONSTRAINT "outreach_contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_contact_kind" (
    "contact_id" UUID NOT NULL,
    "kind_id" UUID NOT NULL,

    CONSTRAINT "outreach_contact_kind_pkey" PRIMARY KEY ("contact_id","kind_id")
);

-- CreateTable
CREATE TABLE "outreach_contact_supply" (
    "contact_id" UUID NOT NULL,
    "service_type_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "for_others" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "outreach_contact_supply_pkey" PRIMARY KEY ("contact_id","service_type_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outreach_option_list_name_key" ON "outreach_option"("list", "name");

-- CreateIndex
CREATE UNIQUE INDEX "outreach_option_list_key_key" ON "outreach_option"("list", "key");

-- CreateIndex
CREATE INDEX "outreach_shift_started_on_idx" ON "outreach_shift"("started_on");

-- CreateIndex
CREATE INDEX "outreach_shift_created_by_id_started_at_idx" ON "outreach_shift"("created_by_id", "started_at");

-- CreateIndex
CREATE INDEX "outreach_shift_staff_staff_id_idx" ON "outreach_shift_staff"("staff_id");

-- CreateIndex
CREATE INDEX "outreach_contact_shift_id_contacted_at_idx" ON "outreach_contact"("shift_id", "contacted_at");

-- CreateIndex
CREATE INDEX "outreach_contact_participant_id_contacted_at_idx" ON "outreach_contact"("participant_id", "contacted_at");

-- CreateIndex
CREATE INDEX "outreach_contact_contacted_on_idx" ON "outreach_contact"("contacted_on");

-- CreateIndex
CREATE INDEX "outreach_contact_supply_service_type_id_idx" ON "outreach_contact_supply"("service_type_id");

-- AddForeignKey
ALTER TABLE "outreach_shift" ADD CONSTRAINT "outreach_shift_zone_id_fkey" FOREIGN KEY ("zone_id") REFERENCES "outreach_option"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_shift" ADD CONSTRAINT "outreach_shift_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_shift" ADD CONSTRAINT "outreach_shift_voided_by_id_fkey" FOREIGN KEY ("voided_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_shift_staff" ADD CONSTRAINT "outreach_shift_staff_shift_id_fkey" FOREIGN KEY ("shift_id") REFERENCES "outreach_shift"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_shift_staff" ADD CONSTRAINT "outreach_shift_staff_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_shift_platform" ADD CONSTRAINT "outreach_shift_platform_shift_id_fkey" FOREIGN KEY ("shift_id") REFERENCES "outreach_shift"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_shift_platform" ADD CONSTRAINT "outreach_shift_platform_platform_id_fkey" FOREIGN KEY ("platform_id") REFERENCES "outreach_option"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_contact" ADD CONSTRAINT "outreach_contact_shift_id_fkey" FOREIGN KEY ("shift_id") REFERENCES "outreach_shift"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_contact" ADD CONSTRAINT "outreach_contact_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_contact" ADD CONSTRAINT "outreach_contact_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_contact" ADD CONSTRAINT "outreach_contact_voided_by_id_fkey" FOREIGN KEY ("voided_by_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_contact_kind" ADD CONSTRAINT "outreach_contact_kind_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "outreach_contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_contact_kind" ADD CONSTRAINT "outreach_contact_kind_kind_id_fkey" FOREIGN KEY ("kind_id") REFERENCES "outreach_option"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_contact_supply" ADD CONSTRAINT "outreach_contact_supply_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "outreach_contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_contact_supply" ADD CONSTRAINT "outreach_contact_supply_service_type_id_fkey" FOREIGN KEY ("service_type_id") REFERENCES "service_type"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: what must always hold, whatever code writes the rows.

ALTER TABLE "outreach_option" ADD CONSTRAINT "outreach_option_name_check" CHECK (length("name") BETWEEN 1 AND 60);

-- A street shift names a zone; an online shift names none (its platforms are rows of their own).
ALTER TABLE "outreach_shift" ADD CONSTRAINT "outreach_shift_where_check" CHECK (("mode" = 'street') = ("zone_id" IS NOT NULL));
ALTER TABLE "outreach_shift" ADD CONSTRAINT "outreach_shift_end_check" CHECK ("ended_at" IS NULL OR "ended_at" > "started_at");
-- A day and a half at most: a longer span is a shift someone forgot to end.
ALTER TABLE "outreach_shift" ADD CONSTRAINT "outreach_shift_length_check" CHECK ("ended_at" IS NULL OR "ended_at" <= "started_at" + interval '36 hours');
ALTER TABLE "outreach_shift" ADD CONSTRAINT "outreach_shift_void_check" CHECK (
  ("voided_at" IS NULL AND "voided_by_id" IS NULL AND "void_reason" IS NULL) OR
  ("voided_at" IS NOT NULL AND "voided_by_id" IS NOT NULL AND length("void_reason") BETWEEN 1 AND 200));

-- One entry is one person met, or an anonymous group counted together.
ALTER TABLE "outreach_contact" ADD CONSTRAINT "outreach_contact_people_check" CHECK (
  "people_count" BETWEEN 1 AND 50 AND ("participant_id" IS NULL OR "people_count" = 1));
ALTER TABLE "outreach_contact" ADD CONSTRAINT "outreach_contact_void_check" CHECK (
  ("voided_at" IS NULL AND "voided_by_id" IS NULL AND "void_reason" IS NULL) OR
  ("voided_at" IS NOT NULL AND "voided_by_id" IS NOT NULL AND length("void_reason") BETWEEN 1 AND 200));

-- The same range as a visit's supplies; something is given, to the person or to pass on.
ALTER TABLE "outreach_contact_supply" ADD CONSTRAINT "outreach_contact_supply_quantity_check" CHECK (
  "quantity" BETWEEN 0 AND 500 AND "for_others" BETWEEN 0 AND 500 AND "quantity" + "for_others" >= 1);

-- An option used on a new row must be active and from the right list (zone, platform, contact kind).
-- The option row is share-locked, so a deactivation waits for this row or this row sees it.
CREATE FUNCTION outreach_option_fits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wanted "OutreachListKind" := TG_ARGV[1]::"OutreachListKind";
  option_id uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
  o record;
BEGIN
  IF option_id IS NULL THEN RETURN NEW; END IF;
  IF TG_OP = 'UPDATE' AND option_id IS NOT DISTINCT FROM (to_jsonb(OLD) ->> TG_ARGV[0])::uuid THEN RETURN NEW; END IF;
  SELECT "list", "active" INTO o FROM "outreach_option" WHERE "id" = option_id FOR SHARE;
  IF NOT FOUND THEN RETURN NEW; END IF; -- the foreign key answers
  IF o."list" <> wanted OR NOT o."active" THEN
    RAISE EXCEPTION 'outreach_option_%: the option is not in the option list', wanted USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_option_' || wanted::text;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER outreach_shift_zone_fits BEFORE INSERT OR UPDATE OF "zone_id" ON "outreach_shift"
  FOR EACH ROW EXECUTE FUNCTION outreach_option_fits('zone_id', 'zone');
CREATE TRIGGER outreach_shift_platform_fits BEFORE INSERT OR UPDATE ON "outreach_shift_platform"
  FOR EACH ROW EXECUTE FUNCTION outreach_option_fits('platform_id', 'platform');
CREATE TRIGGER outreach_contact_kind_fits BEFORE INSERT OR UPDATE ON "outreach_contact_kind"
  FOR EACH ROW EXECUTE FUNCTION outreach_option_fits('kind_id', 'contact_kind');

-- A contact happens inside its shift, which is not voided. The shift row is share-locked, so ending the
-- shift (below) and adding a contact cannot pass each other.
CREATE FUNCTION outreach_contact_in_shift() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s record;
BEGIN
  SELECT "started_at", "ended_at", "voided_at" INTO s FROM "outreach_shift" WHERE "id" = NEW."shift_id" FOR SHARE;
  IF NOT FOUND THEN RETURN NEW; END IF; -- the foreign key answers
  IF TG_OP = 'INSERT' AND s."voided_at" IS NOT NULL THEN
    RAISE EXCEPTION 'outreach_contact_shift_voided: the shift was voided' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_contact_shift_voided';
  END IF;
  IF NEW."contacted_at" < s."started_at" OR NEW."contacted_at" > coalesce(s."ended_at", 'infinity') THEN
    RAISE EXCEPTION 'outreach_contact_in_shift: the contact is outside its shift' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_contact_in_shift';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER outreach_contact_in_shift BEFORE INSERT OR UPDATE OF "shift_id", "contacted_at" ON "outreach_contact"
  FOR EACH ROW EXECUTE FUNCTION outreach_contact_in_shift();

-- A shift cannot end (or be ended earlier) before a contact it already holds.
CREATE FUNCTION outreach_shift_covers_contacts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."ended_at" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "outreach_contact" WHERE "shift_id" = NEW."id" AND "contacted_at" > NEW."ended_at") THEN
    RAISE EXCEPTION 'outreach_contact_in_shift: the shift would end before one of its contacts' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_contact_in_shift';
  END IF;
  IF NEW."started_at" <> OLD."started_at" AND EXISTS (
    SELECT 1 FROM "outreach_contact" WHERE "shift_id" = NEW."id" AND "contacted_at" < NEW."started_at") THEN
    RAISE EXCEPTION 'outreach_contact_in_shift: the shift would start after one of its contacts' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_contact_in_shift';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER outreach_shift_covers_contacts BEFORE UPDATE OF "started_at", "ended_at" ON "outreach_shift"
  FOR EACH ROW EXECUTE FUNCTION outreach_shift_covers_contacts();

-- Append-only: entries are voided with a reason, never edited or deleted. A shift may be ended once
-- (ended_at from null); a merge of two participant records may move a contact to the kept record.
CREATE FUNCTION outreach_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- What may change: a shift's end (once) and a contact's person (a merge); both, the void fields once.
  movable text[] := CASE TG_TABLE_NAME WHEN 'outreach_shift' THEN ARRAY['ended_at'] ELSE ARRAY['participant_id'] END;
  void_fields text[] := ARRAY['voided_at', 'voided_by_id', 'void_reason'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'outreach_append_only: outreach entries are voided, never deleted' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_append_only';
  END IF;
  -- Read through jsonb: a record's missing field (a contact has no ended_at) would be an error.
  IF (to_jsonb(NEW) - movable - void_fields) <> (to_jsonb(OLD) - movable - void_fields)
     OR (OLD."voided_at" IS NOT NULL AND (to_jsonb(NEW) - 'participant_id') <> (to_jsonb(OLD) - 'participant_id'))
     OR (to_jsonb(OLD) ->> 'ended_at' IS NOT NULL AND to_jsonb(NEW) ->> 'ended_at' IS DISTINCT FROM to_jsonb(OLD) ->> 'ended_at') THEN
    RAISE EXCEPTION 'outreach_append_only: outreach entries are added, ended once and voided, never edited' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_append_only';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER outreach_shift_append_only BEFORE UPDATE OR DELETE ON "outreach_shift"
  FOR EACH ROW EXECUTE FUNCTION outreach_append_only();
CREATE TRIGGER outreach_contact_append_only BEFORE UPDATE OR DELETE ON "outreach_contact"
  FOR EACH ROW EXECUTE FUNCTION outreach_append_only();

-- The lines of a contact or shift are written with it and never changed afterwards.
CREATE FUNCTION outreach_lines_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'outreach_append_only: outreach entries are voided, never edited' USING ERRCODE = 'check_violation', CONSTRAINT = 'outreach_append_only';
END;
$$;
CREATE TRIGGER outreach_contact_supply_fixed BEFORE UPDATE OR DELETE ON "outreach_contact_supply" FOR EACH ROW EXECUTE FUNCTION outreach_lines_fixed();
CREATE TRIGGER outreach_contact_kind_fixed BEFORE UPDATE OR DELETE ON "outreach_contact_kind" FOR EACH ROW EXECUTE FUNCTION outreach_lines_fixed();
CREATE TRIGGER outreach_shift_staff_fixed BEFORE UPDATE OR DELETE ON "outreach_shift_staff" FOR EACH ROW EXECUTE FUNCTION outreach_lines_fixed();
CREATE TRIGGER outreach_shift_platform_fixed BEFORE UPDATE OR DELETE ON "outreach_shift_platform" FOR EACH ROW EXECUTE FUNCTION outreach_lines_fixed();

-- The program's starting lists, present from the first start (a manager can rename, reorder,
-- deactivate or add to them in settings). A function so tests can restore them too.
CREATE FUNCTION seed_default_outreach_options() RETURNS void LANGUAGE sql AS $$
  INSERT INTO "outreach_option" ("id", "list", "key", "name", "sort_order") VALUES
    (gen_random_uuid(), 'zone', NULL, 'Downtown', 10),
    (gen_random_uuid(), 'zone', NULL, 'North Shore', 20),
    (gen_random_uuid(), 'zone', NULL, 'Highway motels', 30),
    (gen_random_uuid(), 'platform', NULL, 'Dating apps', 10),
    (gen_random_uuid(), 'platform', NULL, 'Ad sites', 20),
    (gen_random_uuid(), 'platform', NULL, 'Social media', 30),
    (gen_random_uuid(), 'contact_kind', 'talk', 'Talk', 10),
    (gen_random_uuid(), 'contact_kind', 'supplies', 'Supplies', 20),
    (gen_random_uuid(), 'contact_kind', 'information', 'Information', 30),
    (gen_random_uuid(), 'contact_kind', 'referral', 'Referral', 40),
    (gen_random_uuid(), 'contact_kind', 'crisis', 'Crisis support', 50)
  ON CONFLICT DO NOTHING;
$$;
SELECT seed_default_outreach_options();
