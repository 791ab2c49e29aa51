//! `export-pdf` from the command line for each kind of number, and `--packet` for a whole case,
//! read back page by page.

mod common;

use std::path::{Path, PathBuf};

use common::{Printed, aftersales, assert_every_page, case, pdf_text, stderr};

/// The case of `common::case` (CC-, IR-, SC-2026-11-0001) and a maintenance contract
/// (MC-2026-0001) in a database file.
fn case_file(dir: &Path) -> PathBuf {
    let (mut store, _) = case();
    let contract = aftersales::domain::contract::MaintenanceContractDraft {
        customer_name: "张三".into(),
        customer_phone: "13800138000".into(),
        customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
        product_model: "KF-260/B".into(),
        serial_no: "KF2602401234".into(),
        start_date: "2026-01-01".into(),
        end_date: "2026-12-20".into(),
        annual_fee: "1200".into(),
        service_unit: "南昌城东售后服务站".into(),
        service_phone: "0791-86661234".into(),
        terms: "每年上门保养两次。".into(),
    }
    .parse()
    .unwrap();
    store
        .insert_contract(&contract, None, common::now())
        .unwrap();
    let db = dir.join("case.db");
    store.backup_to(&db).unwrap();
    db
}

/// Runs `export-pdf` with `what` and returns the PDF written.
fn export(db: &Path, what: &[&str], out: &Path) -> Vec<u8> {
    let mut args = vec!["export-pdf", "--db", db.to_str().unwrap()];
    args.extend_from_slice(what);
    args.extend_from_slice(&["--out", out.to_str().unwrap()]);
    let output = aftersales(&args);
    assert!(output.status.success(), "{what:?}: {}", stderr(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("wrote {}\n", out.display())
    );
    common::read(out)
}

#[test]
fn packet_writes_the_complaint_report_and_confirmation_each_numbered_on_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let bytes = export(
        &db,
        &["--packet", "cc-2026-11-0001"],
        &dir.path().join("packet.pdf"),
    );
    assert_every_page(
        "packet",
        &bytes,
        &[
            Printed {
                title: "客户投诉受理表",
                number: "CC-2026-11-0001",
            },
            Printed {
                title: "客户投诉调查报告",
                number: "IR-2026-11-0001",
            },
            Printed {
                title: "售后服务处理确认单",
                number: "SC-2026-11-0001",
            },
        ],
    );
    let (text, _) = pdf_text(&bytes);
    for expected in [
        "热水器点火后熄火。",
        "比例阀动作异常",
        "更换比例阀，试机正常。",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    assert_eq!(common::image_count(&bytes), 1, "the report's photo");
}

#[test]
fn an_investigation_report_number_writes_the_report_of_its_complaint() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let bytes = export(&db, &["IR-2026-11-0001"], &dir.path().join("ir.pdf"));
    assert_every_page(
        "report",
        &bytes,
        &[Printed {
            title: "客户投诉调查报告",
            number: "IR-2026-11-0001",
        }],
    );
    let (text, _) = pdf_text(&bytes);
    assert!(
        text.contains("CC-2026-11-0001") && text.contains("比例阀动作异常"),
        "{text}"
    );
    assert!(
        !text.contains("售后服务处理确认单"),
        "the report alone:\n{text}"
    );
}

#[test]
fn a_service_confirmation_number_writes_the_confirmation_of_its_complaint() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let bytes = export(&db, &[" sc-2026-11-0001 "], &dir.path().join("sc.pdf"));
    assert_every_page(
        "confirmation",
        &bytes,
        &[Printed {
            title: "售后服务处理确认单",
            number: "SC-2026-11-0001",
        }],
    );
    let (text, _) = pdf_text(&bytes);
    assert!(
        text.contains("CC-2026-11-0001") && text.contains("更换比例阀，试机正常。"),
        "{text}"
    );
    assert!(!text.contains("客户投诉调查报告"), "the confirmation alone");
}

#[test]
fn a_maintenance_contract_number_writes_its_renewal_letter_dated_by_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let bytes = export(&db, &["MC-2026-0001"], &dir.path().join("mc.pdf"));
    assert_every_page(
        "renewal letter",
        &bytes,
        &[Printed {
            title: "维修保养合同续约通知书",
            number: "MC-2026-0001",
        }],
    );
    let (text, _) = pdf_text(&bytes);
    // Dated the day AFTERSALES_NOW gives (common::NOW_TEXT), not the computer's.
    assert!(
        text.contains("2026-11-23") && text.contains("将于 2026-12-20 到期"),
        "{text}"
    );
    let later = dir.path().join("later.pdf");
    let output = common::aftersales_at(
        "2026-12-01 08:00",
        &[
            "export-pdf",
            "--db",
            db.to_str().unwrap(),
            "MC-2026-0001",
            "--out",
            later.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let (text, _) = pdf_text(&common::read(&later));
    assert!(
        text.contains("2026-12-01") && !text.contains("2026-11-23"),
        "{text}"
    );
}
