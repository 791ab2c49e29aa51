-- Schema 10: return visits (回访): who called the customer after the case was resolved, when,
-- and whether the customer was satisfied. Kept permanently, like the steps they record.

CREATE TABLE return_visits (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints (id),
    visited_at   TEXT NOT NULL,
    caller       TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('satisfied', 'dissatisfied')),
    notes        TEXT NOT NULL,
    operator     TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX return_visits_complaint ON return_visits (complaint_id, visited_at);

CREATE TRIGGER return_visits_are_permanent BEFORE DELETE ON return_visits BEGIN
    SELECT RAISE(ABORT, 'return visits are kept permanently');
END;
CREATE TRIGGER return_visits_are_not_rewritten BEFORE UPDATE ON return_visits BEGIN
    SELECT RAISE(ABORT, 'return visits are kept as recorded');
END;
