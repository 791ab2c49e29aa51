-- Schema 19: a step recorded by mistake is withdrawn, within minutes, by whoever recorded it
-- (issue 16). Steps are permanent (schema 9) and never rewritten (schema 13), so the step
-- stays as recorded: a row whose step is 'withdrawn' follows it, recorded with its own time
-- and operator and chained into the audit trail as every step is. A case's live steps are
-- those not followed directly by such a row. The program withdraws only the last step, once,
-- never the case's receipt, and only for whoever recorded it within minutes (in Rust: a rule
-- on the operator and the clock has no place in a trigger that bulk writing runs over many
-- rows); a second such row in a row, from another tool, withdraws nothing more.

-- The row after a step, found by a seek rather than a walk over the case's steps by time.
CREATE INDEX case_steps_in_order ON case_steps (complaint_id, id);

CREATE VIEW live_case_steps AS
SELECT * FROM case_steps s
 WHERE s.step <> 'withdrawn'
   AND coalesce((SELECT n.step FROM case_steps n
                   WHERE n.complaint_id = s.complaint_id AND n.id > s.id
                   ORDER BY n.id LIMIT 1), '') <> 'withdrawn';

-- Each case's step now (schema 16) is its last live step: after a withdrawal, the step before
-- the one withdrawn. Run over many rows at once (`store/bulk.rs`), the last row of a case
-- decides, as row by row.
DROP TRIGGER case_steps_progress_insert;
CREATE TRIGGER case_steps_progress_insert AFTER INSERT ON case_steps BEGIN
    INSERT OR REPLACE INTO case_progress (complaint_id, step, step_id) VALUES (new.complaint_id, CASE WHEN new.step = 'withdrawn' THEN coalesce((SELECT l.step FROM live_case_steps l WHERE l.complaint_id = new.complaint_id ORDER BY l.id DESC LIMIT 1), 'received') ELSE new.step END, CASE WHEN new.step = 'withdrawn' THEN coalesce((SELECT l.id FROM live_case_steps l WHERE l.complaint_id = new.complaint_id ORDER BY l.id DESC LIMIT 1), new.id) ELSE new.id END);
END;
