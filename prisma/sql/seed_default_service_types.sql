CREATE OR REPLACE FUNCTION public.seed_default_service_types()
 RETURNS void
 LANGUAGE sql
AS $function$
  INSERT INTO "service_type" ("id", "key", "name", "kind", "unit", "sort_order") VALUES
    (gen_random_uuid(), 'shower', 'Shower', 'service', NULL, 10),
    (gen_random_uuid(), 'laundry', 'Laundry', 'service', NULL, 20),
    (gen_random_uuid(), 'meal', 'Meal or food', 'service', NULL, 30),
    (gen_random_uuid(), 'internet', 'Internet or phone', 'service', NULL, 40),
    (gen_random_uuid(), 'clothing', 'Clothing', 'service', NULL, 50),
    (gen_random_uuid(), 'counselling', 'Supportive counselling', 'service', NULL, 60),
    (gen_random_uuid(), 'crisis', 'Crisis intervention', 'service', NULL, 70),
    (gen_random_uuid(), 'alert_check', 'Aggressor-alert check', 'service', NULL, 80),
    (gen_random_uuid(), 'condoms', 'Condoms', 'supply', 'pack', 110),
    (gen_random_uuid(), 'naloxone', 'Naloxone kit', 'supply', 'kit', 120),
    (gen_random_uuid(), 'safer_use', 'Safer-use supplies', 'supply', 'kit', 130),
    (gen_random_uuid(), 'hygiene', 'Hygiene kit', 'supply', 'kit', 140)
  ON CONFLICT DO NOTHING;
$function$;
