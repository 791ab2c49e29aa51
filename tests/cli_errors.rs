//! Every way a command can fail, each with its exit code and its one-line message: 1 and
//! "aftersales: …" for what the program refuses, 2 and clap's usage message for a command line
//! it cannot read. Nothing is written, and the database is left as it was.

mod common;

use std::path::{Path, PathBuf};

use aftersales::store::Store;
use common::{aftersales, aftersales_at, stderr};

/// The files a failing command is given, made fresh for each case.
struct Files {
    dir: tempfile::TempDir,
}

impl Files {
    fn new() -> Files {
        Files {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn text(&self, name: &str) -> String {
        self.path(name).to_str().unwrap().to_owned()
    }

    /// A database holding one warranty card, WC-2026-000001.
    fn database(&self, name: &str) -> String {
        let path = self.path(name);
        let mut store = Store::open(&path).unwrap();
        let card = common::card("张三", "13800138000", "2026-03-01");
        store.insert_card(&card, "WC", common::now()).unwrap();
        self.text(name)
    }

    /// Another program's SQLite file.
    fn foreign(&self, name: &str) -> String {
        rusqlite::Connection::open(self.path(name))
            .unwrap()
            .execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
            .unwrap();
        self.text(name)
    }

    /// One of our files, written by a newer version of the program.
    fn newer(&self, name: &str) -> String {
        let conn = rusqlite::Connection::open(self.path(name)).unwrap();
        conn.pragma_update(None, "application_id", aftersales::store::APPLICATION_ID)
            .unwrap();
        conn.execute_batch("CREATE TABLE future (x);").unwrap();
        conn.pragma_update(None, "user_version", aftersales::store::SCHEMA_VERSION + 1)
            .unwrap();
        self.text(name)
    }

    /// One of our files as the first release wrote it.
    fn schema_1(&self, name: &str) -> String {
        let sql = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-01.sql"),
        )
        .unwrap();
        rusqlite::Connection::open(self.path(name))
            .unwrap()
            .execute_batch(&sql)
            .unwrap();
        self.text(name)
    }

    /// A database whose protective trigger was dropped by another program.
    fn tampered(&self, name: &str) -> String {
        let db = self.database(name);
        rusqlite::Connection::open(self.path(name))
            .unwrap()
            .execute_batch("DROP TRIGGER complaints_are_permanent;")
            .unwrap();
        db
    }

    /// Every file in the folder with its bytes, to see that a failure changed nothing.
    fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    }
}

/// One failure: the command line (made from the case's files), the clock, the exit code and
/// what the message must say.
struct Case {
    name: &'static str,
    args: fn(&Files) -> Vec<String>,
    now: &'static str,
    code: i32,
    says: fn(&Files) -> Vec<String>,
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

const NOW: &str = common::NOW_TEXT;

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "a card number that is not in the database",
            args: |f| {
                let db = f.database("a.db");
                strings(&[
                    "export-pdf",
                    "--db",
                    &db,
                    "WC-2026-999999",
                    "--out",
                    &f.text("x.pdf"),
                ])
            },
            now: NOW,
            code: 1,
            says: |f| {
                vec![format!(
                    "no form numbered WC-2026-999999 in {}",
                    f.text("a.db")
                )]
            },
        },
        Case {
            name: "a report number that is not in the database",
            args: |f| {
                let db = f.database("a.db");
                strings(&[
                    "export-pdf",
                    "--db",
                    &db,
                    "IR-2026-11-0009",
                    "--out",
                    &f.text("x.pdf"),
                ])
            },
            now: NOW,
            code: 1,
            says: |_| strings(&["no form numbered IR-2026-11-0009"]),
        },
        Case {
            name: "a confirmation number that is not in the database",
            args: |f| {
                let db = f.database("a.db");
                strings(&[
                    "export-pdf",
                    "--db",
                    &db,
                    "SC-2026-11-0009",
                    "--out",
                    &f.text("x.pdf"),
                ])
            },
            now: NOW,
            code: 1,
            says: |_| strings(&["no form numbered SC-2026-11-0009"]),
        },
        Case {
            name: "a contract number that is not in the database",
            args: |f| {
                let db = f.database("a.db");
                strings(&[
                    "export-pdf",
                    "--db",
                    &db,
                    "MC-2026-0009",
                    "--out",
                    &f.text("x.pdf"),
                ])
            },
            now: NOW,
            code: 1,
            says: |_| strings(&["no form numbered MC-2026-0009"]),
        },
        Case {
            name: "a packet of a complaint that is not in the database",
            args: |f| {
                let db = f.database("a.db");
                let out = f.text("x.pdf");
                strings(&[
                    "export-pdf",
                    "--db",
                    &db,
                    "--packet",
                    "CC-2026-11-0009",
                    "--out",
                    &out,
                ])
            },
            now: NOW,
            code: 1,
            says: |_| strings(&["no form numbered CC-2026-11-0009"]),
        },
        Case {
            name: "exporting from a database that does not exist",
            args: |f| {
                strings(&[
                    "export-pdf",
                    "--db",
                    &f.text("typo.db"),
                    "WC-2026-000001",
                    "--out",
                    &f.text("x.pdf"),
                ])
            },
            now: NOW,
            code: 1,
            says: |f| vec![format!("no database at {}", f.text("typo.db"))],
        },
        Case {
            name: "searching a database that does not exist",
            args: |f| strings(&["search", "--db", &f.text("typo.db"), "张三"]),
            now: NOW,
            code: 1,
            says: |f| vec![format!("no database at {}", f.text("typo.db"))],
        },
        Case {
            name: "listing the overdue steps of a database that does not exist",
            args: |f| strings(&["overdue", "--db", &f.text("typo.db")]),
            now: NOW,
            code: 1,
            says: |_| strings(&["no database at"]),
        },
        Case {
            name: "verifying a database that does not exist",
            args: |f| strings(&["verify", "--db", &f.text("typo.db")]),
            now: NOW,
            code: 1,
            says: |_| strings(&["no database at"]),
        },
        Case {
            name: "demo data into a folder that does not exist",
            args: |f| {
                strings(&[
                    "demo",
                    "--db",
                    &f.text("no/such/folder/a.db"),
                    "--count",
                    "1",
                ])
            },
            now: NOW,
            code: 1,
            says: |f| {
                vec![format!(
                    "the folder for the database does not exist: {}",
                    f.text("no/such/folder")
                )]
            },
        },
        Case {
            name: "a PDF into a folder that does not exist",
            args: |f| {
                strings(&[
                    "export-pdf",
                    "--blank",
                    "complaint",
                    "--out",
                    &f.text("no/such/x.pdf"),
                ])
            },
            now: NOW,
            code: 1,
            says: |f| {
                vec![format!(
                    "the folder for --out does not exist: {}",
                    f.text("no/such")
                )]
            },
        },
        Case {
            name: "a PDF written over a folder",
            args: |f| {
                std::fs::create_dir(f.path("out")).unwrap();
                strings(&[
                    "export-pdf",
                    "--blank",
                    "complaint",
                    "--out",
                    &f.text("out"),
                ])
            },
            now: NOW,
            code: 1,
            says: |f| {
                vec![format!(
                    "--out names a folder, not a file: {}",
                    f.text("out")
                )]
            },
        },
        Case {
            name: "a PDF written over the database",
            args: |f| {
                let db = f.database("a.db");
                strings(&["export-pdf", "--db", &db, "WC-2026-000001", "--out", &db])
            },
            now: NOW,
            code: 1,
            says: |f| {
                vec![format!(
                    "that is the database itself (or a file SQLite keeps beside it); nothing was written, choose a new file name: {}",
                    f.text("a.db")
                )]
            },
        },
        Case {
            name: "a PDF written over the database's journal",
            args: |f| {
                let db = f.database("a.db");
                strings(&[
                    "export-pdf",
                    "--db",
                    &db,
                    "WC-2026-000001",
                    "--out",
                    &format!("{db}-wal"),
                ])
            },
            now: NOW,
            code: 1,
            says: |_| strings(&["that is the database itself"]),
        },
        Case {
            name: "a backup written over another database",
            args: |f| {
                let db = f.database("a.db");
                let other = f.database("b.db");
                strings(&["backup", "--db", &db, "--out", &other])
            },
            now: NOW,
            code: 1,
            says: |f| {
                vec![format!(
                    "that file is a database; nothing was written, choose a new file name: {}",
                    f.text("b.db")
                )]
            },
        },
        Case {
            name: "a backup written over an existing file",
            args: |f| {
                let db = f.database("a.db");
                std::fs::write(f.path("notes.txt"), "mine").unwrap();
                strings(&["backup", "--db", &db, "--out", &f.text("notes.txt")])
            },
            now: NOW,
            code: 1,
            says: |f| {
                vec![format!(
                    "a file of that name already exists; a backup is always written to a new file: {}",
                    f.text("notes.txt")
                )]
            },
        },
        Case {
            name: "a file that is not a database",
            args: |f| {
                std::fs::write(f.path("notes.db"), "my notes, not a database ".repeat(200))
                    .unwrap();
                strings(&["search", "--db", &f.text("notes.db"), "张三"])
            },
            now: NOW,
            code: 1,
            says: |f| {
                vec![format!(
                    "this file is damaged or is not a database; it was left as it is: {}",
                    f.text("notes.db")
                )]
            },
        },
        Case {
            name: "demo data into a file that is not a database",
            args: |f| {
                std::fs::write(f.path("notes.db"), "my notes, not a database ".repeat(200))
                    .unwrap();
                strings(&["demo", "--db", &f.text("notes.db"), "--count", "1"])
            },
            now: NOW,
            code: 1,
            says: |_| strings(&["this file is damaged or is not a database"]),
        },
        Case {
            name: "another program's SQLite file",
            args: |f| strings(&["overdue", "--db", &f.foreign("songs.db")]),
            now: NOW,
            code: 1,
            says: |f| {
                vec![format!(
                    "this file is not an after-sales database; nothing was changed: {}",
                    f.text("songs.db")
                )]
            },
        },
        Case {
            name: "a database from a newer version of the program",
            args: |f| strings(&["search", "--db", &f.newer("newer.db"), "张三"]),
            now: NOW,
            code: 1,
            says: |_| {
                vec![format!(
                    "the database was written by a newer version of this program (schema {}, this program knows up to {})",
                    aftersales::store::SCHEMA_VERSION + 1,
                    aftersales::store::SCHEMA_VERSION
                )]
            },
        },
        Case {
            name: "searching a file of an older schema, which reading never upgrades",
            args: |f| strings(&["search", "--db", &f.schema_1("old.db"), "张三"]),
            now: NOW,
            code: 1,
            says: |f| {
                vec![
                    "the database was written by an older version of this program and must be upgraded before it can be read: open it once in the program's window".to_owned(),
                    format!("The file was not changed: {}", f.text("old.db")),
                ]
            },
        },
        Case {
            name: "verifying a file whose protective trigger was dropped",
            args: |f| strings(&["verify", "--db", &f.tampered("a.db")]),
            now: NOW,
            code: 1,
            says: |f| {
                vec![
                    "the audit trail shows tampering: the protective trigger complaints_are_permanent was removed from the file".to_owned(),
                    f.text("a.db"),
                ]
            },
        },
        Case {
            name: "a clock that is not a time",
            args: |f| strings(&["overdue", "--db", &f.database("a.db")]),
            now: "next tuesday",
            code: 1,
            says: |_| {
                strings(&["AFTERSALES_NOW is not a time like 2026-11-23 09:00: \"next tuesday\""])
            },
        },
        Case {
            name: "export-pdf without --out",
            args: |_| strings(&["export-pdf", "--blank", "complaint"]),
            now: NOW,
            code: 2,
            says: |_| {
                strings(&[
                    "the following required arguments were not provided",
                    "--out",
                ])
            },
        },
        Case {
            name: "a number and --blank together",
            args: |f| {
                strings(&[
                    "export-pdf",
                    "WC-2026-000001",
                    "--blank",
                    "complaint",
                    "--out",
                    &f.text("x.pdf"),
                ])
            },
            now: NOW,
            code: 2,
            says: |_| strings(&["cannot be used with"]),
        },
        Case {
            name: "export-pdf with neither a number, --packet nor --blank",
            args: |f| strings(&["export-pdf", "--out", &f.text("x.pdf")]),
            now: NOW,
            code: 2,
            says: |_| {
                strings(&[
                    "the following required arguments were not provided",
                    "<NUMBER>",
                ])
            },
        },
        Case {
            name: "a blank form that does not exist",
            args: |f| {
                strings(&[
                    "export-pdf",
                    "--blank",
                    "invoice",
                    "--out",
                    &f.text("x.pdf"),
                ])
            },
            now: NOW,
            code: 2,
            says: |_| strings(&["invalid value 'invoice' for '--blank <BLANK>'"]),
        },
    ]
}

#[test]
fn every_refusal_exits_non_zero_with_its_one_line_message_and_writes_nothing() {
    for case in cases() {
        let files = Files::new();
        let args = (case.args)(&files);
        let before = files.snapshot();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = aftersales_at(case.now, &args);
        let message = stderr(&output);
        assert_eq!(
            output.status.code(),
            Some(case.code),
            "{}: exit code; stderr: {message}",
            case.name
        );
        for expected in (case.says)(&files) {
            assert!(
                message.contains(&expected),
                "{}: {expected:?} missing from: {message}",
                case.name
            );
        }
        assert!(output.stdout.is_empty(), "{}: wrote to stdout", case.name);
        if case.code == 1 {
            assert!(
                message.starts_with("aftersales: ") && message.trim_end().lines().count() == 1,
                "{}: not one line: {message}",
                case.name
            );
        }
        assert_eq!(files.snapshot(), before, "{}: a file changed", case.name);
    }
}

#[test]
fn a_run_that_succeeds_exits_zero() {
    // The other side of the table above: the same kind of call, given what it needs.
    let files = Files::new();
    let db = files.database("a.db");
    let output = aftersales(&[
        "export-pdf",
        "--db",
        &db,
        "WC-2026-000001",
        "--out",
        &files.text("x.pdf"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stderr.is_empty());
}
