//! The tamper-evident trail (schema 13): who is writing, the chain of record versions, and
//! `verify`, which re-checks the chain and every record against its last version.
//!
//! The triggers of the file call three functions this module registers on every connection
//! the program opens: `aftersales_operator()` (who is writing, passed by the program rather
//! than read from a shared setting), `aftersales_sha256(blob)` and `aftersales_chain(...)`,
//! the hash of a version entry linked to the one before it. A program without them cannot
//! write to a form; one that drops the triggers to do so leaves records that no longer match
//! the chain, which `verify` names.

use std::sync::{Arc, Mutex};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::{Result, Store, StoreError};

/// The tables whose every record is chained, in the order their baseline is taken.
pub const CHAINED_TABLES: [&str; 13] = [
    "customers",
    "warranty_cards",
    "complaints",
    "investigations",
    "investigation_photos",
    "confirmations",
    "confirmation_parts",
    "maintenance_contracts",
    "case_steps",
    "return_visits",
    "repairs",
    "signed_pages",
    "signatures",
];

/// Who the connection's changes are recorded under.
#[derive(Clone, Default)]
pub(crate) struct Writer(Arc<Mutex<String>>);

impl Writer {
    pub(crate) fn set(&self, name: &str) {
        // A poisoned lock only means a panic elsewhere; the name is still ours to replace.
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = name.trim().to_owned();
    }

    pub(crate) fn name(&self) -> String {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Registers the functions the triggers call.
pub(crate) fn register_functions(conn: &Connection, writer: &Writer) -> rusqlite::Result<()> {
    let pure = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    let writer = writer.clone();
    conn.create_scalar_function(
        "aftersales_operator",
        0,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_INNOCUOUS,
        move |_| Ok(writer.name()),
    )?;
    conn.create_scalar_function("aftersales_sha256", 1, pure, |ctx| {
        Ok(match ctx.get_raw(0) {
            ValueRef::Null => None,
            ValueRef::Blob(bytes) | ValueRef::Text(bytes) => Some(hex(&Sha256::digest(bytes))),
            ValueRef::Integer(i) => Some(hex(&Sha256::digest(i.to_string()))),
            ValueRef::Real(f) => Some(hex(&Sha256::digest(f.to_string()))),
        })
    })?;
    // The pairs index's text of a record (schema 16).
    conn.create_scalar_function("aftersales_pairs", 1, pure, |ctx| {
        Ok(match ctx.get_raw(0) {
            ValueRef::Text(bytes) => Some(super::search::chinese_pairs(&String::from_utf8_lossy(
                bytes,
            ))),
            _ => None,
        })
    })?;
    conn.create_scalar_function("aftersales_chain", 7, pure, |ctx| {
        let mut fields = Vec::with_capacity(7);
        for index in 0..7 {
            // NULL and the empty text differ.
            fields.push(super::sql::value_text(ctx.get_raw(index)));
        }
        Ok(chain_hash(&fields))
    })?;
    Ok(())
}

/// The hash of a version entry: previous hash, time, operator, table, record id, action and
/// content, each field framed by its length so no two different entries hash alike.
pub fn chain_hash<S: AsRef<str>>(fields: &[Option<S>]) -> String {
    let mut hasher = Sha256::new();
    for value in fields {
        match value {
            None => hasher.update(b"N;"),
            Some(text) => {
                let text = text.as_ref();
                hasher.update(text.len().to_string().as_bytes());
                hasher.update(b":");
                hasher.update(text.as_bytes());
                hasher.update(b";");
            }
        }
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    super::sql::to_hex(bytes)
}

/// The tables chained from schema 13 to 20; schema 21 added signed pages and signatures.
const CHAINED_BY_13: &[&str] = CHAINED_TABLES.split_at(11).0;

/// Writes the first version of every record already in the file (schema 13's and 14's
/// upgrades), one by one, each chained to the one before.
pub(crate) fn baseline(conn: &Connection) -> Result<()> {
    baseline_of(conn, CHAINED_BY_13)
}

/// Writes a version of every record of `tables` as it now reads, one by one, each chained to
/// the one before: after an upgrade changes what a table's content holds (a new column).
pub(crate) fn baseline_of(conn: &Connection, tables: &[&str]) -> Result<()> {
    for table in tables {
        let ids: Vec<i64> = conn
            .prepare(&format!("SELECT id FROM {table} ORDER BY id"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut insert = conn.prepare(&format!(
            "INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
             SELECT v.at, v.operator, ?1, ?2, 'baseline', v.content,
                    aftersales_chain(v.prev, v.at, v.operator, ?1, ?2, 'baseline', v.content)
             FROM (SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') AS at,
                          aftersales_operator() AS operator,
                          (SELECT content FROM {table}_content WHERE id = ?2) AS content,
                          (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1) AS prev) AS v"
        ))?;
        for id in ids {
            insert.execute(params![table, id])?;
        }
    }
    Ok(())
}

/// Appends the first version of each row of `table` with an id above `after`, in id order,
/// each chained to the one before: what the table's `_chain_insert` trigger writes for each
/// row it sees inserted, for rows written with the triggers off ([`super::bulk`]).
pub(crate) fn chain_new_rows(conn: &Connection, table: &str, after: i64) -> Result<()> {
    let (at, operator, mut previous): (String, String, Option<String>) = conn.query_row(
        "SELECT strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), aftersales_operator(),
                (SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut rows = conn.prepare(&format!(
        "SELECT id, content FROM {table}_content WHERE id > ?1 ORDER BY id"
    ))?;
    let mut append = conn.prepare(
        "INSERT INTO record_versions (at, operator, table_name, record_id, action, content, hash)
         VALUES (?1, ?2, ?3, ?4, 'insert', ?5, ?6)",
    )?;
    let mut rows = rows.query([after])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        // Stored as read and hashed as the trigger's function reads it.
        let content = row.get_ref(1)?;
        let id_text = id.to_string();
        let content_text = super::sql::value_text(content);
        let hash = chain_hash(&[
            previous.as_deref(),
            Some(at.as_str()),
            Some(operator.as_str()),
            Some(table),
            Some(id_text.as_str()),
            Some("insert"),
            content_text.as_deref(),
        ]);
        let content = rusqlite::types::ToSqlOutput::Borrowed(content);
        append.execute(params![at, operator, table, id, content, hash])?;
        previous = Some(hash);
    }
    Ok(())
}

/// The first thing `verify` found wrong, in words a clerk or an auditor can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Break {
    /// A protective trigger is missing: someone removed it.
    MissingTrigger(String),
    /// Entry `id` of the trail does not hash to what it says: it was edited.
    AlteredEntry { id: i64 },
    /// Entries before entry `id` were removed (the chain does not link).
    BrokenLink { id: i64 },
    /// The trail is shorter than when it was last verified.
    Truncated { last_verified: i64 },
    /// A record differs from its last version: changed outside the program.
    ChangedRecord { table: String, record_id: i64 },
    /// A record exists with no version: added outside the program.
    UnrecordedRecord { table: String, record_id: i64 },
    /// A record's last version says it exists, and it does not: deleted outside the program.
    MissingRecord { table: String, record_id: i64 },
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Break::MissingTrigger(name) => {
                write!(f, "the protective trigger {name} was removed from the file")
            }
            Break::AlteredEntry { id } => write!(f, "entry {id} of the audit trail was altered"),
            Break::BrokenLink { id } => write!(
                f,
                "the audit trail does not link at entry {id}: entries before it were removed or replaced"
            ),
            Break::Truncated { last_verified } => write!(
                f,
                "the audit trail lost its entries after {last_verified}, which it had when last verified"
            ),
            Break::ChangedRecord { table, record_id } => write!(
                f,
                "{table} record {record_id} was changed outside the program (it differs from its last audited version)"
            ),
            Break::UnrecordedRecord { table, record_id } => write!(
                f,
                "{table} record {record_id} was added outside the program (it has no audited version)"
            ),
            Break::MissingRecord { table, record_id } => write!(
                f,
                "{table} record {record_id} was deleted outside the program (its last audited version says it exists)"
            ),
        }
    }
}

/// What `verify` found: the entries checked and the first break, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    pub entries: u64,
    pub records: u64,
    pub first_break: Option<Break>,
}

/// Settings key of the last passed verification: "time;entry id;hash".
const VERIFIED_KEY: &str = "trail_verified";

impl Store {
    /// Re-checks the whole trail: the protective triggers are in place, every entry hashes to
    /// what it says and links to the one before, and every record matches its last version.
    pub fn verify(&self) -> Result<Verification> {
        let mut verification = Verification {
            entries: 0,
            records: 0,
            first_break: None,
        };
        if let Some(name) = self.missing_trigger()? {
            verification.first_break = Some(Break::MissingTrigger(name));
            return Ok(verification);
        }
        // The chain, entry by entry.
        let mut statement = self.conn.prepare(
            "SELECT id, at, operator, table_name, record_id, action, content, hash
             FROM record_versions ORDER BY id",
        )?;
        let mut rows = statement.query([])?;
        let mut previous: Option<(i64, String)> = None;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let stored: String = row.get(7)?;
            verification.entries += 1;
            // Entries are numbered one after the other from 1 and nothing is ever removed, so
            // a gap means entries were taken out; otherwise a hash that does not match means
            // this entry was edited.
            let expected_id = previous
                .as_ref()
                .map_or(1, |(previous_id, _)| previous_id + 1);
            if id != expected_id {
                verification.first_break = Some(Break::BrokenLink { id });
                return Ok(verification);
            }
            let fields: Vec<Option<String>> = std::iter::once(previous.map(|(_, hash)| hash))
                .chain((1..7).map(|i| row.get_ref(i).map(super::sql::value_text).unwrap_or(None)))
                .collect();
            if chain_hash(&fields) != stored {
                verification.first_break = Some(Break::AlteredEntry { id });
                return Ok(verification);
            }
            previous = Some((id, stored));
        }
        drop(rows);
        if let Some((id, hash)) = self.last_verified_head()? {
            let still: Option<String> = self
                .conn
                .query_row(
                    "SELECT hash FROM record_versions WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .ok();
            if still.as_deref() != Some(hash.as_str()) {
                verification.first_break = Some(Break::Truncated { last_verified: id });
                return Ok(verification);
            }
        }
        // Every record against its last version, table by table.
        for table in CHAINED_TABLES {
            let mut statement = self.conn.prepare(&format!(
                "SELECT coalesce(c.id, v.record_id), c.content, v.action, v.content
                 FROM (SELECT id, content FROM {table}_content) AS c
                 FULL OUTER JOIN (
                     SELECT record_id, action, content FROM record_versions
                     WHERE id IN (SELECT max(id) FROM record_versions WHERE table_name = ?1
                                  GROUP BY record_id)
                 ) AS v ON v.record_id = c.id
                 ORDER BY 1"
            ))?;
            let mut rows = statement.query([table])?;
            while let Some(row) = rows.next()? {
                let record_id: i64 = row.get(0)?;
                let live: Option<String> = row.get(1)?;
                let action: Option<String> = row.get(2)?;
                let recorded: Option<String> = row.get(3)?;
                let table = table.to_owned();
                let found = match (live, action.as_deref()) {
                    (Some(_), None) | (Some(_), Some("delete")) => {
                        Some(Break::UnrecordedRecord { table, record_id })
                    }
                    (None, Some(action)) if action != "delete" => {
                        Some(Break::MissingRecord { table, record_id })
                    }
                    (Some(live), Some(_)) if Some(&live) != recorded.as_ref() => {
                        Some(Break::ChangedRecord { table, record_id })
                    }
                    (Some(_), _) => {
                        verification.records += 1;
                        None
                    }
                    (None, _) => None,
                };
                if found.is_some() {
                    verification.first_break = found;
                    return Ok(verification);
                }
            }
        }
        Ok(verification)
    }

    /// The first protective trigger missing from the file, if one is.
    fn missing_trigger(&self) -> Result<Option<String>> {
        let present: std::collections::HashSet<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut required: Vec<String> = [
            "complaints_are_permanent",
            "investigations_are_permanent",
            "confirmations_are_permanent",
            "case_steps_are_permanent",
            "case_steps_are_not_rewritten",
            "return_visits_are_permanent",
            "return_visits_are_not_rewritten",
            "repairs_are_permanent",
            "audit_log_is_append_only_update",
            "audit_log_is_append_only_delete",
            "record_versions_are_append_only_update",
            "record_versions_are_append_only_delete",
            "warranty_cards_void_is_final",
            "complaints_void_is_final",
            "investigation_photos_are_kept",
            "investigation_photos_are_unaltered",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for table in CHAINED_TABLES {
            for action in ["insert", "update", "delete"] {
                required.push(format!("{table}_chain_{action}"));
            }
        }
        Ok(required.into_iter().find(|name| !present.contains(name)))
    }

    /// Checks that record `record_id` of `table` reads back exactly as its last audited
    /// version, before it is printed: a record damaged on disk, or changed outside the
    /// program, is refused rather than put on paper as evidence.
    pub fn check_against_trail(&self, table: &str, record_id: i64) -> Result<()> {
        let table = CHAINED_TABLES
            .into_iter()
            .find(|t| *t == table)
            .ok_or_else(|| StoreError::NotFound(format!("{table} #{record_id}")))?;
        let live: Option<String> = self
            .conn
            .query_row(
                &format!("SELECT content FROM {table}_content WHERE id = ?1"),
                [record_id],
                |r| r.get(0),
            )
            .optional()?;
        let recorded: Option<String> = self
            .conn
            .query_row(
                "SELECT content FROM record_versions WHERE table_name = ?1 AND record_id = ?2
                 ORDER BY id DESC LIMIT 1",
                params![table, record_id],
                |r| r.get(0),
            )
            .optional()?;
        match (live, recorded) {
            (Some(live), Some(recorded)) if live == recorded => Ok(()),
            (None, _) => Err(StoreError::NotFound(format!("{table} #{record_id}"))),
            (Some(_), _) => Err(Break::ChangedRecord {
                table: table.to_owned(),
                record_id,
            }
            .into()),
        }
    }

    /// [`Store::check_against_trail`] for a whole case: the complaint, its report with its
    /// photos, its confirmation with its parts lines.
    pub fn check_case_against_trail(&self, complaint_id: i64) -> Result<()> {
        self.check_against_trail("complaints", complaint_id)?;
        let parts: Vec<(String, i64)> = self
            .conn
            .prepare(
                "SELECT 'investigations', id FROM investigations WHERE complaint_id = ?1
                 UNION ALL
                 SELECT 'investigation_photos', p.id FROM investigation_photos p
                   JOIN investigations i ON i.id = p.investigation_id WHERE i.complaint_id = ?1
                 UNION ALL
                 SELECT 'confirmations', id FROM confirmations WHERE complaint_id = ?1
                 UNION ALL
                 SELECT 'confirmation_parts', p.id FROM confirmation_parts p
                   JOIN confirmations c ON c.id = p.confirmation_id WHERE c.complaint_id = ?1",
            )?
            .query_map([complaint_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (table, id) in parts {
            self.check_against_trail(&table, id)?;
        }
        Ok(())
    }

    /// The trail's head when it last passed `verify`: entry id and hash.
    fn last_verified_head(&self) -> Result<Option<(i64, String)>> {
        Ok(self.setting(VERIFIED_KEY)?.and_then(|value| {
            let mut parts = value.splitn(3, ';');
            let _at = parts.next()?;
            let id = parts.next()?.parse().ok()?;
            let hash = parts.next()?.to_owned();
            Some((id, hash))
        }))
    }

    /// When the trail last passed `verify`, if it ever did.
    pub fn last_verified_at(&self) -> Result<Option<String>> {
        Ok(self
            .setting(VERIFIED_KEY)?
            .and_then(|v| v.split(';').next().map(str::to_owned)))
    }

    /// Notes that the trail passed `verify` at `at`, with its head, so a later shortening of
    /// the trail is seen too.
    pub fn note_verified(&self, at: chrono::NaiveDateTime) -> Result<()> {
        let head: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT id, hash FROM record_versions ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok();
        let (id, hash) = head.unwrap_or((0, String::new()));
        let value = format!("{};{id};{hash}", at.format(super::sql::TIMESTAMP));
        self.set_setting(VERIFIED_KEY, &value)
    }

    /// The hash of the newest entry of the trail (the monthly file will carry it).
    pub fn trail_head(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT hash FROM record_versions ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .ok())
    }
}

impl From<Break> for StoreError {
    fn from(found: Break) -> Self {
        StoreError::Tampered(found.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::complaint::tests::{at, sample_complaint};

    /// A file with demo cases, its trail verified once, and a raw connection to tamper with
    /// (the sqlite3 shell, as a tamperer would use it).
    fn tampered_file() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trail.db");
        let mut store = Store::open(&path).unwrap();
        crate::demo::fill(&mut store, 40, 3, at(23, 9)).unwrap();
        assert_eq!(store.verify().unwrap().first_break, None);
        store.note_verified(at(23, 10)).unwrap();
        (dir, path)
    }

    /// Runs `sql` with every trigger of the file dropped, then puts them back: the file looks
    /// untouched to anyone who only counts its triggers.
    fn behind_the_triggers(path: &std::path::Path, sql: &str) {
        let raw = Connection::open(path).unwrap();
        let triggers: Vec<(String, String)> = raw
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        raw.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
        for (name, _) in &triggers {
            raw.execute_batch(&format!("DROP TRIGGER {name}")).unwrap();
        }
        raw.execute_batch(sql).unwrap();
        for (_, create) in &triggers {
            raw.execute_batch(create).unwrap();
        }
    }

    fn first_break(path: &std::path::Path) -> Option<Break> {
        Store::open(path).unwrap().verify().unwrap().first_break
    }

    #[test]
    fn an_untouched_trail_verifies_with_every_record_checked() {
        let (_dir, path) = tampered_file();
        let store = Store::open(&path).unwrap();
        let verification = store.verify().unwrap();
        assert_eq!(verification.first_break, None);
        let cards: u64 = store.card_count().unwrap();
        assert!(verification.records > cards, "{verification:?}");
        assert!(verification.entries >= verification.records);
    }

    #[test]
    fn a_removed_protective_trigger_is_named() {
        let (_dir, path) = tampered_file();
        Connection::open(&path)
            .unwrap()
            .execute_batch("DROP TRIGGER complaints_are_permanent")
            .unwrap();
        assert_eq!(
            first_break(&path),
            Some(Break::MissingTrigger("complaints_are_permanent".into()))
        );
    }

    #[test]
    fn a_record_changed_behind_the_triggers_is_named() {
        let (_dir, path) = tampered_file();
        behind_the_triggers(
            &path,
            "UPDATE complaints SET description = '客户已满意' WHERE id = 2",
        );
        assert_eq!(
            first_break(&path),
            Some(Break::ChangedRecord {
                table: "complaints".into(),
                record_id: 2
            })
        );
    }

    #[test]
    fn a_record_deleted_behind_the_triggers_is_named() {
        let (_dir, path) = tampered_file();
        behind_the_triggers(&path, "DELETE FROM complaints WHERE id = 1");
        assert_eq!(
            first_break(&path),
            Some(Break::MissingRecord {
                table: "complaints".into(),
                record_id: 1
            })
        );
    }

    #[test]
    fn a_record_added_behind_the_triggers_is_named() {
        let (_dir, path) = tampered_file();
        behind_the_triggers(
            &path,
            "INSERT INTO customers (uuid, name, phone, address, province, city, dealer, created_at, updated_at)
             VALUES ('x', '假客户', '13800000000', '', '', '', '', '2026-11-23 09:00:00', '2026-11-23 09:00:00')",
        );
        let found = first_break(&path);
        assert!(
            matches!(&found, Some(Break::UnrecordedRecord { table, .. }) if table == "customers"),
            "{found:?}"
        );
    }

    #[test]
    fn an_edited_trail_entry_is_named() {
        let (_dir, path) = tampered_file();
        behind_the_triggers(
            &path,
            "UPDATE record_versions SET operator = '别人' WHERE id = 5",
        );
        assert_eq!(first_break(&path), Some(Break::AlteredEntry { id: 5 }));
    }

    #[test]
    fn a_trail_entry_removed_from_the_middle_breaks_the_link() {
        let (_dir, path) = tampered_file();
        behind_the_triggers(&path, "DELETE FROM record_versions WHERE id = 7");
        assert_eq!(first_break(&path), Some(Break::BrokenLink { id: 8 }));
    }

    #[test]
    fn a_trail_cut_short_after_it_was_verified_is_named() {
        let (_dir, path) = tampered_file();
        let last: i64 = Connection::open(&path)
            .unwrap()
            .query_row("SELECT max(id) FROM record_versions", [], |r| r.get(0))
            .unwrap();
        // The newest entries go, with a record whose last entry they were: the rest of the
        // chain still links, and every remaining record matches its last remaining entry.
        behind_the_triggers(
            &path,
            &format!(
                "DELETE FROM repairs WHERE id IN (SELECT record_id FROM record_versions WHERE id = {last} AND table_name = 'repairs');
                 DELETE FROM maintenance_contracts WHERE id IN (SELECT record_id FROM record_versions WHERE id = {last} AND table_name = 'maintenance_contracts');
                 DELETE FROM record_versions WHERE id = {last};"
            ),
        );
        assert_eq!(
            first_break(&path),
            Some(Break::Truncated {
                last_verified: last
            })
        );
    }

    #[test]
    fn changes_made_by_the_program_keep_the_trail_whole() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_writer("刘敏");
        let stored = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let mut edited = stored.complaint.clone();
        edited.description = "已上门".into();
        store
            .update_complaint(stored.id, &edited, stored.revision, at(21, 9))
            .unwrap();
        store
            .void(
                crate::store::audit::AuditedTable::Complaints,
                stored.id,
                "重复登记",
                at(21, 10),
            )
            .unwrap();
        let verification = store.verify().unwrap();
        assert_eq!(verification.first_break, None, "{verification:?}");
        let versions: Vec<(String, String, String)> = store
            .conn
            .prepare(
                "SELECT action, operator, content FROM record_versions
                 WHERE table_name = 'complaints' AND record_id = ?1 ORDER BY id",
            )
            .unwrap()
            .query_map([stored.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let actions: Vec<&str> = versions.iter().map(|v| v.0.as_str()).collect();
        assert_eq!(actions, ["insert", "update", "update"]);
        assert!(versions.iter().all(|v| v.1 == "刘敏"));
        assert!(versions[1].2.contains("已上门"), "{}", versions[1].2);
        assert!(versions[2].2.contains("重复登记"), "{}", versions[2].2);
    }

    #[test]
    fn a_deleted_card_keeps_its_content_in_the_trail() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::fill_cards(&mut store, 3, 1, at(23, 9)).unwrap();
        let card = store.card_by_id(1).unwrap();
        let expired = [crate::store::retention::Expired::Card {
            id: 1,
            registration_no: card.registration_no.clone(),
            warranty_end: String::new(),
        }];
        store.purge(&expired).unwrap();
        let content: String = store
            .conn
            .query_row(
                "SELECT content FROM record_versions
                 WHERE table_name = 'warranty_cards' AND record_id = 1 AND action = 'delete'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(content.contains(&card.card.customer_name), "{content}");
        assert!(content.contains(&card.registration_no), "{content}");
        assert_eq!(store.verify().unwrap().first_break, None);
    }

    #[test]
    fn every_column_of_every_chained_table_is_in_its_content() {
        let store = Store::open_in_memory().unwrap();
        for table in CHAINED_TABLES {
            let columns: Vec<String> = store
                .conn
                .prepare(&format!("PRAGMA table_info({table})"))
                .unwrap()
                .query_map([], |r| r.get::<_, String>(1))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let view: String = store
                .conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'view' AND name = ?1",
                    [format!("{table}_content")],
                    |r| r.get(0),
                )
                .unwrap();
            for column in columns.iter().filter(|c| *c != "id") {
                assert!(
                    view.contains(&format!("'{column}'"))
                        || view.contains(&format!("'{column}_sha256'")),
                    "{table}.{column} is not in the trail: a migration that adds a column must recreate {table}_content"
                );
            }
        }
    }

    #[test]
    fn the_chain_hash_tells_null_from_empty_and_frames_each_field() {
        let a = chain_hash(&[None, Some("x")]);
        let b = chain_hash(&[Some(""), Some("x")]);
        assert_ne!(a, b);
        let c = chain_hash(&[Some("ab"), Some("c")]);
        let d = chain_hash(&[Some("a"), Some("bc")]);
        assert_ne!(c, d);
        // SHA-256 of "N;1:x;", as written by files already in use.
        assert_eq!(
            a,
            "31356a7b62122f468f9edd9ae2ef7ab14072368cc5d64db64a8ae262eac24d01"
        );
    }
}
