-- Schema 8: voiding. A permanent record is never deleted; a mistaken one is voided with a
-- reason, stays searchable and prints with a VOID mark. The audit triggers of the two tables
-- are recreated to log the void fields too.

ALTER TABLE warranty_cards ADD COLUMN voided_at TEXT;
ALTER TABLE warranty_cards ADD COLUMN void_reason TEXT;
ALTER TABLE complaints ADD COLUMN voided_at TEXT;
ALTER TABLE complaints ADD COLUMN void_reason TEXT;

DROP TRIGGER warranty_cards_audit_update;
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
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'voided_at', old.voided_at, new.voided_at WHERE old.voided_at IS NOT new.voided_at;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'warranty_cards', new.id, 'update', 'void_reason', old.void_reason, new.void_reason WHERE old.void_reason IS NOT new.void_reason;
END;

DROP TRIGGER complaints_audit_update;
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
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'voided_at', old.voided_at, new.voided_at WHERE old.voided_at IS NOT new.voided_at;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), coalesce((SELECT value FROM settings WHERE key = 'operator'), ''), 'complaints', new.id, 'update', 'void_reason', old.void_reason, new.void_reason WHERE old.void_reason IS NOT new.void_reason;
END;
