//! Many new rows of one table written with one statement, and what the table's insert
//! triggers would have done for each row done once for all of them.
//!
//! A row's insert triggers index it for search, write its audit-trail entry, chain its first
//! version and refuse it under a voided case. Run per row they cost several times the row
//! itself (each a small program, the chain's reading the trail it appends to), which is what
//! makes a 100,000-record monthly file slow to import. [`insert`] runs the caller's
//! `INSERT … SELECT` with the connection's triggers off, then does each insert trigger's work
//! as one statement over the new rows, read from the triggers themselves in the file:
//!
//! - `INSERT INTO x (…) VALUES (…new.c…)` becomes `INSERT INTO x (…) SELECT …new.c… FROM
//!   table AS new WHERE new.id > (the highest id before) ORDER BY new.id`;
//! - a `BEFORE INSERT … WHEN condition … RAISE(ABORT, 'message')` guard becomes a query for any
//!   new row meeting the condition, refused with the same error the trigger raises;
//! - the chain (`<table>_chain_insert`) is appended row by row in Rust, each version linked to
//!   the one before exactly as the trigger links it ([`super::trail::chain_new_rows`]).
//!
//! A trigger of any other shape makes [`insert`] refuse before writing, so a trigger added
//! later is never silently skipped; a test writes every chained table both ways and compares
//! the search index, the audit trail and the chain.

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OptionalExtension};

use super::{Result, StoreError, trail};

/// What one insert trigger does, as work over all the new rows.
enum Work {
    /// A statement over the new rows; `?1` is the highest id before the insert.
    Statement(String),
    /// A query for a new row the guard refuses, and the message it refuses it with.
    Guard(String, String),
    /// The first version of each new row, chained.
    Chain,
}

/// Runs `insert_sql` (an `INSERT INTO table … SELECT …` whose rows all get ids above the
/// table's highest, as rows given no id do) with the triggers
/// off, then each insert trigger's work over the rows it added, all inside one savepoint: on
/// any error nothing of it stays. Returns the number of rows added.
pub(crate) fn insert(
    conn: &Connection,
    table: &str,
    insert_sql: &str,
    params: impl rusqlite::Params,
) -> Result<usize> {
    let work = trigger_work(conn, table)?;
    conn.execute_batch("SAVEPOINT bulk_insert")?;
    let written = insert_then_work(conn, table, insert_sql, params, &work);
    match written {
        Ok(_) => conn.execute_batch("RELEASE bulk_insert")?,
        Err(_) => conn.execute_batch("ROLLBACK TO bulk_insert; RELEASE bulk_insert")?,
    }
    written
}

fn insert_then_work(
    conn: &Connection,
    table: &str,
    insert_sql: &str,
    params: impl rusqlite::Params,
    work: &[Work],
) -> Result<usize> {
    let before: i64 = conn.query_row(
        &format!("SELECT coalesce(max(id), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )?;
    let added = {
        let _off = TriggersOff::new(conn)?;
        conn.prepare(insert_sql)?.execute(params)?
    };
    let new_rows: i64 = conn.query_row(
        &format!("SELECT count(*) FROM {table} WHERE id > ?1"),
        [before],
        |r| r.get(0),
    )?;
    if usize::try_from(new_rows).ok() != Some(added) {
        return Err(StoreError::BadRow(format!(
            "{table}: {added} rows written, {new_rows} found after the last id"
        )));
    }
    // Guards first, as BEFORE triggers come first.
    for item in work {
        if let Work::Guard(query, message) = item
            && conn
                .query_row(query, [before], |_| Ok(()))
                .optional()?
                .is_some()
        {
            // The error the trigger raises, so callers see no difference.
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER),
                Some(message.clone()),
            )
            .into());
        }
    }
    for item in work {
        match item {
            Work::Statement(sql) => {
                conn.execute(sql, [before])?;
            }
            Work::Chain => trail::chain_new_rows(conn, table, before)?,
            Work::Guard(..) => {}
        }
    }
    Ok(added)
}

/// The connection's triggers, off until dropped. Statements prepared meanwhile are compiled
/// without them; SQLite recompiles every other statement when the setting changes.
struct TriggersOff<'c>(&'c Connection);

impl<'c> TriggersOff<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
        Ok(TriggersOff(conn))
    }
}

impl Drop for TriggersOff<'_> {
    fn drop(&mut self) {
        // Turning a flag back on cannot fail on an open connection; if it ever did, the
        // connection must not go on writing without its triggers.
        if self
            .0
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true)
            .is_err()
        {
            panic!("the database connection could not turn its triggers back on");
        }
    }
}

/// Each insert trigger of `table`, as work over many rows; refuses a trigger it cannot read.
fn trigger_work(conn: &Connection, table: &str) -> Result<Vec<Work>> {
    let mut statement = conn.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1 ORDER BY name",
    )?;
    let triggers = statement
        .query_map([table], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut work = Vec::new();
    for (name, sql) in triggers {
        let Some(shape) = Trigger::read(&sql, table) else {
            return Err(unreadable(&name));
        };
        if shape.event != "INSERT" {
            continue;
        }
        if name == format!("{table}_chain_insert") {
            work.push(Work::Chain);
            continue;
        }
        let condition = shape
            .when
            .map(|w| format!(" AND ({w})"))
            .unwrap_or_default();
        let rows = format!("FROM {table} AS new WHERE new.id > ?1{condition}");
        for body in shape.body {
            if let Some(message) = raised(body) {
                work.push(Work::Guard(
                    format!("SELECT 1 {rows} LIMIT 1"),
                    message.to_owned(),
                ));
            } else if let Some((into, values)) = inserted(body) {
                work.push(Work::Statement(format!(
                    "{into} SELECT {values} {rows} ORDER BY new.id"
                )));
            } else {
                return Err(unreadable(&name));
            }
        }
    }
    Ok(work)
}

fn unreadable(name: &str) -> StoreError {
    StoreError::BadRow(format!(
        "the trigger {name} is not of a shape that can be run over many rows at once"
    ))
}

/// A trigger's text, taken apart: `CREATE TRIGGER name BEFORE|AFTER event ON table [WHEN
/// condition] BEGIN statement; … END`.
struct Trigger<'s> {
    event: &'s str,
    when: Option<&'s str>,
    body: Vec<&'s str>,
}

impl<'s> Trigger<'s> {
    fn read(sql: &'s str, table: &str) -> Option<Self> {
        let begin = word_at(sql, "BEGIN")?;
        let head = &sql[..begin];
        let mut words = head.split_whitespace();
        let (create, trigger, _name, time, event) = (
            words.next()?,
            words.next()?,
            words.next()?,
            words.next()?,
            words.next()?,
        );
        if (create, trigger) != ("CREATE", "TRIGGER") || !matches!(time, "BEFORE" | "AFTER") {
            return None;
        }
        if event != "INSERT" {
            // Not run by an insert: nothing more is read of it.
            return Some(Trigger {
                event,
                when: None,
                body: Vec::new(),
            });
        }
        let (on, target) = (words.next()?, words.next()?);
        if (on, target) != ("ON", table) {
            return None;
        }
        let rest = head[word_at(head, target)? + target.len()..].trim();
        let when = match rest {
            "" => None,
            _ => Some(rest.strip_prefix("WHEN")?.trim()),
        };
        let body = sql[begin + "BEGIN".len()..]
            .trim()
            .strip_suffix("END")?
            .trim()
            .strip_suffix(';')?
            .split(";\n")
            .map(str::trim)
            .collect();
        Some(Trigger { event, when, body })
    }
}

/// Where `word` first stands alone in `text` (whitespace or the ends either side).
fn word_at(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
    })
}

/// `SELECT RAISE(ABORT, 'message')`: the message.
fn raised(statement: &str) -> Option<&str> {
    statement
        .strip_prefix("SELECT RAISE(ABORT, '")?
        .strip_suffix("')")
        .filter(|m| !m.contains('\''))
}

/// `INSERT INTO x (…) VALUES (…)`: the `INSERT INTO x (…)` and the values.
fn inserted(statement: &str) -> Option<(&str, &str)> {
    if !statement.starts_with("INSERT INTO ") {
        return None;
    }
    let values_at = statement.find("VALUES (")?;
    let values = statement[values_at + "VALUES (".len()..].strip_suffix(')')?;
    Some((statement[..values_at].trim(), values))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::trail::CHAINED_TABLES;

    fn demo_store(dir: &std::path::Path) -> Store {
        let mut store = Store::open(&dir.join("source.db")).unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 10, 20)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        crate::demo::fill(&mut store, 300, 7, at).unwrap();
        store
    }

    /// What the triggers leave behind, without the times and hashes a second apart would
    /// change.
    /// The search index's entries, the audit trail's and the chain's.
    type Trace = (Vec<(i64, String)>, Vec<Vec<String>>, Vec<Vec<String>>);

    fn trace(store: &Store) -> Trace {
        let conn = &store.conn;
        let search = conn
            .prepare("SELECT rowid, body FROM search_index ORDER BY rowid")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let rows = |sql: &str| -> Vec<Vec<String>> {
            let mut statement = conn.prepare(sql).unwrap();
            let width = statement.column_count();
            let mut rows: Vec<Vec<String>> = statement
                .query_map([], |r| {
                    (0..width)
                        .map(|i| {
                            Ok(crate::store::sql::value_text(r.get_ref(i)?).unwrap_or_default())
                        })
                        .collect()
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            rows.sort();
            rows
        };
        let audit = rows(
            "SELECT operator, table_name, record_id, action, field, old_value, new_value FROM audit_log",
        );
        let chain = rows(
            "SELECT id, operator, table_name, record_id, action, content FROM record_versions",
        );
        (search, audit, chain)
    }

    /// Copies every chained table of the demo database into a new one, each table with one
    /// statement: through [`insert`] or through the triggers.
    fn copy(source: &std::path::Path, target: &std::path::Path, bulk: bool) -> Store {
        let store = Store::open(target).unwrap();
        store
            .write(|conn| {
                conn.execute("ATTACH ?1 AS source", [source.to_str().unwrap()])?;
                for table in CHAINED_TABLES {
                    let columns: Vec<String> = conn
                        .prepare(&format!("SELECT name FROM pragma_table_info('{table}') "))?
                        .query_map([], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    let columns = columns.join(", ");
                    let sql = format!(
                        "INSERT INTO {table} ({columns}) SELECT {columns} FROM source.{table} ORDER BY id"
                    );
                    if bulk {
                        insert(conn, table, &sql, [])?;
                    } else {
                        conn.execute(&sql, [])?;
                    }
                }
                Ok(())
            })
            .unwrap();
        store.conn.execute("DETACH source", []).unwrap();
        store
    }

    #[test]
    fn bulk_insert_leaves_what_the_insert_triggers_leave() {
        let dir = tempfile::tempdir().unwrap();
        let source = demo_store(dir.path());
        let counts: Vec<i64> = CHAINED_TABLES
            .iter()
            .map(|t| {
                source
                    .conn
                    .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                    .unwrap()
            })
            .collect();
        assert!(
            counts.iter().all(|n| *n > 0),
            "every table has rows: {counts:?}"
        );
        drop(source);
        let by_triggers = copy(
            &dir.path().join("source.db"),
            &dir.path().join("a.db"),
            false,
        );
        let in_bulk = copy(
            &dir.path().join("source.db"),
            &dir.path().join("b.db"),
            true,
        );
        let (search_a, audit_a, chain_a) = trace(&by_triggers);
        let (search_b, audit_b, chain_b) = trace(&in_bulk);
        assert!(!search_a.is_empty() && !audit_a.is_empty() && !chain_a.is_empty());
        assert_eq!(search_a, search_b, "the search index");
        assert_eq!(audit_a, audit_b, "the audit trail");
        assert_eq!(chain_a, chain_b, "the chain of versions");
        assert_eq!(
            in_bulk.verify().unwrap().first_break,
            None,
            "the bulk copy verifies"
        );
        assert_eq!(by_triggers.verify().unwrap().first_break, None);
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn bulk_insert_refuses_a_step_under_a_voided_case_as_the_trigger_does_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(dir.path());
        let case: i64 = count(&store, "SELECT min(id) FROM complaints");
        let at = chrono::NaiveDate::from_ymd_opt(2026, 10, 21)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        store
            .void(
                crate::store::audit::AuditedTable::Complaints,
                case,
                "entered twice",
                at,
            )
            .unwrap();
        let before = [
            count(&store, "SELECT count(*) FROM case_steps"),
            count(&store, "SELECT count(*) FROM record_versions"),
            count(&store, "SELECT count(*) FROM audit_log"),
            count(&store, "SELECT count(*) FROM search_index"),
        ];
        let sql = format!(
            "INSERT INTO case_steps (complaint_id, step, at, operator, recorded_at, reason, uuid)
             SELECT {case}, 'responded', '2026-10-21 10:00', 'x', '2026-10-21 10:00', '', 'bulk-step-1'"
        );
        let by_trigger = store.write(|conn| conn.execute(&sql, []).map_err(Into::into));
        let in_bulk = store.write(|conn| insert(conn, "case_steps", &sql, []));
        assert!(
            matches!(by_trigger, Err(StoreError::Voided)),
            "{by_trigger:?}"
        );
        assert!(matches!(in_bulk, Err(StoreError::Voided)), "{in_bulk:?}");
        let after = [
            count(&store, "SELECT count(*) FROM case_steps"),
            count(&store, "SELECT count(*) FROM record_versions"),
            count(&store, "SELECT count(*) FROM audit_log"),
            count(&store, "SELECT count(*) FROM search_index"),
        ];
        assert_eq!(before, after);
        // The connection has its triggers again: a plain insert under the void is refused.
        let again = store.write(|conn| conn.execute(&sql, []).map_err(Into::into));
        assert!(matches!(again, Err(StoreError::Voided)), "{again:?}");
    }

    #[test]
    fn a_trigger_of_a_shape_it_cannot_run_over_many_rows_stops_the_bulk_insert_before_it_writes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.db")).unwrap();
        let refused = store.write(|conn| {
            conn.execute_batch(
                "CREATE TRIGGER repairs_count AFTER INSERT ON repairs BEGIN
                     UPDATE settings SET value = value + 1 WHERE key = 'repairs';
                 END;",
            )?;
            insert(
                conn,
                "repairs",
                "INSERT INTO repairs SELECT * FROM repairs WHERE 0",
                [],
            )
        });
        let Err(StoreError::BadRow(message)) = refused else {
            panic!("{refused:?}");
        };
        assert!(message.contains("repairs_count"), "{message}");
    }

    #[test]
    fn the_trigger_reader_takes_apart_each_shape_in_the_schema() {
        let guard = Trigger::read(
            "CREATE TRIGGER a BEFORE INSERT ON t WHEN (SELECT 1) IS NOT NULL BEGIN\n    SELECT RAISE(ABORT, 'no');\nEND",
            "t",
        )
        .unwrap();
        assert_eq!(guard.event, "INSERT");
        assert_eq!(guard.when, Some("(SELECT 1) IS NOT NULL"));
        assert_eq!(
            guard.body.iter().map(|b| raised(b)).collect::<Vec<_>>(),
            [Some("no")]
        );
        let update = Trigger::read(
            "CREATE TRIGGER b BEFORE UPDATE OF x, y ON t BEGIN\n    SELECT RAISE(ABORT, 'kept');\nEND",
            "t",
        )
        .unwrap();
        assert_eq!(update.event, "UPDATE");
        let logged = Trigger::read(
            "CREATE TRIGGER c AFTER INSERT ON t BEGIN\n    INSERT INTO log (a, b)\n    VALUES (new.a, 'x');\nEND",
            "t",
        )
        .unwrap();
        assert_eq!(
            logged.body.iter().map(|b| inserted(b)).collect::<Vec<_>>(),
            [Some(("INSERT INTO log (a, b)", "new.a, 'x'"))]
        );
        // Another table's trigger, or text that is not a trigger, is not read as this one's.
        assert!(
            Trigger::read(
                "CREATE TRIGGER d AFTER INSERT ON other BEGIN\n SELECT 1;\nEND",
                "t"
            )
            .is_none()
        );
        assert!(Trigger::read("CREATE VIEW v AS SELECT 1", "t").is_none());
        // "BEGIN" inside a name is not the body's start.
        assert!(word_at("BEGINNING BEGIN", "BEGIN") == Some(10));
    }
}
