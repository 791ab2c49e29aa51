//! The command line tried as a careless clerk or a hostile file would: outputs aimed at the
//! database, damaged, empty, missing and read-only files, kills and two writers at once. No
//! command may lose, change or corrupt what the file holds.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use aftersales::store::Store;

/// The tests' fixed now, so the demo and the clocks give the same data every day.
const NOW: &str = "2026-11-23 09:00";

fn aftersales(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aftersales"))
        .args(args)
        .env("AFTERSALES_NOW", NOW)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A closed database of `count` demo cards (and their cases), with no -wal beside it.
fn demo_db(dir: &Path, count: usize) -> PathBuf {
    let db = dir.join("live.db");
    let output = aftersales(&[
        "demo",
        "--db",
        db.to_str().unwrap(),
        "--count",
        &count.to_string(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    db
}

fn integrity(db: &Path) -> String {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn backup_onto_the_database_or_any_other_database_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 60);
    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE songs (title)")
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let other_before = std::fs::read(&other).unwrap();
    let spellings = [
        db.clone(),
        dir.path().join(".").join("live.db"),
        PathBuf::from(format!("{}-wal", db.display())),
        PathBuf::from(format!("{}-shm", db.display())),
        other.clone(),
    ];
    for out in &spellings {
        let output = aftersales(&[
            "backup",
            "--db",
            db.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(!output.status.success(), "{}", out.display());
        let message = stderr(&output);
        assert!(
            message.contains("nothing was written, choose a new file name"),
            "{message}"
        );
        assert_eq!(message.lines().count(), 1, "one line: {message}");
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database is untouched"
    );
    assert_eq!(std::fs::read(&other).unwrap(), other_before);
    assert!(!PathBuf::from(format!("{}-wal", db.display())).exists());
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn a_backup_is_always_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 20);
    let taken = dir.path().join("monday.db");
    std::fs::write(&taken, b"last week's letter").unwrap();
    let output = aftersales(&[
        "backup",
        "--db",
        db.to_str().unwrap(),
        "--out",
        taken.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("already exists"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&taken).unwrap(), b"last week's letter");
    let fresh = dir.path().join("tuesday.db");
    let output = aftersales(&[
        "backup",
        "--db",
        db.to_str().unwrap(),
        "--out",
        fresh.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(Store::open(&fresh).unwrap().card_count().unwrap(), 20);
    // The same command twice: the second refuses rather than replacing the first.
    let again = aftersales(&[
        "backup",
        "--db",
        db.to_str().unwrap(),
        "--out",
        fresh.to_str().unwrap(),
    ]);
    assert!(!again.status.success());
}

#[test]
fn a_backup_onto_the_live_file_while_another_process_writes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 10);
    let writer = Command::new(env!("CARGO_BIN_EXE_aftersales"))
        .args(["demo", "--db", db.to_str().unwrap(), "--count", "3000"])
        .env("AFTERSALES_NOW", NOW)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let output = aftersales(&[
        "backup",
        "--db",
        db.to_str().unwrap(),
        "--out",
        db.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let finished = writer.wait_with_output().unwrap();
    assert!(finished.status.success(), "{}", stderr(&finished));
    assert_eq!(integrity(&db), "ok");
    assert_eq!(Store::open(&db).unwrap().card_count().unwrap(), 3010);
}

#[test]
fn export_pdf_onto_the_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 5);
    let number = Store::open_read_only(&db)
        .unwrap()
        .card_by_id(1)
        .unwrap()
        .registration_no;
    let before = std::fs::read(&db).unwrap();
    for out in [
        db.clone(),
        PathBuf::from(format!("{}-journal", db.display())),
    ] {
        let output = aftersales(&[
            "export-pdf",
            "--db",
            db.to_str().unwrap(),
            &number,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(!output.status.success());
        assert!(
            stderr(&output).contains("that is the database itself"),
            "{}",
            stderr(&output)
        );
        assert!(!stdout(&output).contains("wrote"));
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(integrity(&db), "ok");
}

/// Writes 16 bytes of noise over the root page of the warranty cards table.
fn damage_the_cards(db: &Path) {
    let (root, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(db).unwrap();
        (
            conn.query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'warranty_cards'",
                [],
                |r| r.get(0),
            )
            .unwrap(),
            conn.query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap(),
        )
    };
    let mut bytes = std::fs::read(db).unwrap();
    let at = ((root - 1) * page_size + 12) as usize;
    for (i, byte) in bytes[at..at + 16].iter_mut().enumerate() {
        *byte = (i as u8).wrapping_mul(37).wrapping_add(0xA5);
    }
    std::fs::write(db, bytes).unwrap();
    assert_ne!(integrity(db), "ok", "the damage shows");
}

#[test]
fn a_damaged_file_is_refused_by_every_command_and_never_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 300);
    let number = Store::open_read_only(&db)
        .unwrap()
        .card_by_id(150)
        .unwrap()
        .registration_no;
    damage_the_cards(&db);
    let damaged = std::fs::read(&db).unwrap();
    let path = db.to_str().unwrap();
    let out = dir.path().join("card.pdf");
    let out = out.to_str().unwrap();
    let demo = aftersales(&["demo", "--db", path, "--count", "5"]);
    assert!(!demo.status.success(), "demo refused");
    assert!(stderr(&demo).contains("damaged"), "{}", stderr(&demo));
    let export = aftersales(&["export-pdf", "--db", path, &number, "--out", out]);
    assert!(!export.status.success(), "the damaged card is not printed");
    assert!(stderr(&export).contains("damaged"), "{}", stderr(&export));
    let verify = aftersales(&["verify", "--db", path]);
    assert!(!verify.status.success());
    assert!(stderr(&verify).contains("damaged"), "{}", stderr(&verify));
    // A search may find what the damage spared; whatever it does, the file is as it was.
    aftersales(&["search", "--db", path, "张"]);
    aftersales(&["overdue", "--db", path]);
    assert_eq!(std::fs::read(&db).unwrap(), damaged, "never changed");
    assert_eq!(
        common::files_in(dir.path()),
        ["live.db"],
        "nothing made beside it"
    );
}

#[test]
fn reading_commands_never_create_or_change_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let output = aftersales(&["search", "--db", empty.to_str().unwrap(), "张"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("not a database"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0, "still empty");
    let missing = dir.path().join("missing.db");
    for args in [
        vec!["search", "张"],
        vec!["overdue"],
        vec!["verify"],
        vec!["export-pdf", "WC-2026-000001", "--out", "x.pdf"],
    ] {
        let mut all = args.clone();
        all.extend(["--db", missing.to_str().unwrap()]);
        let output = aftersales(&all);
        assert!(!output.status.success(), "{args:?}");
        assert!(
            stderr(&output).contains("no database at"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert_eq!(common::files_in(dir.path()), ["empty.db"]);
    // Writing demo data needs an existing folder: none is made.
    let nowhere = dir.path().join("no/such/dir/x.db");
    let output = aftersales(&["demo", "--db", nowhere.to_str().unwrap(), "--count", "1"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("folder for the database does not exist"),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("no").exists());
}

#[test]
fn a_read_only_file_is_read_and_printed_never_written_and_leaves_nothing_behind() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 30);
    let number = Store::open_read_only(&db)
        .unwrap()
        .card_by_id(1)
        .unwrap()
        .registration_no;
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let path = db.to_str().unwrap();
    let search = aftersales(&["search", "--db", path, &number]);
    assert!(search.status.success(), "{}", stderr(&search));
    assert!(stdout(&search).contains(&number));
    let pdf = dir.path().join("card.pdf");
    let export = aftersales(&[
        "export-pdf",
        "--db",
        path,
        &number,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(export.status.success(), "{}", stderr(&export));
    let verify = aftersales(&["verify", "--db", path]);
    assert!(verify.status.success(), "{}", stderr(&verify));
    let demo = aftersales(&["demo", "--db", path, "--count", "1"]);
    assert!(!demo.status.success());
    let message = stderr(&demo);
    assert!(message.contains("read-only"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    std::fs::remove_file(&pdf).unwrap();
    assert_eq!(
        common::files_in(dir.path()),
        ["live.db"],
        "no -wal or -shm left behind"
    );
    // Writable again, nothing stale stands in the way of the next writer.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let demo = aftersales(&["demo", "--db", path, "--count", "1"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
}

#[test]
fn a_database_in_a_read_only_folder_can_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("archive");
    std::fs::create_dir(&folder).unwrap();
    let db = demo_db(&folder, 12);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let path = db.to_str().unwrap();
    let overdue = aftersales(&["overdue", "--db", path]);
    let search = aftersales(&["search", "--db", path, "WC-"]);
    let demo = aftersales(&["demo", "--db", path, "--count", "1"]);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(overdue.status.success(), "{}", stderr(&overdue));
    assert!(search.status.success(), "{}", stderr(&search));
    // Every card is found (and the complaints quoting a card's number).
    let cards = stdout(&search)
        .lines()
        .filter(|line| line.starts_with("WC-"))
        .count();
    assert_eq!(cards, 12, "{}", stdout(&search));
    assert!(!demo.status.success());
    assert!(stderr(&demo).contains("read-only"), "{}", stderr(&demo));
    assert_eq!(common::files_in(&folder), ["live.db"]);
}

#[test]
fn a_demo_killed_half_way_leaves_the_clerk_on_duty_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    {
        let store = Store::open(&db).unwrap();
        store
            .set_operator(&aftersales::store::audit::Operator {
                name: "刘敏".into(),
                unit: "dealer".into(),
            })
            .unwrap();
    }
    let mut demo = Command::new(env!("CARGO_BIN_EXE_aftersales"))
        .args(["demo", "--db", db.to_str().unwrap(), "--count", "20000"])
        .env("AFTERSALES_NOW", NOW)
        .spawn()
        .unwrap();
    // Killed once its first batch is in, in the middle of the rest.
    let started = std::time::Instant::now();
    while Store::open_read_only(&db)
        .and_then(|s| s.card_count())
        .unwrap_or(0)
        == 0
    {
        assert!(started.elapsed().as_secs() < 60, "the demo never saved");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    demo.kill().unwrap();
    demo.wait().unwrap();
    let store = Store::open(&db).unwrap();
    assert_eq!(store.operator().unwrap().unwrap().name, "刘敏");
    assert!(
        store.card_count().unwrap() < 20_000,
        "the kill came part-way"
    );
    store.integrity_check().unwrap();
    assert_eq!(store.verify().unwrap().first_break, None);
}

#[test]
fn two_demos_at_once_both_save_or_say_exactly_what_they_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 1);
    let spawn = |seed: &str| {
        Command::new(env!("CARGO_BIN_EXE_aftersales"))
            .args([
                "demo",
                "--db",
                db.to_str().unwrap(),
                "--count",
                "1500",
                "--seed",
                seed,
            ])
            .env("AFTERSALES_NOW", NOW)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("1"), spawn("2"));
    let mut saved = 1;
    for child in [a, b] {
        let output = child.wait_with_output().unwrap();
        let said = format!("{}{}", stdout(&output), stderr(&output));
        // "added N demo warranty cards" or "stopped after saving N warranty cards".
        let count = said
            .split_whitespace()
            .zip(said.split_whitespace().skip(1))
            .find(|(_, next)| *next == "demo" || *next == "warranty")
            .and_then(|(n, _)| n.parse::<u64>().ok())
            .unwrap_or_else(|| panic!("no count said: {said}"));
        saved += count;
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.card_count().unwrap(), saved);
    store.integrity_check().unwrap();
}

#[test]
fn verify_passes_on_a_sound_file_and_names_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path(), 40);
    let path = db.to_str().unwrap();
    let output = aftersales(&["verify", "--db", path]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("intact"), "{}", stdout(&output));
    assert_eq!(
        Store::open_read_only(&db)
            .unwrap()
            .last_verified_at()
            .unwrap()
            .as_deref(),
        Some("2026-11-23 09:00:00")
    );
    // The sqlite3 shell way: drop the trigger that protects complaints, delete one.
    let raw = rusqlite::Connection::open(&db).unwrap();
    raw.execute_batch(
        "PRAGMA foreign_keys = OFF;
         DROP TRIGGER complaints_are_permanent;",
    )
    .unwrap();
    drop(raw);
    let output = aftersales(&["verify", "--db", path]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("complaints_are_permanent was removed"),
        "{}",
        stderr(&output)
    );
}
