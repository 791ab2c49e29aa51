//! The embedded database: opening the one SQLite file safely (read-only where it cannot be
//! written, refused when damaged, newer or foreign), its schema migrations, the one way every
//! change is written ([`Store::write`]), settings and drafts. Each form's rows live in a file of
//! their own beside this one; the file on disk is `file`, copies are `backup`, the
//! tamper-evident trail is `trail`.

pub mod audit;
pub mod backup;
mod bulk;
pub mod bundle;
pub mod case;
pub mod case_steps;
pub mod complaint;
pub mod confirmation;
pub mod contract;
pub mod customer;
pub mod exchange;
pub mod file;
pub mod investigation;
mod rebuild;
pub mod repair;
pub mod report;
pub mod retention;
pub mod return_visit;
pub mod search;
pub mod signature;
pub mod signed_page;
mod sql;
pub mod trail;
pub mod upkeep;
pub mod warranty_card;

use std::cell::Cell;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::domain::settings::Settings;
use thiserror::Error;

/// `PRAGMA application_id` of our files ("ASDK"), so a foreign SQLite file is recognised.
pub const APPLICATION_ID: i32 = 0x4153_444B;

/// One step of the schema.
enum Migration {
    Sql(&'static str),
    /// SQL, then a step in Rust inside the same transaction.
    SqlThen(&'static str, fn(&Connection) -> Result<()>),
    /// As `SqlThen`, with the connection's foreign keys off around the transaction: the step
    /// rebuilds tables others refer to ([`rebuild::rebuild_tables`]).
    Rebuild(&'static str, fn(&Connection) -> Result<()>),
}

impl Migration {
    /// The step's SQL.
    fn sql(&self) -> &'static str {
        match self {
            Migration::Sql(sql) | Migration::SqlThen(sql, _) | Migration::Rebuild(sql, _) => sql,
        }
    }
}

/// The schema, one step per entry, applied in order and never edited once released:
/// entry `n` takes the file from `user_version` n to n + 1.
const MIGRATIONS: &[Migration] = &[
    Migration::Sql(include_str!("migrations/001_warranty_cards.sql")),
    Migration::Sql(include_str!("migrations/002_complaints.sql")),
    Migration::Sql(include_str!(
        "migrations/003_investigations_confirmations.sql"
    )),
    Migration::Sql(include_str!("migrations/004_customers.sql")),
    Migration::Sql(include_str!("migrations/005_search.sql")),
    Migration::Sql(include_str!("migrations/006_permanent_records.sql")),
    Migration::Sql(include_str!("migrations/007_audit_trail.sql")),
    Migration::Sql(include_str!("migrations/008_void.sql")),
    Migration::Sql(include_str!("migrations/009_case_steps.sql")),
    Migration::Sql(include_str!("migrations/010_return_visits.sql")),
    Migration::Sql(include_str!("migrations/011_maintenance_contracts.sql")),
    Migration::Sql(include_str!("migrations/012_repairs.sql")),
    Migration::SqlThen(include_str!("migrations/013_trust.sql"), schema_13),
    Migration::Rebuild(include_str!("migrations/014_exchange.sql"), schema_14),
    Migration::SqlThen(include_str!("migrations/015_technicians.sql"), schema_15),
    Migration::Sql(include_str!("migrations/016_scale.sql")),
    Migration::Sql(include_str!("migrations/017_one_character.sql")),
    Migration::SqlThen(
        include_str!("migrations/018_confirmation_complete.sql"),
        schema_18,
    ),
    Migration::Sql(include_str!("migrations/019_withdrawn_steps.sql")),
    Migration::Sql(include_str!("migrations/020_signed_pages.sql")),
    Migration::SqlThen(include_str!("migrations/021_signatures.sql"), schema_21),
];

/// Schema 13's step in Rust: customers filed by schema 4's upgrade got no province or city
/// (the rule that reads them from the address is in Rust); then the first version of every
/// record starts the audit chain.
fn schema_13(conn: &Connection) -> Result<()> {
    customer::fill_missing_regions(conn)?;
    trail::baseline(conn)
}

/// Schema 14's step in Rust (foreign keys off): numbers unique per office, and an identity for
/// every step, return visit and photo, by rebuilding those tables; the chain's views then list
/// the new columns, and every record's content as it now reads starts a new version.
fn schema_14(conn: &Connection) -> Result<()> {
    use rebuild::{Rebuild, fill_uuids, unique_per_origin, uuid_required};
    let rebuilds = [
        Rebuild {
            table: "customers",
            change: |create| {
                let unique = "UNIQUE (name, phone)";
                create
                    .contains(unique)
                    .then(|| create.replacen(unique, "UNIQUE (origin, name, phone)", 1))
            },
        },
        Rebuild {
            table: "warranty_cards",
            change: |create| unique_per_origin(create, "registration_no"),
        },
        Rebuild {
            table: "complaints",
            change: |create| unique_per_origin(create, "complaint_no"),
        },
        Rebuild {
            table: "investigations",
            change: |create| unique_per_origin(create, "investigation_no"),
        },
        Rebuild {
            table: "confirmations",
            change: |create| unique_per_origin(create, "confirmation_no"),
        },
        Rebuild {
            table: "maintenance_contracts",
            change: |create| unique_per_origin(create, "contract_no"),
        },
        Rebuild {
            table: "repairs",
            change: |create| unique_per_origin(create, "repair_no"),
        },
        Rebuild {
            table: "case_steps",
            change: uuid_required,
        },
        Rebuild {
            table: "return_visits",
            change: uuid_required,
        },
        Rebuild {
            table: "investigation_photos",
            change: uuid_required,
        },
    ];
    let identities = |conn: &Connection| {
        for table in ["case_steps", "return_visits", "investigation_photos"] {
            fill_uuids(conn, table)?;
        }
        Ok(())
    };
    let views = |name: &str, sql: &str| match name.strip_suffix("_content") {
        Some(table) if trail::CHAINED_TABLES.contains(&table) => {
            rebuild::content_view_sql(conn, table)
        }
        _ => Ok(sql.to_owned()),
    };
    rebuild::rebuild_tables(conn, &rebuilds, identities, views)?;
    trail::baseline(conn)
}

/// Schema 15's step in Rust: the chain's view of a confirmation made again with the new
/// `technicians` column, then a new version of every confirmation (its content now has the
/// column, empty), so each still matches its last version.
fn schema_15(conn: &Connection) -> Result<()> {
    conn.execute_batch(&rebuild::content_view_sql(conn, "confirmations")?)?;
    trail::baseline_of(conn, &["confirmations"])
}

/// Schema 18's step in Rust: the chain's views of a confirmation and of a part line made again
/// with their new columns, then a new version of each (its content now has them, empty), so
/// each still matches its last version.
fn schema_18(conn: &Connection) -> Result<()> {
    for table in ["confirmations", "confirmation_parts"] {
        conn.execute_batch(&rebuild::content_view_sql(conn, table)?)?;
    }
    trail::baseline_of(conn, &["confirmations", "confirmation_parts"])
}

/// Schema 21's step in Rust: the chain's views of a signature and of a signed page, made from
/// their tables, then a first version of every signed page already kept.
fn schema_21(conn: &Connection) -> Result<()> {
    for table in ["signatures", "signed_pages"] {
        conn.execute_batch(&rebuild::content_view_sql(conn, table)?)?;
    }
    trail::baseline_of(conn, &["signed_pages"])
}

/// How many compiled statements a connection keeps.
const STATEMENT_CACHE: usize = 256;

/// The schema version this program writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// What can go wrong with the database, in words a clerk can act on.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "the database was written by a newer version of this program (schema {found}, this program knows up to {supported}); update the program. The file was not changed: {path}"
    )]
    NewerSchema {
        found: u32,
        supported: u32,
        path: String,
    },
    #[error(
        "the database was written by an older version of this program and must be upgraded before it can be read: open it once in the program's window (where the file can be written) to upgrade it. The file was not changed: {path}"
    )]
    NeedsUpgrade { path: String },
    #[error("this file is not an after-sales database; nothing was changed: {path}")]
    ForeignFile { path: String },
    #[error("this file is damaged or is not a database; it was left as it is: {path}")]
    Damaged { path: String },
    /// Damage met while working: nothing more is written to the file.
    #[error(
        "the database file is damaged ({0}); nothing more will be written to it: restore a backup"
    )]
    Corrupt(rusqlite::Error),
    #[error("no database at {path}")]
    Missing { path: String },
    #[error("that is a folder, not a database file; give the path of the file itself: {path}")]
    NotAFile { path: String },
    #[error("the folder for the database does not exist: {path}")]
    NoFolder { path: String },
    #[error("cannot open the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database ({source}): {path}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error(
        "the database is open read-only (the file or its folder cannot be written): it can be viewed and printed, not changed: {path}"
    )]
    ReadOnly { path: String },
    #[error("no record numbered {0}")]
    NotFound(String),
    #[error(
        "records from several offices carry the number {number} ({}); say whose (on the command line: --origin CODE)",
        origins.join(", ")
    )]
    Ambiguous {
        number: String,
        origins: Vec<String>,
    },
    #[error("another customer already has this name and phone number")]
    DuplicateCustomer,
    #[error("a case cannot go from {from} to {to}")]
    StepNotAllowed {
        from: &'static str,
        to: &'static str,
    },
    #[error("{0}")]
    StepTime(&'static str),
    /// The case's last step cannot be withdrawn: the catalogue key says why.
    #[error("{0}")]
    StepNotWithdrawn(&'static str),
    #[error("the record was changed by {operator} at {at} since it was opened")]
    Conflict { operator: String, at: String },
    #[error("a voided record cannot be changed")]
    Voided,
    #[error("{0} was already marked repaired")]
    RepairAlreadyFinished(String),
    #[error("{0} cannot be marked repaired before its machines were received")]
    RepairBeforeReceipt(String),
    #[error("the disk is full; the last change was not saved")]
    DiskFull,
    #[error("the database is busy in another window; try again in a moment")]
    Busy,
    #[error("{}: {path}", match reason {
        file::ForbiddenOutput::TheDatabase => "that is the database itself (or a file SQLite keeps beside it); nothing was written, choose a new file name",
        file::ForbiddenOutput::ADatabase => "that file is a database; nothing was written, choose a new file name",
    })]
    ForbiddenOutput {
        reason: file::ForbiddenOutput,
        path: String,
    },
    #[error("a file of that name already exists; a backup is always written to a new file: {path}")]
    OutputExists { path: String },
    #[error(
        "the file does not match its audit trail (damaged, or changed outside the program): {0}"
    )]
    Tampered(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("a stored record could not be read: {0}")]
    BadRow(String),
}

impl StoreError {
    /// Whether the file itself is damaged: the program stops writing and offers a backup.
    pub fn is_damage(&self) -> bool {
        matches!(self, StoreError::Damaged { .. } | StoreError::Corrupt(_))
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        // A value the program cannot read (text that is not UTF-8, written by another tool):
        // that record is unreadable, the file is not damaged.
        if matches!(
            error,
            rusqlite::Error::Utf8Error(..) | rusqlite::Error::FromSqlConversionFailure(..)
        ) {
            return StoreError::BadRow(error.to_string());
        }
        match error.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => {
                StoreError::Corrupt(error)
            }
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
                path: String::new(),
            },
            Some(ErrorCode::ConstraintViolation)
                if error.to_string().contains("voided record")
                    || error.to_string().contains("voided case") =>
            {
                StoreError::Voided
            }
            _ => StoreError::Sqlite(error),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How the file was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// The file or its folder cannot be written: view and print only.
    ReadOnly,
}

/// The open database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    access: Access,
    /// Who this connection's changes are recorded under.
    writer: trail::Writer,
    /// Set at the first sign of damage: from then on nothing is written.
    damaged: Cell<bool>,
    /// How many of a search's matches a list on screen reads (`search::LIST_SEARCH_CAP`).
    list_cap: Cell<usize>,
}

impl Store {
    /// Opens the database at `path` for the window: creates it when it does not exist (the
    /// folder must), brings its schema up to date, and opens it read-only when the file or its
    /// folder cannot be written. A newer, foreign or damaged file is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if !file::writable(path) && path.exists() {
            return Store::open_read_only(path);
        }
        Store::open_with(path, OpenFlags::SQLITE_OPEN_CREATE, Access::ReadWrite)
    }

    /// Opens an existing database to change it (the commands that write): never creates one.
    pub fn open_existing(path: &Path) -> Result<Store> {
        Store::must_exist(path)?;
        if !file::writable(path) {
            return Err(StoreError::ReadOnly {
                path: path.display().to_string(),
            });
        }
        Store::open_with(path, OpenFlags::empty(), Access::ReadWrite)
    }

    /// Opens an existing database only to read it (search, print, verify): nothing in the file
    /// or beside it is created or changed, and it works on read-only media.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Store::must_exist(path)?;
        let display = path.display().to_string();
        // A file no one has open has no -wal: opened immutable, SQLite makes no -wal or -shm
        // beside it (a reader cannot remove them again, and a -shm left read-only blocks the
        // next writer). A -wal means another window has it open, or holds changes committed
        // before a crash: read through it, sharing its locks.
        let immutable = !file::with_suffix(path, "-wal").exists();
        let uri = file_uri(path, if immutable { "immutable=1" } else { "mode=ro" });
        let conn = Connection::open_with_flags(
            &uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify_open_error(e, &display))?;
        let mut store = Store::with_connection(conn, Some(path.to_owned()), Access::ReadOnly)?;
        store.prepare(&display)?;
        Ok(store)
    }

    /// A database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store::with_connection(conn, None, Access::ReadWrite)?;
        store.prepare(":memory:")?;
        Ok(store)
    }

    fn must_exist(path: &Path) -> Result<()> {
        let display = path.display().to_string();
        match std::fs::metadata(path) {
            Err(_) => Err(StoreError::Missing { path: display }),
            Ok(m) if m.is_dir() => Err(StoreError::NotAFile { path: display }),
            // An empty file is not a database: SQLite would make one of it.
            Ok(m) if m.is_file() && m.len() == 0 => Err(StoreError::Damaged { path: display }),
            Ok(_) => Ok(()),
        }
    }

    fn open_with(path: &Path, create: OpenFlags, access: Access) -> Result<Store> {
        let display = path.display().to_string();
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && !folder.is_dir()
        {
            return Err(StoreError::NoFolder {
                path: folder.display().to_string(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | create | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify_open_error(e, &display))?;
        let mut store = Store::with_connection(conn, Some(path.to_owned()), access)?;
        store.prepare(&display)?;
        Ok(store)
    }

    fn with_connection(conn: Connection, path: Option<PathBuf>, access: Access) -> Result<Store> {
        let writer = trail::Writer::default();
        trail::register_functions(&conn, &writer)?;
        // Every statement the forms, lists and steps run stays compiled (rusqlite keeps 16):
        // compiling one that writes a form also compiles its table's triggers, and a case's
        // save runs dozens of different statements.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Plans that never depend on a bound value (SQLite's query planner stability
        // guarantee). Without it, this SQLite recompiles a statement with a bound parameter and
        // an ORDER BY each time it runs (a case's steps, every list's ids), to re-plan for the
        // value: the file has no statistics that could make another plan better.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        Ok(Store {
            conn,
            path,
            access,
            writer,
            damaged: Cell::new(false),
            list_cap: Cell::new(search::LIST_SEARCH_CAP),
        })
    }

    /// The file this store was opened from.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the file is open for viewing and printing only.
    pub fn access(&self) -> Access {
        self.access
    }

    /// Records this connection's changes under `name` (the clerk at this window).
    pub fn set_writer(&self, name: &str) {
        self.writer.set(name);
    }

    /// Who this connection's changes are recorded under.
    pub fn writer(&self) -> String {
        self.writer.name()
    }

    /// Runs `work` with changes recorded under `name`, then gives the previous name back
    /// (demo data written by several clerks). Nothing is stored: a kill leaves no trace of it.
    pub fn writing_as<T>(&mut self, name: &str, work: impl FnOnce(&mut Store) -> T) -> T {
        let before = self.writer.name();
        self.writer.set(name);
        let result = work(self);
        self.writer.set(&before);
        result
    }

    /// Caps the file at `pages` pages for this connection (SQLite's `max_page_count`): a save
    /// that needs more fails as on a full disk. A quota for a shared drive; the tests' full disk.
    pub fn cap_pages(&self, pages: u64) -> Result<i64> {
        Ok(self
            .conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                r.get(0)
            })?)
    }

    /// Notes that the file was found damaged: nothing more is written to it.
    pub fn mark_damaged(&self) {
        self.damaged.set(true);
    }

    /// Whether damage was met in this file.
    pub fn is_damaged(&self) -> bool {
        self.damaged.get()
    }

    fn display_path(&self) -> String {
        self.path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    }

    fn damaged_error(&self) -> StoreError {
        self.damaged.set(true);
        StoreError::Damaged {
            path: self.display_path(),
        }
    }

    /// Completes an error with what only the open file knows: its path, and the operating
    /// system's reason behind an I/O error (a full disk says so). Damage stops all writing.
    fn note(&self, error: StoreError) -> StoreError {
        let error = match error {
            StoreError::ReadOnly { path } if path.is_empty() => StoreError::ReadOnly {
                path: self.display_path(),
            },
            StoreError::Sqlite(inner)
                if inner.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure) =>
            {
                // SAFETY: the handle is valid while `self.conn` lives; the call only reads the
                // errno SQLite kept for this connection.
                let errno = unsafe { rusqlite::ffi::sqlite3_system_errno(self.conn.handle()) };
                if is_disk_full(errno) {
                    StoreError::DiskFull
                } else {
                    StoreError::Sqlite(inner)
                }
            }
            other => other,
        };
        if error.is_damage() {
            self.damaged.set(true);
        }
        error
    }

    /// Lists on screen read at most `cap` of a search's matches from now on (the newest),
    /// instead of [`search::LIST_SEARCH_CAP`]: for a slower machine, or to see a list cut short
    /// without two thousand records.
    pub fn set_list_cap(&self, cap: usize) {
        self.list_cap.set(cap);
    }

    /// How many of a search's matches a list on screen reads ([`Store::set_list_cap`]).
    pub fn list_cap(&self) -> usize {
        self.list_cap.get()
    }

    /// Copies what the write-ahead log holds into the file itself, as far as no reader
    /// needs it kept (SQLite's passive checkpoint). SQLite does this on its own after a
    /// commit; work that turns that off to answer sooner (an import) runs it afterwards.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            .map_err(|e| self.note(e.into()))
    }

    /// The one way a change is written: `work` runs inside an immediate transaction (so a
    /// check and the write that depends on it cannot be split by another window), committed
    /// whole or not at all. Called inside another `write`, it joins that transaction, so a case
    /// saves its three forms as one. Refused on a read-only or damaged file.
    pub fn write<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.writable()?;
        if !self.conn.is_autocommit() {
            return work(&self.conn);
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.note(e.into()))?;
        // Rolls back unless committed, whether `work` fails or panics.
        struct Rollback<'a>(&'a Connection, bool);
        impl Drop for Rollback<'_> {
            fn drop(&mut self) {
                if !self.1 {
                    let _ = self.0.execute_batch("ROLLBACK");
                }
            }
        }
        let mut guard = Rollback(&self.conn, false);
        let value = work(&self.conn).map_err(|e| self.note(e))?;
        self.conn
            .execute_batch("COMMIT")
            .map_err(|e| self.note(e.into()))?;
        guard.1 = true;
        Ok(value)
    }

    /// Refuses a write to a read-only or damaged file.
    fn writable(&self) -> Result<()> {
        if self.access == Access::ReadOnly {
            return Err(StoreError::ReadOnly {
                path: self.display_path(),
            });
        }
        if self.damaged.get() {
            return Err(self.damaged_error());
        }
        Ok(())
    }

    /// [`Store::write`] for work that goes through the store's own methods: `work` runs inside
    /// one immediate transaction, committed whole or not at all (a panic rolls it back too);
    /// inside another transaction it joins it. The demo writes each batch of its records so.
    pub(crate) fn write_through<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        if !self.conn.is_autocommit() {
            return work(self);
        }
        self.writable()?;
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.note(e.into()))?;
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(self)));
        match done {
            Ok(Ok(value)) => {
                self.conn
                    .execute_batch("COMMIT")
                    .map_err(|e| self.note(e.into()))
                    .inspect_err(|_| {
                        let _ = self.conn.execute_batch("ROLLBACK");
                    })?;
                Ok(value)
            }
            Ok(Err(error)) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(error)
            }
            Err(panic) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                std::panic::resume_unwind(panic)
            }
        }
    }

    fn prepare(&mut self, display: &str) -> Result<()> {
        // Reading the header is the first thing that fails on a file that is not SQLite.
        let (version, application_id, tables) = self
            .read_identity()
            .map_err(|e| classify_open_error(e, display))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found: version,
                supported: SCHEMA_VERSION,
                path: display.to_owned(),
            });
        }
        let ours = application_id == APPLICATION_ID;
        if !ours && (application_id != 0 || tables > 0) {
            return Err(StoreError::ForeignFile {
                path: display.to_owned(),
            });
        }
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // cell_size_check makes SQLite check every page it reads, so damage is met (and
        // refused) where it is rather than read as data.
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA cell_size_check = ON;",
        )?;
        if self.access == Access::ReadOnly {
            if version < SCHEMA_VERSION {
                return Err(StoreError::NeedsUpgrade {
                    path: display.to_owned(),
                });
            }
            return Ok(());
        }
        // WAL lets a second window read while this one writes; FULL makes a saved form
        // survive a power cut. The pragma answers the mode now in force; an in-memory
        // database stays "memory".
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| {
                row.get::<_, String>(0)
            })
            .map_err(|e| self.note(classify_open_error(e, display)))?;
        self.conn.execute_batch(&format!(
            "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = {};",
            upkeep::WAL_AUTOCHECKPOINT_PAGES
        ))?;
        // A file already at this version (and settled) is opened without taking the write
        // lock, so opening it never waits on another window's save.
        if version < SCHEMA_VERSION {
            self.migrate()?;
        }
        upkeep::settle_search_indexes(self)
    }

    fn read_identity(&self) -> rusqlite::Result<(u32, i32, i64)> {
        let version: u32 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let application_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((version, application_id, tables))
    }

    /// Applies the missing migrations, each in its own transaction. The version is read again
    /// inside each transaction, so two windows opening an old file at once upgrade it once.
    fn migrate(&mut self) -> Result<()> {
        self.backup_before_upgrade()?;
        // What an upgrade changes is recorded as the upgrade's doing, not a clerk's.
        let clerk = self.writer();
        let upgraded = self.upgrade_steps();
        self.writer.set(&clerk);
        upgraded
    }

    /// A copy of the file as an older program left it, taken before an upgrade changes it,
    /// into the backups folder beside it (`aftersales-schema-20-before-upgrade-<time>.db`,
    /// never rotated away): a file with records is only upgraded once this copy is safe, so
    /// the older program's file can always be had back. A new, empty file needs none; a copy
    /// another window took the same second is as good.
    fn backup_before_upgrade(&self) -> Result<()> {
        let Some(db) = self.path().map(Path::to_owned) else {
            return Ok(());
        };
        let version = self.schema_version()?;
        if version == 0 {
            return Ok(());
        }
        let folder = backup::default_backup_folder(&db);
        std::fs::create_dir_all(&folder).map_err(|source| StoreError::Folder {
            path: folder.display().to_string(),
            source,
        })?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let out = folder.join(format!(
            "aftersales-schema-{version}-before-upgrade-{stamp}.db"
        ));
        match self.backup_to(&out) {
            Err(StoreError::OutputExists { .. }) => Ok(()),
            taken => taken,
        }
    }

    fn upgrade_steps(&mut self) -> Result<()> {
        loop {
            // A step that rebuilds tables runs with foreign keys off (they cannot be switched
            // inside its transaction), and on again whatever happened.
            let next = MIGRATIONS.get(self.schema_version()? as usize);
            let rebuilds = matches!(next, Some(Migration::Rebuild(..)));
            if rebuilds {
                self.conn.execute_batch("PRAGMA foreign_keys = OFF")?;
            }
            let applied = self.write(|conn| {
                let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                let Some(migration) = MIGRATIONS.get(version as usize) else {
                    return Ok(false);
                };
                self.writer
                    .set(&format!("(upgrade to schema {})", version + 1));
                conn.execute_batch(migration.sql())?;
                if let Migration::SqlThen(_, then) | Migration::Rebuild(_, then) = migration {
                    then(conn)?;
                }
                conn.pragma_update(None, "user_version", version + 1)?;
                conn.pragma_update(None, "application_id", APPLICATION_ID)?;
                Ok(true)
            });
            if rebuilds {
                self.conn.execute_batch("PRAGMA foreign_keys = ON")?;
            }
            if !applied? {
                return Ok(());
            }
        }
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// A setting's stored value, if any.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.write(|conn| {
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            Ok(())
        })
    }

    /// The unsaved draft kept under `key` (a form being typed), as JSON.
    pub fn draft(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT body FROM drafts WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn save_draft(&self, key: &str, body: &str) -> Result<()> {
        self.write(|conn| {
            conn.execute(
                "INSERT INTO drafts (key, body, saved_at) VALUES (?1, ?2, datetime('now'))
                 ON CONFLICT (key) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
                params![key, body],
            )?;
            Ok(())
        })
    }

    pub fn discard_draft(&self, key: &str) -> Result<()> {
        self.write(|conn| {
            conn.execute("DELETE FROM drafts WHERE key = ?1", [key])?;
            Ok(())
        })
    }
}

/// `file:` URI of `path` with `query`: every byte a URI cannot hold as it is (`%`, `?`, `#`,
/// anything not ASCII) percent-encoded.
pub(crate) fn file_uri(path: &Path, query: &str) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut uri = String::from("file:");
    // The path's own bytes, escaped: a name that is not UTF-8 (a folder from an old Windows
    // share) must not turn into another name.
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(absolute.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = absolute.to_string_lossy().into_owned().into_bytes();
    for byte in bytes {
        if byte.is_ascii() && !matches!(byte, b'%' | b'?' | b'#') {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{uri}?{query}")
}

/// Whether an operating system error number means the disk is full.
fn is_disk_full(errno: i32) -> bool {
    #[cfg(unix)]
    {
        errno == libc::ENOSPC || errno == libc::EDQUOT
    }
    #[cfg(not(unix))]
    {
        // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
        errno == 112 || errno == 39
    }
}

/// A voided record: when, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Void {
    pub at: NaiveDateTime,
    pub reason: String,
}

/// Reads the `voided_at`, `void_reason` pair at `index`.
pub(crate) fn void_columns(row: &rusqlite::Row, index: usize) -> rusqlite::Result<Option<Void>> {
    let at: Option<String> = row.get(index)?;
    let reason: Option<String> = row.get(index + 1)?;
    Ok(match at {
        Some(text) => Some(Void {
            at: NaiveDateTime::parse_from_str(&text, sql::TIMESTAMP)
                .map_err(|_| sql::conversion_error(index, &text))?,
            reason: reason.unwrap_or_default(),
        }),
        None => None,
    })
}

impl Store {
    /// Voids a card or complaint with a reason: it stays, searchable, and prints as VOID.
    pub fn void(
        &self,
        table: audit::AuditedTable,
        id: i64,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        let table = match table {
            audit::AuditedTable::WarrantyCards => "warranty_cards",
            audit::AuditedTable::Complaints => "complaints",
            _ => return Err(StoreError::NotFound(format!("#{id}"))),
        };
        self.write(|conn| {
            let changed = conn.execute(
                &format!("UPDATE {table} SET voided_at = ?2, void_reason = ?3, revision = revision + 1 WHERE id = ?1 AND voided_at IS NULL"),
                params![id, now.format(sql::TIMESTAMP).to_string(), reason.trim()],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound(format!("#{id}")));
            }
            Ok(())
        })
    }
}

/// Takes the next sequence number for `prefix` in `period` inside the caller's transaction.
/// The record of `table` whose `column` is `number`: of the office `origin` when given (its
/// code, or '' or this office's own code for this office), else the only one there is. Two
/// offices' records sharing the number, and no office given, is [`StoreError::Ambiguous`].
pub(crate) fn id_by_number(
    conn: &Connection,
    table: &str,
    column: &str,
    number: &str,
    origin: Option<&str>,
) -> Result<i64> {
    let own_code: String = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'unit_code'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();
    let origin = origin.map(|o| {
        let o = o.trim().to_ascii_uppercase();
        if o == own_code { String::new() } else { o }
    });
    let mut select = conn.prepare(&format!(
        "SELECT id, origin FROM {table} WHERE {column} = ?1 AND (?2 IS NULL OR origin = ?2) ORDER BY origin LIMIT 10"
    ))?;
    let found = select
        .query_map(params![number, origin], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    match found.as_slice() {
        [] => Err(StoreError::NotFound(number.to_owned())),
        [(id, _)] => Ok(*id),
        several => Err(StoreError::Ambiguous {
            number: number.to_owned(),
            origins: several
                .iter()
                .map(|(_, o)| {
                    if o.is_empty() {
                        if own_code.is_empty() {
                            "this office".to_owned()
                        } else {
                            own_code.clone()
                        }
                    } else {
                        o.clone()
                    }
                })
                .collect(),
        }),
    }
}

pub(crate) fn next_sequence(conn: &Connection, prefix: &str, period: &str) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO number_sequences (prefix, period, last) VALUES (?1, ?2, 1)
             ON CONFLICT (prefix, period) DO UPDATE SET last = last + 1
             RETURNING last",
        )?
        .query_row(params![prefix, period], |row| row.get(0))?)
}

/// Checks, inside the saving transaction, that record `id` of `table` is still at `revision`
/// (the one its form was opened at). Another window's save since is a conflict naming who
/// saved and when; a record that is gone is not found.
pub(crate) fn check_revision(conn: &Connection, table: &str, id: i64, revision: i64) -> Result<()> {
    let current: Option<i64> = conn
        .query_row(
            &format!("SELECT revision FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match current {
        None => Err(StoreError::NotFound(format!("#{id}"))),
        Some(current) if current == revision => Ok(()),
        Some(_) => Err(conflict(conn, table, id)?),
    }
}

/// The conflict of a save with another window's change to record `id` of `table`: who made
/// the newest change, and when.
pub(crate) fn conflict(conn: &Connection, table: &str, id: i64) -> Result<StoreError> {
    let (operator, at) = conn
        .query_row(
            "SELECT operator, at FROM record_versions WHERE table_name = ?1 AND record_id = ?2
             ORDER BY id DESC LIMIT 1",
            params![table, id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or_default();
    Ok(StoreError::Conflict { operator, at })
}

fn classify_open_error(error: rusqlite::Error, path: &str) -> StoreError {
    use rusqlite::ErrorCode;
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: path.to_owned(),
        },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: path.to_owned(),
        },
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => StoreError::Open {
            path: path.to_owned(),
            source: error,
        },
        _ => StoreError::from(error),
    }
}

impl Store {
    /// Whether the database holds no records at all (no card, complaint, contract or
    /// delivery): the only database demo data is offered for.
    pub fn holds_no_records(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM warranty_cards)
                AND NOT EXISTS (SELECT 1 FROM complaints)
                AND NOT EXISTS (SELECT 1 FROM maintenance_contracts)
                AND NOT EXISTS (SELECT 1 FROM repairs)",
            [],
            |row| row.get(0),
        )?)
    }

    /// All settings, each falling back to its default when unset or unreadable. Each setting
    /// is a row of its own, keyed by its field's name (the triggers read some of them).
    pub fn settings(&self) -> Result<Settings> {
        let stored: std::collections::HashMap<String, String> = self
            .conn
            .prepare_cached("SELECT key, value FROM settings")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut fields = settings_fields(&Settings::default())?;
        for (key, default) in fields.iter_mut() {
            let Some(text) = stored.get(key) else {
                continue;
            };
            // A text setting is kept as typed; any other is JSON (a number, a list). One
            // that does not read back keeps its default.
            let value = match default {
                serde_json::Value::String(_) => Some(serde_json::Value::String(text.clone())),
                _ => serde_json::from_str(text).ok(),
            };
            if let Some(value) = value.filter(|v| setting_reads_back(key, v)) {
                *default = value;
            }
        }
        serde_json::from_value(serde_json::Value::Object(fields))
            .map_err(|error| StoreError::BadRow(error.to_string()))
    }

    /// Stores every setting in one transaction.
    pub fn save_settings(&mut self, settings: &Settings) -> Result<()> {
        let fields = settings_fields(settings)?;
        self.write(|_| {
            for (key, value) in &fields {
                let text = match value {
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                self.set_setting(key, &text)?;
            }
            Ok(())
        })
    }

    /// The company logo printed on forms, if one was chosen.
    pub fn company_logo(&self) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row("SELECT bytes FROM company_logo WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Stores the logo (already checked with [`crate::domain::company::check_logo`]), or
    /// removes it.
    pub fn set_company_logo(&self, logo: Option<&[u8]>) -> Result<()> {
        self.write(|conn| {
            match logo {
                Some(bytes) => conn.execute(
                    "INSERT INTO company_logo (id, bytes) VALUES (1, ?1)
                     ON CONFLICT (id) DO UPDATE SET bytes = excluded.bytes",
                    [bytes],
                )?,
                None => conn.execute("DELETE FROM company_logo", [])?,
            };
            Ok(())
        })
    }

    /// The letterhead printed on every form: the settings' name, address, phone and fax with
    /// the stored logo.
    pub fn company_profile(&self) -> Result<crate::domain::company::CompanyProfile> {
        Ok(self.settings()?.company_profile(self.company_logo()?))
    }
}

/// The settings as their stored fields: each field's name and value.
fn settings_fields(settings: &Settings) -> Result<serde_json::Map<String, serde_json::Value>> {
    match serde_json::to_value(settings) {
        Ok(serde_json::Value::Object(fields)) => Ok(fields),
        Ok(other) => Err(StoreError::BadRow(format!("settings as {other}"))),
        Err(error) => Err(StoreError::BadRow(error.to_string())),
    }
}

/// Whether a stored setting's value reads back as its field's type (an unknown unit code, a
/// negative count or a list of the wrong shape keeps the default instead).
fn setting_reads_back(key: &str, value: &serde_json::Value) -> bool {
    let mut one = serde_json::Map::new();
    one.insert(key.to_owned(), value.clone());
    serde_json::from_value::<Settings>(serde_json::Value::Object(one)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_with_a_bound_value_and_an_order_is_compiled_once_not_each_time_it_runs() {
        let mut store = Store::open_in_memory().unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        crate::demo::fill(&mut store, 400, 1, at).unwrap();
        let sql = "SELECT step, at FROM case_steps WHERE complaint_id = ?1 ORDER BY id";
        for id in 1..=30 {
            let mut statement = store.conn.prepare_cached(sql).unwrap();
            let steps = statement.query_map([id], |_| Ok(())).unwrap().count();
            assert!(steps > 0, "case {id} has steps");
        }
        let statement = store.conn.prepare_cached(sql).unwrap();
        let runs = statement.get_status(rusqlite::StatementStatus::Run);
        let recompiled = statement.get_status(rusqlite::StatementStatus::RePrepare);
        assert_eq!((runs, recompiled), (30, 0));
    }

    #[test]
    fn a_new_file_is_migrated_to_the_current_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("aftersales.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        drop(store);
        // Opening again applies nothing and keeps the version.
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = store
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        let fk: i64 = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn a_schema_1_file_with_cards_is_upgraded_and_keeps_its_cards() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            // A file as the first release wrote it, frozen here.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0].sql()).unwrap();
            conn.execute_batch(
                "INSERT INTO number_sequences VALUES ('WC', '2026', 1);
                 INSERT INTO warranty_cards VALUES (1, 'b9f3c0de-0000-4000-8000-000000000001',
                   'WC-2026-000001', '2026-03-02', '南昌经销部', '张三', '江西省南昌市', '13800138000',
                   '热水器', 'JSQ20-A1', 'SN1', '2026-03-01', '江西南昌', NULL, '', 12, '2027-02-28', 1,
                   '2026-03-02 10:00:00', '2026-03-02 10:00:00');",
            )
            .unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(
            store
                .card_by_registration_no("WC-2026-000001")
                .unwrap()
                .card
                .customer_name,
            "张三"
        );
        assert_eq!(store.complaint_count().unwrap(), 0);
        // The card's customer was filed by the upgrade.
        let customer = store.customer_id_of_card(1).unwrap().expect("filed");
        assert_eq!(
            store.customer_by_id(customer).unwrap().customer.name,
            "张三"
        );
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused_and_left_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
                .unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let error = Store::open(&path).err().expect("newer schema refused");
        assert!(
            matches!(error, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1)
        );
        assert!(error.to_string().contains("newer version"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_garbage_file_is_reported_as_damaged_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("garbage.db");
        let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(&path, &garbage).unwrap();
        let error = Store::open(&path).err().expect("garbage refused");
        assert!(matches!(error, StoreError::Damaged { .. }), "{error:?}");
        assert_eq!(std::fs::read(&path).unwrap(), garbage, "never overwritten");
    }

    #[test]
    fn a_folder_given_as_the_database_is_reported_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let error = Store::open(dir.path())
            .err()
            .expect("a folder is not a database");
        assert!(matches!(error, StoreError::Open { .. }), "{error:?}");
        assert!(
            error
                .to_string()
                .contains(&dir.path().display().to_string()),
            "{error}"
        );
    }

    #[test]
    fn another_programs_sqlite_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("foreign.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE songs (title)")
            .unwrap();
        let error = Store::open(&path).err().expect("foreign refused");
        assert!(matches!(error, StoreError::ForeignFile { .. }), "{error:?}");
    }

    #[test]
    fn complaints_reports_and_confirmations_cannot_be_deleted_even_with_raw_sql() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("permanent.db");
        let mut store = Store::open(&path).unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let complaint = store
            .insert_complaint(&complaint::tests::sample_complaint(), "CC", now)
            .unwrap();
        let report = crate::domain::investigation::Investigation {
            investigators: "王磊".into(),
            arrived_at: now,
            findings: "漏水".into(),
            documents_checked: Vec::new(),
            cause: String::new(),
            quality_problem: false,
            responsible_party: crate::domain::investigation::ResponsibleParty::Company,
            proposed_treatment: crate::domain::investigation::Treatment::Repair,
            estimated_cost: crate::domain::money::Fen(0),
            customer_opinion: String::new(),
        };
        store
            .save_investigation(complaint.id, &report, None, now)
            .unwrap();
        let confirmation = crate::domain::confirmation::ConfirmationDraft {
            work_done: "维修".into(),
            technicians: "刘强".into(),
            ratings: [Some(crate::domain::confirmation::Rating::Satisfied); 4],
            ..crate::domain::confirmation::ConfirmationDraft::new_confirmation(now, None)
        }
        .parse(complaint.complaint.received_at, now)
        .unwrap();
        store
            .save_confirmation(complaint.id, &confirmation, None, now)
            .unwrap();
        for table in ["complaints", "investigations", "confirmations"] {
            // Even SQL typed through this program's own connection is refused...
            let error = store
                .write(|tx| Ok(tx.execute(&format!("DELETE FROM {table}"), [])?))
                .unwrap_err();
            assert!(
                error.to_string().contains("kept permanently"),
                "{table}: {error}"
            );
        }
        drop(store);
        // ...and another program's.
        let raw = Connection::open(&path).unwrap();
        for table in ["complaints", "investigations", "confirmations"] {
            assert!(raw.execute(&format!("DELETE FROM {table}"), []).is_err());
            let count: i64 = raw
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap();
            assert_eq!(count, 1, "{table}");
        }
    }

    #[test]
    fn a_missing_folder_is_refused_and_nothing_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/aftersales.db");
        let error = Store::open(&path).err().expect("refused");
        assert!(
            matches!(&error, StoreError::NoFolder { path } if path.ends_with("no/such/dir")),
            "{error:?}"
        );
        assert!(!dir.path().join("no").exists(), "no folder was made");
    }

    #[test]
    fn a_backup_taken_during_writes_opens_and_passes_the_integrity_check() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("live.db");
        let mut store = Store::open(&path).unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        crate::demo::fill(&mut store, 300, 1, now).unwrap();
        // Another window keeps writing while the backup runs.
        let writer_path = path.clone();
        let writer = std::thread::spawn(move || {
            let mut other = Store::open(&writer_path).unwrap();
            for seed in 0..5 {
                crate::demo::fill(&mut other, 100, seed, now).unwrap();
            }
        });
        let out = dir.path().join("backup.db");
        store.backup_to(&out).unwrap();
        writer.join().unwrap();
        let copy = Store::open(&out).unwrap();
        let check: String = copy
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        assert!(copy.card_count().unwrap() >= 300);
        assert!(!dir.path().join("backup.db.partial").exists());
    }

    #[test]
    fn daily_backups_are_taken_once_a_day_and_rotated() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("live.db")).unwrap();
        let folder = dir.path().join("backups");
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert!(store.daily_backup(&folder, day(1), 3).unwrap().is_some());
        assert!(
            store.daily_backup(&folder, day(1), 3).unwrap().is_none(),
            "one a day"
        );
        std::fs::write(folder.join("notes.txt"), "mine").unwrap();
        for d in 2..=5 {
            store.daily_backup(&folder, day(d), 3).unwrap();
        }
        let names: Vec<String> = Store::backups_in(&folder)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "aftersales-2026-11-05.db",
                "aftersales-2026-11-04.db",
                "aftersales-2026-11-03.db"
            ]
        );
        assert!(
            folder.join("notes.txt").exists(),
            "other files are left alone"
        );
        Store::open(&folder.join("aftersales-2026-11-05.db")).unwrap();
    }

    #[test]
    fn settings_round_trip_and_default_when_unset() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.settings().unwrap(), Settings::default());
        let settings = Settings {
            company_name: "白沙企业售后服务中心".into(),
            company_address: "江西省南昌市青山湖区高新大道 1 号".into(),
            company_phone: "400-888-1234".into(),
            company_fax: "0791-88881235".into(),
            card_prefix: "BS".into(),
            complaint_prefix: "TS".into(),
            unit_code: "HQ".into(),
            unit_name: "白沙企业总部".into(),
            unit_level: crate::domain::unit::UnitLevel::Headquarters,
            unit_region: String::new(),
            depreciation: crate::domain::three_guarantees::DepreciationRates {
                exchange_bp_per_day: 25,
                refund_bp_per_day: 40,
            },
            default_warranty_months: 24,
            category_warranty_months: vec![("热水器".into(), 12), ("空调".into(), 36)],
            feedback_grace_days: 15,
            retention_photo_years: 3,
            retention_card_years: 10,
            respond_hours: 4,
            escalate_hours: 24,
            on_site_home_hours: 12,
            on_site_other_hours: 36,
            on_site_remote_hours: 96,
            return_visit_days: 2,
            resolve_working_days: 5,
            repeated_problem_threshold: 4,
            repairs_per_day: 15,
            dealer_due_day: 6,
            region_due_day: 10,
            home_province: "江西省".into(),
            remote_provinces: "西藏自治区".into(),
            own_dealer: "南昌总代理".into(),
            backup_folder: std::env::temp_dir().join("售后备份").display().to_string(),
            language: "en".into(),
            appearance: crate::domain::settings::Appearance::Dark,
            text_size: crate::domain::settings::TextSize::ALL[4],
        };
        store.save_settings(&settings).unwrap();
        assert_eq!(store.settings().unwrap(), settings);
        assert_eq!(settings.limits().repairs_per_day, 15);
        assert_eq!(settings.warranty_periods().months_for("空调"), 36);
        assert_eq!(settings.warranty_periods().months_for("洗衣机"), 24);
    }

    #[test]
    fn the_company_logo_is_kept_until_removed_and_prints_in_the_profile() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.company_logo().unwrap(), None);
        let logo: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        store.set_company_logo(Some(&logo)).unwrap();
        assert_eq!(store.company_logo().unwrap().as_deref(), Some(&logo[..]));
        store.set_setting("company_name", "白沙企业").unwrap();
        let profile = store.company_profile().unwrap();
        assert_eq!(profile.name, "白沙企业");
        assert_eq!(profile.logo.as_deref(), Some(&logo[..]));
        // Saving the other settings leaves the logo alone.
        let mut settings = store.settings().unwrap();
        settings.company_fax = "0791-88881235".into();
        let mut store = store;
        store.save_settings(&settings).unwrap();
        assert!(store.company_logo().unwrap().is_some());
        store.set_company_logo(None).unwrap();
        assert_eq!(store.company_logo().unwrap(), None);
    }

    #[test]
    fn a_logo_kept_as_hex_text_before_schema_13_comes_through_as_bytes() {
        let logo: Vec<u8> = (0..=255u8).cycle().take(5_000).collect();
        for (stored, expected) in [
            (sql::to_hex(&logo), Some(logo.clone())),
            // A value that is not hex prints no logo rather than failing every form.
            ("not hex".to_owned(), None),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("v12.db");
            {
                let conn = Connection::open(&path).unwrap();
                for migration in &MIGRATIONS[..12] {
                    conn.execute_batch(migration.sql()).unwrap();
                }
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES ('company_logo_hex', ?1)",
                    [&stored],
                )
                .unwrap();
                conn.pragma_update(None, "application_id", APPLICATION_ID)
                    .unwrap();
                conn.pragma_update(None, "user_version", 12).unwrap();
            }
            let store = Store::open(&path).unwrap();
            assert_eq!(store.company_logo().unwrap(), expected);
            assert_eq!(store.setting("company_logo_hex").unwrap(), None);
        }
    }

    #[test]
    fn a_setting_that_does_not_read_back_keeps_its_default_and_the_others_stay() {
        let store = Store::open_in_memory().unwrap();
        store.set_setting("respond_hours", "four").unwrap();
        store.set_setting("unit_level", "moon").unwrap();
        store
            .set_setting("category_warranty_months", "{bad")
            .unwrap();
        store.set_setting("home_province", "江西省").unwrap();
        store.set_setting("exchange_bp_per_day", "25").unwrap();
        let settings = store.settings().unwrap();
        assert_eq!(settings.respond_hours, Settings::default().respond_hours);
        assert_eq!(settings.unit_level, Settings::default().unit_level);
        assert!(settings.category_warranty_months.is_empty());
        assert_eq!(settings.home_province, "江西省");
        assert_eq!(settings.depreciation.exchange_bp_per_day, 25);
        assert_eq!(settings.depreciation.refund_bp_per_day, 50);
    }

    #[test]
    fn the_case_clocks_and_regions_come_from_the_settings() {
        let settings = Settings {
            respond_hours: 4,
            home_province: " 江西省 ".into(),
            remote_provinces: "西藏自治区，新疆维吾尔自治区, 青海省;".into(),
            ..Settings::default()
        };
        assert_eq!(settings.limits().respond_hours, 4);
        assert_eq!(settings.limits().on_site_remote_hours, 72);
        let region = settings.region();
        assert_eq!(region.home_province, "江西省");
        assert_eq!(
            region.remote_provinces,
            ["西藏自治区", "新疆维吾尔自治区", "青海省"]
        );
    }

    #[test]
    fn drafts_are_kept_until_discarded() {
        let store = Store::open_in_memory().unwrap();
        store
            .save_draft("card", "{\"customer_name\":\"张三\"}")
            .unwrap();
        assert_eq!(
            store.draft("card").unwrap().as_deref(),
            Some("{\"customer_name\":\"张三\"}")
        );
        store.discard_draft("card").unwrap();
        assert_eq!(store.draft("card").unwrap(), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_whose_name_is_not_utf8_opens_read_only_under_its_own_name() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        // Latin-1 "café.db", as an old share names it; beside it, the name a lossy
        // conversion would have made of it.
        let path = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9.db"));
        let lossy = dir.path().join("caf\u{FFFD}.db");
        Store::open(&path)
            .unwrap()
            .set_setting("company_name", "白沙")
            .unwrap();
        let store = Store::open_read_only(&path).unwrap();
        assert_eq!(
            store.setting("company_name").unwrap().as_deref(),
            Some("白沙")
        );
        assert!(!lossy.exists());
    }

    #[test]
    fn a_folder_given_to_a_command_as_its_database_is_named_as_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("archive");
        std::fs::create_dir(&folder).unwrap();
        for opened in [
            Store::open_existing(&folder),
            Store::open_read_only(&folder),
        ] {
            assert!(
                matches!(&opened, Err(StoreError::NotAFile { path }) if *path == folder.display().to_string()),
                "{:?}",
                opened.err()
            );
        }
        assert_eq!(
            std::fs::read_dir(&folder).unwrap().count(),
            0,
            "nothing made in it"
        );
    }
}
