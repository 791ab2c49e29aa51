-- Schema 14: the monthly exchange between dealers, regions and headquarters.
--
-- Every record remembers the office where it was made: `origin` is that office's code, and
-- '' for this office (whatever its code is, or becomes). Numbers are unique per office (two
-- dealers both issue WC-2026-000001) and the records a monthly file carries under another
-- record (steps, return visits, photos) get identities of their own; both need the tables
-- rebuilt, which the step in Rust after this SQL does (store/rebuild.rs).
ALTER TABLE customers ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE warranty_cards ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE complaints ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE investigations ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE confirmations ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE maintenance_contracts ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE repairs ADD COLUMN origin TEXT NOT NULL DEFAULT '';
ALTER TABLE case_steps ADD COLUMN uuid TEXT;
ALTER TABLE return_visits ADD COLUMN uuid TEXT;
ALTER TABLE investigation_photos ADD COLUMN uuid TEXT;

-- Numbers are unique per office now, so the unique index starts with the office; lists sort
-- by the number alone and `export-pdf` finds a number whatever its office: each needs an index
-- on the number itself.
CREATE INDEX warranty_cards_registration_no ON warranty_cards (registration_no, id);
CREATE INDEX complaints_complaint_no ON complaints (complaint_no, id);
CREATE INDEX investigations_investigation_no ON investigations (investigation_no, id);
CREATE INDEX confirmations_confirmation_no ON confirmations (confirmation_no, id);
CREATE INDEX maintenance_contracts_contract_no ON maintenance_contracts (contract_no, id);
CREATE INDEX repairs_repair_no ON repairs (repair_no, id);

-- The offices this database knows: those whose files it received and those their files speak
-- for (a region's file names its dealers). A sender's key is kept once a clerk has accepted
-- it; from then on its files must be signed with that key.
CREATE TABLE units (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    level         TEXT NOT NULL CHECK (level IN ('dealer', 'region', 'hq')),
    region        TEXT NOT NULL DEFAULT '',
    public_key    TEXT,
    accepted_at   TEXT,
    accepted_by   TEXT,
    first_seen_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER units_key_is_kept BEFORE UPDATE OF public_key ON units
WHEN old.public_key IS NOT NULL AND new.public_key IS NOT old.public_key
BEGIN
    SELECT RAISE(ABORT, 'an office''s accepted key is kept');
END;

CREATE TRIGGER units_are_kept BEFORE DELETE ON units BEGIN
    SELECT RAISE(ABORT, 'an office once known is kept');
END;

-- Every monthly file written here or imported here, kept permanently: the tracker of who
-- submitted which month, and when.
CREATE TABLE exchanges (
    id          INTEGER PRIMARY KEY,
    direction   TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    -- The sender of a received file; this office's code for a sent one.
    unit_code   TEXT NOT NULL,
    period      TEXT NOT NULL,
    at          TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    records     INTEGER NOT NULL,
    operator    TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX exchanges_received_once ON exchanges (file_sha256)
    WHERE direction = 'received';
CREATE INDEX exchanges_period ON exchanges (period, unit_code);

CREATE TRIGGER exchanges_are_kept_update BEFORE UPDATE ON exchanges BEGIN
    SELECT RAISE(ABORT, 'the record of a monthly file is kept as it was');
END;

CREATE TRIGGER exchanges_are_kept_delete BEFORE DELETE ON exchanges BEGIN
    SELECT RAISE(ABORT, 'the record of a monthly file is kept permanently');
END;
