-- Schema 16: headquarters' scale (ten million records).
--
-- 1. An index for words of one or two Chinese characters (a surname, a given name, a
-- city: 张三, 南昌), which the trigram index of schema 5 cannot hold. `search_pairs` holds each
-- record's text as `aftersales_pairs` makes it (store/search.rs `chinese_pairs`): every pair of
-- neighbouring Chinese characters and the last character of each run, as tokens of the `ascii`
-- tokenizer (which keeps every non-ASCII character in a token), and nothing else. A two-character
-- word is one token, a one-character word the tokens it begins. Before it such words were found
-- by reading every record's text with LIKE (465 ms at a million cards).
--
-- Contentless (the text is not kept: the trigram index keeps it), without positions
-- (`detail = none`: a token is found, never a phrase) and without each record's token count
-- (`columnsize = 0`: only ranking reads it), which keeps it small: 65 MB at a million cards
-- with their cases, against 910 MB for the trigram index. A record's entry is
-- removed with FTS5's 'delete' command, given the text it was indexed with (made again from the
-- old row: the function is deterministic), which SQLite has understood since FTS5 began, so older
-- tools (Debian 12's sqlite3 3.40) still read the file; `contentless_delete` would need 3.43.
-- Rowids are the trigram index's: id × 8 + the kind of record.
CREATE VIRTUAL TABLE search_pairs USING fts5(body, tokenize = 'ascii', content = '', detail = 'none', columnsize = 0);

CREATE TRIGGER warranty_cards_pairs_insert AFTER INSERT ON warranty_cards BEGIN
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 1, aftersales_pairs(new.registration_no || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.issuing_dealer || ' ' || new.invoice_no));
END;
CREATE TRIGGER warranty_cards_pairs_update AFTER UPDATE ON warranty_cards BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 1, aftersales_pairs(old.registration_no || ' ' || old.customer_name || ' ' || old.customer_phone || ' ' || replace(old.customer_phone, '-', '') || ' ' || old.customer_address || ' ' || old.product_model || ' ' || old.serial_no || ' ' || old.issuing_dealer || ' ' || old.invoice_no));
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 1, aftersales_pairs(new.registration_no || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.issuing_dealer || ' ' || new.invoice_no));
END;
CREATE TRIGGER warranty_cards_pairs_delete AFTER DELETE ON warranty_cards BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 1, aftersales_pairs(old.registration_no || ' ' || old.customer_name || ' ' || old.customer_phone || ' ' || replace(old.customer_phone, '-', '') || ' ' || old.customer_address || ' ' || old.product_model || ' ' || old.serial_no || ' ' || old.issuing_dealer || ' ' || old.invoice_no));
END;
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 1, aftersales_pairs(X.registration_no || ' ' || X.customer_name || ' ' || X.customer_phone || ' ' || replace(X.customer_phone, '-', '') || ' ' || X.customer_address || ' ' || X.product_model || ' ' || X.serial_no || ' ' || X.issuing_dealer || ' ' || X.invoice_no) FROM warranty_cards AS X;

CREATE TRIGGER complaints_pairs_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 2, aftersales_pairs(new.complaint_no || ' ' || coalesce(new.warranty_registration_no, '') || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.receiving_unit_name || ' ' || new.description));
END;
CREATE TRIGGER complaints_pairs_update AFTER UPDATE ON complaints BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 2, aftersales_pairs(old.complaint_no || ' ' || coalesce(old.warranty_registration_no, '') || ' ' || old.customer_name || ' ' || old.customer_phone || ' ' || replace(old.customer_phone, '-', '') || ' ' || old.customer_address || ' ' || old.product_model || ' ' || old.serial_no || ' ' || old.receiving_unit_name || ' ' || old.description));
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 2, aftersales_pairs(new.complaint_no || ' ' || coalesce(new.warranty_registration_no, '') || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.receiving_unit_name || ' ' || new.description));
END;
CREATE TRIGGER complaints_pairs_delete AFTER DELETE ON complaints BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 2, aftersales_pairs(old.complaint_no || ' ' || coalesce(old.warranty_registration_no, '') || ' ' || old.customer_name || ' ' || old.customer_phone || ' ' || replace(old.customer_phone, '-', '') || ' ' || old.customer_address || ' ' || old.product_model || ' ' || old.serial_no || ' ' || old.receiving_unit_name || ' ' || old.description));
END;
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 2, aftersales_pairs(X.complaint_no || ' ' || coalesce(X.warranty_registration_no, '') || ' ' || X.customer_name || ' ' || X.customer_phone || ' ' || replace(X.customer_phone, '-', '') || ' ' || X.customer_address || ' ' || X.product_model || ' ' || X.serial_no || ' ' || X.receiving_unit_name || ' ' || X.description) FROM complaints AS X;

CREATE TRIGGER investigations_pairs_insert AFTER INSERT ON investigations BEGIN
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 3, aftersales_pairs(new.investigation_no || ' ' || new.investigators || ' ' || new.findings || ' ' || new.cause || ' ' || new.customer_opinion));
END;
CREATE TRIGGER investigations_pairs_update AFTER UPDATE ON investigations BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 3, aftersales_pairs(old.investigation_no || ' ' || old.investigators || ' ' || old.findings || ' ' || old.cause || ' ' || old.customer_opinion));
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 3, aftersales_pairs(new.investigation_no || ' ' || new.investigators || ' ' || new.findings || ' ' || new.cause || ' ' || new.customer_opinion));
END;
CREATE TRIGGER investigations_pairs_delete AFTER DELETE ON investigations BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 3, aftersales_pairs(old.investigation_no || ' ' || old.investigators || ' ' || old.findings || ' ' || old.cause || ' ' || old.customer_opinion));
END;
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 3, aftersales_pairs(X.investigation_no || ' ' || X.investigators || ' ' || X.findings || ' ' || X.cause || ' ' || X.customer_opinion) FROM investigations AS X;

CREATE TRIGGER confirmations_pairs_insert AFTER INSERT ON confirmations BEGIN
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 4, aftersales_pairs(new.confirmation_no || ' ' || new.work_done || ' ' || new.comments || ' ' || new.technicians));
END;
CREATE TRIGGER confirmations_pairs_update AFTER UPDATE ON confirmations BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 4, aftersales_pairs(old.confirmation_no || ' ' || old.work_done || ' ' || old.comments || ' ' || old.technicians));
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 4, aftersales_pairs(new.confirmation_no || ' ' || new.work_done || ' ' || new.comments || ' ' || new.technicians));
END;
CREATE TRIGGER confirmations_pairs_delete AFTER DELETE ON confirmations BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 4, aftersales_pairs(old.confirmation_no || ' ' || old.work_done || ' ' || old.comments || ' ' || old.technicians));
END;
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 4, aftersales_pairs(X.confirmation_no || ' ' || X.work_done || ' ' || X.comments || ' ' || X.technicians) FROM confirmations AS X;

CREATE TRIGGER customers_pairs_insert AFTER INSERT ON customers BEGIN
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 5, aftersales_pairs(new.name || ' ' || new.phone || ' ' || replace(new.phone, '-', '') || ' ' || new.address || ' ' || new.dealer));
END;
CREATE TRIGGER customers_pairs_update AFTER UPDATE ON customers BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 5, aftersales_pairs(old.name || ' ' || old.phone || ' ' || replace(old.phone, '-', '') || ' ' || old.address || ' ' || old.dealer));
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 5, aftersales_pairs(new.name || ' ' || new.phone || ' ' || replace(new.phone, '-', '') || ' ' || new.address || ' ' || new.dealer));
END;
CREATE TRIGGER customers_pairs_delete AFTER DELETE ON customers BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 5, aftersales_pairs(old.name || ' ' || old.phone || ' ' || replace(old.phone, '-', '') || ' ' || old.address || ' ' || old.dealer));
END;
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 5, aftersales_pairs(X.name || ' ' || X.phone || ' ' || replace(X.phone, '-', '') || ' ' || X.address || ' ' || X.dealer) FROM customers AS X;

CREATE TRIGGER maintenance_contracts_pairs_insert AFTER INSERT ON maintenance_contracts BEGIN
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 7, aftersales_pairs(new.contract_no || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.service_unit || ' ' || new.terms));
END;
CREATE TRIGGER maintenance_contracts_pairs_update AFTER UPDATE ON maintenance_contracts BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 7, aftersales_pairs(old.contract_no || ' ' || old.customer_name || ' ' || old.customer_phone || ' ' || replace(old.customer_phone, '-', '') || ' ' || old.customer_address || ' ' || old.product_model || ' ' || old.serial_no || ' ' || old.service_unit || ' ' || old.terms));
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 7, aftersales_pairs(new.contract_no || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.service_unit || ' ' || new.terms));
END;
CREATE TRIGGER maintenance_contracts_pairs_delete AFTER DELETE ON maintenance_contracts BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 7, aftersales_pairs(old.contract_no || ' ' || old.customer_name || ' ' || old.customer_phone || ' ' || replace(old.customer_phone, '-', '') || ' ' || old.customer_address || ' ' || old.product_model || ' ' || old.serial_no || ' ' || old.service_unit || ' ' || old.terms));
END;
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 7, aftersales_pairs(X.contract_no || ' ' || X.customer_name || ' ' || X.customer_phone || ' ' || replace(X.customer_phone, '-', '') || ' ' || X.customer_address || ' ' || X.product_model || ' ' || X.serial_no || ' ' || X.service_unit || ' ' || X.terms) FROM maintenance_contracts AS X;

-- 2. Each case's step now (the last recorded, by id), kept as steps are recorded, so the
-- dashboard reads the open cases without walking every closed case's history: a case is open
-- while its last step is not "closed" (a closed case runs no clock; only a reopening follows a
-- closing). `INSERT OR REPLACE` keeps the last step inserted.
CREATE TABLE case_progress (
    complaint_id INTEGER PRIMARY KEY REFERENCES complaints (id),
    step TEXT NOT NULL,
    step_id INTEGER NOT NULL
);
CREATE INDEX case_progress_open ON case_progress (complaint_id) WHERE step <> 'closed';
CREATE TRIGGER case_steps_progress_insert AFTER INSERT ON case_steps BEGIN
    INSERT OR REPLACE INTO case_progress (complaint_id, step, step_id) VALUES (new.complaint_id, new.step, new.id);
END;
INSERT OR REPLACE INTO case_progress (complaint_id, step, step_id) SELECT complaint_id, step, id FROM case_steps ORDER BY id;
