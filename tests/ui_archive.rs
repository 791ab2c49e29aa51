//! Two windows on one file, and restoring a backup from the settings.

mod common;

use aftersales::store::Store;
use common::{SaveDialog, click, harness, now};
use egui_kittest::kittest::Queryable;

#[test]
fn a_second_window_sees_the_other_ones_changes_after_f5() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let store = Store::open(&path).unwrap();
    store.set_setting("language", "en").unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    harness.get_by_label_contains("0 of 0 cards");
    // Another window (another connection) adds cards to the same file.
    let mut other = Store::open(&path).unwrap();
    aftersales::demo::fill_cards(&mut other, 7, 1, now()).unwrap();
    harness.key_press(egui::Key::F5);
    harness.run();
    harness.get_by_label_contains("7 of 7 cards");
}

#[test]
fn a_backup_is_restored_after_confirmation_keeping_the_current_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    let backup = dir.path().join("backup.db");
    let mut store = Store::open(&path).unwrap();
    store.set_setting("language", "en").unwrap();
    aftersales::demo::fill_cards(&mut store, 2, 1, now()).unwrap();
    store.backup_to(&backup).unwrap();
    aftersales::demo::fill_cards(&mut store, 3, 2, now()).unwrap();
    let dialog = SaveDialog::default();
    *dialog.backup.lock().unwrap() = Some(backup.clone());
    let mut harness = harness(store, &dialog);
    harness.get_by_label_contains("5 of 5 cards");
    click(&mut harness, "Settings");
    click(&mut harness, "Restore a backup…");
    harness.get_by_label("Restore this backup? The current file is kept beside it, renamed.");
    click(&mut harness, "Restore this backup");
    assert_eq!(harness.state().store().card_count().unwrap(), 2);
    click(&mut harness, "Warranty cards");
    harness.get_by_label_contains("2 of 2 cards");
    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("live.db.replaced-")
        })
        .expect("the previous file is kept");
    assert_eq!(Store::open(&aside.path()).unwrap().card_count().unwrap(), 5);
}

#[test]
fn a_backup_is_restored_while_the_files_upkeep_runs_beside_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    let backup = dir.path().join("backup.db");
    let mut store = Store::open(&path).unwrap();
    store.set_setting("language", "en").unwrap();
    aftersales::demo::fill_cards(&mut store, 2, 1, now()).unwrap();
    store.backup_to(&backup).unwrap();
    aftersales::demo::fill_cards(&mut store, 3, 2, now()).unwrap();
    let dialog = SaveDialog::default();
    *dialog.backup.lock().unwrap() = Some(backup.clone());
    let mut harness = harness(store, &dialog);
    // The check and the daily backup done, the upkeep holds a connection of its own to the
    // file; a restore must not find the file in use by its own window.
    harness.state_mut().start_background();
    harness.state_mut().wait_for_background();
    harness.run();
    click(&mut harness, "Settings");
    click(&mut harness, "Restore a backup…");
    click(&mut harness, "Restore this backup");
    assert_eq!(harness.state().store().card_count().unwrap(), 2);
    assert!(
        harness
            .query_by_label_contains("has this database open")
            .is_none()
    );
    // And the window goes on working on the restored file.
    click(&mut harness, "Warranty cards");
    harness.get_by_label_contains("2 of 2 cards");
}

/// Four cards whose warranty ended 2024-01-09, 2025-11-22, 2025-11-23 and 2027-02-28: with
/// cards kept one year after their warranty, on 2026-11-23 the first two are past retention
/// (the third ended exactly a year ago and is kept that day).
fn cards_ending(store: &mut Store) -> Vec<String> {
    let mut numbers = Vec::new();
    for (name, purchase) in [
        ("张一", "2023-01-10"),
        ("张二", "2024-11-23"),
        ("张三", "2024-11-24"),
        ("张四", "2026-03-01"),
    ] {
        let card = common::card(name, "13800138000", purchase);
        numbers.push(
            store
                .insert_card(&card, "WC", now())
                .unwrap()
                .registration_no,
        );
    }
    numbers
}

#[test]
fn records_past_retention_are_listed_then_deleted_only_after_confirmation() {
    let mut store = common::store_in("en");
    let numbers = cards_ending(&mut store);
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "Settings");
    click(&mut harness, "Review records past retention…");
    harness.get_by_label("No records are past their retention period.");
    common::fill(
        &mut harness,
        "Keep cards after warranty ends (years, 0 = always)",
        "1",
    );
    click(&mut harness, "Save");
    assert_eq!(
        harness
            .state()
            .store()
            .settings()
            .unwrap()
            .retention_card_years,
        1
    );
    click(&mut harness, "Review records past retention…");
    harness.get_by_label("2 record(s) past their retention period");
    click(&mut harness, "Cancel");
    assert_eq!(
        harness.state().store().card_count().unwrap(),
        4,
        "nothing deleted without confirmation"
    );
    click(&mut harness, "Review records past retention…");
    click(&mut harness, "Delete these 2 record(s)");
    let store = harness.state().store();
    let kept: Vec<&String> = numbers
        .iter()
        .filter(|n| store.card_by_registration_no(n).is_ok())
        .collect();
    assert_eq!(kept, [&numbers[2], &numbers[3]]);
}
