-- Schema 21: signatures drawn on screen (issue 17), and signed paper in the chain.
--
-- A signature is the strokes a customer or a member of staff drew on the signing pad for one
-- form, kept as vectors (`domain::signature::Strokes`, JSON) with when it was taken, by which
-- clerk, and the version of the form it was given for: the form's revision here (a column
-- not named `revision`, which is a record's own count of its changes), and when
-- that version was saved (its `updated_at`, which the monthly file carries as it is, where a
-- revision is each office's own count). A form saved again after it was signed shows the
-- signature as belonging to an earlier version. Evidence: a signature is never deleted and
-- never changed; signing again adds one.
CREATE TABLE signatures (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    -- The form signed: exactly one of these.
    card_id         INTEGER REFERENCES warranty_cards (id),
    complaint_id    INTEGER REFERENCES complaints (id),
    confirmation_id INTEGER REFERENCES confirmations (id),
    -- Whose box it signs (`domain::signature::Signer`).
    signer          TEXT NOT NULL CHECK (signer IN ('customer', 'clerk', 'receiver', 'technician')),
    -- The form's revision when it was signed, and when that version was saved.
    form_revision   INTEGER NOT NULL CHECK (form_revision >= 1),
    form_saved_at   TEXT NOT NULL,
    strokes         TEXT NOT NULL,
    signed_at       TEXT NOT NULL,
    -- The clerk at the desk who took it.
    signed_by       TEXT NOT NULL,
    CHECK ((card_id IS NOT NULL) + (complaint_id IS NOT NULL) + (confirmation_id IS NOT NULL) = 1)
) STRICT;
CREATE INDEX signatures_card ON signatures (card_id) WHERE card_id IS NOT NULL;
CREATE INDEX signatures_complaint ON signatures (complaint_id) WHERE complaint_id IS NOT NULL;
CREATE INDEX signatures_confirmation ON signatures (confirmation_id)
    WHERE confirmation_id IS NOT NULL;

CREATE TRIGGER signatures_are_kept BEFORE DELETE ON signatures BEGIN
    SELECT RAISE(ABORT, 'a signature is kept for ever');
END;
CREATE TRIGGER signatures_are_unaltered BEFORE UPDATE ON signatures BEGIN
    SELECT RAISE(ABORT, 'a signature is kept as it was given');
END;

-- In the history of the form it signs.
CREATE TRIGGER signatures_audit_insert AFTER INSERT ON signatures BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(),
            CASE WHEN new.card_id IS NOT NULL THEN 'warranty_cards'
                 WHEN new.complaint_id IS NOT NULL THEN 'complaints'
                 ELSE 'confirmations' END,
            coalesce(new.card_id, new.complaint_id, new.confirmation_id),
            'update', 'signature', NULL,
            json_object('uuid', new.uuid, 'signer', new.signer, 'form_revision', new.form_revision,
                        'form_saved_at', new.form_saved_at, 'signed_at', new.signed_at, 'signed_by', new.signed_by,
                        'strokes_sha256', aftersales_sha256(new.strokes)));
END;

-- The chain of record versions takes in signatures and signed pages: their views are made
-- from the tables by the step in Rust that follows (store/rebuild.rs, content_view_sql), and
-- the signed pages already kept get a first version there.
CREATE TRIGGER signatures_chain_insert AFTER INSERT ON signatures BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'signatures', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'signatures', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM signatures_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER signatures_chain_update AFTER UPDATE ON signatures BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'signatures', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'signatures', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM signatures_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER signatures_chain_delete BEFORE DELETE ON signatures BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'signatures', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'signatures', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM signatures_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER signed_pages_chain_insert AFTER INSERT ON signed_pages BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'signed_pages', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'signed_pages', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM signed_pages_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER signed_pages_chain_update AFTER UPDATE ON signed_pages BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'signed_pages', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'signed_pages', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM signed_pages_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER signed_pages_chain_delete BEFORE DELETE ON signed_pages BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'signed_pages', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'signed_pages', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM signed_pages_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
