-- Schema 12: machines received for repair (返修登记), each delivery with its count of units, so
-- the turnaround rule (10 units a day) can be watched, and when the repairs were finished.

CREATE TABLE repairs (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    repair_no     TEXT NOT NULL UNIQUE,
    received_at   TEXT NOT NULL,
    sender        TEXT NOT NULL,
    sender_phone  TEXT NOT NULL,
    product_model TEXT NOT NULL,
    units         INTEGER NOT NULL CHECK (units > 0),
    notes         TEXT NOT NULL,
    completed_at  TEXT,
    operator      TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX repairs_open ON repairs (completed_at, received_at);

CREATE TRIGGER repairs_are_permanent BEFORE DELETE ON repairs BEGIN
    SELECT RAISE(ABORT, 'repair deliveries are kept permanently');
END;
