//! Backups where they survive the PC: the automatic backup folder is a setting (another disk,
//! a USB drive, a share), Settings shows the last backup written, and the dashboard warns when
//! none has been written for seven days.

mod common;

use aftersales::store::Store;
use chrono::Duration;
use common::{SaveDialog, click, fill, harness_as_is, now, press};
use egui_kittest::kittest::Queryable;

/// A database on disk in `dir`, in English, with a clerk at the desk and a few cards.
fn desk(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join("desk.db")).unwrap();
    store.set_setting("language", "en").unwrap();
    store
        .set_operator(&aftersales::store::audit::Operator {
            name: "测试员".into(),
            unit: "hq".into(),
        })
        .unwrap();
    aftersales::demo::fill_cards(&mut store, 3, 1, now()).unwrap();
    store
}

#[test]
fn the_automatic_backup_goes_to_the_folder_chosen_and_settings_says_when_it_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let store = desk(dir.path());
    let dialog = SaveDialog::default();
    let mut harness = harness_as_is(store, &dialog, None);
    click(&mut harness, "Settings");
    harness.get_by_label("No backup has been written yet.");
    // A folder given by a part of its path is refused beside the field.
    fill(&mut harness, "Backup folder", "backups-usb");
    harness.get_by_label_contains("Give the whole path of a folder");
    let folder = usb.path().join("售后备份");
    fill(&mut harness, "Backup folder", folder.to_str().unwrap());
    press(&mut harness, "Save");
    harness.get_by_label_contains("Settings saved");
    // The day's backup goes there, not beside the database.
    harness.state_mut().start_background();
    harness.state_mut().wait_for_background();
    harness.run();
    let written = folder.join(format!("aftersales-{}.db", now().format("%Y-%m-%d")));
    assert!(written.is_file(), "{written:?}");
    assert!(
        !dir.path().join("backups").exists(),
        "nothing beside the database"
    );
    harness.get_by_label(&format!(
        "Last backup written: {}, {}",
        now().format("%Y-%m-%d %H:%M"),
        written.display()
    ));
    harness.get_by_label_contains(&format!("Automatic backups go to: {}", folder.display()));
    // The copy is the database.
    let copy = Store::open(&written).unwrap();
    assert_eq!(copy.card_count().unwrap(), 3);
    // Nothing to warn of.
    click(&mut harness, "Dashboard");
    harness.get_by_label("Today's work");
    assert!(harness.query_by_label_contains("No backup for").is_none());
}

#[test]
fn the_dashboard_warns_after_seven_days_without_a_backup_and_offers_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = desk(dir.path());
    // The backup folder is a file: no backup can be written there; the last one was written
    // eight days ago.
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, b"").unwrap();
    let mut settings = store.settings().unwrap();
    settings.backup_folder = blocked.to_str().unwrap().to_owned();
    let mut store = store;
    store.save_settings(&settings).unwrap();
    let eight_days_ago = now() - Duration::days(8);
    store
        .note_backup(eight_days_ago, &dir.path().join("aftersales-old.db"))
        .unwrap();
    let dialog = SaveDialog::default();
    let mut harness = harness_as_is(store, &dialog, None);
    harness.get_by_label_contains(&format!(
        "No backup for 8 days: the archive has no recent copy. Check that the backup folder can be written ({})",
        blocked.display()
    ));
    // Today's backup fails too: still warned, and the failure is said.
    harness.state_mut().start_background();
    harness.state_mut().wait_for_background();
    harness.run();
    harness.get_by_label_contains("No backup for 8 days");
    let standing = harness.state().store().backup_standing().unwrap();
    assert_eq!(standing.failing_since, Some(now()));
    assert_eq!(standing.last.map(|(at, _)| at), Some(eight_days_ago));
    // A backup by hand from the warning: the clerk picks where.
    let out = dir.path().join("by-hand.db");
    *dialog.answer.lock().unwrap() = Some(out.clone());
    click(&mut harness, "Back up now…");
    assert!(out.is_file());
    assert!(harness.query_by_label_contains("No backup for").is_none());
}

#[test]
fn about_tells_the_version_the_file_and_its_checks_and_copies_them_for_a_support_call() {
    let dir = tempfile::tempdir().unwrap();
    let store = desk(dir.path());
    let db = dir.path().join("desk.db");
    let dialog = SaveDialog::default();
    let mut harness = harness_as_is(store, &dialog, None);
    click(&mut harness, "Settings");
    harness.get_by_label("About");
    harness.get_by_label(&format!(
        "Version: aftersales {}",
        env!("CARGO_PKG_VERSION")
    ));
    harness.get_by_label_contains("Built: 20");
    // Beside the status bar's, which names the file too.
    assert_eq!(
        harness
            .get_all_by_label(&format!("Database: {}", db.display()))
            .count(),
        2
    );
    harness.get_by_label(&format!(
        "Database schema: {}",
        aftersales::store::SCHEMA_VERSION
    ));
    harness.get_by_label("Portable (data beside the program): no");
    harness.get_by_label_contains("Archive check: ");
    // Copied whole, one line each, for a support call.
    harness.get_by_label("Copy diagnostics").scroll_to_me();
    harness.run();
    harness.get_by_label("Copy diagnostics").click();
    let mut copied: Vec<String> = Vec::new();
    for _ in 0..3 {
        harness.step();
        copied.extend(
            harness
                .output()
                .platform_output
                .commands
                .iter()
                .filter_map(|c| match c {
                    egui::OutputCommand::CopyText(text) => Some(text.clone()),
                    _ => None,
                }),
        );
    }
    assert_eq!(copied.len(), 1, "{copied:?}");
    let text = &copied[0];
    for line in [
        format!("Version: aftersales {}", env!("CARGO_PKG_VERSION")),
        format!("Database: {}", db.display()),
        format!("Database schema: {}", aftersales::store::SCHEMA_VERSION),
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?} not in {text}");
    }
    assert!(text.contains("Size: "), "{text}");
    // In Chinese too.
    click(&mut harness, "Language");
    click(&mut harness, "中文");
    harness.get_by_label("关于");
    harness.get_by_label(&format!(
        "数据库结构版本：{}",
        aftersales::store::SCHEMA_VERSION
    ));
    harness.get_by_label("复制诊断信息");
}
