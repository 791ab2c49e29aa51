//! The crash harness: a child process saves cards, edits and whole cases in a loop, saying
//! each save once it is done; the parent kills it with SIGKILL at a random moment, then opens
//! the file and checks that every save reported done is there, that SQLite's integrity check
//! and the search index's own check pass, and that the audit trail verifies. Then again.
//!
//! `cargo test --test crash` kills 40 times; `AFTERSALES_CRASH_KILLS=500 cargo test --release
//! --test crash` is the long run (docs/RELIABILITY.md). The child is this test binary itself,
//! started on its ignored `child_saves_until_killed` test.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use aftersales::domain::complaint::{ComplaintDraft, ReceivingUnit};
use aftersales::domain::confirmation::ConfirmationDraft;
use aftersales::domain::investigation::{InvestigationDraft, PhotoDocument, check_photo};
use aftersales::domain::warranty_card::WarrantyCardDraft;
use aftersales::store::Store;
use chrono::{NaiveDate, NaiveDateTime};

/// Set in the child's environment: the database it saves into, and its round.
const CHILD_DB: &str = "AFTERSALES_CRASH_CHILD_DB";
const CHILD_ROUND: &str = "AFTERSALES_CRASH_CHILD_ROUND";

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

fn card(serial: &str) -> aftersales::domain::warranty_card::WarrantyCard {
    WarrantyCardDraft {
        issuing_dealer: "南昌洪城经销部".into(),
        customer_name: format!("客户{serial}"),
        customer_phone: "13912345678".into(),
        customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
        product_model: "JSQ20-A1".into(),
        serial_no: serial.into(),
        ..WarrantyCardDraft::new_card(now().date(), 24, "南昌洪城经销部")
    }
    .parse(now().date())
    .expect("a valid card")
}

/// What marks the child's own lines among the test runner's.
const SAID: &str = "crash-harness: ";

/// One save of the child, said on standard output once it is committed, on a line of its own
/// (the test runner may have begun one).
fn say(line: String) {
    let mut out = std::io::stdout().lock();
    // The parent reads line by line; a closed pipe means the parent is gone.
    if writeln!(out, "\n{SAID}{line}")
        .and_then(|()| out.flush())
        .is_err()
    {
        std::process::exit(0);
    }
}

/// A photo as small as a JPEG comes: 8 × 6 pixels.
fn small_jpeg() -> Vec<u8> {
    let image = image::RgbImage::from_fn(8, 6, |x, y| image::Rgb([x as u8 * 30, y as u8 * 40, 90]));
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .expect("a JPEG is written to memory");
    bytes
}

#[test]
#[ignore = "the crash harness's child: started by saves_reported_done_survive_a_kill_at_any_moment"]
fn child_saves_until_killed() {
    let (Ok(db), Ok(round)) = (std::env::var(CHILD_DB), std::env::var(CHILD_ROUND)) else {
        panic!("run by the crash harness only");
    };
    let mut store = Store::open(Path::new(&db)).expect("the harness's file opens");
    store.set_writer("crash-harness");
    let mut rng = fastrand::Rng::with_seed(round.parse().unwrap_or(0));
    let photo = check_photo("现场.jpg", small_jpeg(), PhotoDocument::Scene).expect("a JPEG");
    say("ready".into());
    for n in 0.. {
        match rng.u8(..4) {
            // A new card.
            0 | 1 => {
                let serial = format!("R{round}N{n}");
                let stored = store.insert_card(&card(&serial), "WC", now()).unwrap();
                say(format!("card {} {serial}", stored.registration_no));
            }
            // An edit of an earlier card of this file.
            2 => {
                let ids = store.card_ids(&Default::default()).unwrap();
                let Some(&id) = ids.get(rng.usize(..ids.len().max(1))) else {
                    continue;
                };
                let stored = store.card_by_id(id).unwrap();
                let mut edited = stored.card.clone();
                edited.invoice_no = format!("{round}-{n:06}");
                store
                    .update_card(id, &edited, stored.revision, now())
                    .unwrap();
                say(format!("invoice {id} {round}-{n:06}"));
            }
            // A whole case: complaint, report with a photo, confirmation.
            _ => {
                let complaint = ComplaintDraft {
                    receiving_unit_name: "总部客服中心".into(),
                    received_by: "刘敏".into(),
                    customer_name: format!("投诉人{round}-{n}"),
                    customer_phone: "13800138000".into(),
                    description: "热水器点火后熄火".repeat(1 + rng.usize(..40)),
                    ..ComplaintDraft::new_complaint(now(), ReceivingUnit::Headquarters, "", "")
                }
                .parse(now())
                .unwrap();
                let stored = store.insert_complaint(&complaint, "CC", now()).unwrap();
                let report = InvestigationDraft {
                    investigators: "王磊".into(),
                    findings: "排烟管松动".into(),
                    ..InvestigationDraft::new_report(now())
                }
                .parse(now(), now())
                .unwrap();
                let report = store
                    .save_investigation(stored.id, &report, None, now())
                    .unwrap();
                store.add_photo(report.id, &photo, now()).unwrap();
                let confirmation = ConfirmationDraft {
                    work_done: "紧固排烟管".into(),
                    technicians: "王建国".into(),
                    ratings: [Some(aftersales::domain::confirmation::Rating::Satisfied); 4],
                    ..ConfirmationDraft::new_confirmation(now(), None)
                }
                .parse(now(), now())
                .unwrap();
                store
                    .save_confirmation(stored.id, &confirmation, None, now())
                    .unwrap();
                say(format!("case {}", stored.complaint_no));
            }
        }
    }
}

/// Runs the child on `db` until it has said it is ready and then for `run_for`, kills it, and
/// returns what it said was saved.
fn run_and_kill(db: &Path, round: u64, run_for: Duration) -> Vec<String> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_saves_until_killed",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DB, db)
        .env(CHILD_ROUND, round.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the test binary starts again as the child");
    let stdout = child.stdout.take().unwrap();
    let (send, lines) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let Some(said) = line.strip_prefix(SAID) else {
                continue;
            };
            if send.send(said.to_owned()).is_err() {
                break;
            }
        }
    });
    // Wait for the child to be ready (the file opened and migrated), then let it work.
    let mut said = Vec::new();
    loop {
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) if line == "ready" => break,
            Ok(line) => said.push(line),
            Err(_) => panic!("the child never got ready"),
        }
    }
    std::thread::sleep(run_for);
    child.kill().expect("SIGKILL");
    child.wait().unwrap();
    reader.join().unwrap();
    said.extend(lines.try_iter());
    said
}

#[test]
fn saves_reported_done_survive_a_kill_at_any_moment() {
    let kills: u64 = std::env::var("AFTERSALES_CRASH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(40);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let mut rng = fastrand::Rng::with_seed(20261123);
    let mut cards: HashMap<String, String> = HashMap::new();
    let mut invoices: HashMap<i64, String> = HashMap::new();
    let mut cases: Vec<String> = Vec::new();
    for round in 0..kills {
        let run_for = Duration::from_millis(rng.u64(1..250));
        for line in run_and_kill(&db, round, run_for) {
            let mut words = line.split(' ');
            match (words.next(), words.next(), words.next()) {
                (Some("card"), Some(number), Some(serial)) => {
                    cards.insert(number.to_owned(), serial.to_owned());
                }
                (Some("invoice"), Some(id), Some(value)) => {
                    invoices.insert(id.parse().unwrap(), value.to_owned());
                }
                (Some("case"), Some(number), None) => cases.push(number.to_owned()),
                _ => panic!("the child said {line:?}"),
            }
        }
        let store = Store::open(&db).unwrap_or_else(|e| panic!("round {round}: {e}"));
        store
            .integrity_check()
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        let verification = store.verify().unwrap();
        assert_eq!(verification.first_break, None, "round {round}");
        for (number, serial) in &cards {
            let stored = store
                .card_by_registration_no(number)
                .unwrap_or_else(|e| panic!("round {round}: card {number} reported saved: {e}"));
            assert_eq!(&stored.card.serial_no, serial, "round {round}");
        }
        for (id, value) in &invoices {
            // The last edit reported, or one the child made after it and was killed before
            // saying: the same round, a later count.
            let stored = store.card_by_id(*id).unwrap().card.invoice_no;
            let (reported_round, reported_n) = value.split_once('-').unwrap();
            let (round_now, n_now) = stored.split_once('-').unwrap_or_default();
            let later = round_now.parse::<u64>().unwrap_or(0) > reported_round.parse().unwrap()
                || (round_now == reported_round && n_now >= reported_n);
            assert!(
                later,
                "round {round}: card {id} has {stored:?}, {value:?} was saved"
            );
        }
        for number in &cases {
            let complaint = store.complaint_by_number(number).unwrap();
            let report = store
                .investigation_of(complaint.id)
                .unwrap()
                .unwrap_or_else(|| panic!("round {round}: {number} lost its report"));
            assert_eq!(store.photos_of(report.id).unwrap().len(), 1);
            assert!(store.confirmation_of(complaint.id).unwrap().is_some());
        }
    }
    assert!(
        !cards.is_empty() && !cases.is_empty(),
        "the child saved something to check: {} cards, {} cases",
        cards.len(),
        cases.len()
    );
}
