-- Schema 7: the audit trail. Every insert, edit and delete of a form or customer is logged
-- with the time, the operator (settings key 'operator', asked for once by the program) and,
-- for an edit, each changed field's old and new value. Triggers write it, so nothing that
-- opens the file bypasses it; the log itself cannot be edited or deleted.

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    operator   TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id  INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    field      TEXT,
    old_value  TEXT,
    new_value  TEXT
) STRICT;
CREATE INDEX audit_log_record ON audit_log (table_name, record_id, id);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;
CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;

CREATE TRIGGER warranty_cards_audit_insert AFTER INSERT ON warranty_cards BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'insert');
END;
CREATE TRIGGER warranty_cards_audit_delete AFTER DELETE ON warranty_cards BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', old.id, 'delete');
END;
CREATE TRIGGER warranty_cards_audit_update AFTER UPDATE ON warranty_cards BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'registration_no', old.registration_no, new.registration_no WHERE old.registration_no IS NOT new.registration_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'issue_date', old.issue_date, new.issue_date WHERE old.issue_date IS NOT new.issue_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'issuing_dealer', old.issuing_dealer, new.issuing_dealer WHERE old.issuing_dealer IS NOT new.issuing_dealer;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'customer_name', old.customer_name, new.customer_name WHERE old.customer_name IS NOT new.customer_name;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'customer_address', old.customer_address, new.customer_address WHERE old.customer_address IS NOT new.customer_address;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'customer_phone', old.customer_phone, new.customer_phone WHERE old.customer_phone IS NOT new.customer_phone;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'product_category', old.product_category, new.product_category WHERE old.product_category IS NOT new.product_category;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'product_model', old.product_model, new.product_model WHERE old.product_model IS NOT new.product_model;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'serial_no', old.serial_no, new.serial_no WHERE old.serial_no IS NOT new.serial_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'purchase_date', old.purchase_date, new.purchase_date WHERE old.purchase_date IS NOT new.purchase_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'purchase_area', old.purchase_area, new.purchase_area WHERE old.purchase_area IS NOT new.purchase_area;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'installation_date', old.installation_date, new.installation_date WHERE old.installation_date IS NOT new.installation_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'invoice_no', old.invoice_no, new.invoice_no WHERE old.invoice_no IS NOT new.invoice_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'warranty_months', old.warranty_months, new.warranty_months WHERE old.warranty_months IS NOT new.warranty_months;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'feedback_returned', old.feedback_returned, new.feedback_returned WHERE old.feedback_returned IS NOT new.feedback_returned;
END;

CREATE TRIGGER complaints_audit_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'insert');
END;
CREATE TRIGGER complaints_audit_delete AFTER DELETE ON complaints BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', old.id, 'delete');
END;
CREATE TRIGGER complaints_audit_update AFTER UPDATE ON complaints BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'received_at', old.received_at, new.received_at WHERE old.received_at IS NOT new.received_at;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'channel', old.channel, new.channel WHERE old.channel IS NOT new.channel;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'receiving_unit', old.receiving_unit, new.receiving_unit WHERE old.receiving_unit IS NOT new.receiving_unit;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'receiving_unit_name', old.receiving_unit_name, new.receiving_unit_name WHERE old.receiving_unit_name IS NOT new.receiving_unit_name;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'received_by', old.received_by, new.received_by WHERE old.received_by IS NOT new.received_by;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'warranty_registration_no', old.warranty_registration_no, new.warranty_registration_no WHERE old.warranty_registration_no IS NOT new.warranty_registration_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'customer_name', old.customer_name, new.customer_name WHERE old.customer_name IS NOT new.customer_name;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'customer_address', old.customer_address, new.customer_address WHERE old.customer_address IS NOT new.customer_address;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'customer_phone', old.customer_phone, new.customer_phone WHERE old.customer_phone IS NOT new.customer_phone;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'product_model', old.product_model, new.product_model WHERE old.product_model IS NOT new.product_model;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'serial_no', old.serial_no, new.serial_no WHERE old.serial_no IS NOT new.serial_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'purchase_date', old.purchase_date, new.purchase_date WHERE old.purchase_date IS NOT new.purchase_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'complaint_type', old.complaint_type, new.complaint_type WHERE old.complaint_type IS NOT new.complaint_type;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'description', old.description, new.description WHERE old.description IS NOT new.description;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'customer_request', old.customer_request, new.customer_request WHERE old.customer_request IS NOT new.customer_request;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'urgency', old.urgency, new.urgency WHERE old.urgency IS NOT new.urgency;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'media_risk', old.media_risk, new.media_risk WHERE old.media_risk IS NOT new.media_risk;
END;

CREATE TRIGGER investigations_audit_insert AFTER INSERT ON investigations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', new.id, 'insert');
END;
CREATE TRIGGER investigations_audit_delete AFTER DELETE ON investigations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', old.id, 'delete');
END;
CREATE TRIGGER investigations_audit_update AFTER UPDATE ON investigations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', new.id, 'update', 'investigators', old.investigators, new.investigators WHERE old.investigators IS NOT new.investigators;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', new.id, 'update', 'arrived_at', old.arrived_at, new.arrived_at WHERE old.arrived_at IS NOT new.arrived_at;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', new.id, 'update', 'findings', old.findings, new.findings WHERE old.findings IS NOT new.findings;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', new.id, 'update', 'documents_checked', old.documents_checked, new.documents_checked WHERE old.documents_checked IS NOT new.documents_checked;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', new.id, 'update', 'cause', old.cause, new.cause WHERE old.cause IS NOT new.cause;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', new.id, 'update', 'quality_problem', old.quality_problem, new.quality_problem WHERE old.quality_problem IS NOT new.quality_problem;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', new.id, 'update', 'responsible_party', old.responsible_party, new.responsible_party WHERE old.responsible_party IS NOT new.responsible_party;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', new.id, 'update', 'proposed_treatment', old.proposed_treatment, new.proposed_treatment WHERE old.proposed_treatment IS NOT new.proposed_treatment;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', new.id, 'update', 'estimated_cost_fen', old.estimated_cost_fen, new.estimated_cost_fen WHERE old.estimated_cost_fen IS NOT new.estimated_cost_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'investigations', new.id, 'update', 'customer_opinion', old.customer_opinion, new.customer_opinion WHERE old.customer_opinion IS NOT new.customer_opinion;
END;

CREATE TRIGGER confirmations_audit_insert AFTER INSERT ON confirmations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'insert');
END;
CREATE TRIGGER confirmations_audit_delete AFTER DELETE ON confirmations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', old.id, 'delete');
END;
CREATE TRIGGER confirmations_audit_update AFTER UPDATE ON confirmations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'treatment', old.treatment, new.treatment WHERE old.treatment IS NOT new.treatment;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'work_done', old.work_done, new.work_done WHERE old.work_done IS NOT new.work_done;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'service_category', old.service_category, new.service_category WHERE old.service_category IS NOT new.service_category;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'labour_fen', old.labour_fen, new.labour_fen WHERE old.labour_fen IS NOT new.labour_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'labour_borne_by', old.labour_borne_by, new.labour_borne_by WHERE old.labour_borne_by IS NOT new.labour_borne_by;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'parts_fen', old.parts_fen, new.parts_fen WHERE old.parts_fen IS NOT new.parts_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'parts_borne_by', old.parts_borne_by, new.parts_borne_by WHERE old.parts_borne_by IS NOT new.parts_borne_by;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'travel_fen', old.travel_fen, new.travel_fen WHERE old.travel_fen IS NOT new.travel_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'travel_borne_by', old.travel_borne_by, new.travel_borne_by WHERE old.travel_borne_by IS NOT new.travel_borne_by;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'transport_fen', old.transport_fen, new.transport_fen WHERE old.transport_fen IS NOT new.transport_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'transport_borne_by', old.transport_borne_by, new.transport_borne_by WHERE old.transport_borne_by IS NOT new.transport_borne_by;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'remedy', old.remedy, new.remedy WHERE old.remedy IS NOT new.remedy;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'price_fen', old.price_fen, new.price_fen WHERE old.price_fen IS NOT new.price_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'sale_date', old.sale_date, new.sale_date WHERE old.sale_date IS NOT new.sale_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'counterfeit_or_unmarked', old.counterfeit_or_unmarked, new.counterfeit_or_unmarked WHERE old.counterfeit_or_unmarked IS NOT new.counterfeit_or_unmarked;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'rating_attitude', old.rating_attitude, new.rating_attitude WHERE old.rating_attitude IS NOT new.rating_attitude;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'rating_skill', old.rating_skill, new.rating_skill WHERE old.rating_skill IS NOT new.rating_skill;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'rating_arrival_time', old.rating_arrival_time, new.rating_arrival_time WHERE old.rating_arrival_time IS NOT new.rating_arrival_time;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'rating_follow_through', old.rating_follow_through, new.rating_follow_through WHERE old.rating_follow_through IS NOT new.rating_follow_through;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'comments', old.comments, new.comments WHERE old.comments IS NOT new.comments;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'confirmations', new.id, 'update', 'completed_at', old.completed_at, new.completed_at WHERE old.completed_at IS NOT new.completed_at;
END;

CREATE TRIGGER customers_audit_insert AFTER INSERT ON customers BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'customers', new.id, 'insert');
END;
CREATE TRIGGER customers_audit_delete AFTER DELETE ON customers BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'customers', old.id, 'delete');
END;
CREATE TRIGGER customers_audit_update AFTER UPDATE ON customers BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'customers', new.id, 'update', 'name', old.name, new.name WHERE old.name IS NOT new.name;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'customers', new.id, 'update', 'phone', old.phone, new.phone WHERE old.phone IS NOT new.phone;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'customers', new.id, 'update', 'address', old.address, new.address WHERE old.address IS NOT new.address;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'customers', new.id, 'update', 'province', old.province, new.province WHERE old.province IS NOT new.province;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'customers', new.id, 'update', 'city', old.city, new.city WHERE old.city IS NOT new.city;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'customers', new.id, 'update', 'dealer', old.dealer, new.dealer WHERE old.dealer IS NOT new.dealer;
END;
