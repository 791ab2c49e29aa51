//! The command line given bad arguments: paths and values that are not UTF-8, numbers out of
//! range, empty and hostile search texts, form numbers of ten thousand characters or with a
//! line break. Each run fails with its message (one line, "aftersales: …", exit 1, for what the
//! program refuses; clap's "error: …" naming the argument, exit 2, for a value it cannot read)
//! or succeeds where that is right, and never panics. What `cli_errors.rs` already covers
//! (missing files, damaged, foreign and newer files, outputs onto a database) is not repeated.

mod common;

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use aftersales::store::Store;

/// The clock every run is given.
const NOW: &str = "2026-11-23 09:00";

/// A folder holding `cards.db`, one warranty card (WC-2026-000001, 张三, 13800138000), and
/// the same database under a name that is not UTF-8.
struct Place {
    dir: tempfile::TempDir,
}

/// `café` in Latin-1: a name from an old Windows share, not UTF-8.
const LATIN_1: &[u8] = b"caf\xe9";

impl Place {
    fn new() -> Place {
        let place = Place {
            dir: tempfile::tempdir().unwrap(),
        };
        for name in [b"cards.db".to_vec(), [LATIN_1, b".db"].concat()] {
            let mut store = Store::open(&place.path(&name)).unwrap();
            let card = common::card("张三", "13800138000", "2026-03-01");
            store.insert_card(&card, "WC", common::now()).unwrap();
        }
        place
    }

    fn path(&self, name: &[u8]) -> PathBuf {
        self.dir.path().join(OsStr::from_bytes(name))
    }

    fn arg(&self, name: &[u8]) -> OsString {
        self.path(name).into_os_string()
    }

    fn db(&self) -> OsString {
        self.arg(b"cards.db")
    }

    fn latin_1_db(&self) -> OsString {
        self.arg(&[LATIN_1, b".db"].concat())
    }

    /// Every file in the folder with its bytes, to see that a failure changed nothing.
    fn snapshot(&self) -> Vec<(OsString, Vec<u8>)> {
        let mut files: Vec<(OsString, Vec<u8>)> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.path().is_file())
            .map(|e| (e.file_name(), std::fs::read(e.path()).unwrap()))
            .collect();
        files.sort();
        files
    }
}

fn run(args: &[OsString]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_aftersales"))
        .args(args)
        .env(aftersales::cli::NOW_VARIABLE, NOW)
        .output()
        .expect("the binary runs")
}

fn os(text: &str) -> OsString {
    OsString::from(text)
}

fn bytes(raw: &[u8]) -> OsString {
    OsStr::from_bytes(raw).to_owned()
}

/// What a run must do.
enum Outcome {
    /// Exit 1 with one line on standard error, "aftersales: …" holding each of these.
    Refused(&'static [&'static str]),
    /// Exit 2 with clap's message, whose first line "error: …" holds each of these.
    Unreadable(&'static [&'static str]),
    /// Exit 0, nothing on standard error, and exactly these lines on standard output.
    Prints(&'static [&'static str]),
}

use Outcome::{Prints, Refused, Unreadable};

struct Case {
    name: &'static str,
    args: fn(&Place) -> Vec<OsString>,
    outcome: Outcome,
}

/// What `search` prints for 张三: the customer filed with the card, then the card.
const CUSTOMER_LINE: &str = "张三\tCustomer\t13800138000 · 江西省南昌市东湖区八一大道 88 号";
const CARD_LINE: &str = "WC-2026-000001\tWarranty card\t张三 13800138000 · JSQ20-A1";

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "searching a database whose path is not UTF-8",
            args: |p| vec![os("search"), os("--db"), p.latin_1_db(), os("张三")],
            outcome: Prints(&[CUSTOMER_LINE, CARD_LINE]),
        },
        Case {
            name: "overdue steps of a database whose path is not UTF-8",
            args: |p| vec![os("overdue"), os("--db"), p.latin_1_db()],
            outcome: Prints(&[]),
        },
        Case {
            name: "a database path that is not UTF-8 and does not exist",
            args: |p| vec![os("search"), os("--db"), p.arg(b"no\xff.db"), os("张三")],
            outcome: Refused(&["no database at", "no\u{FFFD}.db"]),
        },
        Case {
            name: "search text that is not UTF-8",
            args: |p| vec![os("search"), os("--db"), p.db(), bytes(b"\xff\xfe")],
            outcome: Unreadable(&["invalid UTF-8"]),
        },
        Case {
            name: "a form number that is not UTF-8",
            args: |p| {
                vec![
                    os("export-pdf"),
                    os("--db"),
                    p.db(),
                    bytes(b"WC-\xff"),
                    os("--out"),
                    p.arg(b"x.pdf"),
                ]
            },
            outcome: Unreadable(&["invalid UTF-8"]),
        },
        Case {
            name: "a count that is not UTF-8",
            args: |p| {
                vec![
                    os("demo"),
                    os("--db"),
                    p.db(),
                    os("--count"),
                    bytes(b"1\xff"),
                ]
            },
            outcome: Unreadable(&["invalid UTF-8"]),
        },
        Case {
            name: "demo --count 0",
            args: |p| vec![os("demo"), os("--db"), p.db(), os("--count"), os("0")],
            outcome: Unreadable(&[
                "invalid value '0' for '--count <COUNT>'",
                "from 1 to 10000000",
            ]),
        },
        Case {
            name: "a negative --count",
            args: |p| vec![os("demo"), os("--db"), p.db(), os("--count"), os("-5")],
            outcome: Unreadable(&["invalid value '-5' for '--count <COUNT>'"]),
        },
        Case {
            name: "a --count beyond ten million",
            args: |p| {
                vec![
                    os("demo"),
                    os("--db"),
                    p.db(),
                    os("--count"),
                    os("10000001"),
                ]
            },
            outcome: Unreadable(&["invalid value '10000001' for '--count <COUNT>'"]),
        },
        Case {
            name: "a --count beyond 64 bits",
            args: |p| {
                vec![
                    os("demo"),
                    os("--db"),
                    p.db(),
                    os("--count"),
                    os("99999999999999999999999"),
                ]
            },
            outcome: Unreadable(&["invalid value '99999999999999999999999' for '--count"]),
        },
        Case {
            name: "a --count in words",
            args: |p| vec![os("demo"), os("--db"), p.db(), os("--count"), os("ten")],
            outcome: Unreadable(&["invalid value 'ten' for '--count <COUNT>'"]),
        },
        Case {
            name: "a negative --seed",
            args: |p| vec![os("demo"), os("--db"), p.db(), os("--seed"), os("-1")],
            outcome: Unreadable(&["'-1'"]),
        },
        Case {
            name: "search --limit 0",
            args: |p| {
                vec![
                    os("search"),
                    os("--db"),
                    p.db(),
                    os("张三"),
                    os("--limit"),
                    os("0"),
                ]
            },
            outcome: Unreadable(&[
                "invalid value '0' for '--limit <LIMIT>'",
                "would print nothing",
            ]),
        },
        Case {
            name: "a negative --limit",
            args: |p| {
                vec![
                    os("search"),
                    os("--db"),
                    p.db(),
                    os("张三"),
                    os("--limit"),
                    os("-1"),
                ]
            },
            outcome: Unreadable(&["invalid value '-1' for '--limit <LIMIT>'"]),
        },
        Case {
            name: "the largest --limit",
            args: |p| {
                vec![
                    os("search"),
                    os("--db"),
                    p.db(),
                    os("张三"),
                    os("--limit"),
                    os(&usize::MAX.to_string()),
                ]
            },
            outcome: Prints(&[CUSTOMER_LINE, CARD_LINE]),
        },
        Case {
            name: "empty search text",
            args: |p| vec![os("search"), os("--db"), p.db(), os("")],
            outcome: Unreadable(&["invalid value '' for '<TEXT>'", "the search text is empty"]),
        },
        Case {
            name: "search text of spaces",
            args: |p| vec![os("search"), os("--db"), p.db(), os(" \t ")],
            outcome: Unreadable(&["the search text is empty"]),
        },
        Case {
            name: "an FTS5 quote as search text",
            args: |p| vec![os("search"), os("--db"), p.db(), os("\"")],
            outcome: Prints(&[]),
        },
        Case {
            name: "FTS5 NEAR as search text",
            args: |p| vec![os("search"), os("--db"), p.db(), os("NEAR(a b)")],
            outcome: Prints(&[]),
        },
        Case {
            name: "an FTS5 star as search text",
            args: |p| vec![os("search"), os("--db"), p.db(), os("*")],
            outcome: Prints(&[]),
        },
        Case {
            name: "FTS5 operators as search text",
            args: |p| vec![os("search"), os("--db"), p.db(), os("AND OR NOT")],
            outcome: Prints(&[]),
        },
        Case {
            name: "a quote inside a search word",
            args: |p| vec![os("search"), os("--db"), p.db(), os("a\"b")],
            outcome: Prints(&[]),
        },
        Case {
            name: "an FTS5 column filter",
            args: |p| vec![os("search"), os("--db"), p.db(), os("body:张三")],
            outcome: Prints(&[]),
        },
        Case {
            name: "SQL as search text",
            args: |p| {
                vec![
                    os("search"),
                    os("--db"),
                    p.db(),
                    os("'; DROP TABLE warranty_cards; --"),
                ]
            },
            outcome: Prints(&[]),
        },
        Case {
            name: "a bell between two words of the search",
            args: |p| vec![os("search"), os("--db"), p.db(), os("张三\u{7}13800138000")],
            outcome: Prints(&[CUSTOMER_LINE, CARD_LINE]),
        },
        Case {
            name: "a form number of 10,000 characters",
            args: |p| {
                vec![
                    os("export-pdf"),
                    os("--db"),
                    p.db(),
                    os(&"W".repeat(10_000)),
                    os("--out"),
                    p.arg(b"x.pdf"),
                ]
            },
            outcome: Refused(&["no form numbered WWWWWWWW"]),
        },
        Case {
            name: "a packet number of 10,000 characters",
            args: |p| {
                vec![
                    os("export-pdf"),
                    os("--db"),
                    p.db(),
                    os("--packet"),
                    os(&format!("CC-{}", "9".repeat(10_000))),
                    os("--out"),
                    p.arg(b"x.pdf"),
                ]
            },
            outcome: Refused(&["no form numbered CC-9999"]),
        },
        Case {
            name: "a form number with a line break",
            args: |p| {
                vec![
                    os("export-pdf"),
                    os("--db"),
                    p.db(),
                    os("WC-2026-\n000001"),
                    os("--out"),
                    p.arg(b"x.pdf"),
                ]
            },
            outcome: Refused(&["no form numbered WC-2026-\\n000001"]),
        },
        Case {
            name: "a database path with a line break",
            args: |p| vec![os("overdue"), os("--db"), p.arg(b"two\nlines.db")],
            outcome: Refused(&["no database at", "two\\nlines.db"]),
        },
        Case {
            name: "a folder as the database",
            args: |p| vec![os("search"), os("--db"), p.arg(b"."), os("张三")],
            outcome: Refused(&["that is a folder, not a database file"]),
        },
    ]
}

#[test]
fn every_bad_argument_is_refused_by_name_or_run_as_it_should_and_nothing_panics() {
    let mut failures = Vec::new();
    for case in cases() {
        let place = Place::new();
        let args = (case.args)(&place);
        let before = place.snapshot();
        let output = run(&args);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        );
        let code = output.status.code();
        let mut fail = |why: String| failures.push(format!("{}: {why}", case.name));
        if stderr.contains("panicked") || code == Some(101) {
            fail(format!("panicked: {stderr}"));
            continue;
        }
        match case.outcome {
            Refused(says) => {
                if code != Some(1) {
                    fail(format!("exit {code:?}, not 1: {stderr}"));
                }
                if !(stderr.starts_with("aftersales: ") && stderr.trim_end().lines().count() == 1) {
                    fail(format!("not one line: {stderr:?}"));
                }
                for said in says {
                    if !stderr.contains(said) {
                        fail(format!("{said:?} missing from {stderr:?}"));
                    }
                }
            }
            Unreadable(says) => {
                if code != Some(2) {
                    fail(format!("exit {code:?}, not 2: {stderr}"));
                }
                let first = stderr.lines().next().unwrap_or_default();
                if !first.starts_with("error: ") {
                    fail(format!("first line is not clap's error: {stderr:?}"));
                }
                for said in says {
                    if !first.contains(said) {
                        fail(format!("{said:?} missing from {first:?}"));
                    }
                }
            }
            Prints(lines) => {
                if code != Some(0) || !stderr.is_empty() {
                    fail(format!("exit {code:?}: {stderr}"));
                }
                if stdout.lines().collect::<Vec<_>>() != lines {
                    fail(format!("printed {stdout:?}, not {lines:?}"));
                }
            }
        }
        if place.snapshot() != before {
            fail("a file changed".to_owned());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs `args`, which must succeed.
fn succeeds(args: &[OsString]) {
    let output = run(args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn outputs_whose_names_are_not_utf8_are_written_under_those_names() {
    let place = Place::new();
    let pdf = place.path(b"\xe5\xbc\xa0\xff.pdf");
    let backup = place.path(&[LATIN_1, b"-backup.db"].concat());
    succeeds(&[
        os("export-pdf"),
        os("--db"),
        place.latin_1_db(),
        os("WC-2026-000001"),
        os("--out"),
        pdf.clone().into_os_string(),
    ]);
    succeeds(&[
        os("backup"),
        os("--db"),
        place.latin_1_db(),
        os("--out"),
        backup.clone().into_os_string(),
    ]);
    let (text, pages) = common::pdf_text(&common::read(&pdf));
    assert_eq!(pages, 1);
    assert!(text.contains("WC-2026-000001"), "{text}");
    let copy = Store::open_read_only(&backup).unwrap();
    assert_eq!(
        copy.card_by_registration_no("WC-2026-000001")
            .unwrap()
            .card
            .customer_name,
        "张三"
    );
    let lossy = |p: &Path| p.to_string_lossy().into_owned();
    assert!(!Path::new(&lossy(&pdf)).exists() && !Path::new(&lossy(&backup)).exists());
}

#[test]
fn searching_syntax_leaves_the_database_whole() {
    let place = Place::new();
    for text in [
        "'; DROP TABLE warranty_cards; --",
        "\"); DELETE FROM warranty_cards; --",
        "NEAR(",
        "\"\"",
    ] {
        succeeds(&[os("search"), os("--db"), place.db(), os(text)]);
    }
    let output = run(&[os("verify"), os("--db"), place.db()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let store = Store::open_read_only(Path::new(&place.db())).unwrap();
    assert_eq!(store.card_count().unwrap(), 1);
}
