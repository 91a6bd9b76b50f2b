CREATE OR REPLACE FUNCTION public.sweep_bookings(p_now timestamp with time zone)
 RETURNS TABLE(missed integer, finished integer, offered integer, audited integer)
 LANGUAGE plpgsql
AS $function$
#variable_conflict use_column
DECLARE
  grace_span interval := make_interval(mins => coalesce((
    SELECT CASE WHEN jsonb_typeof(value) = 'number' THEN (value #>> '{}')::numeric::int END
    FROM setting WHERE key = 'bookings.graceMinutes'), 10));
BEGIN
  -- Most calls find nothing due: two index probes answer that for a fraction of the full statement.
  IF NOT EXISTS (SELECT 1 FROM booking b WHERE b.status = 'booked' AND b.slot_start <= p_now - grace_span)
     AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.status = 'checked_in' AND b.slot_start < p_now AND b.slot_end <= p_now) THEN
    RETURN QUERY SELECT 0, 0, 0, 0;
    RETURN;
  END IF;
  RETURN QUERY
  WITH missed AS (
    UPDATE booking b SET status = 'no_show', no_show_at = p_now
    WHERE b.status = 'booked' AND b.slot_start <= p_now - grace_span
      AND greatest(b.slot_start, b.booked_at) + grace_span <= p_now
    RETURNING b.id, b.kind, b.day, b.participant_id, b.slot_end
  ),
  finished AS (
    UPDATE booking b SET status = 'done', done_at = b.slot_end
    WHERE b.status = 'checked_in' AND b.slot_start < p_now AND b.slot_end <= p_now
    RETURNING b.id
  ),
  freed AS (
    SELECT kind, day, count(*) AS n FROM missed WHERE slot_end > p_now GROUP BY kind, day
  ),
  ranked AS (
    SELECT w.id, f.n, row_number() OVER (PARTITION BY w.kind, w.day ORDER BY w.created_at, w.id) AS position
    FROM waitlist_entry w JOIN freed f ON f.kind = w.kind AND f.day = w.day
    WHERE w.status = 'waiting'
  ),
  offered AS (
    UPDATE waitlist_entry w SET status = 'offered', offered_at = p_now
    FROM ranked r WHERE w.id = r.id AND r.position <= r.n AND w.status = 'waiting'
    RETURNING w.id
  ),
  audited AS (
    INSERT INTO audit_event (action, entity_type, entity_id, details)
    SELECT 'booking.no_show', 'booking', id::text, jsonb_build_object('auto', true, 'participantId', participant_id) FROM missed
    UNION ALL SELECT 'booking.done', 'booking', id::text, jsonb_build_object('auto', true) FROM finished
    UNION ALL SELECT 'waitlist_entry.offered', 'waitlist_entry', id::text, jsonb_build_object('auto', true) FROM offered
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM missed)::int AS missed, (SELECT count(*) FROM finished)::int AS finished,
         (SELECT count(*) FROM offered)::int AS offered, (SELECT count(*) FROM audited)::int AS audited;
END;
$function$;
