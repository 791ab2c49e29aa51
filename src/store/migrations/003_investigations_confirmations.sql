-- Schema 3: the on-site investigation report and the service confirmation, one each per
-- complaint, with the report's photos and the confirmation's parts.

CREATE TABLE investigations (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT NOT NULL UNIQUE,
    investigation_no   TEXT NOT NULL UNIQUE,
    complaint_id       INTEGER NOT NULL UNIQUE REFERENCES complaints (id),
    investigators      TEXT NOT NULL,
    arrived_at         TEXT NOT NULL,
    findings           TEXT NOT NULL,
    -- Codes of the documents checked, comma-separated, in printed order.
    documents_checked  TEXT NOT NULL,
    cause              TEXT NOT NULL,
    quality_problem    INTEGER NOT NULL CHECK (quality_problem IN (0, 1)),
    responsible_party  TEXT NOT NULL,
    proposed_treatment TEXT NOT NULL,
    estimated_cost_fen INTEGER NOT NULL,
    customer_opinion   TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE investigation_photos (
    id               INTEGER PRIMARY KEY,
    investigation_id INTEGER NOT NULL REFERENCES investigations (id),
    file_name        TEXT NOT NULL,
    mime             TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    bytes            BLOB NOT NULL,
    added_at         TEXT NOT NULL
) STRICT;
CREATE INDEX investigation_photos_report ON investigation_photos (investigation_id, id);

CREATE TABLE confirmations (
    id                      INTEGER PRIMARY KEY,
    uuid                    TEXT NOT NULL UNIQUE,
    confirmation_no         TEXT NOT NULL UNIQUE,
    complaint_id            INTEGER NOT NULL UNIQUE REFERENCES complaints (id),
    treatment               TEXT NOT NULL,
    work_done               TEXT NOT NULL,
    service_category        TEXT NOT NULL,
    labour_fen              INTEGER NOT NULL,
    labour_borne_by         TEXT NOT NULL,
    parts_fen               INTEGER NOT NULL,
    parts_borne_by          TEXT NOT NULL,
    travel_fen              INTEGER NOT NULL,
    travel_borne_by         TEXT NOT NULL,
    transport_fen           INTEGER NOT NULL,
    transport_borne_by      TEXT NOT NULL,
    -- The three guarantees: all NULL when they do not apply.
    remedy                  TEXT,
    price_fen               INTEGER,
    sale_date               TEXT,
    counterfeit_or_unmarked INTEGER,
    rating_attitude         TEXT NOT NULL,
    rating_skill            TEXT NOT NULL,
    rating_arrival_time     TEXT NOT NULL,
    rating_follow_through   TEXT NOT NULL,
    comments                TEXT NOT NULL,
    completed_at            TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
) STRICT;

CREATE TABLE confirmation_parts (
    id                INTEGER PRIMARY KEY,
    confirmation_id   INTEGER NOT NULL REFERENCES confirmations (id),
    position          INTEGER NOT NULL,
    name              TEXT NOT NULL,
    quantity          INTEGER NOT NULL CHECK (quantity > 0),
    unit_cost_fen     INTEGER NOT NULL,
    old_part_returned INTEGER NOT NULL CHECK (old_part_returned IN (0, 1)),
    UNIQUE (confirmation_id, position)
) STRICT;
