//! `aftersales report`: the month's figures printed, and written as a workbook (numbers as
//! numbers, Chinese intact) and CSV files; an empty month is an empty report, not an error.

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
    assert_eq!(names.len(), 13, "{names:?}");
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
    assert_eq!(files, 13);
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
    let refused = aftersales_at(
        NOW,
        &["report", "--db", db, "--month", "2026-11", "--xlsx", db],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("database"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        std::fs::read(db).unwrap(),
        before,
        "the database is unchanged"
    );
}
