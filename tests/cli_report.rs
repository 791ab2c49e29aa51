//! `aftersales report`: the month's figures printed, and written as a PDF (read back), a
//! workbook (numbers as numbers, Chinese intact) and CSV files; a quarter and a year; an empty
//! month is an empty report, not an error; no output ever goes over the database.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{aftersales_at, stderr};

const NOW: &str = "2026-12-01 09:00";

fn demo(db: &str) {
    let made = aftersales_at(NOW, &["demo", "--db", db, "--count", "300", "--seed", "5"]);
    assert!(made.status.success(), "{}", stderr(&made));
}

#[test]
fn a_months_report_is_written_as_a_workbook_and_csv_with_numbers_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let db = db.to_str().unwrap();
    demo(db);
    let received: i64 = rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM complaints WHERE voided_at IS NULL AND received_at LIKE '2026-11%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(received > 0, "the demo has November complaints");
    let xlsx = dir.path().join("十一月.xlsx");
    let csv = dir.path().join("csv");
    std::fs::create_dir(&csv).unwrap();
    let said = aftersales_at(
        NOW,
        &[
            "report",
            "--db",
            db,
            "--month",
            "2026-11",
            "--xlsx",
            xlsx.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ],
    );
    assert!(said.status.success(), "{}", stderr(&said));
    let out = String::from_utf8(said.stdout).unwrap();
    assert!(
        out.lines()
            .next()
            .unwrap()
            .starts_with(&format!("受理投诉\t{received}\t")),
        "{out}"
    );
    let mut workbook: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = workbook.sheet_names().to_vec();
    assert_eq!(names.len(), 15, "{names:?}");
    assert_eq!(names[0], "概况");
    let summary = workbook.worksheet_range("概况").unwrap();
    assert_eq!(summary.get((0, 1)), Some(&Data::String("2026-11".into())));
    assert_eq!(summary.get((1, 0)), Some(&Data::String("受理投诉".into())));
    assert_eq!(
        summary.get((1, 1)),
        Some(&Data::Float(received as f64)),
        "a number, not text"
    );
    let files = std::fs::read_dir(&csv).unwrap().count();
    assert_eq!(files, 15);
    let first = std::fs::read_to_string(csv.join("01-概况.csv")).unwrap();
    assert!(first.starts_with("\u{feff}项目,2026-11,2026-10"), "{first}");
    assert!(first.contains(&format!("受理投诉,{received},")), "{first}");
}

#[test]
fn an_empty_month_is_an_empty_report_and_the_workbook_never_goes_over_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let db = db.to_str().unwrap();
    demo(db);
    let said = aftersales_at(NOW, &["report", "--db", db, "--month", "2020-01"]);
    assert!(said.status.success(), "{}", stderr(&said));
    let out = String::from_utf8(said.stdout).unwrap();
    assert!(out.starts_with("受理投诉\t0\t0\n"), "{out}");
    let before = std::fs::read(db).unwrap();
    for flag in ["--xlsx", "--out"] {
        let refused = aftersales_at(NOW, &["report", "--db", db, "--month", "2026-11", flag, db]);
        assert!(!refused.status.success());
        assert!(
            stderr(&refused).contains("database"),
            "{}",
            stderr(&refused)
        );
    }
    assert_eq!(
        std::fs::read(db).unwrap(),
        before,
        "the database is unchanged"
    );
}

/// The text of every page of a PDF, and its page count.
fn pdf_text(path: &std::path::Path) -> (String, usize) {
    let doc = lopdf::Document::load(path).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    (doc.extract_text(&pages).unwrap(), pages.len())
}

#[test]
fn the_report_prints_as_a_pdf_with_its_charts_in_both_languages_and_its_font_embedded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let db = db.to_str().unwrap();
    demo(db);
    let pdf = dir.path().join("报告.pdf");
    let said = aftersales_at(
        NOW,
        &[
            "report",
            "--db",
            db,
            "--month",
            "2026-11",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(said.status.success(), "{}", stderr(&said));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let (text, pages) = pdf_text(&pdf);
    assert!(pages >= 2, "{pages} pages");
    for expected in [
        "售后服务报告",
        "After-sales service report",
        "2026-11",
        "2026-10",
        // The trend chart's first month: twelve months up to November.
        "2025-12",
        "24 小时内响应",
        "Responded within 24 h",
        "承担方",
        "制表",
    ] {
        assert!(text.contains(expected), "{expected} missing from the PDF");
    }
    // The font is embedded (a subset), so the report reads the same on any machine.
    let doc = lopdf::Document::load(&pdf).unwrap();
    let embedded = doc.objects.values().any(|object| {
        object
            .as_dict()
            .is_ok_and(|d| d.has(b"FontFile2") || d.has(b"FontFile3") || d.has(b"FontFile"))
    });
    assert!(embedded, "the font is embedded");
    // Charts are drawn, not pictures: the PDF holds no image.
    assert!(
        !doc.objects.values().any(|o| o.as_stream().is_ok_and(|s| s
            .dict
            .get(b"Subtype")
            .is_ok_and(|t| { t.as_name().is_ok_and(|n| n == b"Image") }))),
        "no raster image"
    );
}

#[test]
fn a_quarter_and_a_year_compare_with_the_one_before_and_a_bad_period_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let db = db.to_str().unwrap();
    demo(db);
    let conn = rusqlite::Connection::open(db).unwrap();
    let received = |from: &str, to: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM complaints WHERE voided_at IS NULL AND received_at >= ?1 AND received_at < ?2",
            [from, to],
            |r| r.get(0),
        )
        .unwrap()
    };
    for (period, now, before) in [
        (
            "2026-Q4",
            received("2026-10-01", "2027-01-01"),
            received("2026-07-01", "2026-10-01"),
        ),
        (
            "2026",
            received("2026-01-01", "2027-01-01"),
            received("2025-01-01", "2026-01-01"),
        ),
    ] {
        let said = aftersales_at(NOW, &["report", "--db", db, "--period", period]);
        assert!(said.status.success(), "{}", stderr(&said));
        let out = String::from_utf8(said.stdout).unwrap();
        assert!(
            out.starts_with(&format!("受理投诉\t{now}\t{before}\n")),
            "{period}: {out}"
        );
    }
    for bad in ["2026-Q5", "2026-13", "26", "1999"] {
        let refused = aftersales_at(NOW, &["report", "--db", db, "--month", bad]);
        assert!(!refused.status.success(), "{bad}");
        assert!(stderr(&refused).contains("2026-Q4"), "{}", stderr(&refused));
    }
}
