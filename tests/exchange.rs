//! The monthly exchange, end to end: dealers' months reach headquarters through their region,
//! made by `demo` on three kinds of office; the same file twice; two dealers' clashing
//! numbers; a record changed on both sides; and every bad file, each refused in one line with
//! the database left byte for byte as it was.

mod common;

use std::path::{Path, PathBuf};

use aftersales::domain::unit::Period;
use aftersales::store::Store;
use aftersales::store::exchange::ExchangeError;
use common::{aftersales_at, stderr};
use rusqlite::Connection;

/// When the dealers' October records were made.
const OCTOBER: &str = "2026-10-20 10:00";

/// Runs a command that must succeed; returns what it printed.
fn ok(now: &str, args: &[&str]) -> String {
    let output = aftersales_at(now, args);
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        stderr(&output)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs a command that must fail; returns its one line of error.
fn refused(now: &str, args: &[&str]) -> String {
    let output = aftersales_at(now, args);
    assert_eq!(output.status.code(), Some(1), "{args:?} should fail");
    let message = stderr(&output);
    assert!(
        message.starts_with("aftersales: ") && message.trim_end().lines().count() == 1,
        "one line: {message}"
    );
    message
}

/// The offices of the tests: two dealers of region JX, the region, headquarters, each with a
/// demo database of its own made with its own seed.
struct Offices {
    dir: tempfile::TempDir,
}

impl Offices {
    fn new() -> Offices {
        let offices = Offices {
            dir: tempfile::tempdir().unwrap(),
        };
        let made = [
            (
                "d1",
                "JX-D01",
                "南昌红谷滩经销商",
                "dealer",
                "JX",
                "30",
                "1",
            ),
            ("d2", "JX-D02", "九江浔阳经销商", "dealer", "JX", "30", "2"),
            ("region", "JX", "江西大区", "region", "", "3", "3"),
            ("hq", "HQ", "总部客服中心", "hq", "", "3", "4"),
        ];
        for (db, code, name, level, region, count, seed) in made {
            let db = offices.db(db);
            let mut args = vec![
                "demo",
                "--db",
                &db,
                "--count",
                count,
                "--seed",
                seed,
                "--unit",
                code,
                "--unit-name",
                name,
                "--level",
                level,
            ];
            if !region.is_empty() {
                args.extend(["--region", region]);
            }
            ok(OCTOBER, &args);
        }
        offices
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self, office: &str) -> String {
        self.path(&format!("{office}.db"))
            .to_str()
            .unwrap()
            .to_owned()
    }

    /// `office`'s monthly file for October, written on `now`.
    fn export(&self, office: &str, now: &str) -> String {
        let out = self.path(&format!("{office}-2026-10.asmf"));
        let said = ok(
            now,
            &[
                "bundle",
                "export",
                "--db",
                &self.db(office),
                "--month",
                "2026-10",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(said.starts_with("wrote "), "{said}");
        out.to_str().unwrap().to_owned()
    }

    fn import(&self, office: &str, file: &str, now: &str) -> String {
        ok(
            now,
            &[
                "bundle",
                "import",
                "--db",
                &self.db(office),
                file,
                "--trust-new-sender",
            ],
        )
    }
}

/// A table's rows as the exchange compares them: every column but the row numbers (which are
/// each database's own), references by the referred record's identity, ordered by identity.
fn contents(db: &str, sql: &str) -> Vec<Vec<String>> {
    let conn = Connection::open(db).unwrap();
    let mut select = conn.prepare(sql).unwrap();
    let width = select.column_count();
    let mut rows: Vec<Vec<String>> = select
        .query_map([], |r| {
            (0..width)
                .map(|i| {
                    r.get::<_, rusqlite::types::Value>(i)
                        .map(|v| format!("{v:?}"))
                })
                .collect()
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    rows.sort();
    rows
}

fn scalar(db: &str, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// The file's bytes and its companions' presence: "byte for byte unchanged".
fn snapshot(db: &str) -> (Vec<u8>, bool) {
    (
        std::fs::read(db).unwrap(),
        Path::new(&format!("{db}-wal")).exists(),
    )
}

#[test]
fn a_dealers_october_reaches_headquarters_through_its_region_record_for_record() {
    let offices = Offices::new();
    let d1 = offices.export("d1", "2026-11-03 09:00");
    let d2 = offices.export("d2", "2026-11-04 09:00");
    offices.import("region", &d1, "2026-11-04 10:00");
    offices.import("region", &d2, "2026-11-06 10:00");
    let region = offices.export("region", "2026-11-07 09:00");
    let said = offices.import("hq", &region, "2026-11-08 09:00");
    assert!(
        said.starts_with("imported JX (江西大区) for 2026-10"),
        "{said}"
    );

    // Every record of each dealer is at headquarters, word for word, under its dealer.
    let (d1_db, hq_db) = (offices.db("d1"), offices.db("hq"));
    let cards = "SELECT uuid, registration_no, customer_name, customer_address, serial_no, \
                 warranty_end, created_at, updated_at, (SELECT uuid FROM customers k WHERE k.id = customer_id) \
                 FROM warranty_cards";
    let steps = "SELECT s.uuid, c.uuid, s.step, s.at, s.operator, s.reason FROM case_steps s \
                 JOIN complaints c ON c.id = s.complaint_id";
    let complaints = "SELECT uuid, complaint_no, description, received_at, voided_at, \
                      (SELECT uuid FROM customers k WHERE k.id = customer_id) FROM complaints";
    let parts = "SELECT f.uuid, p.position, p.name, p.quantity, p.unit_cost_fen, p.faulty_serial, \
                 p.replacement_serial FROM confirmation_parts p \
                 JOIN confirmations f ON f.id = p.confirmation_id";
    let confirmations = "SELECT uuid, confirmation_no, technicians, work_done, rating_skill, \
                         contact_person, cause_found, packaging_fen, packaging_borne_by, \
                         (SELECT uuid FROM complaints c WHERE c.id = complaint_id) FROM confirmations";
    for sql in [cards, steps, complaints, parts, confirmations] {
        let at_dealer = contents(&d1_db, &format!("{sql} WHERE 1"));
        let hq_sql = match sql {
            s if s.contains("FROM case_steps") => format!("{s} WHERE c.origin = 'JX-D01'"),
            s if s.contains("FROM confirmation_parts") => format!("{s} WHERE f.origin = 'JX-D01'"),
            s => format!("{s} WHERE origin = 'JX-D01'"),
        };
        let at_hq = contents(&hq_db, &hq_sql);
        assert!(!at_dealer.is_empty(), "{sql}");
        assert_eq!(at_dealer, at_hq, "{sql}");
    }
    // Each confirmation names its technicians there as here, and the cause found; the
    // demo's part serials and packaging costs travelled (compared word for word above).
    for empty in ["technicians = ''", "cause_found = ''"] {
        assert_eq!(
            scalar(
                &hq_db,
                &format!("SELECT count(*) FROM confirmations WHERE origin = 'JX-D01' AND {empty}")
            ),
            0,
            "{empty}"
        );
    }
    assert!(
        scalar(
            &hq_db,
            "SELECT count(*) FROM confirmation_parts p JOIN confirmations f ON f.id = p.confirmation_id
             WHERE f.origin = 'JX-D01' AND p.replacement_serial <> ''"
        ) > 0
    );
    assert_eq!(
        scalar(
            &hq_db,
            "SELECT count(*) FROM warranty_cards WHERE origin = 'JX-D02'"
        ),
        30
    );
    // A dealer's demo cards are issued under its own name.
    assert_eq!(
        scalar(
            &hq_db,
            "SELECT count(*) FROM warranty_cards WHERE origin = 'JX-D01' AND issuing_dealer = '南昌红谷滩经销商'"
        ),
        30
    );
    // The region's own records arrive as the region's; headquarters' own stay its own ('').
    assert_eq!(
        scalar(
            &hq_db,
            "SELECT count(*) FROM warranty_cards WHERE origin = 'JX'"
        ),
        3
    );
    assert_eq!(
        scalar(
            &hq_db,
            "SELECT count(*) FROM warranty_cards WHERE origin = ''"
        ),
        3
    );
    // The dealers' audit trail came along, each entry naming the office that made it.
    assert!(
        scalar(
            &hq_db,
            "SELECT count(*) FROM audit_log WHERE operator LIKE '%[JX-D01]' AND table_name = 'warranty_cards'"
        ) >= 30
    );
    // Headquarters knows the offices, with the region's key accepted once.
    assert_eq!(
        contents(
            &hq_db,
            "SELECT code, level, region, public_key IS NOT NULL FROM units"
        ),
        vec![
            vec![
                "Text(\"JX\")".to_owned(),
                "Text(\"region\")".into(),
                "Text(\"\")".into(),
                "Integer(1)".into()
            ],
            vec![
                "Text(\"JX-D01\")".to_owned(),
                "Text(\"dealer\")".into(),
                "Text(\"JX\")".into(),
                "Integer(0)".into()
            ],
            vec![
                "Text(\"JX-D02\")".to_owned(),
                "Text(\"dealer\")".into(),
                "Text(\"JX\")".into(),
                "Integer(0)".into()
            ],
        ]
    );
    // Its file and its trail check out whole.
    let verified = ok("2026-11-08 10:00", &["verify", "--db", &hq_db]);
    assert!(verified.contains("intact"), "{verified}");

    // The tracker: the region's file came on time; at the region, JX-D02's on the 6th was late.
    let hq_tracker = ok(
        "2026-11-09 09:00",
        &["submissions", "--db", &hq_db, "--month", "2026-10"],
    );
    assert_eq!(
        hq_tracker.trim(),
        "JX\t江西大区\tregion\ton time\t2026-11-08 09:00\t".to_owned()
            + &scalar(
                &offices.db("region"),
                "SELECT records FROM exchanges WHERE direction = 'sent'"
            )
            .to_string()
            + " records"
    );
    let region_tracker = ok(
        "2026-11-09 09:00",
        &[
            "submissions",
            "--db",
            &offices.db("region"),
            "--month",
            "2026-10",
        ],
    );
    let lines: Vec<&str> = region_tracker.lines().collect();
    assert_eq!(lines.len(), 2, "{region_tracker}");
    assert!(
        lines[0].starts_with("JX-D01\t南昌红谷滩经销商\tdealer\ton time\t2026-11-04 10:00"),
        "{region_tracker}"
    );
    assert!(
        lines[1].starts_with("JX-D02\t九江浔阳经销商\tdealer\tlate\t2026-11-06 10:00"),
        "{region_tracker}"
    );
}

#[test]
fn the_same_file_imported_twice_changes_nothing_the_second_time() {
    let offices = Offices::new();
    let d1 = offices.export("d1", "2026-11-03 09:00");
    offices.import("region", &d1, "2026-11-04 10:00");
    let region_db = offices.db("region");
    let before = snapshot(&region_db);
    let said = offices.import("region", &d1, "2026-11-05 10:00");
    assert_eq!(
        said.trim(),
        format!("this file was already imported on 2026-11-04 10:00:00; nothing changed: {d1}")
    );
    assert_eq!(
        snapshot(&region_db),
        before,
        "the database is byte for byte unchanged"
    );

    // The same month written again (a new file, the same records) adds nothing either.
    let again = offices.export("d1", "2026-11-05 11:00");
    let said = offices.import("region", &again, "2026-11-05 12:00");
    assert!(said.contains("\t0 new\t0 updated\t"), "{said}");
    assert!(
        !said.contains(" 1 new")
            && !said
                .lines()
                .skip(1)
                .any(|l| !l.contains("\t0 new\t0 updated\t")),
        "{said}"
    );
}

#[test]
fn two_dealers_issuing_the_same_numbers_are_both_kept_and_printing_asks_whose() {
    let offices = Offices::new();
    let d1 = offices.export("d1", "2026-11-03 09:00");
    let d2 = offices.export("d2", "2026-11-03 09:00");
    offices.import("region", &d1, "2026-11-04 10:00");
    offices.import("region", &d2, "2026-11-04 11:00");
    let region_db = offices.db("region");
    assert_eq!(
        scalar(
            &region_db,
            "SELECT count(*) FROM warranty_cards WHERE registration_no = 'WC-2026-000001'"
        ),
        3,
        "the region's own and both dealers'"
    );
    let out = offices.path("card.pdf");
    let out = out.to_str().unwrap();
    let message = refused(
        "2026-11-05 09:00",
        &[
            "export-pdf",
            "--db",
            &region_db,
            "WC-2026-000001",
            "--out",
            out,
        ],
    );
    assert!(
        message.contains("several offices carry the number WC-2026-000001 (JX, JX-D01, JX-D02)")
            && message.contains("--origin CODE"),
        "{message}"
    );
    assert!(!Path::new(out).exists());
    ok(
        "2026-11-05 09:00",
        &[
            "export-pdf",
            "--db",
            &region_db,
            "WC-2026-000001",
            "--origin",
            "jx-d02",
            "--out",
            out,
        ],
    );
    let (text, _) = common::pdf_text(&std::fs::read(out).unwrap());
    let d2_name: String = Connection::open(offices.db("d2"))
        .unwrap()
        .query_row(
            "SELECT customer_name FROM warranty_cards WHERE registration_no = 'WC-2026-000001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        common::as_printed(&text).contains(&common::as_printed(&d2_name)),
        "{d2_name}"
    );
    // The form says whose it is, beside its number.
    assert!(
        common::as_printed(&text).contains(&common::as_printed("WC-2026-000001 · JX-D02")),
        "{text}"
    );
    // This office's own code is "here".
    ok(
        "2026-11-05 09:00",
        &[
            "export-pdf",
            "--db",
            &region_db,
            "WC-2026-000001",
            "--origin",
            "JX",
            "--out",
            out,
        ],
    );
}

/// Opens `db` for the library's calls, as the clerk `clerk`.
fn open(db: &str, clerk: &str) -> Store {
    let store = Store::open(Path::new(db)).unwrap();
    store.set_writer(clerk);
    store
}

fn at(text: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// Changes the description of the complaint `uuid` in `db` at `now`.
fn describe(db: &str, uuid: &str, description: &str, now: &str) {
    let mut store = open(db, "王芳");
    let id: i64 = Connection::open(db)
        .unwrap()
        .query_row("SELECT id FROM complaints WHERE uuid = ?1", [uuid], |r| {
            r.get(0)
        })
        .unwrap();
    let stored = store.complaint_by_id(id).unwrap();
    let mut complaint = stored.complaint.clone();
    complaint.description = description.to_owned();
    store
        .update_complaint(id, &complaint, stored.revision, at(now))
        .unwrap();
}

fn description(db: &str, uuid: &str) -> String {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT description FROM complaints WHERE uuid = ?1",
            [uuid],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_record_changed_on_both_sides_keeps_the_later_change_and_both_stay_in_the_audit_trail() {
    let offices = Offices::new();
    let (d1_db, region_db) = (offices.db("d1"), offices.db("region"));
    let d1 = offices.export("d1", "2026-11-03 09:00");
    offices.import("region", &d1, "2026-11-04 10:00");
    let uuid: String = Connection::open(&d1_db)
        .unwrap()
        .query_row("SELECT uuid FROM complaints ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    // The dealer changes it on the 5th, the region (later) on the 10th; the dealer's November
    // file then brings the earlier change: the region's stands.
    describe(
        &d1_db,
        &uuid,
        "经销商5日补充：点火针积碳",
        "2026-11-05 09:00",
    );
    describe(
        &region_db,
        &uuid,
        "大区10日核实：燃气阀故障",
        "2026-11-10 09:00",
    );
    let november = |now: &str| {
        let out = offices.path(&format!("d1-2026-11-{}.asmf", now.replace([' ', ':'], "")));
        ok(
            now,
            &[
                "bundle",
                "export",
                "--db",
                &d1_db,
                "--month",
                "2026-11",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        out.to_str().unwrap().to_owned()
    };
    let first = november("2026-11-11 09:00");
    let said = offices.import("region", &first, "2026-11-12 09:00");
    let complaints = said
        .lines()
        .find(|l| l.starts_with("complaints\t"))
        .unwrap();
    assert_eq!(
        complaints, "complaints\t0 new\t0 updated\t0 unchanged\t1 conflicting",
        "{said}"
    );
    assert_eq!(description(&region_db, &uuid), "大区10日核实：燃气阀故障");
    // Both versions are in the region's trail: its own change, and the dealer's as written there.
    let trail = contents(
        &region_db,
        &format!(
            "SELECT a.operator, a.new_value FROM audit_log a JOIN complaints c ON c.id = a.record_id \
             WHERE a.table_name = 'complaints' AND a.field = 'description' AND c.uuid = '{uuid}'"
        ),
    );
    let values: Vec<&str> = trail.iter().map(|r| r[1].as_str()).collect();
    assert!(
        values.contains(&"Text(\"大区10日核实：燃气阀故障\")"),
        "{trail:?}"
    );
    assert!(
        values.contains(&"Text(\"经销商5日补充：点火针积碳\")"),
        "{trail:?}"
    );
    assert!(
        trail.iter().any(|r| r[0] == "Text(\"王芳 [JX-D01]\")"),
        "{trail:?}"
    );

    // The dealer changes it again on the 20th, after the region: now the dealer's wins.
    describe(
        &d1_db,
        &uuid,
        "经销商20日：更换燃气阀后正常",
        "2026-11-20 09:00",
    );
    let second = november("2026-11-21 09:00");
    let said = offices.import("region", &second, "2026-11-22 09:00");
    let complaints = said
        .lines()
        .find(|l| l.starts_with("complaints\t"))
        .unwrap();
    assert_eq!(
        complaints, "complaints\t0 new\t1 updated\t0 unchanged\t0 conflicting",
        "{said}"
    );
    assert_eq!(
        description(&region_db, &uuid),
        "经销商20日：更换燃气阀后正常"
    );
    let verified = ok("2026-11-22 10:00", &["verify", "--db", &region_db]);
    assert!(verified.contains("intact"), "{verified}");
}

#[test]
fn a_monthly_file_is_never_written_over_the_database_its_companions_or_another_file() {
    let offices = Offices::new();
    let db = offices.db("d1");
    let before = snapshot(&db);
    let other = offices.path("letter.txt");
    std::fs::write(&other, "不是月度文件").unwrap();
    let wal = format!("{db}-wal");
    for (out, says) in [
        (db.as_str(), "that is the database itself"),
        (wal.as_str(), "that is the database itself"),
        (offices.db("d2").as_str(), "that file is a database"),
        (
            other.to_str().unwrap(),
            "a file of that name already exists",
        ),
    ] {
        let message = refused(
            "2026-11-03 09:00",
            &[
                "bundle", "export", "--db", &db, "--month", "2026-10", "--out", out,
            ],
        );
        assert!(message.contains(says), "{out}: {message}");
    }
    assert_eq!(snapshot(&db), before);
    assert!(!Path::new(&wal).exists());
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "不是月度文件");
    // An earlier export of the same month is written over.
    offices.export("d1", "2026-11-03 09:00");
    offices.export("d1", "2026-11-04 09:00");
}

#[test]
fn headquarters_sends_no_file_and_an_office_without_a_code_neither_sends_nor_receives() {
    let offices = Offices::new();
    let out = offices.path("hq.asmf");
    let message = refused(
        "2026-11-03 09:00",
        &[
            "bundle",
            "export",
            "--db",
            &offices.db("hq"),
            "--month",
            "2026-10",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        message.contains("headquarters keeps the archive and sends no monthly file"),
        "{message}"
    );
    assert!(!out.exists());
    let bare = offices.path("bare.db");
    let bare = bare.to_str().unwrap();
    ok(OCTOBER, &["demo", "--db", bare, "--count", "2"]);
    let message = refused(
        "2026-11-03 09:00",
        &[
            "bundle",
            "export",
            "--db",
            bare,
            "--month",
            "2026-10",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(message.contains("this office has no code yet"), "{message}");
    let message = refused(
        "2026-11-03 09:00",
        &[
            "unit", "--db", bare, "--code", "南昌", "--name", "x", "--level", "dealer",
        ],
    );
    assert!(
        message.contains("Office code: 1 to 20 letters, digits or inner hyphens"),
        "{message}"
    );
}

#[test]
fn a_file_from_a_program_before_confirmations_named_technicians_imports_naming_none() {
    let (offices, file) = bad_files::setup();
    let d1 = offices.db("d1");
    let named = scalar(
        &d1,
        "SELECT count(*) FROM confirmations WHERE technicians <> ''",
    );
    assert!(
        named > 0,
        "the dealer's demo confirmations name technicians"
    );
    // The dealer's month as a program of schema 14 wrote it: no technicians column.
    let older = bad_files::resigned(&offices, &file, "schema-14.asmf", |conn| {
        conn.execute_batch(
            "ALTER TABLE confirmations DROP COLUMN technicians;
             DROP TABLE signatures;
             DROP TABLE signed_pages;
             UPDATE meta SET value = '14' WHERE key = 'schema_version';",
        )
        .unwrap();
    });
    let said = offices.import("region", &older, "2026-11-04 10:00");
    assert!(said.starts_with("imported JX-D01"), "{said}");
    // Every confirmation came, as the dealer has it but for the names the file lacked.
    let sql = "SELECT uuid, confirmation_no, work_done, comments, completed_at FROM confirmations";
    let region = offices.db("region");
    assert_eq!(
        contents(&d1, &format!("{sql} WHERE 1")),
        contents(&region, &format!("{sql} WHERE origin = 'JX-D01'"))
    );
    assert_eq!(
        scalar(
            &region,
            "SELECT count(*) FROM confirmations WHERE origin = 'JX-D01' AND technicians <> ''"
        ),
        0
    );
    let verified = ok("2026-11-04 11:00", &["verify", "--db", &region]);
    assert!(verified.contains("intact"), "{verified}");
}

#[test]
fn a_file_from_a_program_before_the_confirmation_was_completed_imports_with_those_fields_empty() {
    let (offices, file) = bad_files::setup();
    let d1 = offices.db("d1");
    assert!(
        scalar(
            &d1,
            "SELECT count(*) FROM confirmation_parts WHERE replacement_serial <> ''"
        ) > 0,
        "the dealer's demo parts have serials"
    );
    // The dealer's month as a program of schema 17 wrote it: none of schema 18's columns.
    let older = bad_files::resigned(&offices, &file, "schema-17.asmf", |conn| {
        conn.execute_batch(
            "ALTER TABLE confirmations DROP COLUMN contact_person;
             ALTER TABLE confirmations DROP COLUMN cause_found;
             ALTER TABLE confirmations DROP COLUMN packaging_fen;
             ALTER TABLE confirmations DROP COLUMN packaging_borne_by;
             ALTER TABLE confirmation_parts DROP COLUMN faulty_serial;
             ALTER TABLE confirmation_parts DROP COLUMN replacement_serial;
             DROP TABLE signatures;
             DROP TABLE signed_pages;
             UPDATE meta SET value = '17' WHERE key = 'schema_version';",
        )
        .unwrap();
    });
    let said = offices.import("region", &older, "2026-11-04 10:00");
    assert!(said.starts_with("imported JX-D01"), "{said}");
    let region = offices.db("region");
    let sql = "SELECT uuid, confirmation_no, technicians, work_done FROM confirmations";
    assert_eq!(
        contents(&d1, &format!("{sql} WHERE 1")),
        contents(&region, &format!("{sql} WHERE origin = 'JX-D01'"))
    );
    assert_eq!(
        scalar(
            &region,
            "SELECT count(*) FROM confirmations WHERE origin = 'JX-D01'
             AND (contact_person <> '' OR cause_found <> '' OR packaging_fen <> 0
                  OR packaging_borne_by <> 'company')"
        ),
        0
    );
    assert_eq!(
        scalar(
            &region,
            "SELECT count(*) FROM confirmation_parts WHERE faulty_serial <> '' OR replacement_serial <> ''"
        ),
        0
    );
    let verified = ok("2026-11-04 11:00", &["verify", "--db", &region]);
    assert!(verified.contains("intact"), "{verified}");
}

/// The bad files: each is refused in one line, and the receiving database is unchanged.
mod bad_files {
    use super::*;

    /// A valid file from dealer 1 to the region, and the region's database.
    pub(super) fn setup() -> (Offices, String) {
        let offices = Offices::new();
        let file = offices.export("d1", "2026-11-03 09:00");
        (offices, file)
    }

    /// `file`'s database part edited by `edit`, sealed again with the dealer's own key (a
    /// hostile dealer, or a bug on the sending side): the signature is good, the content not.
    pub(super) fn resigned(
        offices: &Offices,
        file: &str,
        name: &str,
        edit: impl FnOnce(&Connection),
    ) -> String {
        let bytes = std::fs::read(file).unwrap();
        let body = &bytes[..bytes.len() - aftersales::store::bundle::TRAILER_LEN];
        let out = offices.path(name);
        std::fs::write(&out, body).unwrap();
        let conn = Connection::open(&out).unwrap();
        edit(&conn);
        conn.close().unwrap();
        let key = aftersales::store::bundle::load_or_make_key(
            &aftersales::store::bundle::key_path(Path::new(&offices.db("d1"))),
        )
        .unwrap();
        aftersales::store::bundle::seal(&out, &key).unwrap();
        out.to_str().unwrap().to_owned()
    }

    /// Importing `file` at the region is refused with a line containing `says`; the region's
    /// database is byte for byte what it was.
    fn refused_unchanged(offices: &Offices, file: &str, says: &str) {
        let db = offices.db("region");
        let before = snapshot(&db);
        let message = refused(
            "2026-11-04 10:00",
            &["bundle", "import", "--db", &db, file, "--trust-new-sender"],
        );
        assert!(message.contains(says), "{says:?} not in {message}");
        assert_eq!(snapshot(&db), before, "{file}: the database changed");
        // A dry run says the same.
        let message = refused(
            "2026-11-04 10:00",
            &["bundle", "import", "--db", &db, file, "--dry-run"],
        );
        assert!(message.contains(says), "dry run: {says:?} not in {message}");
        assert_eq!(snapshot(&db), before);
    }

    #[test]
    fn a_truncated_file_is_refused() {
        let (offices, file) = setup();
        let bytes = std::fs::read(&file).unwrap();
        let cut = offices.path("cut.asmf");
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
        refused_unchanged(
            &offices,
            cut.to_str().unwrap(),
            "not a monthly file of this program",
        );
        std::fs::write(&cut, &bytes[..bytes.len() - 1]).unwrap();
        refused_unchanged(
            &offices,
            cut.to_str().unwrap(),
            "not a monthly file of this program",
        );
    }

    #[test]
    fn a_file_with_one_byte_changed_is_refused() {
        let (offices, file) = setup();
        let mut bytes = std::fs::read(&file).unwrap();
        // A byte in the middle of the records, then one in the signature.
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x20;
        let changed = offices.path("changed.asmf");
        std::fs::write(&changed, &bytes).unwrap();
        refused_unchanged(
            &offices,
            changed.to_str().unwrap(),
            "signature does not match",
        );
        bytes[middle] ^= 0x20;
        let signature = bytes.len() - 16 - 10;
        bytes[signature] ^= 0x01;
        std::fs::write(&changed, &bytes).unwrap();
        refused_unchanged(
            &offices,
            changed.to_str().unwrap(),
            "signature does not match",
        );
    }

    #[test]
    fn an_unsigned_file_and_a_plain_database_are_refused() {
        let (offices, file) = setup();
        let bytes = std::fs::read(&file).unwrap();
        let unsigned = offices.path("unsigned.asmf");
        std::fs::write(
            &unsigned,
            &bytes[..bytes.len() - aftersales::store::bundle::TRAILER_LEN],
        )
        .unwrap();
        refused_unchanged(
            &offices,
            unsigned.to_str().unwrap(),
            "no signature at its end",
        );
        refused_unchanged(&offices, &offices.db("d2"), "no signature at its end");
        let empty = offices.path("empty.asmf");
        std::fs::write(&empty, b"").unwrap();
        refused_unchanged(&offices, empty.to_str().unwrap(), "not a monthly file");
        refused_unchanged(
            &offices,
            offices.dir.path().to_str().unwrap(),
            "that is a folder",
        );
        refused_unchanged(
            &offices,
            offices.path("none.asmf").to_str().unwrap(),
            "cannot read the monthly file",
        );
    }

    #[test]
    fn a_file_of_a_newer_version_asks_for_an_update() {
        let (offices, file) = setup();
        let newer = resigned(&offices, &file, "newer.asmf", |conn| {
            conn.execute_batch(
                "UPDATE meta SET value = '2' WHERE key = 'format_version'; PRAGMA user_version = 2;",
            )
            .unwrap();
        });
        refused_unchanged(
            &offices,
            &newer,
            "written by a newer version of this program",
        );
        let schema = resigned(&offices, &file, "schema.asmf", |conn| {
            conn.execute_batch("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
                .unwrap();
        });
        refused_unchanged(&offices, &schema, "update the program");
    }

    #[test]
    fn a_foreign_file_signed_like_a_monthly_file_is_refused() {
        let (offices, file) = setup();
        // The dealer's whole database, sealed as if it were a monthly file.
        let foreign = offices.path("foreign.asmf");
        std::fs::copy(offices.db("d2"), &foreign).unwrap();
        let key = aftersales::store::bundle::load_or_make_key(&offices.path("other.key")).unwrap();
        aftersales::store::bundle::seal(&foreign, &key).unwrap();
        refused_unchanged(
            &offices,
            foreign.to_str().unwrap(),
            "not a monthly file of this program",
        );
        // Random bytes, sealed.
        let noise = offices.path("noise.asmf");
        std::fs::write(
            &noise,
            (0..5000u32)
                .map(|i| (i * 7919 % 251) as u8)
                .collect::<Vec<_>>(),
        )
        .unwrap();
        aftersales::store::bundle::seal(&noise, &key).unwrap();
        refused_unchanged(&offices, noise.to_str().unwrap(), "damaged inside");
        // A monthly file that says it is something else.
        let other = resigned(&offices, &file, "other.asmf", |conn| {
            conn.execute_batch("UPDATE meta SET value = 'a spreadsheet' WHERE key = 'format'")
                .unwrap();
        });
        refused_unchanged(&offices, &other, "not a monthly file of this program");
    }

    #[test]
    fn a_file_from_this_very_office_is_refused() {
        let (offices, file) = setup();
        let db = offices.db("d1");
        let before = snapshot(&db);
        let message = refused(
            "2026-11-04 10:00",
            &["bundle", "import", "--db", &db, &file, "--trust-new-sender"],
        );
        assert!(
            message.contains("written by this office (JX-D01)"),
            "{message}"
        );
        assert_eq!(snapshot(&db), before);
    }

    #[test]
    fn a_file_sent_to_the_wrong_office_is_refused() {
        let (offices, file) = setup();
        // A dealer's file at another dealer.
        let db = offices.db("d2");
        let before = snapshot(&db);
        let message = refused(
            "2026-11-04 10:00",
            &["bundle", "import", "--db", &db, &file, "--trust-new-sender"],
        );
        assert!(message.contains("JX-D01 (南昌红谷滩经销商) is a dealer; its monthly file goes to its region, not to this dealer"), "{message}");
        assert_eq!(snapshot(&db), before);
    }

    #[test]
    fn a_new_sender_must_be_accepted_and_a_known_senders_file_signed_by_another_key_is_refused() {
        let (offices, file) = setup();
        let fingerprint = {
            let key = aftersales::store::bundle::load_or_make_key(
                &aftersales::store::bundle::key_path(Path::new(&offices.db("d1"))),
            )
            .unwrap();
            aftersales::store::bundle::fingerprint(key.verifying_key().as_bytes())
        };
        let db = offices.db("region");
        let before = snapshot(&db);
        let message = refused(
            "2026-11-04 10:00",
            &["bundle", "import", "--db", &db, &file],
        );
        assert!(
            message.contains(&format!(
                "has not sent a file here before: check its key fingerprint {fingerprint}"
            )) && message.contains("--trust-new-sender"),
            "{message}"
        );
        assert_eq!(snapshot(&db), before);
        offices.import("region", &file, "2026-11-04 10:00");
        // The same dealer's code, another key (someone else's program, or a stolen code).
        let bytes = std::fs::read(&file).unwrap();
        let impostor = offices.path("impostor.asmf");
        std::fs::write(
            &impostor,
            &bytes[..bytes.len() - aftersales::store::bundle::TRAILER_LEN],
        )
        .unwrap();
        let other =
            aftersales::store::bundle::load_or_make_key(&offices.path("impostor.key")).unwrap();
        {
            let conn = Connection::open(&impostor).unwrap();
            conn.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'public_key'",
                [aftersales::store::bundle::hex(
                    other.verifying_key().as_bytes(),
                )],
            )
            .unwrap();
            conn.execute("UPDATE meta SET value = '2026-11' WHERE key = 'period'", [])
                .unwrap();
        }
        aftersales::store::bundle::seal(&impostor, &other).unwrap();
        let before = snapshot(&db);
        let message = refused(
            "2026-11-05 10:00",
            &[
                "bundle",
                "import",
                "--db",
                &db,
                impostor.to_str().unwrap(),
                "--trust-new-sender",
            ],
        );
        assert!(
            message.contains("signed with another key than the one accepted for JX-D01"),
            "{message}"
        );
        assert_eq!(snapshot(&db), before);
    }

    #[test]
    fn a_file_lacking_a_column_its_schema_has_is_refused() {
        let (offices, file) = setup();
        let broken = resigned(&offices, &file, "no-technicians.asmf", |conn| {
            conn.execute_batch("ALTER TABLE confirmations DROP COLUMN technicians")
                .unwrap();
        });
        refused_unchanged(
            &offices,
            &broken,
            "its table confirmations has other columns than this program's",
        );
    }

    #[test]
    fn a_file_of_this_schema_without_a_parts_serial_is_refused_not_read_as_empty() {
        let (offices, file) = setup();
        let broken = resigned(&offices, &file, "no-serial.asmf", |conn| {
            conn.execute_batch("ALTER TABLE confirmation_parts DROP COLUMN faulty_serial")
                .unwrap();
        });
        refused_unchanged(
            &offices,
            &broken,
            "its table confirmation_parts has other columns than this program's",
        );
    }

    #[test]
    fn a_complaint_without_its_customer_is_refused() {
        let (offices, file) = setup();
        let broken = resigned(&offices, &file, "orphan.asmf", |conn| {
            conn.execute_batch(
                "DELETE FROM customers WHERE uuid = (SELECT customer_uuid FROM complaints LIMIT 1)",
            )
            .unwrap();
        });
        refused_unchanged(&offices, &broken, "which is neither in the file nor here");
    }

    #[test]
    fn a_file_hanging_a_step_on_another_dealers_case_is_refused() {
        let (offices, file) = setup();
        // The region holds dealer 2's cases.
        let d2 = offices.export("d2", "2026-11-03 09:00");
        offices.import("region", &d2, "2026-11-04 09:00");
        let theirs: String = Connection::open(offices.db("d2"))
            .unwrap()
            .query_row("SELECT uuid FROM complaints LIMIT 1", [], |r| r.get(0))
            .unwrap();
        let broken = resigned(&offices, &file, "hijack.asmf", |conn| {
            conn.execute(
                "UPDATE case_steps SET complaint_uuid = ?1, uuid = '0f0e0d0c-0b0a-4908-8706-050403020100'
                  WHERE rowid = 1",
                [&theirs],
            )
            .unwrap();
        });
        refused_unchanged(
            &offices,
            &broken,
            "which belongs to JX-D02, for which JX-D01 does not speak",
        );
    }

    #[test]
    fn a_duplicate_identity_with_different_content_is_refused() {
        let (offices, file) = setup();
        let broken = resigned(&offices, &file, "twice.asmf", |conn| {
            conn.execute_batch(
                "INSERT INTO complaints SELECT * FROM complaints LIMIT 1;
                 UPDATE complaints SET description = '另一份内容' WHERE rowid = (SELECT max(rowid) FROM complaints);",
            )
            .unwrap();
        });
        refused_unchanged(
            &offices,
            &broken,
            "two records in complaints share the identity",
        );
    }

    #[test]
    fn records_breaking_the_tables_rules_are_refused_whole() {
        let (offices, file) = setup();
        // A card valid for 0 months: the file is checked whole and nothing of it is kept.
        let broken = resigned(&offices, &file, "months.asmf", |conn| {
            conn.execute_batch(
                "UPDATE warranty_cards SET warranty_months = 0 WHERE rowid = (SELECT max(rowid) FROM warranty_cards)",
            )
            .unwrap();
        });
        let db = offices.db("region");
        let before = snapshot(&db);
        let message = refused(
            "2026-11-04 10:00",
            &[
                "bundle",
                "import",
                "--db",
                &db,
                &broken,
                "--trust-new-sender",
            ],
        );
        assert!(message.contains("CHECK constraint failed"), "{message}");
        assert_eq!(snapshot(&db), before);
        // A record claiming to be another dealer's, which this dealer cannot speak for.
        let claimed = resigned(&offices, &file, "claim.asmf", |conn| {
            conn.execute_batch("UPDATE warranty_cards SET origin = 'JX-D02' WHERE rowid = 1")
                .unwrap();
        });
        refused_unchanged(
            &offices,
            &claimed,
            "belongs to JX-D02, for which JX-D01 does not speak",
        );
    }
}

#[test]
fn a_file_in_use_by_the_library_is_planned_without_any_change() {
    let offices = Offices::new();
    let file = offices.export("d1", "2026-11-03 09:00");
    let region_db = offices.db("region");
    let before = snapshot(&region_db);
    {
        let store = open(&region_db, "李静");
        let me = store.settings().unwrap().unit().unwrap();
        let plan = store
            .plan_import(Path::new(&file), &me, &|_, _| {})
            .unwrap();
        assert!(plan.new_sender);
        assert_eq!(plan.period, Period::parse("2026-10").unwrap());
        let cards = plan
            .counts
            .iter()
            .find(|(t, _)| *t == "warranty_cards")
            .unwrap()
            .1;
        assert_eq!((cards.new, cards.updated), (30, 0));
        let refused = store
            .import_month(
                Path::new(&file),
                &me,
                false,
                at("2026-11-04 10:00"),
                &|_, _| {},
            )
            .unwrap_err();
        assert!(
            matches!(refused, ExchangeError::NewSender { .. }),
            "{refused}"
        );
    }
    assert_eq!(snapshot(&region_db).0, before.0);
}

#[test]
fn an_import_answers_before_copying_the_log_into_the_file_and_the_checkpoint_after_copies_it_all() {
    let offices = Offices::new();
    // A month big enough that SQLite would copy its log into the file at the commit (more
    // than 1,000 pages) were it left to.
    let big = offices.db("big");
    ok(
        OCTOBER,
        &[
            "demo",
            "--db",
            &big,
            "--count",
            "1500",
            "--seed",
            "9",
            "--unit",
            "JX-D03",
            "--unit-name",
            "赣州章贡经销商",
            "--level",
            "dealer",
            "--region",
            "JX",
        ],
    );
    let d1 = offices.export("big", "2026-11-03 09:00");
    let region_db = offices.db("region");
    let size = || std::fs::metadata(&region_db).unwrap().len();
    let store = open(&region_db, "李娜");
    let me = store.settings().unwrap().unit().unwrap();
    let before = size();
    let plan = store
        .import_month(
            Path::new(&d1),
            &me,
            true,
            at("2026-11-04 10:00"),
            &|_, _| {},
        )
        .unwrap();
    assert!(plan.sum().new > 4000, "{:?}", plan.sum());
    // Committed to the log, not yet copied into the file: another connection reads it all.
    assert_eq!(size(), before, "the file itself is not written yet");
    let other = Connection::open(&region_db).unwrap();
    let received = |conn: &Connection| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM warranty_cards WHERE origin = 'JX-D03'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(received(&other), 1500);
    store.checkpoint().unwrap();
    assert!(
        size() > before,
        "the checkpoint copied the month into the file"
    );
    // Nothing is left in the log that the file lacks.
    let (busy, in_log, copied): (i64, i64, i64) = other
        .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((busy, in_log), (0, copied));
    drop((store, other));
    let said = ok("2026-11-05 09:00", &["verify", "--db", &region_db]);
    assert!(said.contains("intact"), "{said}");
}

#[test]
fn a_step_withdrawn_at_the_dealer_is_withdrawn_at_the_region_too() {
    use aftersales::domain::case_life::Step;
    let offices = Offices::new();
    let (d1_db, region_db) = (offices.db("d1"), offices.db("region"));
    let october = offices.export("d1", "2026-11-03 09:00");
    offices.import("region", &october, "2026-11-04 10:00");
    // On the 5th the dealer takes a complaint, answers it, and reports it to headquarters by
    // mistake: the clerk withdraws that at once.
    let mut dealer = open(&d1_db, "王芳");
    let received = at("2026-11-05 09:00");
    let complaint = aftersales::domain::complaint::ComplaintDraft {
        receiving_unit_name: "南昌红谷滩经销商".into(),
        received_by: "王芳".into(),
        customer_name: "钱七".into(),
        customer_phone: "13700137000".into(),
        description: "热水器不打火".into(),
        ..aftersales::domain::complaint::ComplaintDraft::new_complaint(
            received,
            aftersales::domain::complaint::ReceivingUnit::Dealer,
            "",
            "",
        )
    }
    .parse(received)
    .unwrap();
    let stored = dealer.insert_complaint(&complaint, "CC", received).unwrap();
    let answered = at("2026-11-05 09:30");
    dealer
        .record_step(stored.id, Step::Responded, answered, "", answered)
        .unwrap();
    dealer
        .record_step(stored.id, Step::EscalatedToHq, answered, "", answered)
        .unwrap();
    dealer
        .withdraw_step(stored.id, at("2026-11-05 09:31"))
        .unwrap();
    drop(dealer);
    let out = offices.path("d1-2026-11.asmf");
    ok(
        "2026-11-11 09:00",
        &[
            "bundle",
            "export",
            "--db",
            &d1_db,
            "--month",
            "2026-11",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    offices.import("region", out.to_str().unwrap(), "2026-11-12 09:00");
    let region = open(&region_db, "李娜");
    let id: i64 = Connection::open(&region_db)
        .unwrap()
        .query_row(
            "SELECT id FROM complaints WHERE uuid = ?1",
            [&stored.uuid],
            |r| r.get(0),
        )
        .unwrap();
    let live: Vec<Step> = region
        .steps_of(id)
        .unwrap()
        .iter()
        .map(|s| s.step)
        .collect();
    assert_eq!(live, [Step::Received, Step::Responded]);
    // The step and its withdrawal both travelled, in their order.
    let rows: Vec<(String, String)> = Connection::open(&region_db)
        .unwrap()
        .prepare("SELECT step, operator FROM case_steps WHERE complaint_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let steps: Vec<&str> = rows.iter().map(|(step, _)| step.as_str()).collect();
    assert_eq!(steps, ["received", "responded", "escalated", "withdrawn"]);
    assert_eq!(rows[3].1, "王芳");
    // The case's step now, which the dashboard reads, is the step before the one withdrawn.
    let now: Vec<String> = Connection::open(&region_db)
        .unwrap()
        .query_row(
            "SELECT p.step, s.step FROM case_progress p JOIN case_steps s ON s.id = p.step_id
             WHERE p.complaint_id = ?1",
            [id],
            |r| Ok(vec![r.get(0)?, r.get(1)?]),
        )
        .unwrap();
    assert_eq!(now, ["responded", "responded"]);
    // Not a second time: the same file again changes nothing.
    offices.import("region", out.to_str().unwrap(), "2026-11-12 10:00");
    assert_eq!(
        scalar(
            &region_db,
            &format!("SELECT count(*) FROM case_steps WHERE complaint_id = {id}")
        ),
        4
    );
}

/// A customer's signature on the first of `db`'s warranty cards, given at `now` on screen,
/// and the card's signed paper faxed back: the card's identity.
fn sign_the_first_card(db: &str, now: &str) -> String {
    use aftersales::domain::signature::{Signer, Strokes};
    use aftersales::store::signed_page::{FormRecord, NewSignedPage};
    let store = open(db, "王芳");
    let (id, uuid): (i64, String) = Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT id, uuid FROM warranty_cards ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let card = FormRecord::Card(id);
    let mut strokes = Strokes::default();
    strokes.begin((100.0, 300.0));
    for i in 1..=40 {
        strokes.extend((100.0 + i as f32 * 25.0, 200.0 + (i % 5) as f32 * 30.0));
    }
    let revision = store.form_version(card).unwrap().0;
    store
        .sign(card, Signer::Customer, revision, &strokes, at(now))
        .unwrap();
    let mut png = Vec::new();
    image::GrayImage::from_pixel(170, 240, image::Luma([255]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    store
        .keep_signed_page(
            &NewSignedPage {
                form: Some(card),
                code: None,
                file_name: "传真.tif",
                page: 1,
                file_sha256: &"77".repeat(32),
                png: &png,
                width: 170,
                height: 240,
            },
            at(now),
        )
        .unwrap();
    uuid
}

#[test]
fn a_signature_and_signed_paper_given_at_the_dealer_reach_headquarters_as_evidence_of_the_same_version()
 {
    use aftersales::domain::signature::Signer;
    use aftersales::store::signature::Standing;
    use aftersales::store::signed_page::FormRecord;
    let offices = Offices::new();
    let card = sign_the_first_card(&offices.db("d1"), "2026-10-25 15:00");
    let d1 = offices.export("d1", "2026-11-03 09:00");
    offices.import("region", &d1, "2026-11-04 10:00");
    let region = offices.export("region", "2026-11-07 09:00");
    offices.import("hq", &region, "2026-11-08 09:00");

    // Word for word at headquarters, on the same card.
    let signatures = "SELECT s.uuid, s.signer, s.form_saved_at, s.strokes, s.signed_at, s.signed_by, \
                      w.uuid FROM signatures s JOIN warranty_cards w ON w.id = s.card_id";
    let pages = "SELECT p.uuid, p.file_name, p.page, p.file_sha256, p.png, p.width, p.height, \
                 p.added_at, p.added_by, w.uuid FROM signed_pages p \
                 JOIN warranty_cards w ON w.id = p.card_id";
    let (d1_db, hq_db) = (offices.db("d1"), offices.db("hq"));
    for sql in [signatures, pages] {
        let at_dealer = contents(&d1_db, &format!("{sql} WHERE w.uuid = '{card}'"));
        assert_eq!(at_dealer.len(), 1, "{sql}");
        assert_eq!(
            at_dealer,
            contents(&hq_db, &format!("{sql} WHERE w.uuid = '{card}'")),
            "{sql}"
        );
    }
    // The signature stands for the card as headquarters holds it (the same version, though
    // headquarters counts its revisions its own way), and prints.
    let hq = open(&hq_db, "刘敏");
    let id: i64 = Connection::open(&hq_db)
        .unwrap()
        .query_row(
            "SELECT id FROM warranty_cards WHERE uuid = ?1",
            [&card],
            |r| r.get(0),
        )
        .unwrap();
    let boxes = hq.signature_boxes(FormRecord::Card(id)).unwrap();
    assert_eq!(boxes[0].0, Signer::Customer);
    assert!(
        matches!(boxes[0].1, Standing::Signed(_)),
        "{:?}",
        boxes[0].1
    );
    assert_eq!(hq.signed_pages_of(FormRecord::Card(id)).unwrap().len(), 1);
    // In the card's history there, as the dealer's.
    assert!(
        scalar(
            &hq_db,
            &format!(
                "SELECT count(*) FROM audit_log WHERE table_name = 'warranty_cards' AND record_id = {id}
                 AND field = 'signature' AND operator LIKE '%[JX-D01]'"
            )
        ) >= 1
    );
    let verified = ok("2026-11-08 10:00", &["verify", "--db", &hq_db]);
    assert!(verified.contains("intact"), "{verified}");
    // The same file again adds nothing.
    let before = scalar(&hq_db, "SELECT count(*) FROM signatures")
        + scalar(&hq_db, "SELECT count(*) FROM signed_pages");
    offices.import("hq", &region, "2026-11-08 11:00");
    let after = scalar(&hq_db, "SELECT count(*) FROM signatures")
        + scalar(&hq_db, "SELECT count(*) FROM signed_pages");
    assert_eq!(before, after);
}

#[test]
fn a_file_whose_evidence_is_not_what_it_claims_is_refused_whole() {
    let offices = Offices::new();
    sign_the_first_card(&offices.db("d1"), "2026-10-25 15:00");
    let file = offices.export("d1", "2026-11-03 09:00");
    let region = offices.db("region");
    for (name, edit, says) in [
        (
            "strokes-off-pad.asmf",
            "UPDATE signatures SET strokes = '[[0,0,5000,0]]'",
            "a point lies outside the signing pad",
        ),
        (
            "strokes-garbage.asmf",
            "UPDATE signatures SET strokes = 'DROP TABLE'",
            "the strokes cannot be read",
        ),
        (
            "page-not-png.asmf",
            "UPDATE signed_pages SET png = x'ffd8ffe0'",
            "its picture is not a PNG",
        ),
        (
            "page-size-lies.asmf",
            "UPDATE signed_pages SET width = 4000",
            "not as the record says",
        ),
        (
            "no-signatures.asmf",
            "DROP TABLE signatures",
            "it has no table signatures",
        ),
        (
            "signature-of-nothing.asmf",
            "UPDATE signatures SET card_uuid = NULL",
            "breaks a rule",
        ),
    ] {
        let bad = bad_files::resigned(&offices, &file, name, |conn| {
            conn.execute_batch(edit).unwrap();
        });
        let before = snapshot(&region);
        let message = refused(
            "2026-11-04 10:00",
            &[
                "bundle",
                "import",
                "--db",
                &region,
                &bad,
                "--trust-new-sender",
            ],
        );
        assert!(message.contains(says), "{name}: {says:?} not in {message}");
        assert_eq!(snapshot(&region), before, "{name}: the database changed");
    }
}
