CREATE OR REPLACE FUNCTION public.audit_event_bytes(e audit_event)
 RETURNS bytea
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$
  SELECT audit_chain_field(e.id::text)
      || audit_chain_field(((extract(epoch FROM e.at) * 1000000)::bigint)::text)
      || audit_chain_field(e.actor_id::text)
      || audit_chain_field(e.actor_role::text)
      || audit_chain_field(e.action)
      || audit_chain_field(e.outcome)
      || audit_chain_field(e.entity_type)
      || audit_chain_field(e.entity_id)
      || audit_chain_field(e.details::text)
$function$;
