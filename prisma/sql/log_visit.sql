CREATE OR REPLACE FUNCTION public.log_visit(p_participant uuid, p_visited_at timestamp with time zone, p_visit_date date, p_key uuid, p_actor uuid, p_actor_role "Role", p_services jsonb, p_backdated boolean)
 RETURNS jsonb
 LANGUAGE plpgsql
AS $function$
DECLARE
  refusal text;
  bad jsonb;
  new_id uuid;
  earlier record;
BEGIN
  IF p_participant IS NOT NULL THEN
    refusal := lock_open_participant(p_participant);
    IF refusal IS NOT NULL THEN RETURN jsonb_build_object('refused', refusal); END IF;
  END IF;

  -- The lines, checked as an edit checks them (service_lines_refusal); none is on the visit yet.
  bad := service_lines_refusal(p_services, '{}');
  IF bad IS NOT NULL THEN RETURN bad; END IF;

  -- The unique key on the form's idempotency key decides a double submit, not a look-up first.
  INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, updated_at)
    VALUES (gen_random_uuid(), p_participant, p_visited_at, p_visit_date, p_key, p_actor, now())
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id INTO new_id;
  IF new_id IS NULL THEN
    SELECT id, created_by_id INTO earlier FROM visit WHERE idempotency_key = p_key;
    RETURN jsonb_build_object('visitId', earlier.id, 'duplicate', true, 'createdById', earlier.created_by_id);
  END IF;

  INSERT INTO visit_service (visit_id, service_type_id, quantity)
    SELECT new_id, (e->>'serviceTypeId')::uuid, (e->>'quantity')::int FROM jsonb_array_elements(p_services) AS e;

  INSERT INTO audit_event (actor_id, actor_role, action, outcome, entity_type, entity_id, details)
    VALUES (p_actor, p_actor_role, 'visit.logged', 'ok', 'visit', new_id::text, jsonb_build_object(
      'participantId', p_participant,
      'serviceTypeIds', (SELECT coalesce(jsonb_agg(e->>'serviceTypeId' ORDER BY ord), '[]'::jsonb)
                         FROM jsonb_array_elements(p_services) WITH ORDINALITY AS line(e, ord)),
      'backdated', p_backdated));

  RETURN jsonb_build_object('visitId', new_id, 'duplicate', false, 'createdById', p_actor);
END;
$function$;
