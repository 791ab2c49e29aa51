//! The monthly exchange (DOMAIN.md, "Monthly customer files"; docs/BUNDLE-FORMAT.md): a
//! dealer's month goes to its region, a region's month (with what its dealers sent) to
//! headquarters, as one signed file.
//!
//! The file is a SQLite database in which every record is known by its identity (its UUID)
//! instead of this database's row numbers, and its office by its code instead of this
//! database's '' for "here"; [`bundle`](super::bundle) seals it. Export copies the month's
//! records out; import checks the seal, the sender and every record, plans what each record
//! does here (new, updated, unchanged, or conflicting, where the later change wins), and only
//! then applies the plan in one transaction.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use ed25519_dalek::SigningKey;
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use thiserror::Error;

use super::bundle::{self, Envelope, EnvelopeError};
use super::sql::TIMESTAMP;
use super::{Store, StoreError};
use crate::domain::unit::{Period, Unit, UnitLevel, parse_unit_code};

mod export;
mod import;
mod tracker;

pub use tracker::{ExchangeRecord, UnitSubmission};

/// What the file says it is (`meta.format`).
pub const FORMAT: &str = "aftersales monthly file";
/// The layout of the tables inside; a file of a higher version is refused with "update".
pub const FORMAT_VERSION: u32 = 1;
/// `PRAGMA application_id` of a monthly file's database ("ASMF").
pub const APPLICATION_ID: i32 = 0x4153_4D46;

/// What a record of a kind refers to: its column here, the table it points into.
struct Reference {
    column: &'static str,
    table: &'static str,
}

impl Reference {
    /// The column in the file: `customer_id` travels as `customer_uuid`.
    fn file_column(&self) -> String {
        format!("{}_uuid", self.column.trim_end_matches("_id"))
    }
}

/// One kind of record the file carries.
struct Kind {
    table: &'static str,
    references: &'static [Reference],
    /// When a record last changed: the first of these columns that is set. Of two versions,
    /// the later wins.
    changed: &'static [&'static str],
    /// Whether a record is kept as first recorded (steps, return visits): a different version
    /// elsewhere is a conflict, never an update.
    fixed: bool,
    /// The column holding the record's number, unique per office.
    number: Option<&'static str>,
}

const fn kind(
    table: &'static str,
    references: &'static [Reference],
    changed: &'static [&'static str],
    number: Option<&'static str>,
) -> Kind {
    Kind {
        table,
        references,
        changed,
        fixed: false,
        number,
    }
}

const CUSTOMER: Reference = Reference {
    column: "customer_id",
    table: "customers",
};
const COMPLAINT: Reference = Reference {
    column: "complaint_id",
    table: "complaints",
};
const CARD: Reference = Reference {
    column: "card_id",
    table: "warranty_cards",
};
const REPORT: Reference = Reference {
    column: "investigation_id",
    table: "investigations",
};
const CONFIRMATION: Reference = Reference {
    column: "confirmation_id",
    table: "confirmations",
};

/// Every kind with an identity, in the order a record's references come before it.
const KINDS: [Kind; 12] = [
    kind("customers", &[], &["updated_at"], None),
    kind(
        "warranty_cards",
        &[CUSTOMER],
        &["updated_at"],
        Some("registration_no"),
    ),
    kind(
        "complaints",
        &[CUSTOMER],
        &["updated_at"],
        Some("complaint_no"),
    ),
    kind(
        "investigations",
        &[COMPLAINT],
        &["updated_at"],
        Some("investigation_no"),
    ),
    kind(
        "investigation_photos",
        &[Reference {
            column: "investigation_id",
            table: "investigations",
        }],
        &["withdrawn_at", "added_at"],
        None,
    ),
    kind(
        "confirmations",
        &[COMPLAINT],
        &["updated_at"],
        Some("confirmation_no"),
    ),
    Kind {
        fixed: true,
        ..kind("case_steps", &[COMPLAINT], &["recorded_at"], None)
    },
    Kind {
        fixed: true,
        ..kind("return_visits", &[COMPLAINT], &["recorded_at"], None)
    },
    kind(
        "repairs",
        &[],
        &["completed_at", "created_at"],
        Some("repair_no"),
    ),
    kind(
        "maintenance_contracts",
        &[
            CUSTOMER,
            Reference {
                column: "renews_id",
                table: "maintenance_contracts",
            },
        ],
        &["updated_at"],
        Some("contract_no"),
    ),
    // Signed paper and signatures travel with their forms (one of the references set), as
    // kept: evidence is never changed, so a different version elsewhere is a conflict.
    Kind {
        fixed: true,
        ..kind(
            "signed_pages",
            &[CARD, COMPLAINT, REPORT, CONFIRMATION],
            &["matched_at", "added_at"],
            None,
        )
    },
    Kind {
        fixed: true,
        ..kind(
            "signatures",
            &[CARD, COMPLAINT, CONFIRMATION],
            &["signed_at"],
            None,
        )
    },
];

/// A kind monthly files began carrying after schema 14: a file from an older program has no
/// table of it, and is read as carrying none.
struct AddedKind {
    table: &'static str,
    /// The schema that added it.
    schema: u32,
}

const ADDED_KINDS: [AddedKind; 2] = [
    AddedKind {
        table: "signed_pages",
        schema: 21,
    },
    AddedKind {
        table: "signatures",
        schema: 21,
    },
];

/// Tables whose records name their office (`origin`); the others follow their parent's.
const WITH_ORIGIN: [&str; 7] = [
    "customers",
    "warranty_cards",
    "complaints",
    "investigations",
    "confirmations",
    "repairs",
    "maintenance_contracts",
];

/// The parts of a confirmation travel with it, by position.
const PARTS: &str = "confirmation_parts";

/// A column a kind gained after monthly files began (schema 14).
struct AddedColumn {
    table: &'static str,
    column: &'static str,
    /// The schema that added it: a file from an older program lacks it.
    schema: u32,
    /// What a file without it is read as holding (SQL): what the upgrade gives the records
    /// a database already had.
    value: &'static str,
}

/// Every column added since schema 14, so a file from a program not yet updated still imports.
const ADDED_COLUMNS: [AddedColumn; 7] = [
    AddedColumn {
        table: "confirmations",
        column: "technicians",
        schema: 15,
        value: "''",
    },
    AddedColumn {
        table: "confirmations",
        column: "contact_person",
        schema: 18,
        value: "''",
    },
    AddedColumn {
        table: "confirmations",
        column: "cause_found",
        schema: 18,
        value: "''",
    },
    AddedColumn {
        table: "confirmations",
        column: "packaging_fen",
        schema: 18,
        value: "0",
    },
    AddedColumn {
        table: "confirmations",
        column: "packaging_borne_by",
        schema: 18,
        value: "'company'",
    },
    AddedColumn {
        table: "confirmation_parts",
        column: "faulty_serial",
        schema: 18,
        value: "''",
    },
    AddedColumn {
        table: "confirmation_parts",
        column: "replacement_serial",
        schema: 18,
        value: "''",
    },
];

/// What can stop an export or an import, one line each.
#[derive(Debug, Error)]
pub enum ExchangeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    #[error(
        "this office has no code yet: set it in Settings (or `aftersales unit`) before sending or receiving monthly files"
    )]
    NoOfficeCode,
    #[error("headquarters keeps the archive and sends no monthly file")]
    HeadquartersSendsNone,
    #[error("the monthly file is damaged inside ({0}); ask the sender for it again")]
    Damaged(String),
    #[error("this is not a monthly file of this program ({0})")]
    Foreign(String),
    #[error(
        "the monthly file was written by a newer version of this program (format {found}, schema {schema}); update the program to read it"
    )]
    Newer { found: String, schema: String },
    #[error("this monthly file was written by this office ({0}); it is imported where it is sent")]
    OwnFile(String),
    #[error(
        "{sender} is a {sender_level}; its monthly file goes to {goes_to}, not to this {level}"
    )]
    WrongReceiver {
        sender: String,
        sender_level: &'static str,
        goes_to: &'static str,
        level: &'static str,
    },
    #[error(
        "{code} ({name}) has not sent a file here before: check its key fingerprint {fingerprint} with the office by telephone, then accept it (on the command line: --trust-new-sender)"
    )]
    NewSender {
        code: String,
        name: String,
        fingerprint: String,
    },
    #[error(
        "this file claims to come from {code} but is signed with another key than the one accepted for {code} (fingerprint {known}; this file's {found}): refused"
    )]
    KeyMismatch {
        code: String,
        known: String,
        found: String,
    },
    #[error("the monthly file's record breaks a rule: {0}")]
    BadRecord(String),
    #[error(
        "a file of that name already exists and is not a monthly file; nothing was written, choose a new file name: {0}"
    )]
    OutputExists(String),
    #[error("cannot write the monthly file ({reason}): {path}")]
    Write { path: String, reason: String },
}

impl From<rusqlite::Error> for ExchangeError {
    fn from(error: rusqlite::Error) -> Self {
        ExchangeError::Store(error.into())
    }
}

pub type Result<T, E = ExchangeError> = std::result::Result<T, E>;

/// How many records of one kind an import adds, updates, leaves, or keeps against the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    /// Changed here and in the file: the later change won, both are in the audit trail.
    pub conflicting: u64,
}

impl Counts {
    pub fn total(&self) -> u64 {
        self.new + self.updated + self.unchanged + self.conflicting
    }
}

/// What a file was, and what importing it does (or did).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportPlan {
    pub sender: Unit,
    pub period: Period,
    pub fingerprint: String,
    /// The sender was never accepted here (its key is asked for once).
    pub new_sender: bool,
    /// Per table, in the order of [`KINDS`], then the parts.
    pub counts: Vec<(&'static str, Counts)>,
    /// When this very file was imported before (nothing is done again).
    pub already_imported: Option<String>,
    /// The file's SHA-256.
    pub sha256: String,
}

impl ImportPlan {
    pub fn records(&self) -> u64 {
        self.counts.iter().map(|(_, c)| c.total()).sum()
    }

    pub fn sum(&self) -> Counts {
        let mut sum = Counts::default();
        for (_, c) in &self.counts {
            sum.new += c.new;
            sum.updated += c.updated;
            sum.unchanged += c.unchanged;
            sum.conflicting += c.conflicting;
        }
        sum
    }
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportSummary {
    pub period: Period,
    pub path: PathBuf,
    /// Per table, how many records.
    pub counts: Vec<(&'static str, u64)>,
    pub sha256: String,
}

impl ExportSummary {
    pub fn records(&self) -> u64 {
        self.counts.iter().map(|(_, n)| n).sum()
    }
}

/// Reports work done out of work in all, now and then (rows copied or checked).
pub type Progress<'a> = &'a dyn Fn(u64, u64);

/// `[lo, hi)` of `period` as text comparable with stored dates and timestamps.
fn bounds(period: Period) -> (String, String) {
    (
        period.first_day().format("%Y-%m-%d").to_string(),
        period.next().first_day().format("%Y-%m-%d").to_string(),
    )
}

/// A table's columns here, in order.
fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare(&format!(
        "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
    ))?
    .query_map([], |r| r.get(0))?
    .collect()
}

/// How a kind's records read in the file: their own columns but the row number and the
/// references, then each reference as the referred record's UUID.
struct Shape {
    table: &'static str,
    /// The kind's own columns, as stored here and in the file.
    own: Vec<String>,
    references: Vec<(&'static str, &'static str, String)>,
    /// Own columns a file from an older program lacks ([`ADDED_COLUMNS`]), each with the
    /// value it is read as holding; set when the file's columns are checked.
    missing_in_file: Vec<(String, &'static str)>,
}

impl Shape {
    fn of(conn: &Connection, table: &'static str, references: &[Reference]) -> Result<Shape> {
        let skip: HashSet<&str> = references.iter().map(|r| r.column).collect();
        let own = columns(conn, table)?
            .into_iter()
            .filter(|c| c != "id" && !skip.contains(c.as_str()))
            .collect();
        Ok(Shape {
            table,
            own,
            references: references
                .iter()
                .map(|r| (r.column, r.table, r.file_column()))
                .collect(),
            missing_in_file: Vec::new(),
        })
    }

    fn parts(conn: &Connection) -> Result<Shape> {
        Shape::of(
            conn,
            PARTS,
            &[Reference {
                column: "confirmation_id",
                table: "confirmations",
            }],
        )
    }

    /// Every column of the file's table, in order.
    fn file_columns(&self) -> Vec<String> {
        self.own
            .iter()
            .cloned()
            .chain(self.references.iter().map(|(_, _, f)| f.clone()))
            .collect()
    }

    /// What to `SELECT` from the file's table for [`Shape::file_columns`], in that order: a
    /// column the file lacks as the value that stands for it.
    fn select_in_file(&self) -> String {
        self.file_columns()
            .into_iter()
            .map(|column| {
                match self
                    .missing_in_file
                    .iter()
                    .find(|(name, _)| *name == column)
                {
                    Some((_, value)) => format!("{value} AS {column}"),
                    None => column,
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `SELECT` of this office's rows as the file holds them, `alias` the table's; `?1` is
    /// this office's code, which the file writes for this database's ''.
    fn select_here(&self, alias: &str) -> String {
        let own = self.own.iter().map(|c| {
            if c == "origin" {
                format!("CASE WHEN {alias}.origin = '' THEN ?1 ELSE {alias}.origin END")
            } else {
                format!("{alias}.{c}")
            }
        });
        let references = self.references.iter().map(|(column, table, _)| {
            format!("(SELECT r.uuid FROM {table} r WHERE r.id = {alias}.{column})")
        });
        own.chain(references).collect::<Vec<_>>().join(", ")
    }
}

/// The one number a query answers.
fn count(conn: &Connection, sql: &str) -> rusqlite::Result<u64> {
    conn.query_row(sql, [], |r| r.get::<_, i64>(0))
        .map(|n| n as u64)
}
