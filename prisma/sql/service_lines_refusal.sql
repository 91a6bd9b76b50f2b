CREATE OR REPLACE FUNCTION public.service_lines_refusal(p_services jsonb, p_kept uuid[])
 RETURNS jsonb
 LANGUAGE sql
 STABLE
AS $function$
  -- The one check of a visit's service lines (logging a visit, editing one, adding to it): the
  -- first line, in the form's order, that names an unknown type, a type no longer offered (one
  -- already on the visit, in p_kept, may stay), or a quantity on a service (only supplies have
  -- one). Null when every line may be written.
  SELECT jsonb_build_object(
           'refused', CASE WHEN t.id IS NULL THEN 'service_not_found'
                           WHEN NOT t.active AND t.id <> ALL (p_kept) THEN 'service_inactive'
                           ELSE 'service_quantity' END,
           'serviceTypeId', line.e->>'serviceTypeId', 'name', t.name)
    FROM jsonb_array_elements(p_services) WITH ORDINALITY AS line(e, ord)
    LEFT JOIN service_type t ON t.id = (line.e->>'serviceTypeId')::uuid
    WHERE t.id IS NULL OR (NOT t.active AND t.id <> ALL (p_kept)) OR (t.kind = 'service' AND (line.e->>'quantity')::int <> 1)
    ORDER BY line.ord LIMIT 1
$function$;
