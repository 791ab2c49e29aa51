//! The audit trail (schema 7): who changed what and when, written by triggers, read here for
//! a record's History panel. The clerk on duty is a setting the window asks for once; who a
//! change is recorded under is passed to the store ([`Store::set_writer`]), never swapped in
//! the settings.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::sql::timestamp_column;
use super::{Result, Store, StoreError};

/// Which table a record lives in, as the audit trail names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditedTable {
    WarrantyCards,
    Complaints,
    Investigations,
    Confirmations,
    Customers,
    MaintenanceContracts,
}

impl AuditedTable {
    fn name(self) -> &'static str {
        match self {
            AuditedTable::WarrantyCards => "warranty_cards",
            AuditedTable::Complaints => "complaints",
            AuditedTable::Investigations => "investigations",
            AuditedTable::Confirmations => "confirmations",
            AuditedTable::Customers => "customers",
            AuditedTable::MaintenanceContracts => "maintenance_contracts",
        }
    }
}

/// One line of a record's history: an insert, or one field of an edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: NaiveDateTime,
    pub operator: String,
    /// `insert`, `update` or `delete`.
    pub action: String,
    /// The column changed, for an update.
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// The operator recorded with every change, and their unit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Operator {
    pub name: String,
    /// `dealer` or `hq`.
    pub unit: String,
}

/// The settings row holding each clerk's PIN hash, by name (this machine's only: never in
/// a monthly file).
const PINS_SETTING: &str = "operator_pins";

impl Store {
    /// The operator of this database, if one was given.
    pub fn operator(&self) -> Result<Option<Operator>> {
        let name = self.setting("operator")?.filter(|n| !n.trim().is_empty());
        let unit = self.setting("operator_unit")?.unwrap_or_default();
        Ok(name.map(|name| Operator { name, unit }))
    }

    /// Records the clerk on duty at this machine (asked for once) and writes this
    /// connection's changes under their name from now on.
    pub fn set_operator(&self, operator: &Operator) -> Result<()> {
        self.write(|_| {
            self.set_setting("operator", operator.name.trim())?;
            self.set_setting("operator_unit", &operator.unit)
        })?;
        self.set_writer(&operator.name);
        Ok(())
    }

    /// The PIN hash kept for the clerk named `name` (`crate::domain::pin`), if they set one.
    /// A damaged list of PINs reads as none set.
    pub fn operator_pin(&self, name: &str) -> Result<Option<String>> {
        Ok(self.operator_pins()?.remove(name.trim()))
    }

    /// Keeps `kept` (a PIN's hash) for the clerk named `name`, or forgets their PIN.
    pub fn set_operator_pin(&self, name: &str, kept: Option<&str>) -> Result<()> {
        let mut pins = self.operator_pins()?;
        match kept {
            Some(kept) => pins.insert(name.trim().to_owned(), kept.to_owned()),
            None => pins.remove(name.trim()),
        };
        let text = serde_json::to_string(&pins).map_err(|e| StoreError::BadRow(e.to_string()))?;
        self.set_setting(PINS_SETTING, &text)
    }

    fn operator_pins(&self) -> Result<std::collections::BTreeMap<String, String>> {
        Ok(self
            .setting(PINS_SETTING)?
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default())
    }

    /// The history of one record, oldest first.
    pub fn history(&self, table: AuditedTable, record_id: i64) -> Result<Vec<AuditEntry>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT at, operator, action, field, old_value, new_value FROM audit_log
             WHERE table_name = ?1 AND record_id = ?2 ORDER BY id",
        )?;
        let entries = statement
            .query_map(params![table.name(), record_id], |row| {
                Ok(AuditEntry {
                    at: timestamp_column(row, 0)?,
                    operator: row.get(1)?,
                    action: row.get(2)?,
                    field: row.get(3)?,
                    old_value: super::sql::value_text(row.get_ref(4)?),
                    new_value: super::sql::value_text(row.get_ref(5)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::complaint::tests::{at, sample_complaint};

    #[test]
    fn an_edit_is_logged_field_by_field_with_the_operator() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .set_operator(&Operator {
                name: "刘敏".into(),
                unit: "hq".into(),
            })
            .unwrap();
        let stored = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let mut edited = stored.complaint.clone();
        edited.description = "已上门检查".into();
        edited.customer_phone = "13800138000".into();
        store
            .update_complaint(stored.id, &edited, stored.revision, at(21, 9))
            .unwrap();
        let history = store.history(AuditedTable::Complaints, stored.id).unwrap();
        assert_eq!(history[0].action, "insert");
        assert_eq!(history[0].operator, "刘敏");
        let changes: Vec<_> = history
            .iter()
            .filter(|e| e.action == "update")
            .map(|e| {
                (
                    e.field.clone().unwrap(),
                    e.old_value.clone(),
                    e.new_value.clone(),
                )
            })
            .collect();
        assert!(
            changes.contains(&(
                "description".into(),
                Some(sample_complaint().description),
                Some("已上门检查".into())
            )),
            "{changes:?}"
        );
        assert!(changes.contains(&(
            "customer_phone".into(),
            Some("0791-88881234".into()),
            Some("13800138000".into())
        )));
        assert!(
            !changes.iter().any(|(f, _, _)| f == "customer_name"),
            "unchanged fields are not logged"
        );
    }

    #[test]
    fn another_program_cannot_edit_a_form_and_the_log_cannot_be_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.db");
        let mut store = Store::open(&path).unwrap();
        let stored = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        // SQL typed through this program's own connection is logged like any change.
        store.set_writer("管理员");
        store
            .write(|tx| {
                Ok(tx.execute(
                    "UPDATE complaints SET urgency = 'critical' WHERE id = ?1",
                    [stored.id],
                )?)
            })
            .unwrap();
        let logged: (i64, String) = store
            .conn
            .query_row(
                "SELECT count(*), max(operator) FROM audit_log
                 WHERE field = 'urgency' AND new_value = 'critical'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(logged, (1, "管理员".to_owned()));
        drop(store);
        // Another program (the sqlite3 shell) cannot change a form at all: the triggers need
        // the functions only this program provides.
        let raw = rusqlite::Connection::open(&path).unwrap();
        let refused = raw
            .execute(
                "UPDATE complaints SET urgency = 'low' WHERE id = ?1",
                [stored.id],
            )
            .unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("no such function: aftersales_"),
            "{refused}"
        );
        let urgency: String = raw
            .query_row(
                "SELECT urgency FROM complaints WHERE id = ?1",
                [stored.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(urgency, "critical", "the row is unchanged");
        let before: i64 = raw
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
        for sql in [
            "DELETE FROM audit_log",
            "UPDATE audit_log SET operator = 'nobody'",
            "DELETE FROM record_versions",
            "UPDATE record_versions SET content = '{}'",
        ] {
            let error = raw.execute(sql, []).unwrap_err();
            assert!(
                error
                    .to_string()
                    .contains("the audit trail cannot be changed"),
                "{sql}: {error}"
            );
        }
        let after: i64 = raw
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(before, after);
    }
}
