-- Schema 20: signed paper coming back (issue 17). A page scanned, photographed or faxed back
-- after the customer signed it is kept as the signed original of the form whose code it
-- carries (`domain::paper::FormCode`), or kept aside, belonging to no form, until a clerk
-- picks its form by hand. Evidence: a page is never deleted and never changed, except that a
-- page kept aside is given its form once.
CREATE TABLE signed_pages (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    -- The form it is the signed original of: at most one of these; none while kept aside.
    card_id          INTEGER REFERENCES warranty_cards (id),
    complaint_id     INTEGER REFERENCES complaints (id),
    investigation_id INTEGER REFERENCES investigations (id),
    confirmation_id  INTEGER REFERENCES confirmations (id),
    -- The code as read from the page; NULL where none could be read.
    code             TEXT,
    -- Where it came from: the file's name, its page (from 1), and the file's SHA-256, so the
    -- same page of the same file is not attached twice.
    file_name        TEXT NOT NULL,
    page             INTEGER NOT NULL CHECK (page >= 1),
    file_sha256      TEXT NOT NULL,
    -- The page as kept: a greyscale PNG of about 200 dots an inch.
    png              BLOB NOT NULL,
    width            INTEGER NOT NULL CHECK (width > 0),
    height           INTEGER NOT NULL CHECK (height > 0),
    added_at         TEXT NOT NULL,
    added_by         TEXT NOT NULL,
    -- When a clerk gave a page kept aside its form.
    matched_at       TEXT,
    CHECK ((card_id IS NOT NULL) + (complaint_id IS NOT NULL) + (investigation_id IS NOT NULL)
           + (confirmation_id IS NOT NULL) <= 1),
    CHECK (matched_at IS NULL
           OR coalesce(card_id, complaint_id, investigation_id, confirmation_id) IS NOT NULL),
    UNIQUE (file_sha256, page)
) STRICT;
CREATE INDEX signed_pages_card ON signed_pages (card_id) WHERE card_id IS NOT NULL;
CREATE INDEX signed_pages_complaint ON signed_pages (complaint_id) WHERE complaint_id IS NOT NULL;
CREATE INDEX signed_pages_investigation ON signed_pages (investigation_id)
    WHERE investigation_id IS NOT NULL;
CREATE INDEX signed_pages_confirmation ON signed_pages (confirmation_id)
    WHERE confirmation_id IS NOT NULL;

CREATE TRIGGER signed_pages_are_kept BEFORE DELETE ON signed_pages BEGIN
    SELECT RAISE(ABORT, 'a signed page is kept for ever');
END;
CREATE TRIGGER signed_pages_are_unaltered BEFORE UPDATE ON signed_pages
WHEN old.uuid IS NOT new.uuid OR old.code IS NOT new.code OR old.file_name IS NOT new.file_name
  OR old.page IS NOT new.page OR old.file_sha256 IS NOT new.file_sha256 OR old.png IS NOT new.png
  OR old.width IS NOT new.width OR old.height IS NOT new.height
  OR old.added_at IS NOT new.added_at OR old.added_by IS NOT new.added_by
  OR coalesce(old.card_id, old.complaint_id, old.investigation_id, old.confirmation_id) IS NOT NULL
  OR old.matched_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a signed page is kept as it was attached: only a page kept aside is given its form, once');
END;

-- In the history of the form it belongs to (a page kept aside: in its own), with its content.
CREATE TRIGGER signed_pages_audit_insert AFTER INSERT ON signed_pages BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(),
            CASE WHEN new.card_id IS NOT NULL THEN 'warranty_cards'
                 WHEN new.complaint_id IS NOT NULL THEN 'complaints'
                 WHEN new.investigation_id IS NOT NULL THEN 'investigations'
                 WHEN new.confirmation_id IS NOT NULL THEN 'confirmations'
                 ELSE 'signed_pages' END,
            coalesce(new.card_id, new.complaint_id, new.investigation_id, new.confirmation_id, new.id),
            CASE WHEN coalesce(new.card_id, new.complaint_id, new.investigation_id, new.confirmation_id) IS NULL
                 THEN 'insert' ELSE 'update' END,
            'signed-page', NULL,
            json_object('id', new.id, 'uuid', new.uuid, 'file_name', new.file_name, 'page', new.page,
                        'file_sha256', new.file_sha256, 'code', new.code,
                        'sha256', aftersales_sha256(new.png), 'bytes', length(new.png)));
END;
CREATE TRIGGER signed_pages_audit_update AFTER UPDATE ON signed_pages BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(),
            CASE WHEN new.card_id IS NOT NULL THEN 'warranty_cards'
                 WHEN new.complaint_id IS NOT NULL THEN 'complaints'
                 WHEN new.investigation_id IS NOT NULL THEN 'investigations'
                 ELSE 'confirmations' END,
            coalesce(new.card_id, new.complaint_id, new.investigation_id, new.confirmation_id, new.id),
            'update', 'signed-page', NULL,
            json_object('id', new.id, 'uuid', new.uuid, 'file_name', new.file_name, 'page', new.page,
                        'file_sha256', new.file_sha256, 'code', new.code,
                        'sha256', aftersales_sha256(new.png), 'bytes', length(new.png),
                        'matched_at', new.matched_at));
END;
