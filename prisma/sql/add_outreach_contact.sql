CREATE OR REPLACE FUNCTION public.add_outreach_contact(p_id uuid, p_shift uuid, p_participant uuid, p_people integer, p_new boolean, p_at timestamp with time zone, p_on date, p_actor uuid, p_actor_role "Role", p_kinds uuid[], p_supplies jsonb, p_now timestamp with time zone)
 RETURNS jsonb
 LANGUAGE plpgsql
AS $function$
DECLARE
  earlier record;
  refusal text;
BEGIN
  SELECT created_by_id, voided_at IS NOT NULL AS voided INTO earlier FROM outreach_contact WHERE id = p_id;
  IF FOUND THEN
    RETURN jsonb_build_object('duplicate', true, 'createdById', earlier.created_by_id, 'voided', earlier.voided);
  END IF;

  IF EXISTS (
    SELECT 1 FROM jsonb_array_elements(p_supplies) AS e
    LEFT JOIN service_type t ON t.id = (e->>'serviceTypeId')::uuid AND t.kind = 'supply' AND t.active
    WHERE t.id IS NULL) THEN
    RETURN jsonb_build_object('refused', 'supply_not_in_list');
  END IF;

  IF p_participant IS NOT NULL THEN
    refusal := lock_open_participant(p_participant);
    IF refusal IS NOT NULL THEN RETURN jsonb_build_object('refused', refusal); END IF;
  END IF;

  -- The primary key decides between two sends of the same contact at once, not the look-up above.
  INSERT INTO outreach_contact (id, shift_id, participant_id, people_count, is_new, contacted_at, contacted_on, created_by_id)
    VALUES (p_id, p_shift, p_participant, p_people, p_new, p_at, p_on, p_actor)
    ON CONFLICT (id) DO NOTHING;
  IF NOT FOUND THEN
    SELECT created_by_id, voided_at IS NOT NULL AS voided INTO earlier FROM outreach_contact WHERE id = p_id;
    RETURN jsonb_build_object('duplicate', true, 'createdById', earlier.created_by_id, 'voided', earlier.voided);
  END IF;

  INSERT INTO outreach_contact_kind (contact_id, kind_id) SELECT p_id, k FROM unnest(p_kinds) AS k;
  INSERT INTO outreach_contact_supply (contact_id, service_type_id, quantity, for_others)
    SELECT p_id, (e->>'serviceTypeId')::uuid, (e->>'quantity')::int, (e->>'forOthers')::int FROM jsonb_array_elements(p_supplies) AS e;
  IF p_participant IS NOT NULL THEN
    UPDATE participant SET last_activity_at = p_now WHERE id = p_participant;
  END IF;
  INSERT INTO audit_event (actor_id, actor_role, action, outcome, entity_type, entity_id, details)
    VALUES (p_actor, p_actor_role, 'outreach_contact.added', 'ok', 'outreach_contact', p_id::text, jsonb_build_object(
      'shiftId', p_shift, 'participantId', p_participant, 'peopleCount', p_people,
      'kindIds', to_jsonb(p_kinds), 'supplies', jsonb_array_length(p_supplies)));
  RETURN jsonb_build_object('duplicate', false);
END;
$function$;
