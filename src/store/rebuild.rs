//! Changing what SQLite cannot alter in place (a column's UNIQUE, NOT NULL): a table is made
//! again from its changed definition and its rows copied over, as SQLite's own procedure for
//! "other kinds of table schema changes" says. Used by migrations only.

use rusqlite::{Connection, params};

use super::{Result, StoreError};

/// What to change in a table's `CREATE TABLE` statement.
pub(crate) struct Rebuild<'a> {
    pub table: &'a str,
    /// Returns the changed statement, or `None` when the statement is not the one expected
    /// (the migration then fails rather than build something else).
    pub change: fn(&str) -> Option<String>,
}

/// Rebuilds `rebuilds` in order. Every trigger and view of the file is dropped first and made
/// again at the end (a view or trigger naming a dropped table would stop the rename), each
/// table's own indexes are made again after it, and `between` runs once the triggers are gone
/// and before any table is copied (to fill a column without logging it as a change). The
/// connection's foreign keys must be off (the ids do not change, so every reference still
/// holds: `PRAGMA foreign_key_check` says so before returning).
pub(crate) fn rebuild_tables(
    conn: &Connection,
    rebuilds: &[Rebuild],
    between: impl FnOnce(&Connection) -> Result<()>,
    views: impl Fn(&str, &str) -> Result<String>,
) -> Result<()> {
    let foreign_keys: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    if foreign_keys != 0 {
        return Err(StoreError::BadRow(
            "tables are rebuilt with foreign keys off".into(),
        ));
    }
    let saved = |kind: &str| -> Result<Vec<(String, String)>> {
        Ok(conn
            .prepare(
                "SELECT name, sql FROM sqlite_schema WHERE type = ?1 AND sql IS NOT NULL
                 ORDER BY rowid",
            )?
            .query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    };
    let (triggers, saved_views) = (saved("trigger")?, saved("view")?);
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    for (name, _) in &saved_views {
        conn.execute_batch(&format!("DROP VIEW \"{name}\""))?;
    }
    between(conn)?;
    for Rebuild { table, change } in rebuilds {
        let create: String = conn.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        let indexes: Vec<String> = conn
            .prepare(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1
                 AND sql IS NOT NULL ORDER BY rowid",
            )?
            .query_map([table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let changed = change(&create).ok_or_else(|| {
            StoreError::BadRow(format!("the table {table} is not as schema 13 made it"))
        })?;
        let head = format!("CREATE TABLE {table} (");
        let Some(rest) = changed.strip_prefix(&head) else {
            return Err(StoreError::BadRow(format!(
                "unexpected definition of {table}"
            )));
        };
        let rebuilt = format!("{table}_rebuilt");
        conn.execute_batch(&format!("CREATE TABLE {rebuilt} ({rest}"))?;
        conn.execute_batch(&format!(
            "INSERT INTO {rebuilt} SELECT * FROM {table};
             DROP TABLE {table};
             ALTER TABLE {rebuilt} RENAME TO {table};"
        ))?;
        for index in indexes {
            conn.execute_batch(&index)?;
        }
    }
    for (name, sql) in &saved_views {
        conn.execute_batch(&views(name, sql)?)?;
    }
    for (_, sql) in &triggers {
        conn.execute_batch(sql)?;
    }
    let broken: Option<String> = conn
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .map(Some)
        .or_else(|error| match error {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            other => Err(other),
        })?;
    if let Some(table) = broken {
        return Err(StoreError::BadRow(format!(
            "a rebuilt table lost a reference: {table}"
        )));
    }
    Ok(())
}

/// `create` with `column TEXT NOT NULL UNIQUE` made unique per office instead: the column's
/// own UNIQUE goes and `UNIQUE (origin, column)` is added to the table.
pub(crate) fn unique_per_origin(create: &str, column: &str) -> Option<String> {
    let start = create.find(&format!("\n    {column} "))?;
    let line_end = start + 1 + create[start + 1..].find('\n')?;
    let line = &create[start..line_end];
    let without = line.replacen(" UNIQUE,", ",", 1);
    if without == line {
        return None;
    }
    let body = format!("{}{}{}", &create[..start], without, &create[line_end..]);
    let close = body.rfind(") STRICT")?;
    Some(format!(
        "{},\n    UNIQUE (origin, {column})\n{}",
        body[..close].trim_end(),
        &body[close..]
    ))
}

/// `create` with the `uuid TEXT` column a migration added made `uuid TEXT NOT NULL UNIQUE`.
pub(crate) fn uuid_required(create: &str) -> Option<String> {
    let added = ", uuid TEXT)";
    create
        .contains(added)
        .then(|| create.replacen(added, ", uuid TEXT NOT NULL UNIQUE)", 1))
}

/// Gives every row of `table` without an identity a new one.
pub(crate) fn fill_uuids(conn: &Connection, table: &str) -> Result<()> {
    let ids: Vec<i64> = conn
        .prepare(&format!("SELECT id FROM {table} WHERE uuid IS NULL"))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare(&format!("UPDATE {table} SET uuid = ?2 WHERE id = ?1"))?;
    for id in ids {
        update.execute(params![id, uuid::Uuid::new_v4().to_string()])?;
    }
    Ok(())
}

/// The view the audit chain reads a record of `table` through: every column but `id`, by name,
/// a BLOB by its SHA-256 (a photo's picture), as `json_object` lists them.
pub(crate) fn content_view_sql(conn: &Connection, table: &str) -> Result<String> {
    let columns: Vec<(String, String)> = conn
        .prepare(&format!("PRAGMA table_info({table})"))?
        .query_map([], |r| Ok((r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let fields: Vec<String> = columns
        .iter()
        .filter(|(name, _)| name != "id")
        .map(|(name, kind)| {
            if kind.eq_ignore_ascii_case("BLOB") {
                format!("        '{name}_sha256', aftersales_sha256({name})")
            } else {
                format!("        '{name}', {name}")
            }
        })
        .collect();
    Ok(format!(
        "CREATE VIEW {table}_content AS SELECT id, json_object(\n{}) AS content FROM {table}",
        fields.join(",\n")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_made_unique_per_office_keeps_every_other_line() {
        let create = "CREATE TABLE repairs (\n    id            INTEGER PRIMARY KEY,\n    uuid          TEXT NOT NULL UNIQUE,\n    repair_no     TEXT NOT NULL UNIQUE,\n    units         INTEGER NOT NULL CHECK (units > 0)\n, origin TEXT NOT NULL DEFAULT '') STRICT";
        assert_eq!(
            unique_per_origin(create, "repair_no").unwrap(),
            "CREATE TABLE repairs (\n    id            INTEGER PRIMARY KEY,\n    uuid          TEXT NOT NULL UNIQUE,\n    repair_no     TEXT NOT NULL,\n    units         INTEGER NOT NULL CHECK (units > 0)\n, origin TEXT NOT NULL DEFAULT '',\n    UNIQUE (origin, repair_no)\n) STRICT"
        );
        assert_eq!(unique_per_origin(create, "serial_no"), None);
        assert_eq!(unique_per_origin(create, "units"), None, "not unique");
    }
}
