//! The Reports screen through the real window: last month's report on opening, a quarter
//! typed and shown, a row's cases listed and one of them opened, a period that does not exist
//! refused beside the field, and the report exported as PDF, Excel and CSV and read back.

mod common;

use aftersales::domain::complaint::{ComplaintType, ReceivingUnit};
use calamine::{Reader, Xlsx, open_workbook};
use common::{SaveDialog, click, complaint_from, fill, harness, now, pdf_text, press, store_in};
use egui_kittest::kittest::Queryable;

/// Follows the link labelled `label` (a row of the report, a case), not a heading or a
/// chart's legend that reads the same.
fn follow(harness: &mut egui_kittest::Harness<'_, aftersales::app::App>, label: &str) {
    use egui_kittest::kittest::NodeT;
    for scroll in [true, false] {
        let node = harness
            .query_all_by_label(label)
            .find(|node| node.accesskit_node().role() == egui::accesskit::Role::Link)
            .unwrap_or_else(|| panic!("no link {label:?}"));
        if scroll {
            node.scroll_to_me();
        } else {
            node.click();
        }
        harness.run();
    }
}

/// A store with the demo's cases, all this office's, in English.
fn demo_store() -> aftersales::store::Store {
    let mut store = store_in("en");
    aftersales::demo::fill(&mut store, 600, 11, now()).unwrap();
    store
}

/// Four complaints worked out by hand: three received in October (two about product quality,
/// one about installation), one in November (product quality).
fn four_complaints() -> (aftersales::store::Store, Vec<String>) {
    let mut store = store_in("en");
    let at = |month: u32, day: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, month, day)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    };
    let mut numbers = Vec::new();
    for (received, kind, name) in [
        (at(10, 5), ComplaintType::ProductQuality, "张三"),
        (at(10, 12), ComplaintType::InstallationQuality, "李四"),
        (at(10, 30), ComplaintType::ProductQuality, "王五"),
        (at(11, 2), ComplaintType::ProductQuality, "赵六"),
    ] {
        let mut complaint = complaint_from(
            received,
            ReceivingUnit::Headquarters,
            name,
            "13800138000",
            "南昌",
        );
        complaint.complaint_type = kind;
        numbers.push(
            store
                .insert_complaint(&complaint, "CC", received)
                .unwrap()
                .complaint_no,
        );
    }
    (store, numbers)
}

#[test]
fn the_report_opens_on_last_month_and_its_rows_lead_to_the_cases_behind_them() {
    let (store, numbers) = four_complaints();
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "Reports");
    // Opened on last month (the tests' today is 23 November), this office's records.
    harness.get_by_label("Summary");
    follow(&mut harness, "Complaints received");
    harness.get_by_label("Summary · Complaints received: 3 cases");
    // The cases are listed with their customers; the first opens.
    harness.get_by_label("李四");
    assert!(
        harness.query_by_label("赵六").is_none(),
        "November's is not October's"
    );
    follow(&mut harness, &numbers[0]);
    harness.get_by_label(&format!("Complaint {}", numbers[0]));

    // A quarter, typed and shown: all four.
    click(&mut harness, "Reports");
    fill(&mut harness, "Period (month, quarter or year)", "2026-Q4");
    press(&mut harness, "Show");
    follow(&mut harness, "Complaints received");
    harness.get_by_label("Summary · Complaints received: 4 cases");
    // A breakdown row lists its own cases: three about product quality.
    follow(&mut harness, "Product quality");
    harness.get_by_label("By complaint type · Product quality: 3 cases");
    assert!(
        harness.query_by_label("李四").is_none(),
        "installation is not listed"
    );

    // The period before, one click away: the third quarter had none.
    press(&mut harness, "◀");
    press(&mut harness, "Show");
    follow(&mut harness, "Complaints received");
    harness.get_by_label("Summary · Complaints received: 0 cases");

    // A month that does not exist is refused beside the field.
    fill(&mut harness, "Period (month, quarter or year)", "2026-13");
    harness.get_by_label("Give a month as 2026-10, a quarter as 2026-Q4 or a year as 2026.");
}

#[test]
fn the_report_shown_is_exported_as_pdf_excel_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let dialog = SaveDialog::default();
    let mut harness = harness(demo_store(), &dialog);
    click(&mut harness, "Reports");
    fill(&mut harness, "Period (month, quarter or year)", "2026");
    press(&mut harness, "Show");

    let pdf = dir.path().join("report.pdf");
    *dialog.answer.lock().unwrap() = Some(pdf.clone());
    press(&mut harness, "Export report as PDF…");
    let (text, pages) = pdf_text(&std::fs::read(&pdf).unwrap());
    assert!(pages >= 2);
    for expected in [
        "售后服务报告",
        "After-sales service report",
        "2026",
        "2025",
        "Timeliness",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }

    let xlsx = dir.path().join("report.xlsx");
    *dialog.answer.lock().unwrap() = Some(xlsx.clone());
    press(&mut harness, "Export report as Excel…");
    let mut workbook: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(
        workbook.sheet_names()[0],
        "Summary",
        "in the window's language"
    );
    let summary = workbook.worksheet_range("Summary").unwrap();
    assert_eq!(
        summary.get((0, 1)),
        Some(&calamine::Data::String("2026".into()))
    );

    let csv = dir.path().join("report-csv");
    *dialog.answer.lock().unwrap() = Some(csv.clone());
    press(&mut harness, "Export report as CSV…");
    let files = std::fs::read_dir(&csv).unwrap().count();
    assert_eq!(files, 15, "a file a table");
    assert!(
        harness
            .query_all_by_label_contains("Wrote the report to")
            .next()
            .is_some()
    );
}
