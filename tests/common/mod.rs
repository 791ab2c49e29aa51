//! Helpers shared by the integration tests: a fixed clock, the app in a test harness, and
//! reading PDFs back.
#![allow(dead_code)] // each test file uses its own part of this module

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use aftersales::app::App;
use aftersales::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The tests' "now": Monday 23 November 2026, 09:30.
pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

/// Where the app's "Export PDF…" dialog answers, and what it was asked.
#[derive(Clone, Default)]
pub struct SaveDialog {
    pub answer: Arc<Mutex<Option<PathBuf>>>,
    pub suggested: Arc<Mutex<Vec<String>>>,
    /// What the "Restore a backup…" dialog answers.
    pub backup: Arc<Mutex<Option<PathBuf>>>,
    /// What the "Choose logo…" dialog answers.
    pub logo: Arc<Mutex<Option<PathBuf>>>,
}

/// The whole app on `store`, in English unless the store says otherwise, at a fixed time.
pub fn harness(store: Store, dialog: &SaveDialog) -> Harness<'static, App> {
    harness_with_photo(store, dialog, None)
}

/// The app whose "Add photo…" dialog answers `photo`; the operator is 测试员 unless the store
/// names one.
pub fn harness_with_photo(
    store: Store,
    dialog: &SaveDialog,
    photo: Option<PathBuf>,
) -> Harness<'static, App> {
    if store.operator().unwrap().is_none() {
        let tester = aftersales::store::audit::Operator {
            name: "测试员".into(),
            unit: "hq".into(),
        };
        store.set_operator(&tester).unwrap();
    }
    let mut harness = harness_as_is(store, dialog, photo);
    // The program opens on the dashboard; most tests start from the cards list, as a clerk
    // issuing a card would (a restored draft opens its own form instead).
    for (dashboard, cards) in [
        ("Today's work", "Warranty cards"),
        ("今日待办", "质量保证卡"),
    ] {
        if harness.query_by_label(dashboard).is_some() {
            harness.get_by_label(cards).click();
            harness.run();
        }
    }
    harness
}

/// The app on `store` exactly as it is (no operator set for the test).
pub fn harness_as_is(
    store: Store,
    dialog: &SaveDialog,
    photo: Option<PathBuf>,
) -> Harness<'static, App> {
    let answer = dialog.answer.clone();
    let backup = dialog.backup.clone();
    let logo = dialog.logo.clone();
    let suggested = dialog.suggested.clone();
    let app = App::with(
        store,
        Box::new(move |name| {
            suggested.lock().unwrap().push(name.to_owned());
            answer.lock().unwrap().clone()
        }),
        Box::new(now),
    )
    .with_photo_picker(Box::new(move || photo.clone()))
    .with_backup_picker(Box::new(move || backup.lock().unwrap().clone()))
    .with_logo_picker(Box::new(move || logo.lock().unwrap().clone()));
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(aftersales::ui::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

/// A store in memory with the interface set to `language`.
pub fn store_in(language: &str) -> Store {
    let store = Store::open_in_memory().unwrap();
    store.set_setting("language", language).unwrap();
    store
}

/// Replaces the text of the field labelled `label` with `text`, as a clerk would.
pub fn fill(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Clicks the widget labelled `label`, scrolling it into view first as a clerk would.
pub fn click(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Clicks the button labelled `label` (not a line of text that reads the same).
pub fn press(harness: &mut Harness<'_, App>, label: &str) {
    for scroll in [true, false] {
        let node = button(harness, label);
        if scroll {
            node.scroll_to_me();
        } else {
            node.click();
        }
        harness.run();
    }
}

fn button<'h>(harness: &'h Harness<'_, App>, label: &'h str) -> egui_kittest::Node<'h> {
    use egui_kittest::kittest::NodeT;
    harness
        .query_all_by_label(label)
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::Button)
        .unwrap_or_else(|| panic!("no button {label:?}"))
}

/// Opens the drop-down labelled `field` and picks `choice` (the option, not a list cell that
/// happens to read the same).
pub fn choose(harness: &mut Harness<'_, App>, field: &str, choice: &str) {
    use egui_kittest::kittest::NodeT;
    click(harness, field);
    harness
        .query_all_by_label(choice)
        .find(|node| node.accesskit_node().role() != egui::accesskit::Role::Label)
        .unwrap_or_else(|| panic!("no option {choice:?} in {field:?}"))
        .click();
    harness.run();
}

/// Ticks the checkbox labelled `label` (not a heading that reads the same).
pub fn tick(harness: &mut Harness<'_, App>, label: &str) {
    use egui_kittest::kittest::NodeT;
    harness
        .query_all_by_label(label)
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::CheckBox)
        .unwrap_or_else(|| panic!("no checkbox {label:?}"))
        .click();
    harness.run();
}

/// The text of every page of a PDF, as a viewer's search would see it.
pub fn pdf_text(bytes: &[u8]) -> (String, usize) {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text can be extracted");
    (text, pages.len())
}

/// Whether every font the PDF uses is embedded (has a font file).
pub fn all_fonts_embedded(bytes: &[u8]) -> bool {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor".as_slice()) {
            fonts += 1;
            let embedded = [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .iter()
                .any(|key| dict.has(key));
            if !embedded {
                return false;
            }
        }
    }
    fonts > 0
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// How many images a PDF embeds (photos, the logo).
pub fn image_count(bytes: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image".as_slice())
        })
        .count()
}

/// A company logo as a PNG: a dark red ring and bar on a transparent background, wider than
/// tall, as logos are.
pub fn logo_png() -> Vec<u8> {
    let image = image::RgbaImage::from_fn(300, 100, |x, y| {
        let (dx, dy) = (x as f32 - 50.0, y as f32 - 50.0);
        let ring = (30.0..45.0).contains(&(dx * dx + dy * dy).sqrt());
        let bar = (110..290).contains(&x) && (35..65).contains(&y);
        if ring || bar {
            image::Rgba([160, 20, 30, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

/// A full letterhead: name, address, phone, fax and logo.
pub fn letterhead() -> aftersales::domain::company::CompanyProfile {
    aftersales::domain::company::CompanyProfile {
        name: "白沙企业售后服务中心".into(),
        address: "江西省南昌市青山湖区高新大道 1 号".into(),
        phone: "400-888-1234".into(),
        fax: "0791-88881235".into(),
        logo: Some(logo_png()),
    }
}
