CREATE OR REPLACE FUNCTION public.seed_default_note_kinds()
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO "note_kind" ("id", "key", "name", "sort_order") VALUES
    (gen_random_uuid(), 'note', 'Note', 0),
    (gen_random_uuid(), 'crisis', 'Crisis', 1),
    (gen_random_uuid(), 'safety_plan', 'Safety plan', 2)
  ON CONFLICT DO NOTHING;
$function$;
