-- Schema 17: one Chinese character found as one list of records.
--
-- A search for one Chinese character (广, 张: the first keystroke of a city or a name) was a
-- prefix query over the pairs index (schema 16): every token the character begins (广州, 广东,
-- 广场, … hundreds) read and merged, 10–60 ms at 100,000 cards and about 100 ms at a million.
-- With `prefix = '1'` FTS5 also keeps, for each first character, the one list of the records
-- holding a token that begins with it, and a prefix query of one character reads that list alone
-- (0.2 ms at 100,000 cards). The index is about twice the size (65 MB → about 125 MB at a
-- million cards with their cases). The table is made again with the option (FTS5 cannot add it
-- to a table) and refilled from the records; the triggers of schema 16 write to it unchanged.
DROP TABLE search_pairs;
CREATE VIRTUAL TABLE search_pairs USING fts5(body, tokenize = 'ascii', content = '', detail = 'none', columnsize = 0, prefix = '1');
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 1, aftersales_pairs(X.registration_no || ' ' || X.customer_name || ' ' || X.customer_phone || ' ' || replace(X.customer_phone, '-', '') || ' ' || X.customer_address || ' ' || X.product_model || ' ' || X.serial_no || ' ' || X.issuing_dealer || ' ' || X.invoice_no) FROM warranty_cards AS X;
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 2, aftersales_pairs(X.complaint_no || ' ' || coalesce(X.warranty_registration_no, '') || ' ' || X.customer_name || ' ' || X.customer_phone || ' ' || replace(X.customer_phone, '-', '') || ' ' || X.customer_address || ' ' || X.product_model || ' ' || X.serial_no || ' ' || X.receiving_unit_name || ' ' || X.description) FROM complaints AS X;
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 3, aftersales_pairs(X.investigation_no || ' ' || X.investigators || ' ' || X.findings || ' ' || X.cause || ' ' || X.customer_opinion) FROM investigations AS X;
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 4, aftersales_pairs(X.confirmation_no || ' ' || X.work_done || ' ' || X.comments || ' ' || X.technicians) FROM confirmations AS X;
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 5, aftersales_pairs(X.name || ' ' || X.phone || ' ' || replace(X.phone, '-', '') || ' ' || X.address || ' ' || X.dealer) FROM customers AS X;
INSERT INTO search_pairs (rowid, body) SELECT X.id * 8 + 7, aftersales_pairs(X.contract_no || ' ' || X.customer_name || ' ' || X.customer_phone || ' ' || replace(X.customer_phone, '-', '') || ' ' || X.customer_address || ' ' || X.product_model || ' ' || X.serial_no || ' ' || X.service_unit || ' ' || X.terms) FROM maintenance_contracts AS X;
