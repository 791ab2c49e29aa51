//! The window tried as a new clerk and a skeptical tester would: typing that must not vanish,
//! two windows on one record, a damaged, full or read-only file, the unit chosen at first
//! start, steps typed late or out of order. Every answer is read back from the database.

mod common;

use aftersales::app::App;
use aftersales::domain::case_life::Step;
use aftersales::domain::complaint::{ComplaintDraft, ReceivingUnit};
use aftersales::domain::unit::UnitLevel;
use aftersales::store::Store;
use aftersales::store::audit::Operator;
use chrono::Duration;
use common::{SaveDialog, choose, click, fill, harness, harness_as_is, now, press, store_in};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Types `text` one key at a time into whatever has the keyboard focus, drawing a frame after
/// each key, as a clerk types.
fn type_key_by_key(harness: &mut Harness<'_, App>, text: &str) {
    for c in text.chars() {
        harness.event(egui::Event::Text(c.to_string()));
        harness.run();
    }
}

fn fill_a_card_but(harness: &mut Harness<'_, App>, left_out: &str) {
    click(harness, "New card");
    for (label, value) in [
        ("Issuing dealer", "南昌洪城经销部"),
        ("Customer name", "李娜"),
        ("Phone", "13912345678"),
        ("Address", "江西省南昌市东湖区八一大道 88 号"),
        ("Product model", "JSQ20-A1"),
        ("Serial no.", "KF15261130777"),
        ("Purchase date", "2026-03-01"),
    ] {
        if label != left_out {
            fill(harness, label, value);
        }
    }
}

#[test]
fn typing_the_key_that_completes_a_card_keeps_every_key_after_it() {
    for (last, value) in [("Serial no.", "KF15261130777"), ("Customer name", "李娜")] {
        let mut harness = harness(store_in("en"), &SaveDialog::default());
        fill_a_card_but(&mut harness, last);
        harness.get_by_label("The warranty status shows once the card is complete.");
        harness.get_by_label(last).focus();
        harness.run();
        let before = harness.get_by_label(last).rect();
        // The first key completes the card: its status line changes, and nothing may move
        // under the field being typed in, nor take the focus away from it.
        type_key_by_key(&mut harness, value);
        assert!(
            harness.get_by_label(last).is_focused(),
            "{last} kept the focus"
        );
        assert_eq!(
            harness.get_by_label(last).rect(),
            before,
            "{last} did not move while typed in"
        );
        harness.get_by_label_contains("Warranty status:");
        click(&mut harness, "Save");
        let store = harness.state().store();
        let ids = store.card_ids(&Default::default()).unwrap();
        let card = store.card_by_id(ids[0]).unwrap().card;
        let saved = match last {
            "Serial no." => card.serial_no,
            _ => card.customer_name,
        };
        assert_eq!(saved, value, "every key of {last} reached the database");
    }
}

#[test]
fn typing_the_key_that_completes_a_contract_keeps_every_key_after_it() {
    for (last, value) in [
        ("Terms", "每年上门保养两次"),
        ("Service unit", "南昌城东售后服务站"),
    ] {
        let mut harness = harness(store_in("en"), &SaveDialog::default());
        click(&mut harness, "Maintenance contracts");
        click(&mut harness, "New contract");
        for (label, typed) in [
            ("Customer name", "张三"),
            ("Phone", "138 0013 8000"),
            ("Address", "江西省南昌市东湖区八一大道 88 号"),
            ("Product model", "KF-260/B"),
            ("Start date", "2026-12-01"),
            ("End date", "2027-11-30"),
            ("Annual fee (yuan)", "1200"),
            ("Service unit", "南昌城东售后服务站"),
            ("Terms", "每年上门保养两次"),
        ] {
            if label != last {
                fill(&mut harness, label, typed);
            }
        }
        harness.get_by_label(
            "The contract's status and its renewal notice date show once the contract is complete.",
        );
        harness.get_by_label(last).focus();
        harness.run();
        let before = harness.get_by_label(last).rect();
        type_key_by_key(&mut harness, value);
        assert!(
            harness.get_by_label(last).is_focused(),
            "{last} kept the focus"
        );
        assert_eq!(
            harness.get_by_label(last).rect(),
            before,
            "{last} did not move while typed in"
        );
        assert!(
            harness
                .query_all_by_value("Status: Not started · renewal notice due from 2027-10-30")
                .next()
                .is_some(),
            "the status line shows once the contract is complete"
        );
        click(&mut harness, "Save");
        let store = harness.state().store();
        let ids = store.contract_ids(&Default::default()).unwrap();
        let contract = store.contract_by_id(ids[0]).unwrap().contract;
        let saved = match last {
            "Terms" => contract.terms,
            _ => contract.service_unit,
        };
        assert_eq!(saved, value, "every key of {last} reached the database");
    }
}

#[test]
fn the_unit_chosen_at_first_start_is_this_copys_unit() {
    let mut harness = harness_as_is(store_in("en"), &SaveDialog::default(), None);
    harness.get_by_label("Who is working?");
    fill(&mut harness, "Your name", "周婷");
    choose(&mut harness, "Your unit", "Headquarters");
    click(&mut harness, "Start");
    let store = harness.state().store();
    assert_eq!(
        store.settings().unwrap().unit_level,
        UnitLevel::Headquarters
    );
    assert_eq!(store.operator().unwrap().unwrap().name, "周婷");
    click(&mut harness, "Settings");
    assert_eq!(
        harness.state().store().settings().unwrap().unit_level,
        UnitLevel::Headquarters,
        "the settings screen shows and keeps it"
    );
    // A new complaint starts at headquarters.
    click(&mut harness, "Complaints");
    click(&mut harness, "New complaint");
    fill(&mut harness, "Receiving unit", "总部客服中心");
    fill(&mut harness, "Received by", "周婷");
    fill(&mut harness, "Customer name", "王五");
    fill(&mut harness, "Phone", "13800138000");
    fill(&mut harness, "Description", "漏水");
    click(&mut harness, "Save");
    let store = harness.state().store();
    let id = store.complaint_ids(&Default::default()).unwrap()[0];
    assert_eq!(
        store.complaint_by_id(id).unwrap().complaint.receiving_unit,
        ReceivingUnit::Headquarters
    );
}

#[test]
fn the_office_code_given_at_first_start_is_this_offices_and_a_bad_one_is_refused_there() {
    let mut harness = harness_as_is(store_in("en"), &SaveDialog::default(), None);
    fill(&mut harness, "Your name", "周婷");
    choose(&mut harness, "Your unit", "Dealer");
    fill(&mut harness, "Office code", "南昌");
    harness.get_by_label("1 to 20 letters, digits or inner hyphens (JX-NC-012)");
    assert!(harness.get_by_label("Start").accesskit_node().is_disabled());
    fill(&mut harness, "Office code", "jx-nc-01");
    fill(&mut harness, "Office name", "南昌洪城经销部");
    fill(&mut harness, "Region code (dealers)", "jx");
    click(&mut harness, "Start");
    let settings = harness.state().store().settings().unwrap();
    assert_eq!(
        (
            settings.unit_code.as_str(),
            settings.unit_name.as_str(),
            settings.unit_level,
            settings.unit_region.as_str()
        ),
        ("JX-NC-01", "南昌洪城经销部", UnitLevel::Dealer, "JX")
    );
    assert_eq!(
        harness.state().store().operator().unwrap().unwrap().name,
        "周婷"
    );
}

/// Two windows (two harnesses, two connections) on one file, each with its own clerk.
fn two_windows(dir: &std::path::Path) -> (Harness<'static, App>, Harness<'static, App>, i64) {
    let path = dir.join("shared.db");
    let mut store = Store::open(&path).unwrap();
    store.set_setting("language", "en").unwrap();
    aftersales::demo::fill_cards(&mut store, 3, 1, now()).unwrap();
    let id = store.card_ids(&Default::default()).unwrap()[0];
    drop(store);
    let open = |name: &str| {
        let store = Store::open(&path).unwrap();
        store
            .set_operator(&Operator {
                name: name.into(),
                unit: "dealer".into(),
            })
            .unwrap();
        // Each window records its changes under its own clerk.
        harness_as_is(store, &SaveDialog::default(), None)
    };
    (open("甲"), open("乙"), id)
}

fn open_card(harness: &mut Harness<'_, App>, id: i64) {
    let number = harness
        .state()
        .store()
        .card_by_id(id)
        .unwrap()
        .registration_no;
    click(harness, "Warranty cards");
    click(harness, &number);
}

#[test]
fn a_save_over_another_windows_change_asks_and_keeps_both_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let (mut first, mut second, id) = two_windows(dir.path());
    open_card(&mut first, id);
    open_card(&mut second, id);
    fill(&mut first, "Invoice no.", "FP-0001");
    click(&mut first, "Save");
    fill(&mut second, "Invoice no.", "FP-0002");
    click(&mut second, "Save");
    // Not silently overwritten: the second clerk is told who changed it and when.
    second.get_by_label("Changed in another window");
    second.get_by_label_contains("甲 saved this record at");
    let store = second.state().store();
    assert_eq!(store.card_by_id(id).unwrap().card.invoice_no, "FP-0001");
    click(&mut second, "Keep mine and save");
    let store = second.state().store();
    assert_eq!(store.card_by_id(id).unwrap().card.invoice_no, "FP-0002");
    let changes: Vec<(String, Option<String>)> = store
        .history(aftersales::store::audit::AuditedTable::WarrantyCards, id)
        .unwrap()
        .into_iter()
        .filter(|e| e.field.as_deref() == Some("invoice_no"))
        .map(|e| (e.operator, e.new_value))
        .collect();
    assert_eq!(
        changes,
        [
            ("甲".to_owned(), Some("FP-0001".to_owned())),
            ("乙".to_owned(), Some("FP-0002".to_owned()))
        ]
    );
}

#[test]
fn a_clerk_who_reloads_after_a_conflict_sees_the_other_windows_version() {
    let dir = tempfile::tempdir().unwrap();
    let (mut first, mut second, id) = two_windows(dir.path());
    open_card(&mut first, id);
    open_card(&mut second, id);
    fill(&mut first, "Invoice no.", "FP-0001");
    click(&mut first, "Save");
    fill(&mut second, "Invoice no.", "FP-0002");
    click(&mut second, "Save");
    click(&mut second, "Reload theirs");
    assert_eq!(
        second.get_by_label("Invoice no.").value().as_deref(),
        Some("FP-0001")
    );
    assert!(!second.state().has_unsaved_changes());
    assert_eq!(
        second
            .state()
            .store()
            .card_by_id(id)
            .unwrap()
            .card
            .invoice_no,
        "FP-0001"
    );
}

#[test]
fn damage_found_beside_the_window_stops_work_and_keeps_the_typing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.set_setting("language", "en").unwrap();
        aftersales::demo::fill_cards(&mut store, 400, 2, now()).unwrap();
    }
    // Damage a page the window has no reason to read at start.
    let (root, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        (
            conn.query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'audit_log'",
                [],
                |r| r.get(0),
            )
            .unwrap(),
            conn.query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap(),
        )
    };
    let mut bytes = std::fs::read(&path).unwrap();
    let at = ((root - 1) * page_size + 12) as usize;
    bytes[at..at + 16].copy_from_slice(b"\xde\xad\xbe\xef0123456789ab");
    std::fs::write(&path, &bytes).unwrap();
    let mut harness = harness(Store::open(&path).unwrap(), &SaveDialog::default());
    click(&mut harness, "New card");
    fill(&mut harness, "Customer name", "赵六");
    harness.state_mut().start_background();
    harness.state_mut().wait_for_background();
    let damage = harness
        .state_mut()
        .take_damage()
        .expect("the check found it");
    assert!(damage.message.contains("damaged"), "{}", damage.message);
    let rescued = damage.rescued.expect("the typing was kept");
    assert!(
        std::fs::read_to_string(&rescued).unwrap().contains("赵六"),
        "the rescued form holds the typing"
    );
    // From now on nothing is written to the damaged file.
    let refused = harness.state().store().set_setting("language", "zh-CN");
    assert!(matches!(
        refused,
        Err(aftersales::store::StoreError::Damaged { .. })
    ));
    let backups = dir.path().join("backups");
    assert!(
        !backups.exists() || std::fs::read_dir(&backups).unwrap().next().is_none(),
        "a damaged file is never backed up over a sound backup"
    );
}

#[test]
fn the_daily_backup_runs_beside_the_window_once_the_file_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    let mut store = Store::open(&path).unwrap();
    store.set_setting("language", "en").unwrap();
    aftersales::demo::fill_cards(&mut store, 50, 2, now()).unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    harness.state_mut().start_background();
    harness.state_mut().wait_for_background();
    harness.run();
    let backup = dir.path().join("backups/aftersales-2026-11-23.db");
    harness.get_by_label_contains("Backup written to");
    assert_eq!(Store::open(&backup).unwrap().card_count().unwrap(), 50);
    assert!(harness.state_mut().take_damage().is_none());
}

#[test]
fn a_full_disk_says_so_and_keeps_the_form_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.db");
    {
        let store = Store::open(&path).unwrap();
        store.set_setting("language", "en").unwrap();
    }
    let mut harness = harness(Store::open(&path).unwrap(), &SaveDialog::default());
    // The file may not grow by one more page: the disk is full, as far as SQLite knows.
    let pages: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    harness.state().store().cap_pages(pages as u64).unwrap();
    click(&mut harness, "Complaints");
    click(&mut harness, "New complaint");
    fill(&mut harness, "Receiving unit", "总部客服中心");
    fill(&mut harness, "Received by", "刘敏");
    fill(&mut harness, "Customer name", "李娜");
    fill(&mut harness, "Phone", "13912345678");
    // A long letter of complaint: it needs pages the file may not take.
    let letter = "热水器点火后几秒钟就熄火，反复三次。".repeat(300);
    fill(&mut harness, "Description", &letter);
    click(&mut harness, "Save");
    harness.get_by_label_contains("The disk is full: nothing was saved");
    assert!(harness.state().has_unsaved_changes(), "the typing is kept");
    assert_eq!(
        harness.get_by_label("Description").value().as_deref(),
        Some(letter.as_str())
    );
    assert_eq!(harness.state().store().complaint_count().unwrap(), 0);
    // Space freed, the same Save goes through with every character.
    harness.state().store().cap_pages(1 << 30).unwrap();
    click(&mut harness, "Save");
    let store = harness.state().store();
    let id = store.complaint_ids(&Default::default()).unwrap()[0];
    assert_eq!(
        store.complaint_by_id(id).unwrap().complaint.description,
        letter
    );
}

#[test]
fn a_read_only_file_opens_for_viewing_and_printing_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.set_setting("language", "en").unwrap();
        store
            .set_operator(&Operator {
                name: "档案员".into(),
                unit: "hq".into(),
            })
            .unwrap();
        aftersales::demo::fill_cards(&mut store, 5, 2, now()).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = dir.path().join("card.pdf");
    let dialog = SaveDialog::default();
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut harness = harness_as_is(Store::open(&path).unwrap(), &dialog, None);
    harness.get_by_label_contains("Read-only: this file or its folder cannot be written");
    click(&mut harness, "Warranty cards");
    harness.get_by_label_contains("5 of 5 cards");
    let number = harness
        .state()
        .store()
        .card_by_id(1)
        .unwrap()
        .registration_no;
    click(&mut harness, &number);
    click(&mut harness, "Export PDF…");
    assert!(out.exists(), "printed");
    fill(&mut harness, "Invoice no.", "X");
    click(&mut harness, "Save");
    assert_eq!(
        harness
            .query_all_by_label_contains("The database is open read-only")
            .count(),
        1,
        "said once, when the clerk saved"
    );
    drop(harness);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte changed");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with("-shm")), "{names:?}");
}

/// A complaint received yesterday at 22:00, answered by nobody yet.
fn store_with_a_complaint() -> (Store, i64) {
    let mut store = store_in("en");
    let received = now() - Duration::hours(11) - Duration::minutes(30);
    let complaint = ComplaintDraft {
        receiving_unit_name: "南昌洪城经销部".into(),
        received_by: "刘敏".into(),
        customer_name: "张三".into(),
        customer_phone: "13900139000".into(),
        description: "热水器不点火".into(),
        ..ComplaintDraft::new_complaint(received, ReceivingUnit::Dealer, "", "")
    }
    .parse(now())
    .unwrap();
    let stored = store.insert_complaint(&complaint, "CC", received).unwrap();
    (store, stored.id)
}

fn steps(harness: &Harness<'_, App>, id: i64) -> Vec<(Step, String, String)> {
    harness
        .state()
        .store()
        .steps_of(id)
        .unwrap()
        .into_iter()
        .map(|s| (s.step, s.at.format("%H:%M").to_string(), s.reason))
        .collect()
}

#[test]
fn a_step_recorded_late_keeps_its_own_time_and_says_why() {
    let (store, id) = store_with_a_complaint();
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "Complaints");
    click(&mut harness, "张三");
    // Before the step it follows: refused beside the field.
    fill(&mut harness, "Happened at", "2026-11-22 21:00");
    harness.get_by_label("A step cannot happen before the step it follows.");
    // The clerk called the customer back last night and records it this morning.
    fill(&mut harness, "Happened at", "2026-11-22 22:52");
    harness.get_by_label("This step is recorded more than 10 minutes after it happened: say why.");
    fill(
        &mut harness,
        "Reason if recorded late",
        "夜班电话回复，次日补录",
    );
    press(&mut harness, "Responded");
    assert_eq!(
        steps(&harness, id),
        [
            (Step::Received, "22:00".to_owned(), String::new()),
            (
                Step::Responded,
                "22:52".to_owned(),
                "夜班电话回复，次日补录".to_owned()
            ),
        ]
    );
}

#[test]
fn a_report_that_arrived_a_minute_before_the_response_is_on_site_once() {
    let (mut store, id) = store_with_a_complaint();
    let at = |h, m| {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    };
    store
        .record_step(id, Step::Responded, at(22, 52), "", at(22, 52))
        .unwrap();
    let report = aftersales::domain::investigation::InvestigationDraft {
        investigators: "王磊".into(),
        arrived_at: "2026-11-22 22:51".into(),
        findings: "点火针积碳".into(),
        ..aftersales::domain::investigation::InvestigationDraft::new_report(now())
    }
    .parse(at(22, 0), now())
    .unwrap();
    store.save_investigation(id, &report, None, now()).unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "Complaints");
    // The list's Step column follows the order the steps were recorded in, not their times.
    let row = harness
        .state()
        .store()
        .complaint_rows(&[id])
        .unwrap()
        .remove(0);
    assert_eq!(row.step, Step::OnSite);
    click(&mut harness, "张三");
    harness.get_by_label_contains("Step: On site");
    assert!(
        !harness
            .query_all_by_label("On site")
            .any(|node| node.accesskit_node().role() == egui::accesskit::Role::Button),
        "on site is not offered again"
    );
    click(&mut harness, "Confirmation");
    click(&mut harness, "Create service confirmation");
    common::rate_all(&mut harness);
    fill(&mut harness, "Work done", "清理点火针");
    fill(&mut harness, "Technician(s)", "赵磊");
    click(&mut harness, "Save");
    let recorded: Vec<Step> = steps(&harness, id).into_iter().map(|s| s.0).collect();
    assert_eq!(
        recorded,
        [
            Step::Received,
            Step::Responded,
            Step::OnSite,
            Step::TreatmentDecided,
            Step::Resolved
        ],
        "each step once, in the order they were recorded"
    );
}

#[test]
fn a_list_row_that_cannot_be_read_hides_no_other_and_the_window_settles() {
    let mut store = store_in("en");
    let mut card = |name: &str| {
        store
            .insert_card(
                &common::card(name, "13800138000", "2026-03-01"),
                "WC",
                now(),
            )
            .unwrap()
            .id
    };
    card("张三");
    let (stray_byte, no_date) = (card("李四"), card("王五"));
    // What another tool might leave behind: a name that is not UTF-8, a date that is no date.
    store
        .write(|tx| {
            tx.execute(
                "UPDATE warranty_cards SET customer_name = CAST(X'E69D8EFF' AS TEXT) WHERE id = ?1",
                [stray_byte],
            )?;
            tx.execute(
                "UPDATE warranty_cards SET issue_date = 'soon' WHERE id = ?1",
                [no_date],
            )?;
            Ok(())
        })
        .unwrap();
    // `harness` draws until the window is idle: a list asking again and again for a row it
    // cannot read never is, and fails here.
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "Warranty cards");
    harness.get_by_label("张三");
    harness.get_by_label("李\u{FFFD}");
    harness.get_by_label("(this record could not be read; it may have been removed)");
    assert!(harness.query_by_label("王五").is_none());
    // The good card still opens.
    harness.get_by_label("张三").click();
    harness.run();
    assert_eq!(
        harness.get_by_label("Customer name").value().as_deref(),
        Some("张三")
    );
}
