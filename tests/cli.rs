//! The command line as scripts use it: demo data, PDF export, search, backup, the overdue
//! list, and clear errors. Every run has its clock fixed (`common::aftersales`).

mod common;

use common::{aftersales, aftersales_at, stderr};

#[test]
fn demo_then_export_a_filled_and_a_blank_card() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let output = aftersales(&["demo", "--db", db, "--count", "120", "--seed", "9"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let store = aftersales::store::Store::open(std::path::Path::new(db)).unwrap();
    assert_eq!(store.card_count().unwrap(), 120);
    let first = store.card_ids(&Default::default()).unwrap()[0];
    let stored = store.card_by_id(first).unwrap();
    drop(store);

    let out = dir.path().join("card.pdf");
    let output = aftersales(&[
        "export-pdf",
        "--db",
        db,
        &stored.registration_no,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (text, _) = common::pdf_text(&common::read(&out));
    assert!(text.contains(&stored.registration_no));
    assert!(text.contains(&stored.card.customer_name), "{text}");

    let blank = dir.path().join("blank.pdf");
    let output = aftersales(&[
        "export-pdf",
        "--blank",
        "warranty-card",
        "--out",
        blank.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(common::all_fonts_embedded(&common::read(&blank)));
}

#[test]
fn demo_longest_adds_one_whole_case_at_the_forms_limits_and_its_packet_prints() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("longest.db");
    let db = db.to_str().unwrap();
    let output = aftersales(&["demo", "--db", db, "--longest"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(said.contains("CC-2026-11-0001"), "{said}");
    // Twice: a second case beside the first, each of its own numbers.
    let output = aftersales(&["demo", "--db", db, "--longest"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("CC-2026-11-0002"));
    let store = aftersales::store::Store::open(std::path::Path::new(db)).unwrap();
    assert_eq!(
        (
            store.card_count().unwrap(),
            store.complaint_count().unwrap()
        ),
        (2, 2)
    );
    drop(store);
    let out = dir.path().join("packet.pdf");
    let output = aftersales(&[
        "export-pdf",
        "--db",
        db,
        "--packet",
        "CC-2026-11-0002",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (_, pages) = common::pdf_text(&common::read(&out));
    assert!(pages > 100, "{pages} pages");
    // A count says how many random cards; it does not go with one longest case.
    let output = aftersales(&["demo", "--db", db, "--longest", "--count", "5"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("cannot be used with"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_wrong_number_is_a_one_line_error_and_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    aftersales::store::Store::open(&db).unwrap();
    let out = dir.path().join("x.pdf");
    let output = aftersales(&[
        "export-pdf",
        "--db",
        db.to_str().unwrap(),
        "WC-2026-999999",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("no form numbered WC-2026-999999"),
        "{message}"
    );
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    assert!(!out.exists());
}

#[test]
fn exporting_from_a_database_that_does_not_exist_is_refused_without_creating_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let out = dir.path().join("x.pdf");
    let output = aftersales(&[
        "export-pdf",
        "--db",
        db.to_str().unwrap(),
        "WC-2026-000001",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("no database"),
        "{}",
        stderr(&output)
    );
    assert!(
        !db.exists(),
        "a mistyped path does not leave an empty database behind"
    );
}

#[test]
fn an_output_folder_that_does_not_exist_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no/such/folder/x.pdf");
    let output = aftersales(&[
        "export-pdf",
        "--blank",
        "warranty-card",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    std::fs::write(&db, "these are my notes, not a database ".repeat(200)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let output = aftersales(&["demo", "--db", db.to_str().unwrap(), "--count", "1"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("damaged or is not a database"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn search_prints_one_line_per_record_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("search.db");
    let db = db.to_str().unwrap();
    assert!(
        aftersales(&["demo", "--db", db, "--count", "80", "--seed", "3"])
            .status
            .success()
    );
    let store = aftersales::store::Store::open(std::path::Path::new(db)).unwrap();
    let card = store
        .card_by_id(store.card_ids(&Default::default()).unwrap()[0])
        .unwrap();
    drop(store);
    let output = aftersales(&["search", "--db", db, &card.registration_no]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|l| l.starts_with(&card.registration_no))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        line.contains(&card.card.customer_name) && line.contains("Warranty card"),
        "{line}"
    );
    let output = aftersales(&["search", "--db", db, "no such text anywhere"]);
    assert!(output.status.success() && output.stdout.is_empty());
}

#[test]
fn backup_writes_a_copy_that_opens_with_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let out = dir.path().join("copy.db");
    assert!(
        aftersales(&["demo", "--db", db.to_str().unwrap(), "--count", "50"])
            .status
            .success()
    );
    let output = aftersales(&[
        "backup",
        "--db",
        db.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let copy = aftersales::store::Store::open(&out).unwrap();
    assert_eq!(copy.card_count().unwrap(), 50);
}

/// A file with three open cases at known times (November 2026): 张三 in the home province
/// (江西省, on site within 24 h), answered, received on the 20th at 09:00; 李四 in a remote
/// region (on site within 72 h), answered, received on the 19th at 09:00; Maria Garcia, with
/// no province, received by a dealer on the 22nd at 08:00 and never answered.
fn three_late_cases(db: &std::path::Path) {
    use aftersales::domain::case_life::Step;
    use aftersales::domain::complaint::ReceivingUnit::{Dealer, Headquarters};
    let at = |day: u32, hour: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    };
    let mut store = aftersales::store::Store::open(db).unwrap();
    store.set_setting("home_province", "江西省").unwrap();
    for (received, unit, name, phone, address, answered) in [
        (
            at(20, 9),
            Headquarters,
            "张三",
            "13800138000",
            "江西省南昌市东湖区八一大道 88 号",
            true,
        ),
        (
            at(19, 9),
            Headquarters,
            "李四",
            "13900139000",
            "西藏自治区拉萨市城关区北京中路 1 号",
            true,
        ),
        (
            at(22, 8),
            Dealer,
            "Maria Garcia",
            "+34612345678",
            "Calle Mayor 1, Madrid",
            false,
        ),
    ] {
        let complaint = common::complaint_from(received, unit, name, phone, address);
        let stored = store.insert_complaint(&complaint, "CC", received).unwrap();
        if answered {
            let answer = received + chrono::Duration::hours(1);
            store
                .record_step(stored.id, Step::Responded, answer, "", answer)
                .unwrap();
        }
    }
}

#[test]
fn overdue_prints_the_late_steps_at_the_time_aftersales_now_gives() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("late.db");
    three_late_cases(&db);
    let db = db.to_str().unwrap();
    let overdue_at = |now: &str| {
        let output = aftersales_at(now, &["overdue", "--db", db]);
        assert!(output.status.success(), "{}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    };
    // Most late first: home province 24 h, remote region 72 h, an unanswered complaint 24 h.
    assert_eq!(
        overdue_at("2026-11-23 09:00"),
        "CC-2026-11-0001\tOn-site arrival due\t2026-11-21 09:00\t48 h late\t张三\n\
         CC-2026-11-0002\tOn-site arrival due\t2026-11-22 09:00\t24 h late\t李四\n\
         CC-2026-11-0003\tResponse due\t2026-11-23 08:00\t1 h late\tMaria Garcia\n"
    );
    // Two days earlier nothing was late yet: a step due exactly now is on time.
    assert_eq!(overdue_at("2026-11-21 09:00"), "");
}

#[test]
fn demo_contracts_export_as_their_renewal_letter() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("contracts.db");
    let db = db.to_str().unwrap();
    let output = aftersales(&["demo", "--db", db, "--count", "30", "--seed", "4"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("9 maintenance contracts"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let store = aftersales::store::Store::open(std::path::Path::new(db)).unwrap();
    let stored = store
        .contract_by_id(store.contract_ids(&Default::default()).unwrap()[0])
        .unwrap();
    drop(store);
    let out = dir.path().join("letter.pdf");
    let number = stored.contract_no.to_lowercase();
    let output = aftersales(&[
        "export-pdf",
        "--db",
        db,
        &number,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (text, _) = common::pdf_text(&common::read(&out));
    assert!(text.contains(&stored.contract_no), "{text}");
    assert!(text.contains(&stored.contract.customer_name), "{text}");
    assert!(text.contains("续约通知书"), "{text}");
}

#[test]
fn on_a_new_machine_demo_without_db_fills_the_default_database_in_the_data_folder() {
    // README: `cargo run --release -- demo --count 500` before the window was ever opened.
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_aftersales"))
            .args(args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", &data)
            .env(aftersales::cli::NOW_VARIABLE, common::NOW_TEXT)
            .output()
            .unwrap()
    };
    let output = run(&["demo", "--count", "5"]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let db = data.join("aftersales").join("aftersales.db");
    let store = aftersales::store::Store::open_read_only(&db).unwrap();
    assert_eq!(store.card_count().unwrap(), 5);
    // A folder given with --db is still never made.
    let elsewhere = home.path().join("missing").join("a.db");
    let output = run(&["demo", "--db", elsewhere.to_str().unwrap(), "--count", "1"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!elsewhere.parent().unwrap().exists());
}
