-- Schema 13: trust. Nothing typed or archived is lost, altered or corrupted unnoticed.
--
-- * Who writes is passed by the program, per connection: the triggers ask the function
--   aftersales_operator() (registered by the program on every connection it opens) instead of
--   reading a shared setting, so a demo or a second window never logs under the wrong name.
--   A program that does not provide the function (the sqlite3 shell) cannot write to a form.
-- * Every record of a form carries a revision, raised by each change, so a save based on an
--   older revision is detected instead of silently overwriting another window's work.
-- * A voided record is final: the file refuses any change to it and to the forms of its case.
-- * Photos are typed by the document they show; only the certificates kept two years may be
--   purged, and only once past their period; a photo is withdrawn from a report, never deleted.
--   Photo and parts changes are in the audit trail with their content.
-- * record_versions: the content of every record after each change (before, for a deletion),
--   each entry chained to the previous one by a SHA-256 hash (aftersales_chain()). `aftersales
--   verify` re-checks the chain and every record against its last entry, so a change made
--   with the triggers dropped is evident. Each audited table has a view <table>_content giving
--   the content as the chain records it; the triggers and verify both read it.
-- * Steps of a case keep the order they were recorded in; a back-dated step keeps its reason.

-- Revisions.
ALTER TABLE warranty_cards ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE complaints ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE investigations ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE confirmations ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE customers ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE maintenance_contracts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- Photos typed by document; withdrawn rather than deleted.
ALTER TABLE investigation_photos ADD COLUMN document TEXT NOT NULL DEFAULT 'scene';
ALTER TABLE investigation_photos ADD COLUMN withdrawn_at TEXT;
ALTER TABLE investigation_photos ADD COLUMN withdraw_reason TEXT;

-- A step recorded with a time earlier than when it was recorded says why.
ALTER TABLE case_steps ADD COLUMN reason TEXT NOT NULL DEFAULT '';

-- The audit trail's operator comes from the program, per connection.
DROP TRIGGER complaints_audit_delete;
CREATE TRIGGER complaints_audit_delete AFTER DELETE ON complaints BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', old.id, 'delete');
END;
DROP TRIGGER complaints_audit_insert;
CREATE TRIGGER complaints_audit_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'insert');
END;
DROP TRIGGER complaints_audit_update;
CREATE TRIGGER complaints_audit_update AFTER UPDATE ON complaints BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'received_at', old.received_at, new.received_at WHERE old.received_at IS NOT new.received_at;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'channel', old.channel, new.channel WHERE old.channel IS NOT new.channel;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'receiving_unit', old.receiving_unit, new.receiving_unit WHERE old.receiving_unit IS NOT new.receiving_unit;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'receiving_unit_name', old.receiving_unit_name, new.receiving_unit_name WHERE old.receiving_unit_name IS NOT new.receiving_unit_name;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'received_by', old.received_by, new.received_by WHERE old.received_by IS NOT new.received_by;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'warranty_registration_no', old.warranty_registration_no, new.warranty_registration_no WHERE old.warranty_registration_no IS NOT new.warranty_registration_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'customer_name', old.customer_name, new.customer_name WHERE old.customer_name IS NOT new.customer_name;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'customer_address', old.customer_address, new.customer_address WHERE old.customer_address IS NOT new.customer_address;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'customer_phone', old.customer_phone, new.customer_phone WHERE old.customer_phone IS NOT new.customer_phone;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'product_model', old.product_model, new.product_model WHERE old.product_model IS NOT new.product_model;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'serial_no', old.serial_no, new.serial_no WHERE old.serial_no IS NOT new.serial_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'purchase_date', old.purchase_date, new.purchase_date WHERE old.purchase_date IS NOT new.purchase_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'complaint_type', old.complaint_type, new.complaint_type WHERE old.complaint_type IS NOT new.complaint_type;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'description', old.description, new.description WHERE old.description IS NOT new.description;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'customer_request', old.customer_request, new.customer_request WHERE old.customer_request IS NOT new.customer_request;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'urgency', old.urgency, new.urgency WHERE old.urgency IS NOT new.urgency;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'media_risk', old.media_risk, new.media_risk WHERE old.media_risk IS NOT new.media_risk;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'voided_at', old.voided_at, new.voided_at WHERE old.voided_at IS NOT new.voided_at;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'complaints', new.id, 'update', 'void_reason', old.void_reason, new.void_reason WHERE old.void_reason IS NOT new.void_reason;
END;
DROP TRIGGER confirmations_audit_delete;
CREATE TRIGGER confirmations_audit_delete AFTER DELETE ON confirmations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', old.id, 'delete');
END;
DROP TRIGGER confirmations_audit_insert;
CREATE TRIGGER confirmations_audit_insert AFTER INSERT ON confirmations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'insert');
END;
DROP TRIGGER confirmations_audit_update;
CREATE TRIGGER confirmations_audit_update AFTER UPDATE ON confirmations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'treatment', old.treatment, new.treatment WHERE old.treatment IS NOT new.treatment;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'work_done', old.work_done, new.work_done WHERE old.work_done IS NOT new.work_done;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'service_category', old.service_category, new.service_category WHERE old.service_category IS NOT new.service_category;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'labour_fen', old.labour_fen, new.labour_fen WHERE old.labour_fen IS NOT new.labour_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'labour_borne_by', old.labour_borne_by, new.labour_borne_by WHERE old.labour_borne_by IS NOT new.labour_borne_by;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'parts_fen', old.parts_fen, new.parts_fen WHERE old.parts_fen IS NOT new.parts_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'parts_borne_by', old.parts_borne_by, new.parts_borne_by WHERE old.parts_borne_by IS NOT new.parts_borne_by;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'travel_fen', old.travel_fen, new.travel_fen WHERE old.travel_fen IS NOT new.travel_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'travel_borne_by', old.travel_borne_by, new.travel_borne_by WHERE old.travel_borne_by IS NOT new.travel_borne_by;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'transport_fen', old.transport_fen, new.transport_fen WHERE old.transport_fen IS NOT new.transport_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'transport_borne_by', old.transport_borne_by, new.transport_borne_by WHERE old.transport_borne_by IS NOT new.transport_borne_by;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'remedy', old.remedy, new.remedy WHERE old.remedy IS NOT new.remedy;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'price_fen', old.price_fen, new.price_fen WHERE old.price_fen IS NOT new.price_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'sale_date', old.sale_date, new.sale_date WHERE old.sale_date IS NOT new.sale_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'counterfeit_or_unmarked', old.counterfeit_or_unmarked, new.counterfeit_or_unmarked WHERE old.counterfeit_or_unmarked IS NOT new.counterfeit_or_unmarked;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'rating_attitude', old.rating_attitude, new.rating_attitude WHERE old.rating_attitude IS NOT new.rating_attitude;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'rating_skill', old.rating_skill, new.rating_skill WHERE old.rating_skill IS NOT new.rating_skill;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'rating_arrival_time', old.rating_arrival_time, new.rating_arrival_time WHERE old.rating_arrival_time IS NOT new.rating_arrival_time;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'rating_follow_through', old.rating_follow_through, new.rating_follow_through WHERE old.rating_follow_through IS NOT new.rating_follow_through;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'comments', old.comments, new.comments WHERE old.comments IS NOT new.comments;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'completed_at', old.completed_at, new.completed_at WHERE old.completed_at IS NOT new.completed_at;
END;
DROP TRIGGER customers_audit_delete;
CREATE TRIGGER customers_audit_delete AFTER DELETE ON customers BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'customers', old.id, 'delete');
END;
DROP TRIGGER customers_audit_insert;
CREATE TRIGGER customers_audit_insert AFTER INSERT ON customers BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'customers', new.id, 'insert');
END;
DROP TRIGGER customers_audit_update;
CREATE TRIGGER customers_audit_update AFTER UPDATE ON customers BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'customers', new.id, 'update', 'name', old.name, new.name WHERE old.name IS NOT new.name;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'customers', new.id, 'update', 'phone', old.phone, new.phone WHERE old.phone IS NOT new.phone;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'customers', new.id, 'update', 'address', old.address, new.address WHERE old.address IS NOT new.address;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'customers', new.id, 'update', 'province', old.province, new.province WHERE old.province IS NOT new.province;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'customers', new.id, 'update', 'city', old.city, new.city WHERE old.city IS NOT new.city;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'customers', new.id, 'update', 'dealer', old.dealer, new.dealer WHERE old.dealer IS NOT new.dealer;
END;
DROP TRIGGER investigations_audit_delete;
CREATE TRIGGER investigations_audit_delete AFTER DELETE ON investigations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', old.id, 'delete');
END;
DROP TRIGGER investigations_audit_insert;
CREATE TRIGGER investigations_audit_insert AFTER INSERT ON investigations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.id, 'insert');
END;
DROP TRIGGER investigations_audit_update;
CREATE TRIGGER investigations_audit_update AFTER UPDATE ON investigations BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.id, 'update', 'investigators', old.investigators, new.investigators WHERE old.investigators IS NOT new.investigators;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.id, 'update', 'arrived_at', old.arrived_at, new.arrived_at WHERE old.arrived_at IS NOT new.arrived_at;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.id, 'update', 'findings', old.findings, new.findings WHERE old.findings IS NOT new.findings;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.id, 'update', 'documents_checked', old.documents_checked, new.documents_checked WHERE old.documents_checked IS NOT new.documents_checked;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.id, 'update', 'cause', old.cause, new.cause WHERE old.cause IS NOT new.cause;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.id, 'update', 'quality_problem', old.quality_problem, new.quality_problem WHERE old.quality_problem IS NOT new.quality_problem;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.id, 'update', 'responsible_party', old.responsible_party, new.responsible_party WHERE old.responsible_party IS NOT new.responsible_party;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.id, 'update', 'proposed_treatment', old.proposed_treatment, new.proposed_treatment WHERE old.proposed_treatment IS NOT new.proposed_treatment;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.id, 'update', 'estimated_cost_fen', old.estimated_cost_fen, new.estimated_cost_fen WHERE old.estimated_cost_fen IS NOT new.estimated_cost_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.id, 'update', 'customer_opinion', old.customer_opinion, new.customer_opinion WHERE old.customer_opinion IS NOT new.customer_opinion;
END;
DROP TRIGGER maintenance_contracts_audit_delete;
CREATE TRIGGER maintenance_contracts_audit_delete AFTER DELETE ON maintenance_contracts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', old.id, 'delete');
END;
DROP TRIGGER maintenance_contracts_audit_insert;
CREATE TRIGGER maintenance_contracts_audit_insert AFTER INSERT ON maintenance_contracts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'insert');
END;
DROP TRIGGER maintenance_contracts_audit_update;
CREATE TRIGGER maintenance_contracts_audit_update AFTER UPDATE ON maintenance_contracts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'update', 'customer_name', old.customer_name, new.customer_name WHERE old.customer_name IS NOT new.customer_name;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'update', 'customer_address', old.customer_address, new.customer_address WHERE old.customer_address IS NOT new.customer_address;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'update', 'customer_phone', old.customer_phone, new.customer_phone WHERE old.customer_phone IS NOT new.customer_phone;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'update', 'product_model', old.product_model, new.product_model WHERE old.product_model IS NOT new.product_model;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'update', 'serial_no', old.serial_no, new.serial_no WHERE old.serial_no IS NOT new.serial_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'update', 'start_date', old.start_date, new.start_date WHERE old.start_date IS NOT new.start_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'update', 'end_date', old.end_date, new.end_date WHERE old.end_date IS NOT new.end_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'update', 'annual_fee_fen', old.annual_fee_fen, new.annual_fee_fen WHERE old.annual_fee_fen IS NOT new.annual_fee_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'update', 'service_unit', old.service_unit, new.service_unit WHERE old.service_unit IS NOT new.service_unit;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'update', 'service_phone', old.service_phone, new.service_phone WHERE old.service_phone IS NOT new.service_phone;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'maintenance_contracts', new.id, 'update', 'terms', old.terms, new.terms WHERE old.terms IS NOT new.terms;
END;
DROP TRIGGER warranty_cards_audit_delete;
CREATE TRIGGER warranty_cards_audit_delete AFTER DELETE ON warranty_cards BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', old.id, 'delete');
END;
DROP TRIGGER warranty_cards_audit_insert;
CREATE TRIGGER warranty_cards_audit_insert AFTER INSERT ON warranty_cards BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'insert');
END;
DROP TRIGGER warranty_cards_audit_update;
CREATE TRIGGER warranty_cards_audit_update AFTER UPDATE ON warranty_cards BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'registration_no', old.registration_no, new.registration_no WHERE old.registration_no IS NOT new.registration_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'issue_date', old.issue_date, new.issue_date WHERE old.issue_date IS NOT new.issue_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'issuing_dealer', old.issuing_dealer, new.issuing_dealer WHERE old.issuing_dealer IS NOT new.issuing_dealer;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'customer_name', old.customer_name, new.customer_name WHERE old.customer_name IS NOT new.customer_name;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'customer_address', old.customer_address, new.customer_address WHERE old.customer_address IS NOT new.customer_address;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'customer_phone', old.customer_phone, new.customer_phone WHERE old.customer_phone IS NOT new.customer_phone;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'product_category', old.product_category, new.product_category WHERE old.product_category IS NOT new.product_category;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'product_model', old.product_model, new.product_model WHERE old.product_model IS NOT new.product_model;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'serial_no', old.serial_no, new.serial_no WHERE old.serial_no IS NOT new.serial_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'purchase_date', old.purchase_date, new.purchase_date WHERE old.purchase_date IS NOT new.purchase_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'purchase_area', old.purchase_area, new.purchase_area WHERE old.purchase_area IS NOT new.purchase_area;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'installation_date', old.installation_date, new.installation_date WHERE old.installation_date IS NOT new.installation_date;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'invoice_no', old.invoice_no, new.invoice_no WHERE old.invoice_no IS NOT new.invoice_no;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'warranty_months', old.warranty_months, new.warranty_months WHERE old.warranty_months IS NOT new.warranty_months;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'feedback_returned', old.feedback_returned, new.feedback_returned WHERE old.feedback_returned IS NOT new.feedback_returned;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'voided_at', old.voided_at, new.voided_at WHERE old.voided_at IS NOT new.voided_at;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'warranty_cards', new.id, 'update', 'void_reason', old.void_reason, new.void_reason WHERE old.void_reason IS NOT new.void_reason;
END;

-- Photo and parts lines in the history of their report and confirmation, with their content.
CREATE TRIGGER investigation_photos_audit_insert AFTER INSERT ON investigation_photos BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.investigation_id, 'update', 'photo', NULL, json_object('id', new.id, 'file_name', new.file_name, 'document', new.document, 'sha256', aftersales_sha256(new.bytes), 'bytes', length(new.bytes)));
END;
CREATE TRIGGER investigation_photos_audit_update AFTER UPDATE ON investigation_photos BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.investigation_id, 'update', 'photo', json_object('id', old.id, 'file_name', old.file_name, 'document', old.document, 'sha256', aftersales_sha256(old.bytes), 'bytes', length(old.bytes)), json_object('id', new.id, 'file_name', new.file_name, 'document', new.document, 'sha256', aftersales_sha256(new.bytes), 'bytes', length(new.bytes))
    WHERE old.document IS NOT new.document;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', new.investigation_id, 'update', 'photo-withdrawn', json_object('id', old.id, 'file_name', old.file_name, 'document', old.document, 'sha256', aftersales_sha256(old.bytes), 'bytes', length(old.bytes)), new.withdraw_reason
    WHERE old.withdrawn_at IS NULL AND new.withdrawn_at IS NOT NULL;
END;
CREATE TRIGGER investigation_photos_audit_delete AFTER DELETE ON investigation_photos BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'investigations', old.investigation_id, 'update', 'photo-purged', json_object('id', old.id, 'file_name', old.file_name, 'document', old.document, 'sha256', aftersales_sha256(old.bytes), 'bytes', length(old.bytes)), NULL);
END;
CREATE TRIGGER confirmation_parts_audit_insert AFTER INSERT ON confirmation_parts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.confirmation_id, 'update', 'part', NULL, json_object('id', new.id, 'position', new.position, 'name', new.name, 'quantity', new.quantity, 'unit_cost_fen', new.unit_cost_fen, 'old_part_returned', new.old_part_returned));
END;
CREATE TRIGGER confirmation_parts_audit_update AFTER UPDATE ON confirmation_parts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.confirmation_id, 'update', 'part', json_object('id', old.id, 'position', old.position, 'name', old.name, 'quantity', old.quantity, 'unit_cost_fen', old.unit_cost_fen, 'old_part_returned', old.old_part_returned), json_object('id', new.id, 'position', new.position, 'name', new.name, 'quantity', new.quantity, 'unit_cost_fen', new.unit_cost_fen, 'old_part_returned', new.old_part_returned));
END;
CREATE TRIGGER confirmation_parts_audit_delete AFTER DELETE ON confirmation_parts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', old.confirmation_id, 'update', 'part', json_object('id', old.id, 'position', old.position, 'name', old.name, 'quantity', old.quantity, 'unit_cost_fen', old.unit_cost_fen, 'old_part_returned', old.old_part_returned), NULL);
END;

-- A photo's picture and origin never change; scene photos and the documents of a permanent
-- report are never deleted; a certificate photo only once past its retention (a setting in
-- years, 0 keeping it for ever).
CREATE TRIGGER investigation_photos_are_unaltered BEFORE UPDATE OF investigation_id, file_name, mime, bytes, added_at ON investigation_photos BEGIN
    SELECT RAISE(ABORT, 'a photo is kept as it was attached');
END;
CREATE TRIGGER investigation_photos_are_kept BEFORE DELETE ON investigation_photos
WHEN old.document NOT IN ('acceptance_certificate', 'environment_table', 'installation_acceptance')
  OR coalesce((SELECT value FROM settings WHERE key = 'retention_photo_years'), '2') = '0'
  OR old.added_at >= strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime', '-' || coalesce((SELECT value FROM settings WHERE key = 'retention_photo_years'), '2') || ' years')
BEGIN
    SELECT RAISE(ABORT, 'this photo is kept with its report: only certificate photos past their retention period can be purged');
END;

-- The steps of a case are kept as recorded.
CREATE TRIGGER case_steps_are_not_rewritten BEFORE UPDATE ON case_steps BEGIN
    SELECT RAISE(ABORT, 'the steps of a case are kept as recorded');
END;

-- A voided record is final, and so are the forms, photos, parts, steps and visits of a voided case.
CREATE TRIGGER warranty_cards_void_is_final BEFORE UPDATE ON warranty_cards WHEN old.voided_at IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided record cannot be changed');
END;
CREATE TRIGGER complaints_void_is_final BEFORE UPDATE ON complaints WHEN old.voided_at IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided record cannot be changed');
END;
CREATE TRIGGER investigations_of_void_case_insert BEFORE INSERT ON investigations WHEN (SELECT voided_at FROM complaints WHERE id = new.complaint_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;
CREATE TRIGGER investigations_of_void_case_update BEFORE UPDATE ON investigations WHEN (SELECT voided_at FROM complaints WHERE id = old.complaint_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;
CREATE TRIGGER confirmations_of_void_case_insert BEFORE INSERT ON confirmations WHEN (SELECT voided_at FROM complaints WHERE id = new.complaint_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;
CREATE TRIGGER confirmations_of_void_case_update BEFORE UPDATE ON confirmations WHEN (SELECT voided_at FROM complaints WHERE id = old.complaint_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;
CREATE TRIGGER case_steps_of_void_case_insert BEFORE INSERT ON case_steps WHEN (SELECT voided_at FROM complaints WHERE id = new.complaint_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;
CREATE TRIGGER return_visits_of_void_case_insert BEFORE INSERT ON return_visits WHEN (SELECT voided_at FROM complaints WHERE id = new.complaint_id) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;
CREATE TRIGGER investigation_photos_of_void_case_insert BEFORE INSERT ON investigation_photos WHEN (SELECT voided_at FROM complaints WHERE id = (SELECT complaint_id FROM investigations WHERE id = new.investigation_id)) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;
CREATE TRIGGER investigation_photos_of_void_case_update BEFORE UPDATE ON investigation_photos WHEN (SELECT voided_at FROM complaints WHERE id = (SELECT complaint_id FROM investigations WHERE id = old.investigation_id)) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;
CREATE TRIGGER investigation_photos_of_void_case_delete BEFORE DELETE ON investigation_photos WHEN (SELECT voided_at FROM complaints WHERE id = (SELECT complaint_id FROM investigations WHERE id = old.investigation_id)) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;
CREATE TRIGGER confirmation_parts_of_void_case_insert BEFORE INSERT ON confirmation_parts WHEN (SELECT voided_at FROM complaints WHERE id = (SELECT complaint_id FROM confirmations WHERE id = new.confirmation_id)) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;
CREATE TRIGGER confirmation_parts_of_void_case_update BEFORE UPDATE ON confirmation_parts WHEN (SELECT voided_at FROM complaints WHERE id = (SELECT complaint_id FROM confirmations WHERE id = old.confirmation_id)) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;
CREATE TRIGGER confirmation_parts_of_void_case_delete BEFORE DELETE ON confirmation_parts WHEN (SELECT voided_at FROM complaints WHERE id = (SELECT complaint_id FROM confirmations WHERE id = old.confirmation_id)) IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'a voided case cannot be changed');
END;

-- The chain of record versions.
CREATE TABLE record_versions (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    operator   TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id  INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('baseline', 'insert', 'update', 'delete')),
    content    TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;
CREATE INDEX record_versions_record ON record_versions (table_name, record_id, id);
CREATE TRIGGER record_versions_are_append_only_update BEFORE UPDATE ON record_versions BEGIN
    SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;
CREATE TRIGGER record_versions_are_append_only_delete BEFORE DELETE ON record_versions BEGIN
    SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;

CREATE VIEW warranty_cards_content AS SELECT id, json_object(
        'uuid', uuid,
        'registration_no', registration_no,
        'issue_date', issue_date,
        'issuing_dealer', issuing_dealer,
        'customer_name', customer_name,
        'customer_address', customer_address,
        'customer_phone', customer_phone,
        'product_category', product_category,
        'product_model', product_model,
        'serial_no', serial_no,
        'purchase_date', purchase_date,
        'purchase_area', purchase_area,
        'installation_date', installation_date,
        'invoice_no', invoice_no,
        'warranty_months', warranty_months,
        'warranty_end', warranty_end,
        'feedback_returned', feedback_returned,
        'created_at', created_at,
        'updated_at', updated_at,
        'customer_id', customer_id,
        'voided_at', voided_at,
        'void_reason', void_reason,
        'revision', revision) AS content FROM warranty_cards;
CREATE VIEW complaints_content AS SELECT id, json_object(
        'uuid', uuid,
        'complaint_no', complaint_no,
        'received_at', received_at,
        'channel', channel,
        'receiving_unit', receiving_unit,
        'receiving_unit_name', receiving_unit_name,
        'received_by', received_by,
        'warranty_registration_no', warranty_registration_no,
        'customer_name', customer_name,
        'customer_address', customer_address,
        'customer_phone', customer_phone,
        'product_model', product_model,
        'serial_no', serial_no,
        'purchase_date', purchase_date,
        'complaint_type', complaint_type,
        'description', description,
        'customer_request', customer_request,
        'urgency', urgency,
        'media_risk', media_risk,
        'created_at', created_at,
        'updated_at', updated_at,
        'customer_id', customer_id,
        'voided_at', voided_at,
        'void_reason', void_reason,
        'revision', revision) AS content FROM complaints;
CREATE VIEW investigations_content AS SELECT id, json_object(
        'uuid', uuid,
        'investigation_no', investigation_no,
        'complaint_id', complaint_id,
        'investigators', investigators,
        'arrived_at', arrived_at,
        'findings', findings,
        'documents_checked', documents_checked,
        'cause', cause,
        'quality_problem', quality_problem,
        'responsible_party', responsible_party,
        'proposed_treatment', proposed_treatment,
        'estimated_cost_fen', estimated_cost_fen,
        'customer_opinion', customer_opinion,
        'created_at', created_at,
        'updated_at', updated_at,
        'revision', revision) AS content FROM investigations;
CREATE VIEW investigation_photos_content AS SELECT id, json_object(
        'investigation_id', investigation_id,
        'file_name', file_name,
        'mime', mime,
        'bytes_sha256', aftersales_sha256(bytes),
        'added_at', added_at,
        'document', document,
        'withdrawn_at', withdrawn_at,
        'withdraw_reason', withdraw_reason) AS content FROM investigation_photos;
CREATE VIEW confirmations_content AS SELECT id, json_object(
        'uuid', uuid,
        'confirmation_no', confirmation_no,
        'complaint_id', complaint_id,
        'treatment', treatment,
        'work_done', work_done,
        'service_category', service_category,
        'labour_fen', labour_fen,
        'labour_borne_by', labour_borne_by,
        'parts_fen', parts_fen,
        'parts_borne_by', parts_borne_by,
        'travel_fen', travel_fen,
        'travel_borne_by', travel_borne_by,
        'transport_fen', transport_fen,
        'transport_borne_by', transport_borne_by,
        'remedy', remedy,
        'price_fen', price_fen,
        'sale_date', sale_date,
        'counterfeit_or_unmarked', counterfeit_or_unmarked,
        'rating_attitude', rating_attitude,
        'rating_skill', rating_skill,
        'rating_arrival_time', rating_arrival_time,
        'rating_follow_through', rating_follow_through,
        'comments', comments,
        'completed_at', completed_at,
        'created_at', created_at,
        'updated_at', updated_at,
        'revision', revision) AS content FROM confirmations;
CREATE VIEW confirmation_parts_content AS SELECT id, json_object(
        'confirmation_id', confirmation_id,
        'position', position,
        'name', name,
        'quantity', quantity,
        'unit_cost_fen', unit_cost_fen,
        'old_part_returned', old_part_returned) AS content FROM confirmation_parts;
CREATE VIEW customers_content AS SELECT id, json_object(
        'uuid', uuid,
        'name', name,
        'phone', phone,
        'address', address,
        'province', province,
        'city', city,
        'dealer', dealer,
        'created_at', created_at,
        'updated_at', updated_at,
        'revision', revision) AS content FROM customers;
CREATE VIEW maintenance_contracts_content AS SELECT id, json_object(
        'uuid', uuid,
        'contract_no', contract_no,
        'customer_id', customer_id,
        'customer_name', customer_name,
        'customer_address', customer_address,
        'customer_phone', customer_phone,
        'product_model', product_model,
        'serial_no', serial_no,
        'start_date', start_date,
        'end_date', end_date,
        'annual_fee_fen', annual_fee_fen,
        'service_unit', service_unit,
        'service_phone', service_phone,
        'terms', terms,
        'renews_id', renews_id,
        'created_at', created_at,
        'updated_at', updated_at,
        'revision', revision) AS content FROM maintenance_contracts;
CREATE VIEW case_steps_content AS SELECT id, json_object(
        'complaint_id', complaint_id,
        'step', step,
        'at', at,
        'operator', operator,
        'recorded_at', recorded_at,
        'reason', reason) AS content FROM case_steps;
CREATE VIEW return_visits_content AS SELECT id, json_object(
        'complaint_id', complaint_id,
        'visited_at', visited_at,
        'caller', caller,
        'outcome', outcome,
        'notes', notes,
        'operator', operator,
        'recorded_at', recorded_at) AS content FROM return_visits;
CREATE VIEW repairs_content AS SELECT id, json_object(
        'uuid', uuid,
        'repair_no', repair_no,
        'received_at', received_at,
        'sender', sender,
        'sender_phone', sender_phone,
        'product_model', product_model,
        'units', units,
        'notes', notes,
        'completed_at', completed_at,
        'operator', operator,
        'created_at', created_at) AS content FROM repairs;

CREATE TRIGGER warranty_cards_chain_insert AFTER INSERT ON warranty_cards BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'warranty_cards', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'warranty_cards', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM warranty_cards_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER warranty_cards_chain_update AFTER UPDATE ON warranty_cards BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'warranty_cards', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'warranty_cards', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM warranty_cards_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER warranty_cards_chain_delete BEFORE DELETE ON warranty_cards BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'warranty_cards', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'warranty_cards', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM warranty_cards_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER complaints_chain_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'complaints', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'complaints', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM complaints_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER complaints_chain_update AFTER UPDATE ON complaints BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'complaints', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'complaints', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM complaints_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER complaints_chain_delete BEFORE DELETE ON complaints BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'complaints', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'complaints', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM complaints_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER investigations_chain_insert AFTER INSERT ON investigations BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'investigations', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'investigations', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM investigations_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER investigations_chain_update AFTER UPDATE ON investigations BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'investigations', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'investigations', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM investigations_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER investigations_chain_delete BEFORE DELETE ON investigations BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'investigations', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'investigations', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM investigations_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER investigation_photos_chain_insert AFTER INSERT ON investigation_photos BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'investigation_photos', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'investigation_photos', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM investigation_photos_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER investigation_photos_chain_update AFTER UPDATE ON investigation_photos BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'investigation_photos', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'investigation_photos', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM investigation_photos_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER investigation_photos_chain_delete BEFORE DELETE ON investigation_photos BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'investigation_photos', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'investigation_photos', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM investigation_photos_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER confirmations_chain_insert AFTER INSERT ON confirmations BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'confirmations', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'confirmations', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM confirmations_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER confirmations_chain_update AFTER UPDATE ON confirmations BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'confirmations', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'confirmations', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM confirmations_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER confirmations_chain_delete BEFORE DELETE ON confirmations BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'confirmations', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'confirmations', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM confirmations_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER confirmation_parts_chain_insert AFTER INSERT ON confirmation_parts BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'confirmation_parts', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'confirmation_parts', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM confirmation_parts_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER confirmation_parts_chain_update AFTER UPDATE ON confirmation_parts BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'confirmation_parts', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'confirmation_parts', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM confirmation_parts_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER confirmation_parts_chain_delete BEFORE DELETE ON confirmation_parts BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'confirmation_parts', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'confirmation_parts', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM confirmation_parts_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER customers_chain_insert AFTER INSERT ON customers BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'customers', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'customers', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM customers_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER customers_chain_update AFTER UPDATE ON customers BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'customers', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'customers', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM customers_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER customers_chain_delete BEFORE DELETE ON customers BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'customers', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'customers', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM customers_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER maintenance_contracts_chain_insert AFTER INSERT ON maintenance_contracts BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'maintenance_contracts', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'maintenance_contracts', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM maintenance_contracts_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER maintenance_contracts_chain_update AFTER UPDATE ON maintenance_contracts BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'maintenance_contracts', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'maintenance_contracts', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM maintenance_contracts_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER maintenance_contracts_chain_delete BEFORE DELETE ON maintenance_contracts BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'maintenance_contracts', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'maintenance_contracts', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM maintenance_contracts_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER case_steps_chain_insert AFTER INSERT ON case_steps BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'case_steps', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'case_steps', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM case_steps_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER case_steps_chain_update AFTER UPDATE ON case_steps BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'case_steps', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'case_steps', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM case_steps_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER case_steps_chain_delete BEFORE DELETE ON case_steps BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'case_steps', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'case_steps', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM case_steps_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER return_visits_chain_insert AFTER INSERT ON return_visits BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'return_visits', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'return_visits', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM return_visits_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER return_visits_chain_update AFTER UPDATE ON return_visits BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'return_visits', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'return_visits', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM return_visits_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER return_visits_chain_delete BEFORE DELETE ON return_visits BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'return_visits', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'return_visits', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM return_visits_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER repairs_chain_insert AFTER INSERT ON repairs BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'repairs', new.id, 'insert', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'repairs', new.id, 'insert', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM repairs_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER repairs_chain_update AFTER UPDATE ON repairs BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'repairs', new.id, 'update', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'repairs', new.id, 'update', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM repairs_content WHERE id = new.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;
CREATE TRIGGER repairs_chain_delete BEFORE DELETE ON repairs BEGIN
    INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
    SELECT v.at, v.operator, 'repairs', old.id, 'delete', v.content,
           aftersales_chain(v.prev, v.at, v.operator, 'repairs', old.id, 'delete', v.content)
    FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at, aftersales_operator() AS operator,
                 (SELECT content FROM repairs_content WHERE id = old.id) AS content,
                 (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v;
END;

-- The company logo as bytes, not hex text in the settings (a 1 MB logo was read as 2 MB of
-- text for every form printed).
CREATE TABLE company_logo (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    bytes BLOB NOT NULL
) STRICT;
INSERT INTO company_logo (id, bytes)
SELECT 1, unhex(value) FROM settings
WHERE key = 'company_logo_hex' AND unhex(value) IS NOT NULL AND length(value) > 0;
DELETE FROM settings WHERE key = 'company_logo_hex';
