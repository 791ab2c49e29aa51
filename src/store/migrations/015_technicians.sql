-- Schema 15: the technicians who did the work, named on the service confirmation (the monthly
-- report averages the customer's ratings per technician).
--
-- `technicians` holds the names joined by the enumeration comma 、, in the order named, each
-- once; no name holds a comma or 、 (domain::confirmation::technician_names splits on them), so
-- the text splits back into exactly the names. A confirmation saved before the form asked has
-- ''. The column joins the search index and the audit trail of a confirmation here; the step in
-- Rust after this SQL makes the chain's view of a confirmation again from the table (it lists
-- every column) and writes a new version of every confirmation, whose content now has the
-- column.
ALTER TABLE confirmations ADD COLUMN technicians TEXT NOT NULL DEFAULT '';

DROP TRIGGER confirmations_search_insert;
CREATE TRIGGER confirmations_search_insert AFTER INSERT ON confirmations BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 4, new.confirmation_no || ' ' || new.work_done || ' ' || new.comments || ' ' || new.technicians);
END;
DROP TRIGGER confirmations_search_update;
CREATE TRIGGER confirmations_search_update AFTER UPDATE ON confirmations BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 8 + 4, new.confirmation_no || ' ' || new.work_done || ' ' || new.comments || ' ' || new.technicians);
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
END;

-- Made again, with the new column, by the step in Rust (store::rebuild::content_view_sql).
DROP VIEW confirmations_content;
