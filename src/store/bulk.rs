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

use super::search::SEARCH_INDEXES;
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
    run_work(conn, table, before, work)?;
    Ok(added)
}

/// Each trigger's `work` over the rows of `table` with an id above `before`: the guards first,
/// as BEFORE triggers come first.
fn run_work(conn: &Connection, table: &str, before: i64, work: &[Work]) -> Result<()> {
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
                conn.prepare_cached(sql)?.execute([before])?;
            }
            Work::Chain => trail::chain_new_rows(conn, table, before)?,
            Work::Guard(..) => {}
        }
    }
    Ok(())
}

impl super::Store {
    /// Runs `work`, which only adds rows (to `tables` and to tables without insert triggers),
    /// with the connection's triggers off; then does each insert trigger's work of `tables`
    /// once over the rows `work` added, table by table in the order given, all in one
    /// transaction: on any error nothing of it stays. The demo's way of writing millions of
    /// records through the forms' own save functions: the search index, the audit trail and
    /// the chain come out as the triggers would leave them (a test fills the demo both ways and
    /// compares), each trigger run as one statement instead of once a row. Entries are logged
    /// under the writer at the end of `work`, so callers group work by writer.
    ///
    /// Refused, with nothing written, when a table of `tables` has a trigger it cannot run
    /// over many rows, or when `work` added rows to a table with insert triggers that is not in
    /// `tables` (its triggers' work would be lost). A change to an existing row is not detected:
    /// `work` must not make one.
    pub(crate) fn adding_in_bulk<T>(
        &mut self,
        tables: &[&str],
        work: impl FnOnce(&mut super::Store) -> Result<T>,
    ) -> Result<T> {
        let mut plans = Vec::with_capacity(tables.len());
        for table in tables {
            plans.push((*table, trigger_work(&self.conn, table)?));
        }
        let watched = tables_with_insert_triggers(&self.conn)?;
        let before = highest_ids(&self.conn, &watched)?;
        // One transaction, the caller's if one is open (then an error leaves it for the caller
        // to roll back, as `write_through` does). Not a savepoint: inside an open savepoint
        // every statement's own savepoint costs time in proportion to what the transaction has
        // written so far, which made a batch's writes quadratic.
        self.write_through(|store| {
            let value = {
                let mut untriggered = Untriggered::new(store)?;
                work(&mut untriggered)?
            };
            let after = highest_ids(&store.conn, &watched)?;
            for ((table, was), (_, is)) in before.iter().zip(&after) {
                if is != was && !tables.contains(&table.as_str()) {
                    return Err(StoreError::BadRow(format!(
                        "{table}: rows were added in bulk without their triggers' work"
                    )));
                }
            }
            for (table, work) in &plans {
                let was = before
                    .iter()
                    .find(|(t, _)| t == table)
                    .map_or(0, |(_, id)| *id);
                run_work(&store.conn, table, was, work)?;
            }
            Ok(value)
        })
    }
}

impl super::Store {
    /// Runs `work`, which writes many records in many transactions, with a page cache of
    /// `cache_mib`, the write-ahead log copied into the file when it holds that much, and the
    /// search indexes keeping `cache_mib` of new entries in memory before writing a segment
    /// (SQLite's defaults, 2 MiB, 4 MiB and 1 MiB, would write each transaction's entries as
    /// dozens of segments and merge them again and again); all back to what they were
    /// afterwards, whatever `work` did.
    pub(crate) fn with_bulk_caches<T>(
        &mut self,
        cache_mib: i64,
        work: impl FnOnce(&mut super::Store) -> T,
    ) -> Result<T> {
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let checkpoint: i64 = self
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
        // The log copied into the file once it holds as much as the cache, not every 4 MiB: a
        // page the next transactions change again is copied once, not each time.
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = -{}; PRAGMA wal_autocheckpoint = {}",
            cache_mib * 1024,
            cache_mib * 1024 * 1024 / 4096
        ))?;
        let set = self.write(|conn| {
            let mut pending = Vec::new();
            for index in SEARCH_INDEXES {
                pending.push(search_buffer(conn, index)?);
                set_search_buffer(conn, index, cache_mib * 1024 * 1024)?;
            }
            Ok(pending)
        });
        let done = set.map(|pending| {
            let value = work(self);
            let restored = self.write(|conn| {
                for (index, bytes) in SEARCH_INDEXES.into_iter().zip(pending) {
                    set_search_buffer(conn, index, bytes)?;
                }
                Ok(())
            });
            restored.map(|()| value)
        });
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = {cache}; PRAGMA wal_autocheckpoint = {checkpoint}"
        ))?;
        done?
    }
}

/// How many bytes of new entries the search index `index` keeps in memory before writing them
/// as a segment (FTS5's `hashsize`; 1 MiB unless set).
pub(crate) fn search_buffer(conn: &Connection, index: &str) -> Result<i64> {
    Ok(conn
        .query_row(
            &format!("SELECT v FROM {index}_config WHERE k = 'hashsize'"),
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(1024 * 1024))
}

pub(crate) fn set_search_buffer(conn: &Connection, index: &str, bytes: i64) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO {index} ({index}, rank) VALUES ('hashsize', ?1)"),
        [bytes],
    )?;
    Ok(())
}

/// Every table with an insert trigger.
fn tables_with_insert_triggers(conn: &Connection) -> Result<Vec<String>> {
    let mut statement = conn.prepare(
        "SELECT DISTINCT tbl_name FROM sqlite_schema
          WHERE type = 'trigger' AND sql LIKE '% INSERT ON %' ORDER BY tbl_name",
    )?;
    let tables = statement
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(tables)
}

/// Each table's highest id (0 when empty).
fn highest_ids(conn: &Connection, tables: &[String]) -> Result<Vec<(String, i64)>> {
    tables
        .iter()
        .map(|table| {
            let id = conn.query_row(
                &format!("SELECT coalesce(max(id), 0) FROM {table}"),
                [],
                |r| r.get(0),
            )?;
            Ok((table.clone(), id))
        })
        .collect()
}

/// The store with its connection's triggers off, until dropped.
struct Untriggered<'s>(&'s mut super::Store);

impl<'s> Untriggered<'s> {
    fn new(store: &'s mut super::Store) -> Result<Self> {
        store
            .conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
        Ok(Untriggered(store))
    }
}

impl std::ops::Deref for Untriggered<'_> {
    type Target = super::Store;
    fn deref(&self) -> &super::Store {
        self.0
    }
}

impl std::ops::DerefMut for Untriggered<'_> {
    fn deref_mut(&mut self) -> &mut super::Store {
        self.0
    }
}

impl Drop for Untriggered<'_> {
    fn drop(&mut self) {
        triggers_back_on(&self.0.conn);
    }
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
        triggers_back_on(self.0);
    }
}

fn triggers_back_on(conn: &Connection) {
    // Turning a flag back on cannot fail on an open connection; if it ever did, the
    // connection must not go on writing without its triggers.
    if conn
        .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true)
        .is_err()
    {
        panic!("the database connection could not turn its triggers back on");
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

/// `INSERT [OR REPLACE] INTO x (…) VALUES (…)`: the `INSERT … INTO x (…)` and the values. Run
/// over the new rows in id order, `OR REPLACE` leaves the last row's values, as row by row.
fn inserted(statement: &str) -> Option<(&str, &str)> {
    if !statement.starts_with("INSERT INTO ") && !statement.starts_with("INSERT OR REPLACE INTO ") {
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
        let rows = |sql: &str| sorted_rows(store, sql);
        let audit = rows(
            "SELECT operator, table_name, record_id, action, field, old_value, new_value FROM audit_log",
        );
        let chain = rows(
            "SELECT id, operator, table_name, record_id, action, content FROM record_versions",
        );
        (search, audit, chain)
    }

    /// Every row `sql` reads, each value as text, sorted.
    fn sorted_rows(store: &Store, sql: &str) -> Vec<Vec<String>> {
        let mut statement = store.conn.prepare(sql).unwrap();
        let width = statement.column_count();
        let mut rows: Vec<Vec<String>> = statement
            .query_map([], |r| {
                (0..width)
                    .map(|i| Ok(crate::store::sql::value_text(r.get_ref(i)?).unwrap_or_default()))
                    .collect()
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.sort();
        rows
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

    /// The search index, the audit trail and the chain, each entry without what differs
    /// between two fills of the same demo (the chain's ids and hashes, times, uuids), sorted.
    fn demo_trace(store: &Store) -> [Vec<Vec<String>>; 3] {
        let rows = |sql: &str| sorted_rows(store, sql);
        [
            rows("SELECT rowid, body FROM search_index"),
            rows(
                "SELECT operator, table_name, record_id, action, field, old_value,
                        CASE WHEN field IN ('signature', 'signed-page')
                             THEN json_remove(new_value, '$.uuid', '$.code') ELSE new_value END
                 FROM audit_log",
            ),
            // A signed page's code holds its form's identity.
            rows(
                "SELECT operator, table_name, record_id, action, json_remove(content, '$.uuid', '$.code') FROM record_versions",
            ),
        ]
    }

    #[test]
    fn the_demo_in_bulk_leaves_what_saving_record_by_record_leaves() {
        let dir = tempfile::tempdir().unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 10, 20)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let mut by_triggers = Store::open(&dir.path().join("a.db")).unwrap();
        let mut in_bulk = Store::open(&dir.path().join("b.db")).unwrap();
        let a = crate::demo::fill_row_by_row(&mut by_triggers, 1200, 7, at).unwrap();
        let b = crate::demo::fill(&mut in_bulk, 1200, 7, at).unwrap();
        assert_eq!(a, b);
        for table in CHAINED_TABLES {
            assert!(
                count(&in_bulk, &format!("SELECT count(*) FROM {table}")) > 0,
                "the demo writes {table}"
            );
        }
        let [search_a, audit_a, chain_a] = demo_trace(&by_triggers);
        let [search_b, audit_b, chain_b] = demo_trace(&in_bulk);
        assert!(search_a.len() > 1200 && audit_a.len() > 1200 && chain_a.len() > 1200);
        assert_eq!(search_a, search_b, "the search index");
        assert_eq!(audit_a, audit_b, "the audit trail");
        assert_eq!(chain_a, chain_b, "the chain of versions");
        let clerks = count(
            &in_bulk,
            "SELECT count(DISTINCT operator) FROM record_versions WHERE table_name = 'investigations'",
        );
        assert!(clerks >= 4, "each case logged under its clerk: {clerks}");
        assert_eq!(in_bulk.verify().unwrap().first_break, None, "it verifies");
        let pending = count(
            &in_bulk,
            "SELECT v FROM search_index_config WHERE k = 'hashsize'",
        );
        assert_eq!(
            pending,
            1024 * 1024,
            "the index's buffer is back to its size"
        );
    }

    #[test]
    fn adding_in_bulk_refuses_work_that_adds_to_a_table_it_was_not_told_of_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = demo_store(dir.path());
        let cards = count(&store, "SELECT count(*) FROM warranty_cards");
        let entries = count(&store, "SELECT count(*) FROM record_versions");
        let card = store.card_by_id(1).unwrap().card;
        let error = store
            .write_through(|store| {
                store.adding_in_bulk(&["warranty_cards"], |store| {
                    // A new customer: the customers' table was not named.
                    let mut card = card.clone();
                    card.customer_phone = "13900000000".into();
                    store.insert_cards(&[card], "WC", at_noon())
                })
            })
            .unwrap_err();
        assert!(error.to_string().contains("customers"), "{error}");
        assert_eq!(count(&store, "SELECT count(*) FROM warranty_cards"), cards);
        assert_eq!(
            count(&store, "SELECT count(*) FROM record_versions"),
            entries
        );
        // The triggers are back on: a card saved now is indexed and chained.
        let ids = store.insert_cards(&[card], "WC", at_noon()).unwrap();
        assert_eq!(
            count(
                &store,
                &format!(
                    "SELECT count(*) FROM search_index WHERE rowid = {} * 8 + 1",
                    ids[0]
                )
            ),
            1
        );
        assert_eq!(
            count(&store, "SELECT count(*) FROM record_versions"),
            entries + 1
        );
    }

    fn at_noon() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 10, 21)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
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
    fn a_step_and_its_withdrawal_in_bulk_leave_the_case_at_its_step_before_as_row_by_row() {
        let dir = tempfile::tempdir().unwrap();
        let store = demo_store(dir.path());
        let open = "FROM complaints WHERE voided_at IS NULL";
        let by_trigger: i64 = count(&store, &format!("SELECT min(id) {open}"));
        let in_bulk: i64 = count(&store, &format!("SELECT max(id) {open}"));
        let progress = |case: i64| -> (String, i64) {
            store
                .conn
                .query_row(
                    "SELECT step, step_id FROM case_progress WHERE complaint_id = ?1",
                    [case],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap()
        };
        let before = [progress(by_trigger), progress(in_bulk)];
        let rows = |case: i64| {
            format!(
                "INSERT INTO case_steps (complaint_id, step, at, operator, recorded_at, reason, uuid)
                 SELECT {case}, 'closed', '2026-10-21 10:00', 'x', '2026-10-21 10:00', '', '{case}-1'
                 UNION ALL
                 SELECT {case}, 'withdrawn', '2026-10-21 10:01', 'x', '2026-10-21 10:01', '', '{case}-2'"
            )
        };
        store
            .write(|conn| conn.execute(&rows(by_trigger), []).map_err(Into::into))
            .unwrap();
        store
            .write(|conn| insert(conn, "case_steps", &rows(in_bulk), []))
            .unwrap();
        assert_eq!([progress(by_trigger), progress(in_bulk)], before);
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
