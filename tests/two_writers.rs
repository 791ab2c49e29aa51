//! Two writers on one file at once: two connections in threads, two `demo` processes, two
//! windows. Writes are immediate transactions and a writer waits up to 5 s for the other, so
//! both finish and every record each reports saved is there, numbered once. A writer kept
//! waiting longer gives up saying so, and says exactly what it had saved. Two windows
//! recording the same step of a case record it once; the second is told it cannot.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use aftersales::domain::case_life::Step;
use aftersales::domain::complaint::ReceivingUnit;
use aftersales::store::{Store, StoreError};
use common::{SaveDialog, click, harness_as_is, now, press};
use egui_kittest::kittest::{NodeT, Queryable};

/// The clock every run of the command line is given.
const NOW: &str = "2026-11-23 09:00";

/// What one writer reports saved: card registration numbers with their serials, complaint
/// numbers with their customers.
#[derive(Default)]
struct Reported {
    cards: Vec<(String, String)>,
    complaints: Vec<(String, String)>,
}

/// Saves `count` cards and as many complaints, one at a time, into the file at `path`,
/// starting with the others at `start`.
fn writer(path: &Path, who: &str, count: usize, start: &Barrier) -> Result<Reported, StoreError> {
    let mut store = Store::open(path)?;
    store.set_writer(who);
    let mut reported = Reported::default();
    start.wait();
    for n in 0..count {
        let serial = format!("{who}-{n}");
        let card = common::card(&format!("{who}{n}"), "13800138000", "2026-03-01");
        let card = aftersales::domain::warranty_card::WarrantyCard {
            serial_no: serial.clone(),
            ..card
        };
        let stored = store.insert_card(&card, "WC", now())?;
        reported.cards.push((stored.registration_no, serial));
        let customer = format!("{who}客户{n}");
        let complaint = common::complaint_from(
            now(),
            ReceivingUnit::Headquarters,
            &customer,
            "13900139000",
            "江西省南昌市东湖区八一大道 88 号",
        );
        let stored = store.insert_complaint(&complaint, "CC", now())?;
        reported.complaints.push((stored.complaint_no, customer));
    }
    Ok(reported)
}

#[test]
fn two_connections_saving_at_once_both_finish_and_every_reported_save_is_there_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    drop(Store::open(&path).unwrap());
    let start = Arc::new(Barrier::new(2));
    let threads: Vec<_> = ["甲", "乙"]
        .into_iter()
        .map(|who| {
            let (path, start) = (path.clone(), start.clone());
            std::thread::spawn(move || writer(&path, who, 120, &start))
        })
        .collect();
    let reports: Vec<Reported> = threads
        .into_iter()
        .map(|t| t.join().expect("no panic").expect("both writers finish"))
        .collect();
    let store = Store::open_read_only(&path).unwrap();
    let mut numbers = Vec::new();
    for report in &reports {
        assert_eq!(report.cards.len(), 120);
        for (number, serial) in &report.cards {
            assert_eq!(
                &store
                    .card_by_registration_no(number)
                    .unwrap()
                    .card
                    .serial_no,
                serial
            );
            numbers.push(number.clone());
        }
        for (number, customer) in &report.complaints {
            assert_eq!(
                &store
                    .complaint_by_number(number)
                    .unwrap()
                    .complaint
                    .customer_name,
                customer
            );
            numbers.push(number.clone());
        }
    }
    let all = numbers.len();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), all, "no number issued twice");
    assert_eq!(store.card_count().unwrap(), 240);
    assert_eq!(store.complaint_count().unwrap(), 240);
    store.integrity_check().unwrap();
    assert_eq!(store.verify().unwrap().first_break, None);
}

#[test]
fn a_second_window_opens_the_file_at_once_while_another_is_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    drop(Store::open(&path).unwrap());
    let (holding, released) = (Arc::new(Barrier::new(2)), Arc::new(Barrier::new(2)));
    let other = {
        let (path, holding, released) = (path.clone(), holding.clone(), released.clone());
        std::thread::spawn(move || {
            let store = Store::open(&path).unwrap();
            store
                .write(|_| {
                    holding.wait();
                    released.wait();
                    Ok(())
                })
                .unwrap();
        })
    };
    holding.wait();
    // The other window holds the write lock: opening must neither wait for it nor fail.
    let started = Instant::now();
    let opened = Store::open(&path);
    let waited = started.elapsed();
    released.wait();
    other.join().unwrap();
    let store = opened.unwrap();
    assert!(waited < Duration::from_secs(2), "it waited: {waited:?}");
    assert_eq!(store.card_count().unwrap(), 0);
}

#[test]
fn a_writer_kept_waiting_past_the_busy_timeout_says_the_file_is_busy_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    drop(Store::open(&path).unwrap());
    let holding = Arc::new(Barrier::new(2));
    let other = {
        let (path, holding) = (path.clone(), holding.clone());
        std::thread::spawn(move || {
            let store = Store::open(&path).unwrap();
            store
                .write(|_| {
                    holding.wait();
                    std::thread::sleep(Duration::from_secs(7));
                    Ok(())
                })
                .unwrap();
        })
    };
    let mut store = Store::open(&path).unwrap();
    holding.wait();
    let started = Instant::now();
    let card = common::card("张三", "13800138000", "2026-03-01");
    let refused = store.insert_card(&card, "WC", now());
    let waited = started.elapsed();
    assert!(matches!(refused, Err(StoreError::Busy)), "{refused:?}");
    assert_eq!(
        refused.unwrap_err().to_string(),
        "the database is busy in another window; try again in a moment"
    );
    assert!(waited >= Duration::from_secs(4), "it waited: {waited:?}");
    other.join().unwrap();
    assert_eq!(store.card_count().unwrap(), 0, "nothing half-saved");
    // Once the other lets go, the same save goes through.
    store.insert_card(&card, "WC", now()).unwrap();
    assert_eq!(store.card_count().unwrap(), 1);
}

fn demo(db: &Path, count: usize, seed: u64) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_aftersales"));
    command
        .args(["demo", "--db"])
        .arg(db)
        .args(["--count", &count.to_string(), "--seed", &seed.to_string()])
        .env(aftersales::cli::NOW_VARIABLE, NOW)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The serial numbers of the cards in the file, each with how many cards carry it.
fn serials(db: &Path) -> BTreeMap<String, usize> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut statement = conn
        .prepare("SELECT serial_no FROM warranty_cards")
        .unwrap();
    let mut serials = BTreeMap::new();
    for serial in statement.query_map([], |r| r.get::<_, String>(0)).unwrap() {
        *serials.entry(serial.unwrap()).or_insert(0) += 1;
    }
    serials
}

#[test]
fn two_demos_at_once_both_finish_and_every_card_each_made_is_there() {
    let dir = tempfile::tempdir().unwrap();
    // What each demo makes alone.
    let alone: Vec<(String, BTreeMap<String, usize>)> = [1, 2]
        .into_iter()
        .map(|seed| {
            let db = dir.path().join(format!("alone-{seed}.db"));
            let output = demo(&db, 300, seed).output().unwrap();
            assert!(output.status.success(), "{}", said(&output));
            (said(&output), serials(&db))
        })
        .collect();
    let shared = dir.path().join("shared.db");
    drop(Store::open(&shared).unwrap());
    let children: Vec<_> = [1, 2]
        .into_iter()
        .map(|seed| demo(&shared, 300, seed).spawn().unwrap())
        .collect();
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|child| child.wait_with_output().unwrap())
        .collect();
    for ((output, (alone_said, _)), seed) in outputs.iter().zip(&alone).zip([1, 2]) {
        assert!(output.status.success(), "seed {seed}: {}", said(output));
        // "added 300 demo warranty cards, N complaints and M maintenance contracts to …"
        let counts = |text: &str| text.split(" to ").next().unwrap_or_default().to_owned();
        assert_eq!(counts(&said(output)), counts(alone_said), "seed {seed}");
    }
    let mut expected = alone[0].1.clone();
    for (serial, count) in &alone[1].1 {
        *expected.entry(serial.clone()).or_insert(0) += count;
    }
    assert_eq!(serials(&shared), expected, "every card of both, once");
    let store = Store::open_read_only(&shared).unwrap();
    let alone_complaints: u64 = [1, 2]
        .iter()
        .map(|seed| {
            Store::open_read_only(&dir.path().join(format!("alone-{seed}.db")))
                .unwrap()
                .complaint_count()
                .unwrap()
        })
        .sum();
    assert_eq!(store.complaint_count().unwrap(), alone_complaints);
    store.integrity_check().unwrap();
    assert_eq!(store.verify().unwrap().first_break, None);
}

#[test]
fn a_demo_kept_waiting_past_the_busy_timeout_says_exactly_what_it_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    drop(Store::open(&db).unwrap());
    // Enough cards that the demo is still writing when the other program takes the file
    // (it writes a tenth of them a transaction).
    let child = demo(&db, 20_000, 1).spawn().unwrap();
    // Once its first batch of cards is in, another program holds the file for 8 s.
    let started = Instant::now();
    while Store::open_read_only(&db)
        .and_then(|s| s.card_count())
        .unwrap_or(0)
        == 0
    {
        assert!(started.elapsed().as_secs() < 60, "the demo never saved");
        std::thread::sleep(Duration::from_millis(20));
    }
    let other = rusqlite::Connection::open(&db).unwrap();
    other.busy_timeout(Duration::from_secs(30)).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    std::thread::sleep(Duration::from_secs(8));
    other.execute_batch("ROLLBACK").unwrap();
    let output = child.wait_with_output().unwrap();
    let message = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{}", said(&output));
    assert!(
        message.starts_with("aftersales: ") && message.trim_end().lines().count() == 1,
        "{message}"
    );
    assert!(
        message.contains("which stay saved: the database is busy in another window"),
        "{message}"
    );
    // "stopped after saving N warranty cards, M complaints and K maintenance contracts"
    let count = |before: &str| -> u64 {
        let at = message
            .find(before)
            .unwrap_or_else(|| panic!("no count before {before:?}: {message}"));
        let digits: String = message[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.chars().rev().collect::<String>().parse().unwrap()
    };
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.card_count().unwrap(), count(" warranty cards"));
    assert_eq!(store.complaint_count().unwrap(), count(" complaints"));
    assert_eq!(
        store.contract_count().unwrap(),
        count(" maintenance contracts")
    );
    assert!(store.card_count().unwrap() < 20_000, "it gave up part-way");
    store.integrity_check().unwrap();
}

#[test]
fn two_windows_recording_the_same_step_record_it_once_and_the_second_is_told_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.set_setting("language", "en").unwrap();
        let received = now() - chrono::Duration::hours(2);
        let complaint = common::complaint_from(
            received,
            ReceivingUnit::Headquarters,
            "张三",
            "13800138000",
            "江西省南昌市东湖区八一大道 88 号",
        );
        store.insert_complaint(&complaint, "CC", received).unwrap();
    }
    let open = |name: &str| {
        let store = Store::open(&path).unwrap();
        store
            .set_operator(&aftersales::store::audit::Operator {
                name: name.into(),
                unit: "hq".into(),
            })
            .unwrap();
        let mut window = harness_as_is(store, &SaveDialog::default(), None);
        click(&mut window, "Complaints");
        click(&mut window, "张三");
        window
    };
    // Both clerks have the case open before either records the response.
    let (mut first, mut second) = (open("甲"), open("乙"));
    press(&mut first, "Responded");
    press(&mut second, "Responded");
    let steps = second.state().store().steps_of(1).unwrap();
    assert_eq!(
        steps.iter().map(|s| s.step).collect::<Vec<_>>(),
        [Step::Received, Step::Responded],
        "recorded once"
    );
    assert_eq!(steps[1].operator, "甲", "by the clerk who was first");
    let told =
        aftersales::i18n::I18n::new(aftersales::i18n::Lang::English).tr("error-step-not-allowed");
    assert!(
        second
            .query_all_by_label_contains(&told)
            .any(|n| n.accesskit_node().value().is_some()),
        "the second clerk is told: {told}"
    );
    assert!(first.query_by_label_contains(&told).is_none());
    // The second window now shows the step the first recorded, by whom, and offers what may
    // follow it rather than the step that was refused.
    second.get_by_label("甲");
    let offered = second
        .query_all_by_role_and_label(egui::accesskit::Role::Button, "Responded")
        .count();
    assert_eq!(offered, 0, "no longer offered");
}
