//! Lists as spreadsheets, through the window: the whole list as searched (not only the rows on
//! screen), read back with a spreadsheet reader: headings in the clerk's language, Chinese
//! intact, dates as dates; CSV with the mark Excel needs to read Chinese. The monthly tracker
//! too. And a list's forms saved as a PDF each ("PDF…"), read back.

mod common;

use std::path::Path;

use aftersales::store::Store;
use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{SaveDialog, click, fill, harness};
use egui_kittest::kittest::Queryable;

/// A database of `cards` demo cards, in Chinese or English.
fn store(cards: usize, language: &str, dir: &Path) -> Store {
    let db = dir.join("a.db");
    let output = common::aftersales(&[
        "demo",
        "--db",
        db.to_str().unwrap(),
        "--count",
        &cards.to_string(),
    ]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let store = Store::open(&db).unwrap();
    store.set_setting("language", language).unwrap();
    store
}

fn rows(path: &Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn the_whole_cards_list_goes_to_excel_with_dates_as_dates_and_chinese_intact() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(300, "zh-CN", dir.path());
    let expected: Vec<(String, String)> = {
        let conn = rusqlite::Connection::open(dir.path().join("a.db")).unwrap();
        let mut select = conn
            .prepare("SELECT registration_no, customer_name FROM warranty_cards ORDER BY registration_no")
            .unwrap();
        select
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let dialog = SaveDialog::default();
    let out = dir.path().join("卡片.xlsx");
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut harness = harness(store, &dialog);
    click(&mut harness, "导出 Excel…");
    let sheet = rows(&out);
    // Every card, not only the rows on screen, under the list's headings.
    assert_eq!(sheet.len(), expected.len() + 1);
    // In the list's order: the number, the status beside it, then the card's fields.
    assert_eq!(sheet[0][0], Data::String("登记号".into()));
    assert_eq!(sheet[0][1], Data::String("状态".into()));
    assert_eq!(sheet[0][2], Data::String("发卡日期".into()));
    for (row, (number, name)) in sheet[1..].iter().zip(&expected) {
        assert_eq!(row[0], Data::String(number.clone()));
        assert_eq!(row[3], Data::String(name.clone()));
        // The issue date and the warranty's end are dates, not text.
        assert!(matches!(row[2], Data::DateTime(_)), "{:?}", row[2]);
        assert!(matches!(row[8], Data::DateTime(_)), "{:?}", row[8]);
    }
    assert!(
        dialog.suggested.lock().unwrap()[0].ends_with(".xlsx"),
        "{:?}",
        dialog.suggested
    );
}

#[test]
fn a_searched_list_goes_to_csv_whole_with_the_mark_excel_needs_for_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(300, "en", dir.path());
    let dialog = SaveDialog::default();
    let out = dir.path().join("customers.csv");
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut harness = harness(store, &dialog);
    click(&mut harness, "Customers");
    fill(&mut harness, "Search", "王");
    let expected: Vec<String> = {
        let conn = rusqlite::Connection::open(dir.path().join("a.db")).unwrap();
        let mut select = conn
            .prepare("SELECT name FROM customers WHERE name LIKE '%王%' ORDER BY name")
            .unwrap();
        select
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(
        expected.len() > 3 && expected.len() < 300,
        "{}",
        expected.len()
    );
    click(&mut harness, "CSV…");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "the UTF-8 mark");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["Customer name", "Phone", "Province", "City", "Dealer"]
    );
    let mut names: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    names.sort();
    assert_eq!(names, expected);
    // The message says how many rows went where.
    assert!(
        harness
            .query_by_label_contains(&format!("Wrote {} rows to", expected.len()))
            .is_some()
    );
}

#[test]
fn a_spreadsheet_is_never_written_over_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(20, "en", dir.path());
    let db = dir.path().join("a.db");
    let dialog = SaveDialog::default();
    *dialog.answer.lock().unwrap() = Some(db.clone());
    let mut harness = harness(store, &dialog);
    click(&mut harness, "Excel…");
    assert!(
        harness
            .query_by_label_contains("choose a new file name")
            .is_some()
    );
    drop(harness);
    let cards: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM warranty_cards", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cards, 20);
}

#[test]
fn the_repairs_shown_go_to_excel_with_their_times_and_units_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(60, "en", dir.path());
    let shown = store
        .repairs(aftersales::ui::repair::FINISHED_SHOWN)
        .unwrap();
    assert!(!shown.is_empty(), "the demo registers deliveries");
    let dialog = SaveDialog::default();
    let out = dir.path().join("repairs.xlsx");
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut harness = harness(store, &dialog);
    click(&mut harness, "Repairs");
    click(&mut harness, "Excel…");
    let sheet = rows(&out);
    assert_eq!(sheet.len(), shown.len() + 1);
    assert_eq!(sheet[0][0], Data::String("Number".into()));
    for (row, stored) in sheet[1..].iter().zip(&shown) {
        assert_eq!(row[0], Data::String(stored.repair_no.clone()));
        assert!(matches!(row[1], Data::DateTime(_)), "{:?}", row[1]);
        assert_eq!(row[4], Data::Float(f64::from(stored.repair.units)));
    }
}

#[test]
fn a_searched_cards_list_saves_a_pdf_of_each_card_it_shows_and_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(300, "en", dir.path());
    let dialog = SaveDialog::default();
    let folder = dir.path().join("卡片 PDF");
    std::fs::create_dir(&folder).unwrap();
    *dialog.folder.lock().unwrap() = Some(folder.clone());
    let mut harness = harness(store, &dialog);
    // The cards of 2024 only: a search of the number's year.
    fill(&mut harness, "Search", "WC-2024-");
    let expected: Vec<(String, String)> = {
        let conn = rusqlite::Connection::open(dir.path().join("a.db")).unwrap();
        let mut select = conn
            .prepare(
                "SELECT registration_no, customer_name FROM warranty_cards
                 WHERE registration_no LIKE 'WC-2024-%' ORDER BY registration_no",
            )
            .unwrap();
        select
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(
        expected.len() > 10 && expected.len() < 300,
        "{}",
        expected.len()
    );
    click(&mut harness, "PDF…");
    let names: Vec<String> = expected.iter().map(|(n, _)| format!("{n}.pdf")).collect();
    assert_eq!(common::files_in(&folder), names);
    for (number, customer) in &expected {
        let bytes = common::read(&folder.join(format!("{number}.pdf")));
        let (text, pages) = common::pdf_text(&bytes);
        assert_eq!(pages, 1, "{number}");
        assert!(text.contains(number.as_str()), "{number}: {text}");
        assert!(
            common::as_printed(&text).contains(&common::as_printed(customer)),
            "{number}"
        );
        assert!(common::all_fonts_embedded(&bytes), "{number}");
    }
    assert!(
        harness
            .query_by_label_contains(&format!("{} PDF files saved in", expected.len()))
            .is_some()
    );
}

#[test]
fn the_complaints_list_saves_each_whole_case_and_a_folder_that_went_away_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(60, "zh-CN", dir.path());
    let complaints: Vec<String> = {
        let conn = rusqlite::Connection::open(dir.path().join("a.db")).unwrap();
        let mut select = conn
            .prepare("SELECT complaint_no FROM complaints ORDER BY complaint_no")
            .unwrap();
        select
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(!complaints.is_empty());
    let dialog = SaveDialog::default();
    // The clerk picked a folder on a USB stick that was then pulled out.
    *dialog.folder.lock().unwrap() = Some(dir.path().join("gone"));
    let mut harness = harness(store, &dialog);
    click(&mut harness, "客户投诉");
    click(&mut harness, "导出 PDF…");
    assert!(
        harness
            .query_by_label_contains(&format!(
                "已在 {} 保存 0 / {} 个 PDF 文件后停止",
                dir.path().join("gone").display(),
                complaints.len()
            ))
            .is_some(),
        "the failure is said"
    );
    let folder = dir.path().join("cases");
    std::fs::create_dir(&folder).unwrap();
    *dialog.folder.lock().unwrap() = Some(folder.clone());
    click(&mut harness, "导出 PDF…");
    let files = common::files_in(&folder);
    assert_eq!(files.len(), complaints.len(), "{files:?}");
    for number in &complaints {
        let file = files
            .iter()
            .find(|f| f.starts_with(number.as_str()))
            .unwrap_or_else(|| panic!("{number} in {files:?}"));
        let (text, _) = common::pdf_text(&common::read(&folder.join(file)));
        // The packet: its cover, then the complaint form.
        assert!(
            text.contains("客户投诉受理表") && text.contains(number.as_str()),
            "{file}"
        );
    }
}

#[test]
fn a_list_longer_than_a_batch_is_refused_before_any_folder_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(aftersales::app::MAX_FORMS_AT_ONCE + 1, "en", dir.path());
    let dialog = SaveDialog::default();
    *dialog.folder.lock().unwrap() = Some(dir.path().to_path_buf());
    let mut harness = harness(store, &dialog);
    click(&mut harness, "PDF…");
    assert!(
        harness
            .query_by_label_contains("1001 forms are more than are saved at once (1000)")
            .is_some()
    );
    assert_eq!(*dialog.folder_asked.lock().unwrap(), 0);
    assert_eq!(
        common::files_in(dir.path())
            .iter()
            .filter(|f| f.ends_with(".pdf"))
            .count(),
        0
    );
}

#[test]
fn a_list_cut_short_on_screen_says_so_and_still_goes_to_csv_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(300, "en", dir.path());
    let one: String = rusqlite::Connection::open(dir.path().join("a.db"))
        .unwrap()
        .query_row(
            "SELECT registration_no FROM warranty_cards LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // As a list at headquarters is cut at ten thousand matches, here at fifty.
    store.set_list_cap(50);
    let dialog = SaveDialog::default();
    let out = dir.path().join("cards.csv");
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut harness = harness(store, &dialog);
    click(&mut harness, "Warranty cards");
    fill(&mut harness, "Search", "WC-");
    assert!(
        harness
            .query_by_label_contains("only the newest 50 are listed")
            .is_some(),
        "the list says it was cut"
    );
    assert!(harness.query_by_label_contains("50 of 300 cards").is_some());
    click(&mut harness, "CSV…");
    let bytes = std::fs::read(&out).unwrap();
    let reader = csv::Reader::from_reader(&bytes[3..]);
    // Every card the search matches, not the fifty on screen.
    assert_eq!(reader.into_records().count(), 300);
    // A narrower search is not cut, and says nothing.
    fill(&mut harness, "Search", &one);
    assert!(harness.query_by_label_contains("1 of 300 cards").is_some());
    assert!(harness.query_by_label_contains("only the newest").is_none());
}
