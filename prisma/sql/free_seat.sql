CREATE OR REPLACE FUNCTION public.free_seat(p_resource uuid, p_slot_start timestamp with time zone, p_capacity integer, p_prefer integer)
 RETURNS integer
 LANGUAGE sql
 STABLE
AS $function$
  -- The one rule for which seat a booking takes: the preferred seat (a reinstated booking's old
  -- one) when it is free, otherwise the lowest free seat; null when the slot is full. The unique
  -- key booking_seat_taken_key has the last word when two desks pick the same seat at once.
  SELECT s FROM generate_series(1, p_capacity) AS s
    WHERE NOT EXISTS (SELECT 1 FROM booking b WHERE b.resource_id = p_resource AND b.slot_start = p_slot_start
                        AND b.status IN ('booked', 'checked_in') AND b.seat = s)
    ORDER BY s IS DISTINCT FROM p_prefer, s
    LIMIT 1
$function$;
