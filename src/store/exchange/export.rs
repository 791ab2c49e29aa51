//! Writing a month: the records made or changed here in it, copied out by identity.

use super::*;

impl Store {
    /// Writes this office's month `period` to `out` as a signed monthly file: every record
    /// made or changed here in the month (a case whole when any of its forms, steps or return
    /// visits changed), the customers they name, and their audit-trail entries of the month; a
    /// region's file also carries what its dealers sent. The file is written beside `out` and
    /// renamed over it only when complete; the sending is recorded here.
    pub fn export_month(
        &self,
        period: Period,
        me: &Unit,
        key: &SigningKey,
        out: &Path,
        now: NaiveDateTime,
        progress: Progress,
    ) -> Result<ExportSummary> {
        if me.code.is_empty() {
            return Err(ExchangeError::NoOfficeCode);
        }
        if me.level == UnitLevel::Headquarters {
            return Err(ExchangeError::HeadquartersSendsNone);
        }
        self.refuse_output(out)?;
        let folder = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let partial = tempfile::Builder::new()
            .prefix(".aftersales-monthly-")
            .suffix(".partial")
            .tempfile_in(folder)
            .map_err(|e| write_error(out, e))?;
        let counts = self.write_bundle(period, me, key, partial.path(), now, progress)?;
        let sha256 = bundle::seal(partial.path(), key)?;
        let records = counts.iter().map(|(_, n)| n).sum::<u64>();
        partial
            .persist(out)
            .map_err(|e| write_error(out, e.error))?;
        if let Some(folder) = out.parent() {
            crate::store::file::sync_folder(folder);
        }
        self.write(|conn| {
            conn.execute(
                "INSERT INTO exchanges (direction, unit_code, period, at, file_sha256, records, operator)
                 VALUES ('sent', ?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    me.code,
                    period.to_string(),
                    now.format(TIMESTAMP).to_string(),
                    sha256,
                    records as i64,
                    self.writer()
                ],
            )?;
            Ok(())
        })?;
        Ok(ExportSummary {
            period,
            path: out.to_owned(),
            counts,
            sha256,
        })
    }

    fn write_bundle(
        &self,
        period: Period,
        me: &Unit,
        key: &SigningKey,
        path: &Path,
        now: NaiveDateTime,
        progress: Progress,
    ) -> Result<Vec<(&'static str, u64)>> {
        let file = Connection::open(path)?;
        file.execute_batch(&format!(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {FORMAT_VERSION};
             CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE units (code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, region TEXT NOT NULL);
             CREATE TABLE audit_log (table_name TEXT NOT NULL, record_uuid TEXT NOT NULL, at TEXT NOT NULL, operator TEXT NOT NULL, action TEXT NOT NULL, field TEXT, old_value TEXT, new_value TEXT);"
        ))?;
        let conn = &self.conn;
        // One snapshot for the whole month, whatever another window saves meanwhile.
        let began = conn.is_autocommit();
        if began {
            conn.execute_batch("BEGIN")?;
        }
        let written = (|| -> Result<Vec<(&'static str, u64)>> {
            select_month(conn, period, me)?;
            let shapes = KINDS
                .iter()
                .map(|k| Shape::of(conn, k.table, k.references))
                .collect::<Result<Vec<_>>>()?;
            let total: u64 = KINDS
                .iter()
                .map(|k| count(conn, &format!("SELECT count(*) FROM temp.sel_{}", k.table)))
                .sum::<rusqlite::Result<u64>>()?;
            let mut done = 0u64;
            file.execute_batch("BEGIN")?;
            let mut counts = Vec::new();
            for shape in &shapes {
                let selected = format!("temp.sel_{}", shape.table);
                let n = copy_rows(
                    conn, &file, shape, &selected, &me.code, &mut done, total, progress,
                )?;
                counts.push((shape.table, n));
            }
            let parts = Shape::parts(conn)?;
            let n = copy_rows(
                conn,
                &file,
                &parts,
                "(SELECT p.id FROM confirmation_parts p WHERE p.confirmation_id IN temp.sel_confirmations)",
                &me.code,
                &mut done,
                total,
                progress,
            )?;
            counts.push((PARTS, n));
            copy_audit(conn, &file, &me.code)?;
            write_units(conn, &file, me)?;
            let meta = [
                ("format", FORMAT.to_owned()),
                ("format_version", FORMAT_VERSION.to_string()),
                ("schema_version", crate::store::SCHEMA_VERSION.to_string()),
                ("program_version", env!("CARGO_PKG_VERSION").to_owned()),
                ("sender_code", me.code.clone()),
                ("sender_name", me.name.clone()),
                ("sender_level", me.level.code().to_owned()),
                ("sender_region", me.region.clone()),
                ("period", period.to_string()),
                ("created_at", now.format(TIMESTAMP).to_string()),
                ("created_by", self.writer()),
                ("public_key", bundle::hex(key.verifying_key().as_bytes())),
                (
                    "records",
                    counts.iter().map(|(_, n)| n).sum::<u64>().to_string(),
                ),
            ];
            for (key, value) in meta {
                file.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                    params![key, value],
                )?;
            }
            file.execute_batch("COMMIT")?;
            Ok(counts)
        })();
        if began {
            let _ = conn.execute_batch("COMMIT");
        }
        let _ = conn.execute_batch(
            &KINDS
                .iter()
                .map(|k| format!("DROP TABLE IF EXISTS temp.sel_{};", k.table))
                .collect::<String>(),
        );
        let counts = written?;
        file.execute_batch("VACUUM")?;
        file.close().map_err(|(_, e)| ExchangeError::from(e))?;
        Ok(counts)
    }
}

fn write_error(path: &Path, error: std::io::Error) -> ExchangeError {
    ExchangeError::Write {
        path: path.display().to_string(),
        reason: error.to_string(),
    }
}

impl Store {
    /// Where a monthly file may not be written: the database itself, a file SQLite keeps
    /// beside it or any other database (a monthly file is one, but an earlier export of the
    /// month may be written over), and any other existing file.
    fn refuse_output(&self, out: &Path) -> Result<()> {
        if bundle::is_monthly_file(out) {
            return Ok(());
        }
        if let Some(reason) = crate::store::file::forbidden_output(out, self.path()) {
            return Err(ExchangeError::Store(StoreError::ForbiddenOutput {
                reason,
                path: out.display().to_string(),
            }));
        }
        if out.exists() {
            return Err(ExchangeError::OutputExists(out.display().to_string()));
        }
        Ok(())
    }
}

/// Fills `temp.sel_<table>` with the row numbers of the month's records.
fn select_month(conn: &Connection, period: Period, me: &Unit) -> Result<()> {
    let (lo, hi) = bounds(period);
    // A dealer sends what it made; a region also what its dealers sent it.
    let mine = if me.level == UnitLevel::Dealer {
        "origin = ''"
    } else {
        "1 = 1"
    };
    let within = |column: &str| format!("({column} >= '{lo}' AND {column} < '{hi}')");
    let sql = format!(
        "DROP TABLE IF EXISTS temp.sel_complaints;
         CREATE TEMP TABLE sel_complaints (id INTEGER PRIMARY KEY);
         INSERT INTO temp.sel_complaints
            SELECT id FROM complaints c WHERE {mine} AND ({c_changed}
               OR EXISTS (SELECT 1 FROM investigations i WHERE i.complaint_id = c.id AND ({i_changed}
                   OR EXISTS (SELECT 1 FROM investigation_photos p WHERE p.investigation_id = i.id
                              AND ({p_added} OR {p_withdrawn}))))
               OR EXISTS (SELECT 1 FROM confirmations f WHERE f.complaint_id = c.id AND ({f_changed}
                   OR EXISTS (SELECT 1 FROM signatures g WHERE g.confirmation_id = f.id AND {g_signed})
                   OR EXISTS (SELECT 1 FROM signed_pages p WHERE p.confirmation_id = f.id
                              AND ({p_kept} OR {p_matched}))))
               OR EXISTS (SELECT 1 FROM investigations i WHERE i.complaint_id = c.id
                   AND EXISTS (SELECT 1 FROM signed_pages p WHERE p.investigation_id = i.id
                               AND ({p_kept} OR {p_matched})))
               OR EXISTS (SELECT 1 FROM signatures g WHERE g.complaint_id = c.id AND {g_signed})
               OR EXISTS (SELECT 1 FROM signed_pages p WHERE p.complaint_id = c.id
                          AND ({p_kept} OR {p_matched}))
               OR EXISTS (SELECT 1 FROM case_steps s WHERE s.complaint_id = c.id AND {s_changed})
               OR EXISTS (SELECT 1 FROM return_visits v WHERE v.complaint_id = c.id AND {v_changed}));
         DROP TABLE IF EXISTS temp.sel_investigations;
         CREATE TEMP TABLE sel_investigations (id INTEGER PRIMARY KEY);
         INSERT INTO temp.sel_investigations
            SELECT id FROM investigations WHERE complaint_id IN temp.sel_complaints;
         DROP TABLE IF EXISTS temp.sel_investigation_photos;
         CREATE TEMP TABLE sel_investigation_photos (id INTEGER PRIMARY KEY);
         INSERT INTO temp.sel_investigation_photos
            SELECT id FROM investigation_photos WHERE investigation_id IN temp.sel_investigations;
         DROP TABLE IF EXISTS temp.sel_confirmations;
         CREATE TEMP TABLE sel_confirmations (id INTEGER PRIMARY KEY);
         INSERT INTO temp.sel_confirmations
            SELECT id FROM confirmations WHERE complaint_id IN temp.sel_complaints;
         DROP TABLE IF EXISTS temp.sel_case_steps;
         CREATE TEMP TABLE sel_case_steps (id INTEGER PRIMARY KEY);
         INSERT INTO temp.sel_case_steps
            SELECT id FROM case_steps WHERE complaint_id IN temp.sel_complaints;
         DROP TABLE IF EXISTS temp.sel_return_visits;
         CREATE TEMP TABLE sel_return_visits (id INTEGER PRIMARY KEY);
         INSERT INTO temp.sel_return_visits
            SELECT id FROM return_visits WHERE complaint_id IN temp.sel_complaints;
         DROP TABLE IF EXISTS temp.sel_warranty_cards;
         CREATE TEMP TABLE sel_warranty_cards (id INTEGER PRIMARY KEY);
         INSERT INTO temp.sel_warranty_cards
            SELECT id FROM warranty_cards w WHERE {mine} AND ({w_created} OR {w_updated}
               OR EXISTS (SELECT 1 FROM signatures g WHERE g.card_id = w.id AND {g_signed})
               OR EXISTS (SELECT 1 FROM signed_pages p WHERE p.card_id = w.id
                          AND ({p_kept} OR {p_matched})));
         DROP TABLE IF EXISTS temp.sel_repairs;
         CREATE TEMP TABLE sel_repairs (id INTEGER PRIMARY KEY);
         INSERT INTO temp.sel_repairs
            SELECT id FROM repairs WHERE {mine} AND ({r_created} OR {r_completed});
         DROP TABLE IF EXISTS temp.sel_maintenance_contracts;
         CREATE TEMP TABLE sel_maintenance_contracts (id INTEGER PRIMARY KEY);
         INSERT INTO temp.sel_maintenance_contracts
            WITH RECURSIVE chain (id) AS (
                SELECT id FROM maintenance_contracts WHERE {mine} AND ({m_created} OR {m_updated})
                UNION
                SELECT m.renews_id FROM maintenance_contracts m JOIN chain ON m.id = chain.id
                 WHERE m.renews_id IS NOT NULL)
            SELECT id FROM chain;
         DROP TABLE IF EXISTS temp.sel_customers;
         CREATE TEMP TABLE sel_customers (id INTEGER PRIMARY KEY);
         INSERT OR IGNORE INTO temp.sel_customers
            SELECT id FROM customers WHERE {mine} AND ({k_created} OR {k_updated});
         INSERT OR IGNORE INTO temp.sel_customers
            SELECT customer_id FROM complaints WHERE id IN temp.sel_complaints AND customer_id IS NOT NULL;
         INSERT OR IGNORE INTO temp.sel_customers
            SELECT customer_id FROM warranty_cards WHERE id IN temp.sel_warranty_cards AND customer_id IS NOT NULL;
         INSERT OR IGNORE INTO temp.sel_customers
            SELECT customer_id FROM maintenance_contracts WHERE id IN temp.sel_maintenance_contracts AND customer_id IS NOT NULL;
         DROP TABLE IF EXISTS temp.sel_signed_pages;
         CREATE TEMP TABLE sel_signed_pages (id INTEGER PRIMARY KEY);
         INSERT INTO temp.sel_signed_pages
            SELECT id FROM signed_pages WHERE card_id IN temp.sel_warranty_cards
               OR complaint_id IN temp.sel_complaints
               OR investigation_id IN temp.sel_investigations
               OR confirmation_id IN temp.sel_confirmations;
         DROP TABLE IF EXISTS temp.sel_signatures;
         CREATE TEMP TABLE sel_signatures (id INTEGER PRIMARY KEY);
         INSERT INTO temp.sel_signatures
            SELECT id FROM signatures WHERE card_id IN temp.sel_warranty_cards
               OR complaint_id IN temp.sel_complaints
               OR confirmation_id IN temp.sel_confirmations;",
        c_changed = within("c.updated_at"),
        i_changed = within("i.updated_at"),
        p_added = within("p.added_at"),
        p_withdrawn = within("p.withdrawn_at"),
        f_changed = within("f.updated_at"),
        s_changed = within("s.recorded_at"),
        v_changed = within("v.recorded_at"),
        g_signed = within("g.signed_at"),
        p_kept = within("p.added_at"),
        p_matched = within("p.matched_at"),
        w_created = within("created_at"),
        w_updated = within("updated_at"),
        r_created = within("created_at"),
        r_completed = within("completed_at"),
        m_created = within("created_at"),
        m_updated = within("updated_at"),
        k_created = within("created_at"),
        k_updated = within("updated_at"),
    );
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Copies the rows `selected` (a table or subquery of row numbers) of `shape` into the file.
#[allow(clippy::too_many_arguments)]
fn copy_rows(
    conn: &Connection,
    file: &Connection,
    shape: &Shape,
    selected: &str,
    code: &str,
    done: &mut u64,
    total: u64,
    progress: Progress,
) -> Result<u64> {
    let file_columns = shape.file_columns();
    file.execute_batch(&format!(
        "CREATE TABLE {} ({})",
        shape.table,
        file_columns.join(", ")
    ))?;
    let mut insert = file.prepare(&format!(
        "INSERT INTO {} ({}) VALUES ({})",
        shape.table,
        file_columns.join(", "),
        (1..=file_columns.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))?;
    let mut select = conn.prepare(&format!(
        "SELECT {} FROM {} t WHERE t.id IN {selected} ORDER BY t.id",
        shape.select_here("t"),
        shape.table
    ))?;
    let width = file_columns.len();
    let mut rows = if select.parameter_count() == 0 {
        select.query([])?
    } else {
        select.query([code])?
    };
    let mut n = 0;
    while let Some(row) = rows.next()? {
        let values = (0..width)
            .map(|i| row.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        insert.execute(rusqlite::params_from_iter(values))?;
        n += 1;
        *done += 1;
        if (*done).is_multiple_of(2000) {
            progress(*done, total);
        }
    }
    Ok(n)
}

/// The audit-trail entries of the records in the file (all of them: the receiver keeps each
/// once), each naming the office where it was made.
fn copy_audit(conn: &Connection, file: &Connection, code: &str) -> Result<()> {
    let mut insert = file.prepare(
        "INSERT INTO audit_log (table_name, record_uuid, at, operator, action, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for kind in &KINDS {
        let table = kind.table;
        let mut select = conn.prepare(&format!(
            "SELECT a.table_name, r.uuid, a.at,
                    CASE WHEN a.operator LIKE '%]' THEN a.operator ELSE a.operator || ' [' || ?1 || ']' END,
                    a.action, a.field, a.old_value, a.new_value
               FROM audit_log a JOIN {table} r ON r.id = a.record_id
              WHERE a.table_name = '{table}' AND a.record_id IN temp.sel_{table}
              ORDER BY a.id"
        ))?;
        let mut rows = select.query(params![code])?;
        while let Some(row) = rows.next()? {
            let values = (0..8)
                .map(|i| row.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            insert.execute(rusqlite::params_from_iter(values))?;
        }
    }
    Ok(())
}

/// The offices the file speaks for: the sender, and the offices of the records it carries
/// that came from elsewhere (a region's dealers).
fn write_units(conn: &Connection, file: &Connection, me: &Unit) -> Result<()> {
    file.execute(
        "INSERT INTO units (code, name, level, region) VALUES (?1, ?2, ?3, ?4)",
        params![me.code, me.name, me.level.code(), me.region],
    )?;
    let mut origins = HashSet::new();
    for table in WITH_ORIGIN {
        let mut select = conn.prepare(&format!(
            "SELECT DISTINCT origin FROM {table} WHERE origin <> '' AND id IN temp.sel_{table}"
        ))?;
        let found = select
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        origins.extend(found);
    }
    for code in origins {
        let known: Option<(String, String, String)> = conn
            .query_row(
                "SELECT name, level, region FROM units WHERE code = ?1",
                [&code],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (name, level, region) =
            known.unwrap_or((code.clone(), "dealer".into(), me.code.clone()));
        file.execute(
            "INSERT OR IGNORE INTO units (code, name, level, region) VALUES (?1, ?2, ?3, ?4)",
            params![code, name, level, region],
        )?;
    }
    Ok(())
}
