//! Reading a month received: the seal, the sender and every record checked, a plan per
//! record, then the plan applied in one transaction.

use super::*;
use crate::domain::signature::Strokes;
use crate::store::bulk::{self, set_search_buffer};
use crate::store::search::SEARCH_INDEXES;

/// A monthly file opened to import: its checked copy and what it says about itself.
struct Incoming {
    envelope: Envelope,
    file: Connection,
    sender: Unit,
    period: Period,
    /// The schema of the sending program's database (this program's or older).
    schema: u32,
    /// The offices whose records the file may carry: the sender, and a region's dealers.
    speaks_for: HashMap<String, Unit>,
}

/// One record's fate in an import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Insert,
    Update(i64),
    Keep,
}

/// The plan for one kind: per row of the file (by rowid), what happens.
struct KindPlan {
    shape: Shape,
    actions: Vec<(i64, Action)>,
    counts: Counts,
}

fn meta(file: &Connection, key: &str) -> Result<Option<String>> {
    file.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .in_file()
}

fn damaged(error: impl std::fmt::Display) -> ExchangeError {
    ExchangeError::Damaged(error.to_string())
}

/// An error met reading the monthly file is the file's, never this database's: it must not
/// read as damage here (which would stop the window writing).
trait InFile<T> {
    fn in_file(self) -> Result<T>;
}

impl<T> InFile<T> for rusqlite::Result<T> {
    fn in_file(self) -> Result<T> {
        self.map_err(|error| match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                damaged(error)
            }
            _ => ExchangeError::BadRecord(error.to_string()),
        })
    }
}

impl Incoming {
    fn open(path: &Path) -> Result<Incoming> {
        Incoming::open_in(path, &std::env::temp_dir())
    }

    /// The monthly file at `path`, its database copied out into `folder` and read there.
    fn open_in(path: &Path, folder: &Path) -> Result<Incoming> {
        let envelope = Envelope::open_in(path, folder)?;
        // Immutable: the copy is this import's alone, and a file whose header asks for a
        // write-ahead log (a hostile one's may) must not leave a -wal and a -shm behind in
        // the temporary folder, which a read-only connection could not remove.
        let file = Connection::open_with_flags(
            crate::store::file_uri(envelope.database.path(), "immutable=1"),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(damaged)?;
        file.execute_batch("PRAGMA cell_size_check = ON; PRAGMA trusted_schema = OFF;")
            .map_err(damaged)?;
        let identity: rusqlite::Result<(i32, u32)> = file.query_row(
            "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        );
        let (application_id, version) = identity.map_err(damaged)?;
        if application_id != APPLICATION_ID {
            return Err(ExchangeError::Foreign(
                "its database is not a monthly file's".to_owned(),
            ));
        }
        let check: String = file
            .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
            .map_err(damaged)?;
        if check != "ok" {
            return Err(ExchangeError::Damaged(check));
        }
        let format = meta(&file, "format")
            .map_err(|_| ExchangeError::Foreign("it has no description of itself".to_owned()))?;
        if format.as_deref() != Some(FORMAT) {
            return Err(ExchangeError::Foreign(format!(
                "it says it is {:?}",
                format.unwrap_or_default()
            )));
        }
        let format_version = meta(&file, "format_version")?.unwrap_or_default();
        let schema = meta(&file, "schema_version")?.unwrap_or_default();
        // A file of an older schema is read (check_columns); a newer one asks for an update.
        let known_schema = schema
            .parse::<u32>()
            .ok()
            .filter(|v| *v <= crate::store::SCHEMA_VERSION);
        let file_schema = match known_schema {
            Some(known)
                if version == FORMAT_VERSION && format_version == FORMAT_VERSION.to_string() =>
            {
                known
            }
            _ => {
                return Err(ExchangeError::Newer {
                    found: format_version,
                    schema,
                });
            }
        };
        let text = |key: &str| -> Result<String> {
            meta(&file, key)?
                .ok_or_else(|| ExchangeError::Foreign(format!("its description lacks {key}")))
        };
        let code = text("sender_code")?;
        let sender = Unit {
            code: parse_unit_code(&code)
                .filter(|c| *c == code)
                .ok_or_else(|| ExchangeError::BadRecord(format!("sender code {code:?}")))?,
            name: text("sender_name")?,
            level: UnitLevel::from_code(&text("sender_level")?).ok_or_else(|| {
                ExchangeError::BadRecord("the sender's level is none of dealer, region, hq".into())
            })?,
            region: text("sender_region")?,
        };
        let period_text = text("period")?;
        let period = Period::parse(&period_text)
            .ok_or_else(|| ExchangeError::BadRecord(format!("period {period_text:?}")))?;
        if text("public_key")? != bundle::hex(&envelope.key) {
            return Err(ExchangeError::BadRecord(
                "the key it names is not the key that signed it".to_owned(),
            ));
        }
        let mut speaks_for = HashMap::new();
        speaks_for.insert(sender.code.clone(), sender.clone());
        if sender.level == UnitLevel::Region {
            let mut select = file
                .prepare("SELECT code, name, level, region FROM units")
                .map_err(|_| ExchangeError::Foreign("it has no list of offices".into()))?;
            let units = select
                .query_map([], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(|e| ExchangeError::BadRecord(format!("the list of offices: {e}")))?;
            for (code, name, level, region) in units {
                if code == sender.code {
                    continue;
                }
                if parse_unit_code(&code).as_deref() != Some(code.as_str())
                    || level != UnitLevel::Dealer.code()
                    || region != sender.code
                {
                    return Err(ExchangeError::BadRecord(format!(
                        "the region's file lists {code:?}, not one of its dealers"
                    )));
                }
                speaks_for.insert(
                    code.clone(),
                    Unit {
                        code,
                        name,
                        level: UnitLevel::Dealer,
                        region,
                    },
                );
            }
        }
        Ok(Incoming {
            envelope,
            file,
            sender,
            period,
            schema: file_schema,
            speaks_for,
        })
    }
}

/// The level's word, for messages.
fn level_word(level: UnitLevel) -> &'static str {
    match level {
        UnitLevel::Dealer => "dealer",
        UnitLevel::Region => "region",
        UnitLevel::Headquarters => "headquarters",
    }
}

/// Whether `receiver` is where a `sender`'s monthly file goes: a dealer's to its region (or to
/// headquarters, which may receive any dealer's directly), a region's to headquarters.
fn check_receiver(sender: &Unit, receiver: &Unit) -> Result<()> {
    let fits = match (sender.level, receiver.level) {
        (UnitLevel::Dealer, UnitLevel::Region) => {
            sender.region.is_empty() || sender.region == receiver.code
        }
        (UnitLevel::Dealer | UnitLevel::Region, UnitLevel::Headquarters) => true,
        _ => false,
    };
    if fits {
        return Ok(());
    }
    let goes_to = match sender.level {
        UnitLevel::Dealer if !sender.region.is_empty() => "its region",
        UnitLevel::Dealer => "a region or headquarters",
        UnitLevel::Region => "headquarters",
        UnitLevel::Headquarters => "no one",
    };
    Err(ExchangeError::WrongReceiver {
        sender: format!("{} ({})", sender.code, sender.name),
        sender_level: level_word(sender.level),
        goes_to,
        level: level_word(receiver.level),
    })
}

impl Store {
    /// Checks the monthly file at `path` through and through and says what importing it would
    /// do; nothing here is changed.
    pub fn plan_import(&self, path: &Path, me: &Unit, progress: Progress) -> Result<ImportPlan> {
        let incoming = Incoming::open(path)?;
        let (plan, _) = self.plan(&incoming, me, progress)?;
        Ok(plan)
    }

    /// Imports the monthly file at `path`: checks it whole as [`Store::plan_import`] does,
    /// then applies the plan in one transaction, or nothing. A sender never accepted here is
    /// refused unless `trust_new_sender` (its key is then kept); the same file again changes
    /// nothing.
    pub fn import_month(
        &self,
        path: &Path,
        me: &Unit,
        trust_new_sender: bool,
        now: NaiveDateTime,
        progress: Progress,
    ) -> Result<ImportPlan> {
        let incoming = Incoming::open(path)?;
        let (plan, kinds) = self.plan(&incoming, me, progress)?;
        if plan.already_imported.is_some() {
            return Ok(plan);
        }
        if plan.new_sender && !trust_new_sender {
            return Err(ExchangeError::NewSender {
                code: plan.sender.code.clone(),
                name: plan.sender.name.clone(),
                fingerprint: plan.fingerprint.clone(),
            });
        }
        let operator = format!(
            "{} (monthly file {} {})",
            self.writer(),
            plan.sender.code,
            plan.period
        );
        let clerk = self.writer();
        self.writer.set(&operator);
        // The plan's own errors (a record that breaks a rule) leave the transaction as they
        // are; the database's go through the one way every write fails.
        let mut refused = None;
        // The commit does not also copy the month from the write-ahead log into the file (a
        // second write of everything): that waits for [`Store::checkpoint`], run once the
        // outcome is shown. The month is safe on disk either way once committed.
        self.conn.execute_batch("PRAGMA wal_autocheckpoint = 0")?;
        let applied = self.write(|conn| {
            // A month's records go into every index of every table: a larger page cache for
            // the transaction spares reading back pages it has just written.
            let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
            conn.execute_batch(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))?;
            let applied = apply(conn, &incoming, me, &kinds, &plan, now, &clerk, progress);
            conn.execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
            applied.map_err(|e| match e {
                ExchangeError::Store(e) => e,
                other => {
                    let text = other.to_string();
                    refused = Some(other);
                    StoreError::BadRow(text)
                }
            })
        });
        self.writer.set(&clerk);
        self.conn.execute_batch(&format!(
            "PRAGMA wal_autocheckpoint = {}",
            crate::store::upkeep::WAL_AUTOCHECKPOINT_PAGES
        ))?;
        match (applied, refused) {
            (Ok(()), _) => {}
            (Err(_), Some(refused)) => return Err(refused),
            (Err(error), None) => return Err(ExchangeError::Store(error)),
        }
        Ok(plan)
    }

    fn plan(
        &self,
        incoming: &Incoming,
        me: &Unit,
        progress: Progress,
    ) -> Result<(ImportPlan, Vec<KindPlan>)> {
        if me.code.is_empty() {
            return Err(ExchangeError::NoOfficeCode);
        }
        let sender = &incoming.sender;
        if sender.code == me.code {
            return Err(ExchangeError::OwnFile(me.code.clone()));
        }
        check_receiver(sender, me)?;
        let conn = &self.conn;
        let fingerprint = bundle::fingerprint(&incoming.envelope.key);
        let known: Option<Option<String>> = conn
            .query_row(
                "SELECT public_key FROM units WHERE code = ?1",
                [&sender.code],
                |r| r.get(0),
            )
            .optional()?;
        let new_sender = match known.flatten() {
            Some(key) if key == bundle::hex(&incoming.envelope.key) => false,
            Some(key) => {
                return Err(ExchangeError::KeyMismatch {
                    code: sender.code.clone(),
                    known: bundle::unhex(&key)
                        .and_then(|k| <[u8; 32]>::try_from(k).ok())
                        .map(|k| bundle::fingerprint(&k))
                        .unwrap_or(key),
                    found: fingerprint,
                });
            }
            None => true,
        };
        let already_imported: Option<String> = conn
            .query_row(
                "SELECT at FROM exchanges WHERE direction = 'received' AND file_sha256 = ?1",
                [&incoming.envelope.sha256],
                |r| r.get(0),
            )
            .optional()?;
        let kinds = self.plan_records(incoming, me, progress)?;
        let mut counts: Vec<(&'static str, Counts)> =
            kinds.iter().map(|k| (k.shape.table, k.counts)).collect();
        if already_imported.is_some() {
            // Nothing is done again: everything in it is as it was brought in.
            for (_, c) in &mut counts {
                *c = Counts {
                    unchanged: c.total(),
                    ..Counts::default()
                };
            }
        }
        Ok((
            ImportPlan {
                sender: sender.clone(),
                period: incoming.period,
                fingerprint,
                new_sender,
                counts,
                already_imported,
                sha256: incoming.envelope.sha256.clone(),
            },
            kinds,
        ))
    }

    /// Reads every record of the file, checks it, and decides its fate here.
    fn plan_records(
        &self,
        incoming: &Incoming,
        me: &Unit,
        progress: Progress,
    ) -> Result<Vec<KindPlan>> {
        let conn = &self.conn;
        let file = &incoming.file;
        let mut total = 0u64;
        let mut shapes = Vec::new();
        for kind in &KINDS {
            let mut shape = Shape::of(conn, kind.table, kind.references)?;
            check_columns(file, &mut shape, incoming.schema)?;
            total += count(file, &format!("SELECT count(*) FROM {}", kind.table)).in_file()?;
            shapes.push(shape);
        }
        let mut parts = Shape::parts(conn)?;
        check_columns(file, &mut parts, incoming.schema)?;
        let mut done = 0u64;
        let mut plans: Vec<KindPlan> = Vec::new();
        // The identities each kind's records have in the file.
        let mut in_file: HashMap<&str, HashSet<String>> = HashMap::new();
        for (kind, shape) in KINDS.iter().zip(shapes) {
            let uuids = file_uuids(file, kind.table)?;
            in_file.insert(kind.table, uuids);
            let plan = plan_kind(
                conn, incoming, me, kind, shape, &in_file, &mut done, total, progress,
            )?;
            plans.push(plan);
        }
        let parts_plan = plan_parts(file, parts, &plans)?;
        plans.push(parts_plan);
        check_audit(file, &in_file)?;
        Ok(plans)
    }
}

/// The file's table for `shape` has exactly the columns this program writes, but for those
/// added since `file_schema` (the sending program's), which an older program's file lacks:
/// `shape` notes them, to be read as the value an upgrade gives old records. A kind added
/// since (signatures) is read from an older program's file as an empty table of its own,
/// made beside the file (in its connection's temporary schema; the file is not changed).
fn check_columns(file: &Connection, shape: &mut Shape, file_schema: u32) -> Result<()> {
    let mut found: HashSet<String> = columns(file, shape.table).in_file()?.into_iter().collect();
    let added_since = ADDED_KINDS
        .iter()
        .any(|added| added.table == shape.table && file_schema < added.schema);
    if found.is_empty() && added_since {
        let columns = shape.file_columns();
        file.execute_batch(&format!(
            "CREATE TEMP TABLE {} ({})",
            shape.table,
            columns.join(", ")
        ))
        .in_file()?;
        found = columns.into_iter().collect();
    }
    if found.is_empty() {
        return Err(ExchangeError::Foreign(format!(
            "it has no table {}",
            shape.table
        )));
    }
    let missing: Vec<(String, &'static str)> = ADDED_COLUMNS
        .iter()
        .filter(|added| {
            added.table == shape.table
                && file_schema < added.schema
                && !found.contains(added.column)
        })
        .map(|added| (added.column.to_owned(), added.value))
        .collect();
    let wanted: HashSet<String> = shape
        .file_columns()
        .into_iter()
        .filter(|column| !missing.iter().any(|(name, _)| name == column))
        .collect();
    shape.missing_in_file = missing;
    if found != wanted {
        return Err(ExchangeError::Foreign(format!(
            "its table {} has other columns than this program's",
            shape.table
        )));
    }
    Ok(())
}

/// Every identity in the file's `table`, each a well-formed UUID held by one record only.
fn file_uuids(file: &Connection, table: &str) -> Result<HashSet<String>> {
    let mut select = file
        .prepare(&format!("SELECT uuid FROM {table}"))
        .in_file()?;
    let mut rows = select.query([]).in_file()?;
    let mut uuids = HashSet::new();
    while let Some(row) = rows.next().in_file()? {
        let uuid = match row.get_ref(0).in_file()? {
            rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t).ok().map(str::to_owned),
            _ => None,
        }
        .filter(|t| uuid::Uuid::parse_str(t).is_ok())
        .ok_or_else(|| {
            ExchangeError::BadRecord(format!("a record in {table} has no valid identity"))
        })?;
        if !uuids.insert(uuid.clone()) {
            return Err(ExchangeError::BadRecord(format!(
                "two records in {table} share the identity {uuid}"
            )));
        }
    }
    Ok(uuids)
}

/// A record as read from the file: its own columns' values, then its references' UUIDs.
fn read_values(row: &rusqlite::Row, width: usize) -> rusqlite::Result<Vec<Value>> {
    (0..width).map(|i| row.get::<_, Value>(i)).collect()
}

fn text_of(value: &Value) -> Option<&str> {
    match value {
        Value::Text(t) => Some(t),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn plan_kind(
    conn: &Connection,
    incoming: &Incoming,
    me: &Unit,
    kind: &Kind,
    shape: Shape,
    in_file: &HashMap<&str, HashSet<String>>,
    done: &mut u64,
    total: u64,
    progress: Progress,
) -> Result<KindPlan> {
    let table = kind.table;
    let file_columns = shape.file_columns();
    let width = file_columns.len();
    let at = |name: &str| file_columns.iter().position(|c| c == name);
    let uuid_at =
        at("uuid").ok_or_else(|| ExchangeError::Foreign(format!("{table} has no uuid")))?;
    let origin_at = at("origin");
    let revision_at = at("revision");
    let number_at = kind.number.and_then(at);
    let mut select = incoming
        .file
        .prepare(&format!(
            "SELECT {}, rowid FROM {table} ORDER BY rowid",
            shape.select_in_file()
        ))
        .in_file()?;
    let changed_here = format!(
        "coalesce({})",
        kind.changed
            .iter()
            .map(|c| format!("t.{c}"))
            .chain(["NULL".to_owned()])
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut local = conn.prepare(&format!(
        "SELECT {}, t.id, {changed_here} FROM {table} t WHERE t.uuid = ?2",
        shape.select_here("t"),
    ))?;
    let mut by_number = number_at
        .map(|_| {
            conn.prepare(&format!(
                "SELECT uuid FROM {table} WHERE origin = ?1 AND {} = ?2",
                kind.number.unwrap_or_default()
            ))
        })
        .transpose()?;
    let mut customer_by_name = (table == "customers")
        .then(|| {
            conn.prepare(
                "SELECT uuid FROM customers WHERE origin = ?1 AND name = ?2 AND phone = ?3",
            )
        })
        .transpose()?;
    // The office of a referred record already here ('' for this office's own).
    let mut office_here = HashMap::new();
    for (_, referred, _) in &shape.references {
        office_here.insert(
            *referred,
            conn.prepare(&format!("SELECT origin FROM {referred} WHERE uuid = ?1"))?,
        );
    }
    // A record under a case voided here is not changed by the file: a void is final.
    let case_voided_sql = match shape.references.first() {
        Some((_, "complaints", _)) => {
            Some("SELECT voided_at IS NOT NULL FROM complaints WHERE uuid = ?1")
        }
        Some((_, "investigations", _)) => Some(
            "SELECT c.voided_at IS NOT NULL FROM investigations i JOIN complaints c ON c.id = i.complaint_id WHERE i.uuid = ?1",
        ),
        _ => None,
    };
    let mut case_voided = case_voided_sql.map(|sql| conn.prepare(sql)).transpose()?;
    let mut rows = select.query([]).in_file()?;
    let mut actions = Vec::new();
    let mut counts = Counts::default();
    while let Some(row) = rows.next().in_file()? {
        let values = read_values(row, width).in_file()?;
        let rowid: i64 = row.get(width).in_file()?;
        let uuid = text_of(&values[uuid_at]).unwrap_or_default().to_owned();
        // The office: its own for a record that names one, its parent's for the others.
        let origin = match origin_at {
            Some(i) => text_of(&values[i]).map(str::to_owned).ok_or_else(|| {
                ExchangeError::BadRecord(format!("{table} {uuid} names no office"))
            })?,
            None => incoming.sender.code.clone(),
        };
        if origin_at.is_some() && !incoming.speaks_for.contains_key(&origin) {
            return Err(ExchangeError::BadRecord(format!(
                "{table} {uuid} belongs to {origin}, for which {} does not speak",
                incoming.sender.code
            )));
        }
        // Every reference is to a record in the file, or to one already here that belongs to
        // an office the sender speaks for: a file never hangs a step, a photo or a card on
        // another office's record (nor on this office's own).
        for (i, (_, referred, file_column)) in shape.references.iter().enumerate() {
            let value = &values[shape.own.len() + i];
            let Some(target) = text_of(value) else {
                if matches!(value, Value::Null) {
                    continue;
                }
                return Err(ExchangeError::BadRecord(format!(
                    "{table} {uuid}: {file_column} is not an identity"
                )));
            };
            if in_file.get(referred).is_some_and(|s| s.contains(target)) {
                continue;
            }
            let office: Option<String> = match office_here.get_mut(referred) {
                Some(statement) => statement.query_row([target], |r| r.get(0)).optional()?,
                None => None,
            };
            match office {
                None => {
                    return Err(ExchangeError::BadRecord(format!(
                        "{table} {uuid} refers to {referred} {target}, which is neither in the file nor here"
                    )));
                }
                Some(office) if !incoming.speaks_for.contains_key(&office) => {
                    let whose = if office.is_empty() {
                        me.code.clone()
                    } else {
                        office
                    };
                    return Err(ExchangeError::BadRecord(format!(
                        "{table} {uuid} refers to {referred} {target}, which belongs to {whose}, for which {} does not speak",
                        incoming.sender.code
                    )));
                }
                Some(_) => {}
            }
        }
        if let Some(problem) = evidence_problem(table, &file_columns, &values) {
            return Err(ExchangeError::BadRecord(format!(
                "{table} {uuid}: {problem}"
            )));
        }
        let here: Option<(Vec<Value>, i64, Option<String>)> = local
            .query_row(params![me.code, uuid], |r| {
                Ok((read_values(r, width)?, r.get(width)?, r.get(width + 1)?))
            })
            .optional()?;
        let parent_voided = match case_voided.as_mut() {
            Some(statement) => statement
                .query_row([&values[shape.own.len()]], |r| r.get::<_, bool>(0))
                .optional()?
                .unwrap_or(false),
            None => false,
        };
        let action = match here {
            _ if parent_voided => {
                counts.conflicting += 1;
                Action::Keep
            }
            None => {
                // A number is an office's own: taken there by another record, it clashes.
                if let (Some(i), Some(select)) = (number_at, by_number.as_mut()) {
                    let number = text_of(&values[i]).unwrap_or_default();
                    let stored_origin = if origin == me.code {
                        ""
                    } else {
                        origin.as_str()
                    };
                    let other: Option<String> = select
                        .query_row(params![stored_origin, number], |r| r.get(0))
                        .optional()?;
                    if other.is_some() {
                        return Err(ExchangeError::BadRecord(format!(
                            "{number} of {origin} is already here as another record"
                        )));
                    }
                }
                if let Some(select) = customer_by_name.as_mut() {
                    let (name, phone) = (
                        at("name").map(|i| values[i].clone()),
                        at("phone").map(|i| values[i].clone()),
                    );
                    let stored_origin = if origin == me.code {
                        ""
                    } else {
                        origin.as_str()
                    };
                    let other: Option<String> = select
                        .query_row(
                            params![
                                stored_origin,
                                name.unwrap_or(Value::Null),
                                phone.unwrap_or(Value::Null)
                            ],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if other.is_some() {
                        return Err(ExchangeError::BadRecord(format!(
                            "customer {uuid} of {origin} is already here under another identity"
                        )));
                    }
                }
                counts.new += 1;
                Action::Insert
            }
            Some((stored, id, stored_changed)) => {
                if let Some(i) = origin_at
                    && stored[i] != values[i]
                {
                    return Err(ExchangeError::BadRecord(format!(
                        "{table} {uuid} belongs here to another office"
                    )));
                }
                let same = stored
                    .iter()
                    .zip(&values)
                    .enumerate()
                    .all(|(i, (a, b))| Some(i) == revision_at || a == b);
                let voided_here = at("voided_at").is_some_and(|i| stored[i] != Value::Null);
                let incoming_changed = file_changed(kind, &file_columns, &values);
                if same {
                    counts.unchanged += 1;
                    Action::Keep
                } else if kind.fixed || voided_here || incoming_changed <= stored_changed {
                    counts.conflicting += 1;
                    Action::Keep
                } else {
                    counts.updated += 1;
                    Action::Update(id)
                }
            }
        };
        actions.push((rowid, action));
        *done += 1;
        if (*done).is_multiple_of(2000) {
            progress(*done, total);
        }
    }
    Ok(KindPlan {
        shape,
        actions,
        counts,
    })
}

/// What is wrong with a piece of evidence from the file, read before anything is written: a
/// signature's strokes must be a signature ([`Strokes::parse`], within its limits), a signed
/// page's picture a PNG of the size the record says, no larger than a page is kept.
fn evidence_problem(table: &str, columns: &[String], values: &[Value]) -> Option<String> {
    let value = |name: &str| columns.iter().position(|c| c == name).map(|i| &values[i]);
    match table {
        "signatures" => match value("strokes").and_then(text_of) {
            Some(strokes) => Strokes::parse(strokes).err().map(|e| e.to_string()),
            None => Some("no strokes".to_owned()),
        },
        "signed_pages" => {
            let Some(Value::Blob(png)) = value("png") else {
                return Some("no picture of the page".to_owned());
            };
            let said = match (value("width"), value("height")) {
                (Some(Value::Integer(w)), Some(Value::Integer(h))) => (*w, *h),
                _ => return Some("no size of the page".to_owned()),
            };
            let read = image::ImageReader::with_format(
                std::io::Cursor::new(png.as_slice()),
                image::ImageFormat::Png,
            )
            .into_dimensions();
            match read {
                Ok((w, h)) if (i64::from(w), i64::from(h)) != said => {
                    Some(format!("its picture is {w} × {h}, not as the record says"))
                }
                Ok((w, h)) if w.max(h) > crate::scan::KEPT_LONG_SIDE => Some(format!(
                    "its picture is {w} × {h}, larger than a page is kept"
                )),
                Ok(_) => None,
                Err(_) => Some("its picture is not a PNG".to_owned()),
            }
        }
        _ => None,
    }
}

/// When the file's version of a record last changed, by the kind's rule.
fn file_changed(kind: &Kind, columns: &[String], values: &[Value]) -> Option<String> {
    kind.changed.iter().find_map(|name| {
        columns
            .iter()
            .position(|c| c == name)
            .and_then(|i| text_of(&values[i]).map(str::to_owned))
    })
}

/// The parts of each confirmation applied from the file are the file's; the others' are not
/// touched.
fn plan_parts(file: &Connection, shape: Shape, plans: &[KindPlan]) -> Result<KindPlan> {
    let confirmations = plans
        .iter()
        .find(|p| p.shape.table == "confirmations")
        .map(|p| &p.actions);
    let parents: HashMap<i64, Action> = confirmations.into_iter().flatten().copied().collect();
    let mut select = file
        .prepare(
            "SELECT p.rowid, c.rowid, p.confirmation_uuid, p.position FROM confirmation_parts p
           LEFT JOIN confirmations c ON c.uuid = p.confirmation_uuid",
        )
        .in_file()?;
    let mut rows = select.query([]).in_file()?;
    let mut actions = Vec::new();
    let mut counts = Counts::default();
    let mut seen = HashSet::new();
    while let Some(row) = rows.next().in_file()? {
        let rowid: i64 = row.get(0).in_file()?;
        let parent: Option<i64> = row.get(1).in_file()?;
        let uuid: Value = row.get(2).in_file()?;
        let position: Value = row.get(3).in_file()?;
        let Some(parent) = parent else {
            return Err(ExchangeError::BadRecord(
                "a part belongs to no confirmation in the file".to_owned(),
            ));
        };
        if !seen.insert((parent, format!("{position:?}"))) {
            return Err(ExchangeError::BadRecord(format!(
                "two parts share a position in confirmation {}",
                text_of(&uuid).unwrap_or_default()
            )));
        }
        match parents.get(&parent) {
            Some(Action::Insert) => counts.new += 1,
            Some(Action::Update(_)) => counts.updated += 1,
            _ => counts.unchanged += 1,
        }
        let applied = parents.get(&parent).is_some_and(|a| *a != Action::Keep);
        actions.push((
            rowid,
            if applied {
                Action::Insert
            } else {
                Action::Keep
            },
        ));
    }
    Ok(KindPlan {
        shape,
        actions,
        counts,
    })
}

/// Every audit entry in the file is of a record in the file.
fn check_audit(file: &Connection, in_file: &HashMap<&str, HashSet<String>>) -> Result<()> {
    let mut select = file
        .prepare("SELECT table_name, record_uuid, action FROM audit_log")
        .in_file()?;
    let mut rows = select.query([]).in_file()?;
    while let Some(row) = rows.next().in_file()? {
        let table: Value = row.get(0).in_file()?;
        let uuid: Value = row.get(1).in_file()?;
        let action: Value = row.get(2).in_file()?;
        let known = text_of(&table)
            .and_then(|t| in_file.get(t))
            .zip(text_of(&uuid))
            .is_some_and(|(set, uuid)| set.contains(uuid));
        let action_ok = matches!(text_of(&action), Some("insert" | "update" | "delete"));
        if !known || !action_ok {
            return Err(ExchangeError::BadRecord(
                "an audit-trail entry is of no record in the file".to_owned(),
            ));
        }
    }
    Ok(())
}

/// The page cache of an import's transaction, in KiB (SQLite's default is 2,000).
const IMPORT_CACHE_KIB: i64 = 64 * 1024;
/// The search index's pending entries during an import, and SQLite's default otherwise.
const IMPORT_SEARCH_PENDING_BYTES: i64 = 64 * 1024 * 1024;
const SEARCH_PENDING_BYTES: i64 = 1024 * 1024;

/// Applies the plan inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
fn apply(
    conn: &Connection,
    incoming: &Incoming,
    me: &Unit,
    kinds: &[KindPlan],
    plan: &ImportPlan,
    now: NaiveDateTime,
    clerk: &str,
    progress: Progress,
) -> Result<()> {
    let file = &incoming.file;
    let total: u64 = kinds.iter().map(|k| k.actions.len() as u64).sum();
    let mut done = 0u64;
    let mut voids: Vec<(&str, Value, Value, Value)> = Vec::new();
    // The offices: the sender with its key (accepted now if new), the dealers it speaks for.
    let stamp = now.format(TIMESTAMP).to_string();
    for unit in incoming.speaks_for.values() {
        conn.execute(
            "INSERT INTO units (code, name, level, region, first_seen_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, region = excluded.region",
            params![unit.code, unit.name, unit.level.code(), unit.region, stamp],
        )?;
    }
    if plan.new_sender {
        conn.execute(
            "UPDATE units SET public_key = ?2, accepted_at = ?3, accepted_by = ?4 WHERE code = ?1",
            params![
                incoming.sender.code,
                bundle::hex(&incoming.envelope.key),
                stamp,
                clerk
            ],
        )?;
    }
    // The search index keeps new entries in memory until this much is pending, then writes
    // them as one segment: the default (1 MiB) would write a month as dozens of segments and
    // merge them again and again. Back to the default once the records are in.
    for index in SEARCH_INDEXES {
        set_search_buffer(conn, index, IMPORT_SEARCH_PENDING_BYTES)?;
    }
    for kind in kinds {
        let shape = &kind.shape;
        let table = shape.table;
        let file_columns = shape.file_columns();
        let own = &shape.own;
        let width = file_columns.len();
        // Columns written: the own ones (origin back to '' for this office) and the
        // references as row numbers here.
        let written: Vec<&str> = own
            .iter()
            .map(String::as_str)
            .chain(shape.references.iter().map(|(c, _, _)| *c))
            .collect();
        let placeholders = |from: usize| {
            (from..from + written.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
        };
        let mut insert = conn.prepare(&format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            written.join(", "),
            placeholders(1).join(", ")
        ))?;
        let assignments = written
            .iter()
            .zip(placeholders(2))
            .filter(|(c, _)| **c != "revision")
            .map(|(c, p)| format!("{c} = {p}"))
            .chain(
                own.iter()
                    .any(|c| c == "revision")
                    .then(|| "revision = revision + 1".to_owned()),
            )
            .collect::<Vec<_>>()
            .join(", ");
        let mut update =
            conn.prepare(&format!("UPDATE {table} SET {assignments} WHERE id = ?1"))?;
        // Rows are staged and written with one statement per kind: the search index (FTS5)
        // writes its pending entries at the end of every statement that changes it, so a row
        // per statement is several times slower. A kind that refers to itself (a contract
        // renewing another in the same file) is written row by row, in order.
        let batched = !shape
            .references
            .iter()
            .any(|(_, referred, _)| *referred == table);
        let mut stage = if batched {
            conn.execute_batch(&format!(
                "DROP TABLE IF EXISTS temp.import_rows; CREATE TEMP TABLE import_rows (local_id INTEGER, {});",
                written.join(", ")
            ))?;
            Some(conn.prepare(&format!(
                "INSERT INTO temp.import_rows (local_id, {}) VALUES (?1, {})",
                written.join(", "),
                placeholders(2).join(", ")
            ))?)
        } else {
            None
        };
        let mut ids = HashMap::new();
        for (_, referred, _) in &shape.references {
            ids.insert(
                *referred,
                conn.prepare(&format!("SELECT id FROM {referred} WHERE uuid = ?1"))?,
            );
        }
        let origin_at = own.iter().position(|c| c == "origin");
        let void_at = own.iter().position(|c| c == "voided_at");
        let reason_at = own.iter().position(|c| c == "void_reason");
        let uuid_at = own.iter().position(|c| c == "uuid");
        if table == PARTS {
            // Parts are read by row, as their confirmations' positions need them.
            let mut read = file
                .prepare(&format!(
                    "SELECT {} FROM {table} WHERE rowid = ?1",
                    shape.select_in_file()
                ))
                .in_file()?;
            apply_parts(conn, kind, &mut read, width)?;
            done += kind.actions.len() as u64;
            continue;
        }
        let mut in_order = file
            .prepare(&format!(
                "SELECT {}, rowid FROM {table} ORDER BY rowid",
                shape.select_in_file()
            ))
            .in_file()?;
        let mut rows = in_order.query([]).in_file()?;
        for (rowid, action) in &kind.actions {
            done += 1;
            if done.is_multiple_of(2000) {
                progress(done, total);
            }
            if *action == Action::Keep {
                continue;
            }
            // The plan's actions are in rowid order, as the file's rows are read here.
            let mut values = loop {
                let Some(row) = rows.next().in_file()? else {
                    return Err(ExchangeError::BadRecord(format!(
                        "{table}: a record planned for is no longer in the file"
                    )));
                };
                if row.get::<_, i64>(width).in_file()? == *rowid {
                    break read_values(row, width).in_file()?;
                }
            };
            if let Some(i) = origin_at
                && text_of(&values[i]) == Some(me.code.as_str())
            {
                values[i] = Value::Text(String::new());
            }
            // A void is written last, once everything under the record is in.
            if let (Some(v), Some(r), Some(u)) = (void_at, reason_at, uuid_at)
                && values[v] != Value::Null
            {
                voids.push((
                    table,
                    values[u].clone(),
                    values[v].clone(),
                    values[r].clone(),
                ));
                values[v] = Value::Null;
                values[r] = Value::Null;
            }
            for (i, (_, referred, _)) in shape.references.iter().enumerate() {
                let at = own.len() + i;
                if let Some(uuid) = text_of(&values[at]).map(str::to_owned) {
                    let statement = ids.get_mut(referred).expect("prepared per reference");
                    values[at] = Value::Integer(statement.query_row([uuid], |r| r.get(0))?);
                }
            }
            let written = match (action, stage.as_mut()) {
                (Action::Keep, _) => Ok(0),
                (Action::Insert, Some(stage)) => {
                    let mut all = vec![Value::Null];
                    all.extend(values);
                    stage.execute(rusqlite::params_from_iter(all))
                }
                (Action::Update(id), Some(stage)) => {
                    let mut all = vec![Value::Integer(*id)];
                    all.extend(values);
                    stage.execute(rusqlite::params_from_iter(all))
                }
                (Action::Insert, None) => insert.execute(rusqlite::params_from_iter(values)),
                (Action::Update(id), None) => {
                    let mut all = vec![Value::Integer(*id)];
                    all.extend(values);
                    update.execute(rusqlite::params_from_iter(all))
                }
            };
            written.map_err(|error| rule_broken(table, error))?;
        }
        if let Some(stage) = stage {
            drop(stage);
            let columns = written.join(", ");
            let changed: Vec<&str> = written
                .iter()
                .copied()
                .filter(|c| *c != "revision")
                .collect();
            let revision = if own.iter().any(|c| c == "revision") {
                ", revision = revision + 1"
            } else {
                ""
            };
            // New records with their triggers' work done once for all of them; changed ones
            // through the triggers (each change is its own audit entry).
            bulk::insert(
                conn,
                table,
                &format!(
                    "INSERT INTO {table} ({columns}) SELECT {columns} FROM temp.import_rows WHERE local_id IS NULL ORDER BY rowid"
                ),
                [],
            )
            .map_err(|error| match error {
                StoreError::Sqlite(error) => rule_broken(table, error),
                other => ExchangeError::Store(other),
            })?;
            conn.execute_batch(&format!(
                "UPDATE {table} SET ({changed}) = (SELECT {changed} FROM temp.import_rows s WHERE s.local_id = {table}.id){revision}
                  WHERE id IN (SELECT local_id FROM temp.import_rows WHERE local_id IS NOT NULL);
                 DROP TABLE temp.import_rows;",
                changed = changed.join(", ")
            ))
            .map_err(|error| rule_broken(table, error))?;
        }
    }
    for (table, uuid, at, reason) in voids {
        conn.execute(
            &format!("UPDATE {table} SET voided_at = ?2, void_reason = ?3 WHERE uuid = ?1"),
            params![uuid, at, reason],
        )?;
    }
    for index in SEARCH_INDEXES {
        set_search_buffer(conn, index, SEARCH_PENDING_BYTES)?;
    }
    import_audit(conn, file)?;
    conn.execute(
        "INSERT INTO exchanges (direction, unit_code, period, at, file_sha256, records, operator)
         VALUES ('received', ?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            incoming.sender.code,
            incoming.period.to_string(),
            stamp,
            incoming.envelope.sha256,
            plan.records() as i64,
            clerk
        ],
    )?;
    progress(total, total);
    Ok(())
}

/// A record the tables refuse (a check, a missing value, a type) breaks a rule of the file's;
/// anything else is the database's.
fn rule_broken(table: &str, error: rusqlite::Error) -> ExchangeError {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) if !error.to_string().contains("voided") => {
            ExchangeError::BadRecord(format!("{table}: {error}"))
        }
        _ => ExchangeError::Store(error.into()),
    }
}

/// A confirmation's parts become the file's: each position written, the positions past the
/// file's last removed.
fn apply_parts(
    conn: &Connection,
    kind: &KindPlan,
    read: &mut rusqlite::Statement,
    width: usize,
) -> Result<()> {
    let shape = &kind.shape;
    let own = &shape.own;
    let position_at = own.iter().position(|c| c == "position").unwrap_or(0);
    let mut last: HashMap<i64, i64> = HashMap::new();
    let assignments = own
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    let mut upsert = conn.prepare(&format!(
        "INSERT INTO confirmation_parts (confirmation_id, {}) VALUES (?1, {})
         ON CONFLICT (confirmation_id, position) DO UPDATE SET {assignments}",
        own.join(", "),
        (2..own.len() + 2)
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))?;
    let mut parent = conn.prepare("SELECT id FROM confirmations WHERE uuid = ?1")?;
    for (rowid, action) in &kind.actions {
        if *action == Action::Keep {
            continue;
        }
        let values = read
            .query_row([rowid], |r| read_values(r, width))
            .in_file()?;
        let uuid = text_of(&values[own.len()]).unwrap_or_default().to_owned();
        let id: i64 = parent.query_row([uuid], |r| r.get(0))?;
        let position = match values[position_at] {
            Value::Integer(p) => p,
            _ => {
                return Err(ExchangeError::BadRecord(
                    "a part's position is not a number".to_owned(),
                ));
            }
        };
        let mut all = vec![Value::Integer(id)];
        all.extend(values.into_iter().take(own.len()));
        upsert
            .execute(rusqlite::params_from_iter(all))
            .map_err(|error| rule_broken(PARTS, error))?;
        let entry = last.entry(id).or_insert(position);
        *entry = (*entry).max(position);
    }
    // Confirmations applied with no parts in the file lose theirs; the others keep only the
    // file's positions.
    for (id, position) in last {
        conn.execute(
            "DELETE FROM confirmation_parts WHERE confirmation_id = ?1 AND position > ?2",
            params![id, position],
        )?;
    }
    Ok(())
}

/// The sender's audit-trail entries, each kept once: the history of a record as it was
/// written where it was made.
fn import_audit(conn: &Connection, file: &Connection) -> Result<()> {
    let mut select = file.prepare(
        "SELECT table_name, record_uuid, at, operator, action, field, old_value, new_value FROM audit_log",
    ).in_file()?;
    let mut rows = select.query([]).in_file()?;
    let mut ids: HashMap<String, rusqlite::Statement> = HashMap::new();
    let mut exists = conn.prepare(
        "SELECT 1 FROM audit_log WHERE table_name = ?1 AND record_id = ?2 AND at = ?3 AND operator = ?4
            AND action = ?5 AND field IS ?6 AND old_value IS ?7 AND new_value IS ?8",
    )?;
    let mut insert = conn.prepare(
        "INSERT INTO audit_log (table_name, record_id, at, operator, action, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    while let Some(row) = rows.next().in_file()? {
        let values = read_values(row, 8).in_file()?;
        let table = text_of(&values[0]).unwrap_or_default().to_owned();
        if !KINDS.iter().any(|k| k.table == table) {
            continue;
        }
        if !ids.contains_key(&table) {
            ids.insert(
                table.clone(),
                conn.prepare(&format!("SELECT id FROM {table} WHERE uuid = ?1"))?,
            );
        }
        let statement = ids.get_mut(&table).expect("just prepared");
        let Some(id) = statement
            .query_row([&values[1]], |r| r.get::<_, i64>(0))
            .optional()?
        else {
            continue;
        };
        let mut entry = values;
        entry[1] = Value::Integer(id);
        if !exists.exists(rusqlite::params_from_iter(entry.iter()))? {
            insert.execute(rusqlite::params_from_iter(entry))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file in `folder`, by name.
    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_monthly_file_whose_database_asks_for_a_log_leaves_nothing_in_the_temporary_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hostile.asmf");
        let wal = Connection::open(&path).unwrap();
        wal.execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);",
        )
        .unwrap();
        drop(wal);
        let header = std::fs::read(&path).unwrap();
        assert_eq!(
            header[18..20],
            [2, 2],
            "the database asks for a write-ahead log"
        );
        let key = bundle::load_or_make_key(&dir.path().join("key")).unwrap();
        bundle::seal(&path, &key).unwrap();
        let temporary = tempfile::tempdir().unwrap();
        // Signed, so it is opened and read; it is not a monthly file's database.
        let refused = Incoming::open_in(&path, temporary.path()).err().unwrap();
        assert!(matches!(refused, ExchangeError::Foreign(_)), "{refused:?}");
        assert_eq!(names(temporary.path()), Vec::<String>::new());
    }
}
