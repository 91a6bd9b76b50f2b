-- Dated, signed notes about a participant (issue 21). The single Notes field becomes the first
-- entry of a list; each entry has a kind from a list the program keeps, the time and the author.

CREATE TABLE "note_kind" (
    "id" UUID NOT NULL,
    "key" TEXT,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "note_kind_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "note_kind_key_key" ON "note_kind"("key");
CREATE UNIQUE INDEX "note_kind_name_key" ON "note_kind"("name");

CREATE TABLE "participant_note" (
    "id" UUID NOT NULL,
    "participant_id" UUID NOT NULL,
    "kind_id" UUID NOT NULL,
    "text_enc" BYTEA,
    "written_at" TIMESTAMPTZ(3) NOT NULL,
    "author_id" UUID,
    "migrated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "participant_note_pkey" PRIMARY KEY ("id"),
    -- Only the entry moved from the old field has no author.
    CONSTRAINT "participant_note_author_check" CHECK ("author_id" IS NOT NULL OR "migrated")
);
CREATE INDEX "participant_note_participant_id_written_at_idx" ON "participant_note"("participant_id", "written_at");

ALTER TABLE "participant_note" ADD CONSTRAINT "participant_note_participant_id_fkey" FOREIGN KEY ("participant_id") REFERENCES "participant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "participant_note" ADD CONSTRAINT "participant_note_kind_id_fkey" FOREIGN KEY ("kind_id") REFERENCES "note_kind"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "participant_note" ADD CONSTRAINT "participant_note_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "staff_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The starting kinds, present from the first start (a manager can add to them or take one out of
-- use in Settings). A function so tests can restore them too.
CREATE FUNCTION seed_default_note_kinds() RETURNS void LANGUAGE sql AS $$
  INSERT INTO "note_kind" ("id", "key", "name", "sort_order") VALUES
    (gen_random_uuid(), 'note', 'Note', 0),
    (gen_random_uuid(), 'crisis', 'Crisis', 1),
    (gen_random_uuid(), 'safety_plan', 'Safety plan', 2)
  ON CONFLICT DO NOTHING;
$$;
SELECT seed_default_note_kinds();

-- Append-only: an entry is never rewritten. What may change: the text erased (to null) at
-- de-identification, the participant (a merge), and the old Notes field's text filled in once when
-- it is moved (it is encrypted under the record's id, so SQL cannot re-bind it: the app does).
CREATE FUNCTION participant_note_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.kind_id IS DISTINCT FROM OLD.kind_id OR NEW.written_at IS DISTINCT FROM OLD.written_at
     OR NEW.author_id IS DISTINCT FROM OLD.author_id OR NEW.migrated IS DISTINCT FROM OLD.migrated
     OR (NEW.text_enc IS NOT NULL AND NEW.text_enc IS DISTINCT FROM OLD.text_enc AND NOT (OLD.migrated AND OLD.text_enc IS NULL)) THEN
    RAISE EXCEPTION 'participant notes are append-only' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER participant_note_append_only BEFORE UPDATE ON "participant_note"
  FOR EACH ROW EXECUTE FUNCTION participant_note_append_only();

-- The old Notes field becomes the first entry, dated at the record's last update (the latest the
-- words can have been written) and signed "moved from the old Notes field" (no author). Its
-- ciphertext is bound to `participant:<id>:notes` and the database holds no key, so the text stays
-- in participant.notes_enc until `npm start` re-encrypts it into the entry (lib/privacy/move-old-notes.ts).
INSERT INTO "participant_note" ("id", "participant_id", "kind_id", "written_at", "author_id", "migrated")
SELECT gen_random_uuid(), p."id", k."id", p."updated_at", NULL, true
FROM "participant" p CROSS JOIN "note_kind" k
WHERE k."key" = 'note' AND p."notes_enc" IS NOT NULL;
