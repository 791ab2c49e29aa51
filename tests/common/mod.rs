//! Helpers shared by the integration tests: a fixed clock, the app in a test harness, and
//! reading PDFs back.
#![allow(dead_code)] // each test file uses its own part of this module

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use aftersales::app::App;
use aftersales::domain::complaint::{Complaint, ComplaintDraft, ReceivingUnit};
use aftersales::domain::confirmation::{
    BorneBy, Confirmation, Cost, Part, Rating, ServiceCategory, ThreeGuarantees,
};
use aftersales::domain::investigation::{
    Document, Investigation, Photo, ResponsibleParty, Treatment,
};
use aftersales::domain::money::Fen;
use aftersales::domain::three_guarantees::Remedy;
use aftersales::store::Store;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The tests' "now": Monday 23 November 2026, 09:30.
pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

/// [`now`] as the command line reads it from `AFTERSALES_NOW`.
pub const NOW_TEXT: &str = "2026-11-23 09:30";

/// Runs the command line with `args`, its clock fixed at [`now`].
pub fn aftersales(args: &[&str]) -> std::process::Output {
    aftersales_at(NOW_TEXT, args)
}

/// Runs the command line with `args`, its clock fixed at `now` (`2026-11-23 09:00`).
pub fn aftersales_at(now: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_aftersales"))
        .args(args)
        .env(aftersales::cli::NOW_VARIABLE, now)
        .output()
        .expect("the binary runs")
}

/// What a command wrote to standard error.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
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
    /// What the folder dialog (a list's "PDF…") answers; each question is counted.
    pub folder: Arc<Mutex<Option<PathBuf>>>,
    pub folder_asked: Arc<Mutex<usize>>,
    /// The printers the app sees, and what it sent them.
    pub printing: FakePrinting,
    /// What "Open" and "Show in folder" asked of the system, and the refusal it answers with
    /// (none: it does it).
    pub opened: Arc<Mutex<Vec<(aftersales::app::Opening, PathBuf)>>>,
    pub open_refused: Arc<Mutex<Option<String>>>,
    /// What the "Attach signed paper…" dialog answers.
    pub signed: Arc<Mutex<Vec<PathBuf>>>,
    /// How long attaching waits for the files to be read before the window goes on: by
    /// default for as long as it takes, so a test reads the outcome at once.
    pub signed_awaited: Option<std::time::Duration>,
}

/// A job the fake printing system was sent: the PDF's bytes, the printer, copies and title.
pub type PrintJob = (Vec<u8>, String, u32, String);

/// A printing system for tests: two printers (Reception the default, Office_HP) unless told
/// otherwise, each job kept (the PDF's bytes, printer, copies, title); or refusing every job.
#[derive(Clone)]
pub struct FakePrinting {
    pub printers:
        Arc<Mutex<Result<Vec<aftersales::printing::Printer>, aftersales::printing::PrintError>>>,
    pub jobs: Arc<Mutex<Vec<PrintJob>>>,
    pub refuse: Arc<Mutex<Option<String>>>,
    /// How long the printing system takes to name its printers (a print server that is down).
    pub slow: Arc<Mutex<std::time::Duration>>,
}

impl Default for FakePrinting {
    fn default() -> Self {
        let printer = |name: &str, is_default| aftersales::printing::Printer {
            name: name.into(),
            is_default,
        };
        FakePrinting {
            printers: Arc::new(Mutex::new(Ok(vec![
                printer("Reception", true),
                printer("Office_HP", false),
            ]))),
            jobs: Arc::default(),
            refuse: Arc::default(),
            slow: Arc::default(),
        }
    }
}

impl aftersales::printing::Printing for FakePrinting {
    fn printers(
        &self,
    ) -> Result<Vec<aftersales::printing::Printer>, aftersales::printing::PrintError> {
        let slow = *self.slow.lock().unwrap();
        std::thread::sleep(slow);
        self.printers.lock().unwrap().clone()
    }

    fn print(
        &self,
        pdf: &std::path::Path,
        printer: &str,
        copies: u32,
        title: &str,
    ) -> Result<Option<String>, aftersales::printing::PrintError> {
        if let Some(reason) = self.refuse.lock().unwrap().clone() {
            return Err(aftersales::printing::PrintError::Refused(reason));
        }
        let bytes = std::fs::read(pdf).expect("the PDF is there while it prints");
        let mut jobs = self.jobs.lock().unwrap();
        jobs.push((bytes, printer.into(), copies, title.into()));
        Ok(Some(format!("{printer}-{}", jobs.len())))
    }
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
    let (folder, folder_asked) = (dialog.folder.clone(), dialog.folder_asked.clone());
    let suggested = dialog.suggested.clone();
    let printing = dialog.printing.clone();
    let (opened, open_refused) = (dialog.opened.clone(), dialog.open_refused.clone());
    let signed = dialog.signed.clone();
    let app = App::with(
        store,
        Box::new(move |name| {
            suggested.lock().unwrap().push(name.to_owned());
            answer.lock().unwrap().clone()
        }),
        Box::new(now),
    )
    .with_photo_picker(Box::new(move || photo.clone()))
    .with_signed_paper_picker(Box::new(move || signed.lock().unwrap().clone()))
    .with_signed_paper_awaited(
        dialog
            .signed_awaited
            .unwrap_or(std::time::Duration::from_secs(3_600)),
    )
    .with_backup_picker(Box::new(move || backup.lock().unwrap().clone()))
    .with_logo_picker(Box::new(move || logo.lock().unwrap().clone()))
    .with_folder_picker(Box::new(move || {
        *folder_asked.lock().unwrap() += 1;
        folder.lock().unwrap().clone()
    }))
    .with_printing(Box::new(printing))
    .with_opener(Box::new(move |opening, path| {
        opened.lock().unwrap().push((opening, path.to_path_buf()));
        open_refused.lock().unwrap().clone().map_or(Ok(()), Err)
    }));
    let mut harness = window(app);
    harness.run();
    harness
}

/// A harness drawing `app` as the window does (its size, the bundled fonts), no frame run yet.
pub fn window(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(aftersales::ui::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
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

/// Chooses "Satisfied" for each of the four ratings of an open confirmation (the form assumes
/// none).
pub fn rate_all(harness: &mut Harness<'_, App>) {
    for aspect in ["Attitude", "Skill", "Arrival time", "Follow-through"] {
        choose(harness, aspect, "Satisfied");
    }
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

/// Whether every page uses a font and every font any page uses is embedded: a font file
/// behind each font (for a composite font, behind its descendant). A built-in font such as
/// Helvetica has none and fails, wherever it is used.
pub fn all_fonts_embedded(bytes: &[u8]) -> bool {
    page_fonts(bytes)
        .iter()
        .all(|fonts| !fonts.is_empty() && fonts.iter().all(|(_, embedded)| *embedded))
}

/// The fonts each page uses, in page order: each font's base name and whether it is embedded.
pub fn page_fonts(bytes: &[u8]) -> Vec<Vec<(String, bool)>> {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    doc.get_pages()
        .values()
        .map(|page| {
            doc.get_page_fonts(*page)
                .expect("the page's fonts can be read")
                .values()
                .map(|font| {
                    let name = font
                        .get(b"BaseFont")
                        .and_then(|n| n.as_name())
                        .map(|n| String::from_utf8_lossy(n).into_owned())
                        .unwrap_or_default();
                    (name, font_is_embedded(&doc, font))
                })
                .collect()
        })
        .collect()
}

fn font_is_embedded(doc: &lopdf::Document, font: &lopdf::Dictionary) -> bool {
    let dict = |object: &lopdf::Object| -> Option<lopdf::Dictionary> {
        doc.dereference(object).ok()?.1.as_dict().ok().cloned()
    };
    match font.get(b"Subtype").and_then(|s| s.as_name()).ok() {
        // Type 3 glyphs are drawn by the file itself.
        Some(b"Type3") => true,
        Some(b"Type0") => font
            .get(b"DescendantFonts")
            .ok()
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_array().ok().cloned())
            .is_some_and(|descendants| {
                !descendants.is_empty()
                    && descendants.iter().all(|descendant| {
                        dict(descendant).is_some_and(|d| font_is_embedded(doc, &d))
                    })
            }),
        _ => font
            .get(b"FontDescriptor")
            .ok()
            .and_then(dict)
            .is_some_and(|descriptor| {
                [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|key| descriptor.has(key))
            }),
    }
}

/// The text of each page, in page order.
pub fn page_texts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    doc.get_pages()
        .keys()
        .map(|page| doc.extract_text(&[*page]).expect("text can be extracted"))
        .collect()
}

/// Each page's width and height in points (its media box, or the one it inherits).
pub fn page_sizes(bytes: &[u8]) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    doc.get_pages()
        .values()
        .map(|page| {
            let mut node = doc.get_dictionary(*page).expect("a page");
            let media_box = loop {
                if let Ok(found) = node.get(b"MediaBox") {
                    break doc
                        .dereference(found)
                        .unwrap()
                        .1
                        .as_array()
                        .unwrap()
                        .clone();
                }
                let parent = node.get(b"Parent").and_then(|p| p.as_reference());
                node = doc
                    .get_dictionary(parent.expect("a page has a media box or a parent"))
                    .unwrap();
            };
            let n: Vec<f32> = media_box.iter().map(|v| v.as_float().unwrap()).collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

/// Every "Page x of y" a page's text carries.
pub fn page_numbers(text: &str) -> Vec<(usize, usize)> {
    let number = |s: &str| -> Option<(usize, usize)> {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        Some((digits.parse().ok()?, digits.len()))
    };
    text.match_indices("Page ")
        .filter_map(|(at, word)| {
            let rest = &text[at + word.len()..];
            let (page, len) = number(rest)?;
            let rest = rest[len..].strip_prefix(" of ")?;
            let (pages, _) = number(rest)?;
            Some((page, pages))
        })
        .collect()
}

/// A4 portrait in points, as the PDF states it (to a hundredth of a point).
pub const A4_POINTS: (f32, f32) = (595.28, 841.89);

/// One form printed in a document: its title and the number it carries on every page (for a
/// blank form, the line its number is written on).
pub struct Printed<'a> {
    pub title: &'a str,
    pub number: &'a str,
}

/// Checks a document made of `forms`, one after the other, page by page: every page is A4,
/// carries its form's title and number and "Page i of n" counted within its form (and no
/// other page number), and uses only embedded fonts.
pub fn assert_every_page(document: &str, bytes: &[u8], forms: &[Printed]) {
    let texts = page_texts(bytes);
    let sizes = page_sizes(bytes);
    let fonts = page_fonts(bytes);
    let mut page = 0;
    for form in forms {
        let first = texts
            .get(page)
            .unwrap_or_else(|| panic!("{document}: {} has no page", form.title));
        let pages = match page_numbers(first).as_slice() {
            [(1, pages)] => *pages,
            other => panic!(
                "{document}: page {} opens {} with {other:?}, not one \"Page 1 of n\":\n{first}",
                page + 1,
                form.title
            ),
        };
        for i in 1..=pages {
            let at = page + i - 1;
            let where_ = format!("{document}, {} page {i} of {pages}", form.title);
            let text = texts
                .get(at)
                .unwrap_or_else(|| panic!("{where_}: the document ends first"));
            assert_eq!(page_numbers(text), [(i, pages)], "{where_}:\n{text}");
            assert!(text.contains(form.title), "{where_}: no title:\n{text}");
            assert!(
                text.contains(form.number),
                "{where_}: no {:?}:\n{text}",
                form.number
            );
            let (width, height) = sizes[at];
            assert!(
                (width - A4_POINTS.0).abs() < 0.01 && (height - A4_POINTS.1).abs() < 0.01,
                "{where_}: {width} × {height} pt is not A4"
            );
            assert!(!fonts[at].is_empty(), "{where_}: no font");
            assert!(
                fonts[at].iter().all(|(_, embedded)| *embedded),
                "{where_}: fonts not embedded: {:?}",
                fonts[at]
            );
        }
        page += pages;
    }
    assert_eq!(page, texts.len(), "{document}: pages left over");
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
        office: "JX-D01".into(),
    }
}

/// A case with a complaint, a report with one photo, and a confirmation with two parts.
pub fn case() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let received = now() - Duration::days(3);
    let complaint = ComplaintDraft {
        receiving_unit_name: "总部客服中心".into(),
        received_by: "刘敏".into(),
        customer_name: "张三".into(),
        customer_phone: "13800138000".into(),
        product_model: "JSQ20-A1".into(),
        description: "热水器点火后熄火。".into(),
        ..ComplaintDraft::new_complaint(received, ReceivingUnit::Headquarters, "", "")
    }
    .parse(now())
    .unwrap();
    let complaint = store.insert_complaint(&complaint, "CC", received).unwrap();
    let report = Investigation {
        investigators: "王磊、孙涛".into(),
        arrived_at: received + Duration::hours(20),
        findings: "比例阀动作异常，故障复现。".into(),
        documents_checked: vec![Document::AcceptanceCertificate, Document::Photos],
        cause: "比例阀质量缺陷".into(),
        quality_problem: true,
        responsible_party: ResponsibleParty::Company,
        proposed_treatment: Treatment::Replace,
        estimated_cost: Fen(35_000),
        customer_opinion: "同意更换".into(),
    };
    let stored = store
        .save_investigation(complaint.id, &report, None, received + Duration::hours(21))
        .unwrap();
    store
        .add_photo(stored.id, &png_photo(), received + Duration::hours(21))
        .unwrap();
    let confirmation = Confirmation {
        treatment: Treatment::Replace,
        work_done: "更换比例阀，试机正常。".into(),
        technicians: vec!["王建国".into(), "刘强".into()],
        contact_person: "王女士（家属）".into(),
        cause_found: "比例阀线圈烧毁".into(),
        parts: vec![
            Part {
                name: "比例阀".into(),
                quantity: 1,
                unit_cost: Fen(12_000),
                old_part_returned: true,
                faulty_serial: "PV2023118204".into(),
                replacement_serial: "PV2026507331".into(),
            },
            Part {
                name: "点火针".into(),
                quantity: 2,
                unit_cost: Fen(1_550),
                old_part_returned: false,
                ..Part::default()
            },
        ],
        service_category: ServiceCategory::FreeInWarranty,
        costs: [
            Cost {
                amount: Fen(8_000),
                borne_by: BorneBy::Company,
            },
            Cost {
                amount: Fen(15_100),
                borne_by: BorneBy::Company,
            },
            Cost {
                amount: Fen(3_000),
                borne_by: BorneBy::Dealer,
            },
            Cost {
                amount: Fen(0),
                borne_by: BorneBy::Company,
            },
            Cost {
                amount: Fen(5_000),
                borne_by: BorneBy::Company,
            },
        ],
        three_guarantees: Some(ThreeGuarantees {
            remedy: Remedy::Exchange,
            price: Fen(200_000),
            sale_date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            counterfeit_or_unmarked: false,
        }),
        ratings: [
            Rating::VerySatisfied,
            Rating::Satisfied,
            Rating::Satisfied,
            Rating::Fair,
        ],
        comments: "师傅很专业".into(),
        completed_at: received + Duration::days(2),
    };
    store
        .save_confirmation(
            complaint.id,
            &confirmation,
            None,
            received + Duration::days(2),
        )
        .unwrap();
    (store, complaint.id)
}

pub fn png_photo() -> Photo {
    let image =
        image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 128]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    Photo {
        file_name: "现场照片.png".into(),
        mime: "image/png",
        bytes,
        document: aftersales::domain::investigation::PhotoDocument::Scene,
    }
}

/// A complaint received at `received` by `unit` from `name` (phone `phone`) at `address`,
/// about a JSQ20-A1 that does not light.
pub fn complaint_from(
    received: NaiveDateTime,
    unit: ReceivingUnit,
    name: &str,
    phone: &str,
    address: &str,
) -> Complaint {
    ComplaintDraft {
        receiving_unit_name: "总部客服中心".into(),
        received_by: "刘敏".into(),
        customer_name: name.into(),
        customer_phone: phone.into(),
        customer_address: address.into(),
        product_model: "JSQ20-A1".into(),
        description: "热水器点火后熄火。".into(),
        ..ComplaintDraft::new_complaint(received, unit, "", "")
    }
    .parse(received)
    .unwrap_or_else(|errors| panic!("the complaint parses: {errors:?}"))
}

/// A warranty card of `name` (phone `phone`) for a JSQ20-A1 bought and issued on `purchase`
/// (`2026-03-01`) with twelve months of warranty and the feedback form returned.
pub fn card(
    name: &str,
    phone: &str,
    purchase: &str,
) -> aftersales::domain::warranty_card::WarrantyCard {
    aftersales::domain::warranty_card::WarrantyCardDraft {
        issue_date: purchase.into(),
        issuing_dealer: "南昌洪城经销部".into(),
        customer_name: name.into(),
        customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
        customer_phone: phone.into(),
        product_model: "JSQ20-A1".into(),
        serial_no: format!("SN-{name}-{purchase}"),
        purchase_date: purchase.into(),
        warranty_months: "12".into(),
        feedback_returned: true,
        ..Default::default()
    }
    .parse(now().date())
    .unwrap_or_else(|errors| panic!("the card parses: {errors:?}"))
}

/// The text each page of a PDF draws, glyph by glyph, read through each font's ToUnicode map;
/// a glyph the map does not name (a character the bundled font lacks, drawn as its empty
/// .notdef) reads U+FFFD. lopdf's own `extract_text` also drops the character after such a
/// glyph, so it cannot tell what was printed around one. Text objects and moves are separated
/// by line breaks.
pub fn drawn_text(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    doc.get_pages()
        .values()
        .map(|&page| {
            let maps: std::collections::HashMap<Vec<u8>, std::collections::HashMap<u16, String>> =
                doc.get_page_fonts(page)
                    .expect("the page's fonts can be read")
                    .into_iter()
                    .map(|(name, font)| (name, to_unicode_map(&doc, font)))
                    .collect();
            let content = doc.get_page_content(page);
            let content =
                lopdf::content::Content::decode(&content).expect("the content can be decoded");
            let mut text = String::new();
            let mut font: Option<Vec<u8>> = None;
            for operation in content.operations {
                match operation.operator.as_str() {
                    "Tf" => {
                        font = operation
                            .operands
                            .first()
                            .and_then(|o| o.as_name().ok())
                            .map(<[u8]>::to_vec)
                    }
                    "Tj" | "TJ" | "'" | "\"" => {
                        let map = font.as_ref().and_then(|f| maps.get(f));
                        for operand in &operation.operands {
                            let strings = match operand {
                                lopdf::Object::Array(items) => items.clone(),
                                other => vec![other.clone()],
                            };
                            for string in strings {
                                if let lopdf::Object::String(bytes, _) = string {
                                    for code in bytes.chunks(2) {
                                        let code = u16::from_be_bytes([
                                            code[0],
                                            code.get(1).copied().unwrap_or(0),
                                        ]);
                                        match map.and_then(|m| m.get(&code)) {
                                            Some(chars) => text.push_str(chars),
                                            None => text.push('\u{FFFD}'),
                                        }
                                    }
                                }
                            }
                        }
                    }
                    "ET" | "Td" | "TD" | "T*" | "Tm" => text.push('\n'),
                    _ => {}
                }
            }
            text
        })
        .collect()
}

/// A font's ToUnicode map (its `bfchar` and `bfrange` entries): two-byte code to text.
fn to_unicode_map(
    doc: &lopdf::Document,
    font: &lopdf::Dictionary,
) -> std::collections::HashMap<u16, String> {
    let mut map = std::collections::HashMap::new();
    let Some(stream) = font
        .get(b"ToUnicode")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_stream().ok().cloned())
    else {
        return map;
    };
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let content = String::from_utf8_lossy(&content);
    let hex = |token: &str| -> Vec<u8> {
        (0..token.len() / 2)
            .filter_map(|i| u8::from_str_radix(&token[2 * i..2 * i + 2], 16).ok())
            .collect()
    };
    let utf16 = |bytes: Vec<u8>| -> String {
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair.get(1).copied().unwrap_or(0)]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    let code = |bytes: &[u8]| -> u16 {
        match bytes {
            [high, low] => u16::from_be_bytes([*high, *low]),
            [low] => u16::from(*low),
            _ => 0,
        }
    };
    let mut section = "";
    for line in content.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") || line.ends_with("beginbfrange") {
            section = if line.ends_with("beginbfchar") {
                "char"
            } else {
                "range"
            };
            continue;
        }
        if line.starts_with("end") {
            section = "";
            continue;
        }
        let tokens: Vec<&str> = line
            .split(['<', '>'])
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_hexdigit()))
            .collect();
        match (section, tokens.as_slice()) {
            ("char", [source, target]) => {
                map.insert(code(&hex(source)), utf16(hex(target)));
            }
            ("range", [low, high, target]) => {
                let (low, high) = (code(&hex(low)), code(&hex(high)));
                let first = hex(target);
                for (offset, code) in (low..=high).enumerate() {
                    let mut target = first.clone();
                    if let Some(last) = target.last_mut() {
                        *last = last.wrapping_add(offset as u8);
                    }
                    map.insert(code, utf16(target));
                }
            }
            _ => {}
        }
    }
    map
}

/// Whether paper draws `c`: the bundled font has it, or a font of this computer the program
/// falls back to.
pub fn font_draws(c: char) -> bool {
    aftersales::fonts::Fonts::shared().face_of(c).is_some()
}

/// `text` as it can be compared with what a page draws: spaces, tabs (printed as spaces) and
/// line ends (`\n`, and the `\r` of a Windows line end) left out, since the layout moves them,
/// and every run of characters the font cannot draw made one U+FFFD.
pub fn as_printed(text: &str) -> String {
    let mut printed = String::new();
    for c in text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\t' | '\n' | '\r'))
    {
        let c = if c != '\u{FFFD}' && !font_draws(c) {
            '\u{FFFD}'
        } else {
            c
        };
        if !(c == '\u{FFFD}' && printed.ends_with('\u{FFFD}')) {
            printed.push(c);
        }
    }
    printed
}

/// Whether `value` is printed whole and in order across the `pages` of [`drawn_text`]: from
/// some page that holds its beginning, each page takes up where the one before left off,
/// until none of it is left. The page header, footer and "(continued)" between two pages are
/// skipped this way. Every page is tried as the first, since an earlier page may hold a few
/// of the value's first characters by chance (a "1" of a number).
pub fn printed_whole(pages: &[String], value: &str) -> bool {
    let value: Vec<char> = as_printed(value).chars().collect();
    let pages: Vec<String> = pages.iter().map(|page| as_printed(page)).collect();
    (0..pages.len().max(1)).any(|first| printed_from(&pages[first.min(pages.len())..], &value))
}

/// [`printed_whole`] with the value's beginning on the first of `pages`.
fn printed_from(pages: &[String], value: &[char]) -> bool {
    let mut rest = value;
    for page in pages {
        if rest.is_empty() {
            break;
        }
        // The longest beginning of the rest this page holds (a shorter one it holds too).
        let holds = |n: usize| page.contains(&rest[..n].iter().collect::<String>());
        let (mut low, mut high) = (0, rest.len());
        while low < high {
            let middle = (low + high).div_ceil(2);
            if holds(middle) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        if low == 0 {
            return false;
        }
        rest = &rest[low..];
    }
    rest.is_empty()
}

/// How many times `value` appears printed in a PDF's pages (see [`as_printed`]).
pub fn times_printed(pages: &[String], value: &str) -> usize {
    let value = as_printed(value);
    if value.is_empty() {
        return 0;
    }
    pages
        .iter()
        .map(|page| as_printed(page).matches(value.as_str()).count())
        .sum()
}

/// Every row of every table of the database at `path` (the search index's own tables
/// left out), read through a connection of its own: two readings compare equal when nothing
/// was written in between.
pub fn table_rows(path: &Path) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .expect("the database opens for reading");
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'
             AND name NOT LIKE 'search_pairs%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let mut statement = conn
                .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
                .unwrap();
            let columns = statement.column_count();
            let rows = statement
                .query_map([], |row| {
                    let values: Vec<String> = (0..columns)
                        .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                        .collect();
                    Ok(values.join(" | "))
                })
                .unwrap()
                .collect::<rusqlite::Result<Vec<String>>>()
                .unwrap();
            (table, rows)
        })
        .collect()
}

/// The names of the files (and folders) in `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// How a page comes back to be read: its dots per point across and down, turned by some
/// degrees, and a share of its dots flipped (a fax's specks and dropouts).
#[derive(Clone, Copy)]
pub struct Scan {
    pub across: f32,
    pub down: f32,
    pub degrees: f32,
    pub noise: f32,
}

impl Scan {
    /// Drawn sharp at four dots a point.
    pub const SHARP: Scan = Scan {
        across: 4.0,
        down: 4.0,
        degrees: 0.0,
        noise: 0.0,
    };
}

/// The code each page of a PDF carries in its top right corner, as a reader of QR codes finds
/// it: the page's solid rectangles there drawn sharp at four dots a point, then decoded with
/// rqrr. `None` for a page without one.
pub fn page_codes(bytes: &[u8]) -> Vec<Option<String>> {
    page_codes_scanned(bytes, Scan::SHARP)
}

/// [`page_codes`], each corner drawn as `scan` says.
pub fn page_codes_scanned(bytes: &[u8], scan: Scan) -> Vec<Option<String>> {
    code_corners(bytes)
        .into_iter()
        .map(|corner| {
            let corner = corner?;
            let (width, height) = (corner.x1 - corner.x0, corner.y1 - corner.y0);
            let page = corner.scanned((width, height), (0.0, 0.0), scan);
            aftersales::scan::read_codes(&page).into_iter().next()
        })
        .collect()
}

/// Each page of a PDF as a whole A4 page comes back from a fax or a scanner as `scan` says:
/// its code drawn where it is printed (the rest of the page left white), the page turned
/// about its middle, some dots flipped.
pub fn pages_scanned(bytes: &[u8], scan: Scan) -> Vec<image::GrayImage> {
    const A4: (f32, f32) = (595.28, 841.89);
    code_corners(bytes)
        .into_iter()
        .map(|corner| {
            let corner = corner.unwrap_or_default();
            // Where the corner's top left is, in points from the page's top left.
            let at = (corner.x0, A4.1 - corner.y1);
            corner.scanned(A4, at, scan)
        })
        .collect()
}

/// The top right corner of a page, where its number and code are, drawn sharp.
#[derive(Default)]
struct Corner {
    /// Its dots, [`Corner::FINE`] a point, rows from the top.
    fine: Vec<bool>,
    fw: usize,
    fh: usize,
    /// Its edges in the page's points (y up).
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl Corner {
    /// Dots a point the corner is drawn at before it is sampled as scanned.
    const FINE: f32 = 8.0;

    /// A picture `size` points wide and high, sampled as `scan` says, with the corner's top
    /// left `at` points from the picture's; turned about the picture's middle.
    fn scanned(&self, size: (f32, f32), at: (f32, f32), scan: Scan) -> image::GrayImage {
        let (width, height) = size;
        let (w, h) = (
            (width * scan.across) as usize,
            (height * scan.down) as usize,
        );
        let (sin, cos) = scan.degrees.to_radians().sin_cos();
        let mut specks = 0x2545_f491_u32;
        let mut page = image::GrayImage::new(w as u32, h as u32);
        for py in 0..h {
            for px in 0..w {
                let (dx, dy) = (
                    (px as f32 + 0.5) / scan.across - width / 2.0,
                    (py as f32 + 0.5) / scan.down - height / 2.0,
                );
                let (fx, fy) = (
                    (cos * dx - sin * dy + width / 2.0 - at.0) * Self::FINE,
                    (sin * dx + cos * dy + height / 2.0 - at.1) * Self::FINE,
                );
                let inside =
                    fx >= 0.0 && fy >= 0.0 && (fx as usize) < self.fw && (fy as usize) < self.fh;
                let mut value = inside && self.fine[fy as usize * self.fw + fx as usize];
                specks ^= specks << 13;
                specks ^= specks >> 17;
                specks ^= specks << 5;
                if (specks as f32 / u32::MAX as f32) < scan.noise {
                    value = !value;
                }
                let luma = if value { 0 } else { 255 };
                page.put_pixel(px as u32, py as u32, image::Luma([luma]));
            }
        }
        page
    }
}

/// Each page's top right corner, with the solid rectangles filled there (its QR code's
/// modules), or `None` for a page with none.
fn code_corners(bytes: &[u8]) -> Vec<Option<Corner>> {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    doc.get_pages()
        .values()
        .map(|&page| {
            let content = doc.get_page_content(page);
            let content =
                lopdf::content::Content::decode(&content).expect("the content can be decoded");
            let number = |o: &lopdf::Object| o.as_float().expect("a number");
            let mut pending = None;
            let mut filled = Vec::new();
            for operation in content.operations {
                match operation.operator.as_str() {
                    "re" => {
                        let v: Vec<f32> = operation.operands.iter().map(number).collect();
                        pending = Some((v[0], v[1], v[2], v[3]));
                    }
                    "f" | "F" | "f*" => filled.extend(pending.take()),
                    _ => pending = None,
                }
            }
            // The top right corner of an A4 page, where the number and its code are.
            let (left, bottom) = (595.28 - 130.0, 841.89 - 110.0);
            let code: Vec<_> = filled
                .into_iter()
                .filter(|(x, y, _, _)| *x >= left && *y >= bottom)
                .collect();
            if code.is_empty() {
                return None;
            }
            let x0 = code.iter().map(|r| r.0).fold(f32::MAX, f32::min) - 12.0;
            let y1 = code.iter().map(|r| r.1 + r.3).fold(f32::MIN, f32::max) + 12.0;
            let x1 = code.iter().map(|r| r.0 + r.2).fold(f32::MIN, f32::max) + 12.0;
            let y0 = code.iter().map(|r| r.1).fold(f32::MAX, f32::min) - 12.0;
            let fine_dots = Corner::FINE;
            let (fw, fh) = (
                ((x1 - x0) * fine_dots) as usize,
                ((y1 - y0) * fine_dots) as usize,
            );
            // Each rectangle filled into the dots it covers (rows of the image run down from
            // the top; the page's y runs up).
            let mut fine = vec![false; fw * fh];
            for (x, y, rw, rh) in &code {
                let dots = |from: f32| (from * fine_dots).round().max(0.0) as usize;
                let (left, right) = (dots(x - x0), dots(x + rw - x0).min(fw));
                let (top, bottom) = (dots(y1 - (y + rh)), dots(y1 - y).min(fh));
                for row in top..bottom {
                    fine[row * fw + left..row * fw + right].fill(true);
                }
            }
            Some(Corner {
                fine,
                fw,
                fh,
                x0,
                y0,
                x1,
                y1,
            })
        })
        .collect()
}
