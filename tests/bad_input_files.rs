//! Files a clerk picks in the window that are not what they should be: photos that are empty,
//! text, cut short, too large, a folder or nowhere; backups that are empty, text, from a newer
//! program, another program's database, or the database itself. Each is refused with a message
//! on screen, and the database is left exactly as it was (every row of every table compared,
//! and for a restore, the file not swapped). A sound file picked the same way goes in, so the
//! refusals are not for want of trying.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use aftersales::app::App;
use aftersales::domain::complaint::ReceivingUnit;
use aftersales::domain::investigation::MAX_PHOTO_BYTES;
use aftersales::i18n::{I18n, Lang};
use aftersales::store::Store;
use common::{SaveDialog, choose, click, fill, now, table_rows};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// A picture as a camera writes it.
fn picture(format: image::ImageFormat) -> Vec<u8> {
    let image = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
    let mut bytes = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

/// The messages on screen that start with `start`, oldest first. (An error stays until it is
/// dismissed, and a long one pushes its Dismiss button out of the window: each case looks
/// for the one message it added.)
fn shown(harness: &Harness<'_, App>, start: &str) -> Vec<String> {
    harness
        .query_all_by_role(egui::accesskit::Role::Label)
        .filter_map(|node| node.accesskit_node().value())
        .filter(|text| text.starts_with(start))
        .collect()
}

/// The one message that appeared on screen since `before`.
fn new_message(harness: &Harness<'_, App>, start: &str, before: &[String]) -> Option<String> {
    let mut now = shown(harness, start);
    for old in before {
        if let Some(at) = now.iter().position(|text| text == old) {
            now.remove(at);
        }
    }
    match now.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The English wording of a message key, as the window shows it.
fn says(key: &str) -> String {
    let text = I18n::new(Lang::English).tr(key);
    assert_ne!(text, key, "{key} is worded");
    text
}

/// One file picked as a photo: how to make it, and the message it gets.
struct PhotoCase {
    name: &'static str,
    make: fn(&Path) -> PathBuf,
    message: &'static str,
}

fn photo_cases() -> Vec<PhotoCase> {
    vec![
        PhotoCase {
            name: "an empty file",
            make: |dir| write(dir, "empty.jpg", b""),
            message: "error-photo-format",
        },
        PhotoCase {
            name: "a text file named .jpg",
            make: |dir| write(dir, "notes.jpg", "热水器不点火，已报修三次。".as_bytes()),
            message: "error-photo-format",
        },
        PhotoCase {
            name: "a JPEG's signature alone",
            make: |dir| write(dir, "cut.jpg", &[0xFF, 0xD8, 0xFF]),
            message: "error-photo-unreadable",
        },
        PhotoCase {
            name: "half a JPEG",
            make: |dir| {
                let whole = picture(image::ImageFormat::Jpeg);
                write(dir, "half.jpg", &whole[..whole.len() / 2])
            },
            message: "error-photo-unreadable",
        },
        PhotoCase {
            name: "a PNG one byte over the limit",
            make: |dir| {
                let mut bytes = picture(image::ImageFormat::Png);
                bytes.resize(MAX_PHOTO_BYTES + 1, 0);
                write(dir, "large.png", &bytes)
            },
            message: "error-photo-size",
        },
        PhotoCase {
            name: "a folder",
            make: |dir| {
                let folder = dir.join("photos.jpg");
                std::fs::create_dir(&folder).unwrap();
                folder
            },
            message: "error-photo-read",
        },
        PhotoCase {
            name: "a path that does not exist",
            make: |dir| dir.join("gone.jpg"),
            message: "error-photo-read",
        },
    ]
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The window on a file at `path`, in English, its photo and backup dialogs answering what
/// `photo` and `backup` hold when asked.
fn window(
    path: &Path,
    photo: &Arc<Mutex<Option<PathBuf>>>,
    dialog: &SaveDialog,
) -> Harness<'static, App> {
    let store = Store::open(path).unwrap();
    store.set_setting("language", "en").unwrap();
    store
        .set_operator(&aftersales::store::audit::Operator {
            name: "测试员".into(),
            unit: "hq".into(),
        })
        .unwrap();
    let photo = photo.clone();
    let backup = dialog.backup.clone();
    let app = App::with(store, Box::new(|_| None), Box::new(now))
        .with_photo_picker(Box::new(move || photo.lock().unwrap().clone()))
        .with_backup_picker(Box::new(move || backup.lock().unwrap().clone()));
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(aftersales::ui::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

#[test]
fn a_photo_file_that_is_not_a_whole_picture_is_refused_on_screen_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    let complaint_id = {
        let mut store = Store::open(&path).unwrap();
        let received = now() - chrono::Duration::days(2);
        let complaint = common::complaint_from(
            received,
            ReceivingUnit::Headquarters,
            "张三",
            "13800138000",
            "江西省南昌市东湖区八一大道 88 号",
        );
        store
            .insert_complaint(&complaint, "CC", received)
            .unwrap()
            .id
    };
    let photo = Arc::new(Mutex::new(None));
    let mut harness = window(&path, &photo, &SaveDialog::default());
    click(&mut harness, "Complaints");
    click(&mut harness, "张三");
    click(&mut harness, "Investigation");
    click(&mut harness, "Create investigation report");
    fill(&mut harness, "Investigators", "王磊");
    fill(&mut harness, "Findings", "比例阀动作异常");
    click(&mut harness, "Save");
    choose(&mut harness, "This photo shows", "Scene photo");
    let report_id = harness
        .state()
        .store()
        .investigation_of(complaint_id)
        .unwrap()
        .expect("the report is saved")
        .id;
    for case in photo_cases() {
        let file = (case.make)(dir.path());
        *photo.lock().unwrap() = Some(file.clone());
        let message = says(case.message);
        let (before, on_screen) = (table_rows(&path), shown(&harness, &message));
        click(&mut harness, "Add photo…");
        let said = new_message(&harness, &message, &on_screen)
            .unwrap_or_else(|| panic!("{}: {message:?} is not on screen", case.name));
        if case.message == "error-photo-read" {
            assert!(said.ends_with(&file.display().to_string()), "{said}");
        }
        assert_eq!(table_rows(&path), before, "{}: the file changed", case.name);
    }
    // The same button with a sound photo attaches it.
    let sound = write(dir.path(), "现场.jpg", &picture(image::ImageFormat::Jpeg));
    *photo.lock().unwrap() = Some(sound);
    click(&mut harness, "Add photo…");
    let photos = harness.state().store().photos_of(report_id).unwrap();
    assert_eq!(
        photos
            .iter()
            .map(|p| p.photo.file_name.as_str())
            .collect::<Vec<_>>(),
        ["现场.jpg"]
    );
}

/// One file picked as a backup to restore: how to make it (beside the database `db`), and what
/// the refusal says of it.
struct RestoreCase {
    name: &'static str,
    make: fn(&Path, &Path) -> PathBuf,
    reason: &'static str,
}

fn restore_cases() -> Vec<RestoreCase> {
    vec![
        RestoreCase {
            name: "an empty file",
            make: |dir, _| write(dir, "empty.db", b""),
            reason: "this file is damaged or is not a database",
        },
        RestoreCase {
            name: "a text file",
            make: |dir, _| write(dir, "notes.db", "客户档案备注".repeat(500).as_bytes()),
            reason: "this file is damaged or is not a database",
        },
        RestoreCase {
            name: "a database from a newer version of the program",
            make: |dir, _| {
                let path = dir.join("newer.db");
                let conn = rusqlite::Connection::open(&path).unwrap();
                conn.pragma_update(None, "application_id", aftersales::store::APPLICATION_ID)
                    .unwrap();
                conn.execute_batch("CREATE TABLE future (x);").unwrap();
                conn.pragma_update(None, "user_version", aftersales::store::SCHEMA_VERSION + 1)
                    .unwrap();
                path
            },
            reason: "written by a newer version of this program",
        },
        RestoreCase {
            name: "another program's SQLite file",
            make: |dir, _| {
                let path = dir.join("songs.sqlite");
                rusqlite::Connection::open(&path)
                    .unwrap()
                    .execute_batch(
                        "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');",
                    )
                    .unwrap();
                path
            },
            reason: "this file is not an after-sales database",
        },
        RestoreCase {
            name: "the database itself",
            make: |_, db| db.to_owned(),
            reason: "That backup is the database itself",
        },
        RestoreCase {
            name: "a folder",
            make: |dir, _| {
                let folder = dir.join("backups.db");
                std::fs::create_dir(&folder).unwrap();
                folder
            },
            reason: "that is a folder, not a database file",
        },
    ]
}

#[test]
fn a_restore_file_that_is_not_one_of_our_backups_is_refused_on_screen_and_nothing_is_swapped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    let backup = dir.path().join("monday.db");
    {
        let mut store = Store::open(&path).unwrap();
        aftersales::demo::fill_cards(&mut store, 2, 1, now()).unwrap();
        store.backup_to(&backup).unwrap();
        aftersales::demo::fill_cards(&mut store, 3, 2, now()).unwrap();
    }
    let dialog = SaveDialog::default();
    let mut harness = window(&path, &Arc::new(Mutex::new(None)), &dialog);
    click(&mut harness, "Settings");
    let inode = std::fs::metadata(&path).unwrap().ino();
    for case in restore_cases() {
        let file = (case.make)(dir.path(), &path);
        *dialog.backup.lock().unwrap() = Some(file.clone());
        let failed = says("restore-failed");
        let (before, on_screen) = (table_rows(&path), shown(&harness, &failed));
        click(&mut harness, "Restore a backup…");
        click(&mut harness, "Restore this backup");
        let said = new_message(&harness, &failed, &on_screen)
            .unwrap_or_else(|| panic!("{}: no refusal on screen", case.name));
        assert!(said.contains(case.reason), "{}: {said}", case.name);
        assert!(said.ends_with(&format!("{})", file.display())), "{said}");
        assert_eq!(
            std::fs::metadata(&path).unwrap().ino(),
            inode,
            "{}: the database was swapped",
            case.name
        );
        assert_eq!(table_rows(&path), before, "{}: the file changed", case.name);
        assert_eq!(
            harness.state().store().card_count().unwrap(),
            5,
            "{}",
            case.name
        );
    }
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains(".replaced-") || n.contains(".restoring")),
        "{names:?}"
    );
    // The same steps with a real backup restore it.
    *dialog.backup.lock().unwrap() = Some(backup);
    click(&mut harness, "Restore a backup…");
    click(&mut harness, "Restore this backup");
    assert_eq!(harness.state().store().card_count().unwrap(), 2);
}

#[test]
fn an_error_too_long_for_the_window_is_wrapped_and_can_be_dismissed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    drop(Store::open(&path).unwrap());
    let dialog = SaveDialog::default();
    let mut harness = window(&path, &Arc::new(Mutex::new(None)), &dialog);
    click(&mut harness, "Settings");
    let name = format!("{}.db", "备份".repeat(40));
    *dialog.backup.lock().unwrap() = Some(write(dir.path(), &name, b"not a database"));
    click(&mut harness, "Restore a backup…");
    click(&mut harness, "Restore this backup");
    let failed = says("restore-failed");
    let said = new_message(&harness, &failed, &[]).expect("the refusal is on screen");
    assert!(said.contains(&name), "{said}");
    let dismiss = harness.get_by_label("Dismiss");
    let (button, window) = (dismiss.rect(), harness.ctx.content_rect());
    assert!(
        window.contains_rect(button),
        "the Dismiss button {button:?} lies inside the window {window:?}"
    );
    let message = harness
        .query_all_by_role(egui::accesskit::Role::Label)
        .find(|node| node.accesskit_node().value().is_some_and(|v| v == said))
        .unwrap()
        .rect();
    assert!(
        message.right() <= window.right(),
        "the message {message:?} wraps inside the window"
    );
    dismiss.click();
    harness.run();
    assert_eq!(shown(&harness, &failed), Vec::<String>::new(), "dismissed");
}
