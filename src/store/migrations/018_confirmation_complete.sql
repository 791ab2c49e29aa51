-- Schema 18: the service confirmation complete, as the seeds name it (issue 15).
--
-- - `contact_person`: the customer's contact at the site, when not the customer themself;
-- - `cause_found`: the cause of the failure as the technician found it while doing the work
--   (the investigation's cause is what was thought before);
-- - `packaging_fen`, `packaging_borne_by`: packaging, the fifth cost, borne like the others;
-- - on each part line, `faulty_serial` (the part taken out) and `replacement_serial` (the part
--   put in): a warranty claim to the part's supplier names both.
--
-- Records written before have '' and 0 (borne by the company, as the other costs default). The
-- two texts join the search index, every new column the audit trail; the step in Rust after
-- this SQL makes the chain's views of a confirmation and of a part line again from their tables
-- and writes a new version of each, whose content now has the columns.
ALTER TABLE confirmations ADD COLUMN contact_person TEXT NOT NULL DEFAULT '';
ALTER TABLE confirmations ADD COLUMN cause_found TEXT NOT NULL DEFAULT '';
ALTER TABLE confirmations ADD COLUMN packaging_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE confirmations ADD COLUMN packaging_borne_by TEXT NOT NULL DEFAULT 'company';
ALTER TABLE confirmation_parts ADD COLUMN faulty_serial TEXT NOT NULL DEFAULT '';
ALTER TABLE confirmation_parts ADD COLUMN replacement_serial TEXT NOT NULL DEFAULT '';

-- A record indexed before has the same words: its two new texts are empty.
DROP TRIGGER confirmations_search_insert;
CREATE TRIGGER confirmations_search_insert AFTER INSERT ON confirmations BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 4, new.confirmation_no || ' ' || new.work_done || ' ' || new.comments || ' ' || new.technicians || ' ' || new.contact_person || ' ' || new.cause_found);
END;
DROP TRIGGER confirmations_search_update;
CREATE TRIGGER confirmations_search_update AFTER UPDATE ON confirmations BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 4, new.confirmation_no || ' ' || new.work_done || ' ' || new.comments || ' ' || new.technicians || ' ' || new.contact_person || ' ' || new.cause_found);
END;
DROP TRIGGER confirmations_pairs_insert;
CREATE TRIGGER confirmations_pairs_insert AFTER INSERT ON confirmations BEGIN
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 4, aftersales_pairs(new.confirmation_no || ' ' || new.work_done || ' ' || new.comments || ' ' || new.technicians || ' ' || new.contact_person || ' ' || new.cause_found));
END;
DROP TRIGGER confirmations_pairs_update;
CREATE TRIGGER confirmations_pairs_update AFTER UPDATE ON confirmations BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 4, aftersales_pairs(old.confirmation_no || ' ' || old.work_done || ' ' || old.comments || ' ' || old.technicians || ' ' || old.contact_person || ' ' || old.cause_found));
    INSERT INTO search_pairs (rowid, body) VALUES (new.id * 8 + 4, aftersales_pairs(new.confirmation_no || ' ' || new.work_done || ' ' || new.comments || ' ' || new.technicians || ' ' || new.contact_person || ' ' || new.cause_found));
END;
DROP TRIGGER confirmations_pairs_delete;
CREATE TRIGGER confirmations_pairs_delete AFTER DELETE ON confirmations BEGIN
    INSERT INTO search_pairs (search_pairs, rowid, body) VALUES ('delete', old.id * 8 + 4, aftersales_pairs(old.confirmation_no || ' ' || old.work_done || ' ' || old.comments || ' ' || old.technicians || ' ' || old.contact_person || ' ' || old.cause_found));
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
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'technicians', old.technicians, new.technicians WHERE old.technicians IS NOT new.technicians;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'contact_person', old.contact_person, new.contact_person WHERE old.contact_person IS NOT new.contact_person;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'cause_found', old.cause_found, new.cause_found WHERE old.cause_found IS NOT new.cause_found;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'packaging_fen', old.packaging_fen, new.packaging_fen WHERE old.packaging_fen IS NOT new.packaging_fen;
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.id, 'update', 'packaging_borne_by', old.packaging_borne_by, new.packaging_borne_by WHERE old.packaging_borne_by IS NOT new.packaging_borne_by;
END;

DROP TRIGGER confirmation_parts_audit_insert;
CREATE TRIGGER confirmation_parts_audit_insert AFTER INSERT ON confirmation_parts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.confirmation_id, 'update', 'part', NULL, json_object('id', new.id, 'position', new.position, 'name', new.name, 'quantity', new.quantity, 'unit_cost_fen', new.unit_cost_fen, 'old_part_returned', new.old_part_returned, 'faulty_serial', new.faulty_serial, 'replacement_serial', new.replacement_serial));
END;
DROP TRIGGER confirmation_parts_audit_update;
CREATE TRIGGER confirmation_parts_audit_update AFTER UPDATE ON confirmation_parts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', new.confirmation_id, 'update', 'part', json_object('id', old.id, 'position', old.position, 'name', old.name, 'quantity', old.quantity, 'unit_cost_fen', old.unit_cost_fen, 'old_part_returned', old.old_part_returned, 'faulty_serial', old.faulty_serial, 'replacement_serial', old.replacement_serial), json_object('id', new.id, 'position', new.position, 'name', new.name, 'quantity', new.quantity, 'unit_cost_fen', new.unit_cost_fen, 'old_part_returned', new.old_part_returned, 'faulty_serial', new.faulty_serial, 'replacement_serial', new.replacement_serial));
END;
DROP TRIGGER confirmation_parts_audit_delete;
CREATE TRIGGER confirmation_parts_audit_delete AFTER DELETE ON confirmation_parts BEGIN
    INSERT INTO audit_log (at, operator, table_name, record_id, action, field, old_value, new_value)
    VALUES (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(), 'confirmations', old.confirmation_id, 'update', 'part', json_object('id', old.id, 'position', old.position, 'name', old.name, 'quantity', old.quantity, 'unit_cost_fen', old.unit_cost_fen, 'old_part_returned', old.old_part_returned, 'faulty_serial', old.faulty_serial, 'replacement_serial', old.replacement_serial), NULL);
END;

-- Made again, with the new columns, by the step in Rust (store::rebuild::content_view_sql).
DROP VIEW confirmations_content;
DROP VIEW confirmation_parts_content;
