CREATE OR REPLACE FUNCTION public.seed_default_outreach_options()
 RETURNS void
 LANGUAGE sql
AS $function$
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
$function$;
