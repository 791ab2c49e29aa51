-- Schema 9: the recorded life of each case: every step with its time and operator.

CREATE TABLE case_steps (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints (id),
    step         TEXT NOT NULL,
    at           TEXT NOT NULL,
    operator     TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX case_steps_complaint ON case_steps (complaint_id, at, id);

CREATE TRIGGER case_steps_are_permanent BEFORE DELETE ON case_steps BEGIN
    SELECT RAISE(ABORT, 'the steps of a case are kept permanently');
END;

-- Existing cases: received when received, on site when investigated, resolved when confirmed.
INSERT INTO case_steps (complaint_id, step, at, operator, recorded_at)
SELECT id, 'received', received_at, received_by, created_at FROM complaints;
INSERT INTO case_steps (complaint_id, step, at, operator, recorded_at)
SELECT complaint_id, 'on_site', arrived_at, investigators, created_at FROM investigations;
INSERT INTO case_steps (complaint_id, step, at, operator, recorded_at)
SELECT complaint_id, 'resolved', completed_at, '', created_at FROM confirmations;
