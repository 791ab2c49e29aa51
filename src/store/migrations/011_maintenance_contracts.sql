-- Schema 11: maintenance contracts (维修保养合同) and their renewals. A renewal notice is due one
-- month before a contract ends (the rule is in Rust, domain/contract.rs); a contract renewed
-- by a later one (renews_id) needs no notice. Like cards and complaints, a contract keeps the
-- customer's details as printed and points at the customer's record.
-- Search index kind 7 (rowid = id × 8 + 7, as in schema 5); the audit trail as in schema 7.

CREATE TABLE maintenance_contracts (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    contract_no      TEXT NOT NULL UNIQUE,
    customer_id      INTEGER REFERENCES customers (id),
    customer_name    TEXT NOT NULL,
    customer_address TEXT NOT NULL,
    customer_phone   TEXT NOT NULL,
    product_model    TEXT NOT NULL,
    serial_no        TEXT NOT NULL,
    start_date       TEXT NOT NULL,
    end_date         TEXT NOT NULL CHECK (end_date > start_date),
    annual_fee_fen   INTEGER NOT NULL CHECK (annual_fee_fen >= 0),
    service_unit     TEXT NOT NULL,
    service_phone    TEXT NOT NULL,
    terms            TEXT NOT NULL,
    -- The contract this one renews, if any.
    renews_id        INTEGER REFERENCES maintenance_contracts (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX maintenance_contracts_end_date ON maintenance_contracts (end_date, id);
CREATE INDEX maintenance_contracts_customer ON maintenance_contracts (customer_id);
CREATE INDEX maintenance_contracts_renews ON maintenance_contracts (renews_id);

CREATE TRIGGER maintenance_contracts_search_insert AFTER INSERT ON maintenance_contracts BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 7, new.contract_no || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.service_unit || ' ' || new.terms);
END;
CREATE TRIGGER maintenance_contracts_search_update AFTER UPDATE ON maintenance_contracts BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 7;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 7, new.contract_no || ' ' || new.customer_name || ' ' || new.customer_phone || ' ' || replace(new.customer_phone, '-', '') || ' ' || new.customer_address || ' ' || new.product_model || ' ' || new.serial_no || ' ' || new.service_unit || ' ' || new.terms);
END;
CREATE TRIGGER maintenance_contracts_search_delete AFTER DELETE ON maintenance_contracts BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 7;
END;

CREATE TRIGGER maintenance_contracts_audit_insert AFTER INSERT ON maintenance_contracts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'insert');
END;
CREATE TRIGGER maintenance_contracts_audit_delete AFTER DELETE ON maintenance_contracts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', old.id, 'delete');
END;
CREATE TRIGGER maintenance_contracts_audit_update AFTER UPDATE ON maintenance_contracts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'update', 'customer_name', old.customer_name, new.customer_name WHERE old.customer_name IS NOT new.customer_name;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'update', 'customer_address', old.customer_address, new.customer_address WHERE old.customer_address IS NOT new.customer_address;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'update', 'customer_phone', old.customer_phone, new.customer_phone WHERE old.customer_phone IS NOT new.customer_phone;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'update', 'product_model', old.product_model, new.product_model WHERE old.product_model IS NOT new.product_model;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'update', 'serial_no', old.serial_no, new.serial_no WHERE old.serial_no IS NOT new.serial_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'update', 'start_date', old.start_date, new.start_date WHERE old.start_date IS NOT new.start_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'update', 'end_date', old.end_date, new.end_date WHERE old.end_date IS NOT new.end_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'update', 'annual_fee_fen', old.annual_fee_fen, new.annual_fee_fen WHERE old.annual_fee_fen IS NOT new.annual_fee_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'update', 'service_unit', old.service_unit, new.service_unit WHERE old.service_unit IS NOT new.service_unit;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'update', 'service_phone', old.service_phone, new.service_phone WHERE old.service_phone IS NOT new.service_phone;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'maintenance_contracts', new.id, 'update', 'terms', old.terms, new.terms WHERE old.terms IS NOT new.terms;
END;
