-- The report now reads each person's first visit from participant.first_visit_date, so this index
-- of visits not voided, by person and time, has no reader left. Dropped in a migration of its own,
-- so the participant table's new column and this lock on the visit table are never held together.
DROP INDEX "visit_participant_first_idx";
