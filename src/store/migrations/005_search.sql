-- Schema 5: one full-text index over every record, kept in step by triggers.
--
-- The trigram tokenizer matches any substring of three or more characters, which is what
-- Chinese needs (南昌市 finds 江西省南昌市, with no word breaks to rely on); shorter queries
-- fall back to LIKE over the same index. Each row's rowid is the record id × 8 + its kind
-- (1 card, 2 complaint, 3 investigation, 4 confirmation, 5 customer), so a trigger finds its
-- row without a scan.

CREATE VIRTUAL TABLE search_index USING fts5(body, tokenize = 'trigram');

CREATE TRIGGER warranty_cards_search_insert AFTER INSERT ON warranty_cards BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 1, new.registration_no || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.issuing_dealer || ' ' || new.invoice_no);
END;
CREATE TRIGGER warranty_cards_search_update AFTER UPDATE ON warranty_cards BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 1, new.registration_no || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.issuing_dealer || ' ' || new.invoice_no);
END;
CREATE TRIGGER warranty_cards_search_delete AFTER DELETE ON warranty_cards BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
END;
INSERT INTO search_index (rowid, body) SELECT X.id * 8 + 1, X.registration_no || ' ' || X.customer_name || ' ' || X.customer_phone || ' ' || replace(X.customer_phone, '-', '') || ' ' || X.customer_address || ' ' || X.product_model || ' ' || X.serial_no || ' ' || X.issuing_dealer || ' ' || X.invoice_no FROM warranty_cards AS X;

CREATE TRIGGER complaints_search_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 2, new.complaint_no || ' ' || coalesce(new.warranty_registration_no, '') || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.receiving_unit_name || ' ' || new.description);
END;
CREATE TRIGGER complaints_search_update AFTER UPDATE ON complaints BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 2, new.complaint_no || ' ' || coalesce(new.warranty_registration_no, '') || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.receiving_unit_name || ' ' || new.description);
END;
CREATE TRIGGER complaints_search_delete AFTER DELETE ON complaints BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
END;
INSERT INTO search_index (rowid, body) SELECT X.id * 8 + 2, X.complaint_no || ' ' || coalesce(X.warranty_registration_no, '') || ' ' || X.customer_name || ' ' || X.customer_phone || ' ' || replace(X.customer_phone, '-', '') || ' ' || X.customer_address || ' ' || X.product_model || ' ' || X.serial_no || ' ' || X.receiving_unit_name || ' ' || X.description FROM complaints AS X;

CREATE TRIGGER investigations_search_insert AFTER INSERT ON investigations BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 3, new.investigation_no || ' ' || new.investigators || ' ' || new.findings || ' ' || new.cause || ' ' || new.customer_opinion);
END;
CREATE TRIGGER investigations_search_update AFTER UPDATE ON investigations BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 3, new.investigation_no || ' ' || new.investigators || ' ' || new.findings || ' ' || new.cause || ' ' || new.customer_opinion);
END;
CREATE TRIGGER investigations_search_delete AFTER DELETE ON investigations BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
END;
INSERT INTO search_index (rowid, body) SELECT X.id * 8 + 3, X.investigation_no || ' ' || X.investigators || ' ' || X.findings || ' ' || X.cause || ' ' || X.customer_opinion FROM investigations AS X;

CREATE TRIGGER confirmations_search_insert AFTER INSERT ON confirmations BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 4, new.confirmation_no || ' ' || new.work_done || ' ' || new.comments);
END;
CREATE TRIGGER confirmations_search_update AFTER UPDATE ON confirmations BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 4, new.confirmation_no || ' ' || new.work_done || ' ' || new.comments);
END;
CREATE TRIGGER confirmations_search_delete AFTER DELETE ON confirmations BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
END;
INSERT INTO search_index (rowid, body) SELECT X.id * 8 + 4, X.confirmation_no || ' ' || X.work_done || ' ' || X.comments FROM confirmations AS X;

CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 5, new.name || ' ' || new.phone || ' ' || replace(new.phone, '-', '') || ' ' || new.address || ' ' || new.dealer);
END;
CREATE TRIGGER customers_search_update AFTER UPDATE ON customers BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 5, new.name || ' ' || new.phone || ' ' || replace(new.phone, '-', '') || ' ' || new.address || ' ' || new.dealer);
END;
CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
END;
INSERT INTO search_index (rowid, body) SELECT X.id * 8 + 5, X.name || ' ' || X.phone || ' ' || replace(X.phone, '-', '') || ' ' || X.address || ' ' || X.dealer FROM customers AS X;
