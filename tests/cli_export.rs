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
fn packet_writes_its_cover_then_the_complaint_report_and_confirmation_each_numbered_on_its_pages() {
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
                title: "案卷封面",
                number: "CC-2026-11-0001",
            },
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

/// Runs `export-pdf` over `numbers` into `dir`.
fn export_to_folder(db: &Path, numbers: &[&str], dir: &Path) -> std::process::Output {
    let mut args = vec!["export-pdf", "--db", db.to_str().unwrap()];
    args.extend_from_slice(numbers);
    args.extend_from_slice(&["--out-dir", dir.to_str().unwrap()]);
    aftersales(&args)
}

#[test]
fn several_numbers_write_a_file_each_named_by_its_number_each_form_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let out = dir.path().join("forms");
    std::fs::create_dir(&out).unwrap();
    // The complaint asked for twice, spelt two ways: printed once.
    let output = export_to_folder(
        &db,
        &[
            "CC-2026-11-0001",
            "IR-2026-11-0001",
            "sc-2026-11-0001",
            "MC-2026-0001",
            " cc-2026-11-0001 ",
        ],
        &out,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(said.lines().count(), 4, "{said}");
    assert_eq!(
        common::files_in(&out),
        [
            "CC-2026-11-0001.pdf",
            "IR-2026-11-0001.pdf",
            "MC-2026-0001-renewal-notice.pdf",
            "SC-2026-11-0001.pdf"
        ]
    );
    for (file, title, number) in [
        ("CC-2026-11-0001.pdf", "客户投诉受理表", "CC-2026-11-0001"),
        ("IR-2026-11-0001.pdf", "客户投诉调查报告", "IR-2026-11-0001"),
        (
            "SC-2026-11-0001.pdf",
            "售后服务处理确认单",
            "SC-2026-11-0001",
        ),
        (
            "MC-2026-0001-renewal-notice.pdf",
            "维修保养合同续约通知书",
            "MC-2026-0001",
        ),
    ] {
        let path = out.join(file);
        assert!(
            said.contains(&format!("wrote {}", path.display())),
            "{said}"
        );
        let bytes = common::read(&path);
        assert_every_page(file, &bytes, &[Printed { title, number }]);
        assert!(common::all_fonts_embedded(&bytes), "{file}");
    }
}

#[test]
fn a_batch_with_numbers_not_found_names_them_all_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let out = dir.path().join("forms");
    std::fs::create_dir(&out).unwrap();
    let output = export_to_folder(
        &db,
        &["CC-2026-11-0001", "CC-2026-11-0099", "WC-2026-000404"],
        &out,
    );
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("2 of the numbers are not in")
            && message.contains("CC-2026-11-0099, WC-2026-000404")
            && message.contains("nothing written"),
        "{message}"
    );
    assert!(
        common::files_in(&out).is_empty(),
        "nothing, not the one found"
    );
}

#[test]
fn several_numbers_need_a_folder_and_the_folder_must_be_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let file = dir.path().join("one.pdf");
    let output = aftersales(&[
        "export-pdf",
        "--db",
        db.to_str().unwrap(),
        "CC-2026-11-0001",
        "IR-2026-11-0001",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--out-dir"), "{}", stderr(&output));
    assert!(!file.exists());
    // A folder that is a file, and one that does not exist.
    std::fs::write(&file, b"kept").unwrap();
    for not_a_folder in [file.clone(), dir.path().join("missing")] {
        let output = export_to_folder(&db, &["CC-2026-11-0001"], &not_a_folder);
        assert_eq!(output.status.code(), Some(1));
        assert!(
            stderr(&output).contains("--out-dir is not a folder"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(common::read(&file), b"kept");
}

#[test]
fn a_batch_that_fails_part_way_says_how_many_it_wrote_and_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let out = dir.path().join("forms");
    std::fs::create_dir(&out).unwrap();
    // A folder already holds the third form's name: that file cannot be written.
    std::fs::create_dir(out.join("SC-2026-11-0001.pdf")).unwrap();
    let output = export_to_folder(
        &db,
        &[
            "CC-2026-11-0001",
            "IR-2026-11-0001",
            "SC-2026-11-0001",
            "MC-2026-0001",
        ],
        &out,
    );
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("stopped after writing 2 of 4 forms"),
        "{message}"
    );
    assert_eq!(message.trim_end().lines().count(), 1, "{message}");
    assert_eq!(
        common::files_in(&out),
        [
            "CC-2026-11-0001.pdf",
            "IR-2026-11-0001.pdf",
            "SC-2026-11-0001.pdf"
        ]
    );
    assert!(out.join("SC-2026-11-0001.pdf").is_dir(), "left as it was");
    assert!(pdf_text(&common::read(&out.join("IR-2026-11-0001.pdf"))).1 >= 1);
}

/// A demo database of `cards` cards, and their numbers.
fn demo_cards(dir: &Path, cards: usize) -> (PathBuf, Vec<String>) {
    let db = dir.join("demo.db");
    let output = aftersales(&[
        "demo",
        "--db",
        db.to_str().unwrap(),
        "--count",
        &cards.to_string(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut select = conn
        .prepare("SELECT registration_no FROM warranty_cards ORDER BY id")
        .unwrap();
    let numbers = select
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<Vec<String>, _>>()
        .unwrap();
    (db, numbers)
}

#[test]
fn a_batch_shared_among_the_cores_writes_every_form_and_says_each_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (db, numbers) = demo_cards(dir.path(), 3 * aftersales::pdf::paper::PARALLEL_FROM);
    let out = dir.path().join("cards");
    std::fs::create_dir(&out).unwrap();
    let asked: Vec<&str> = numbers.iter().map(String::as_str).collect();
    let output = export_to_folder(&db, &asked, &out);
    assert!(output.status.success(), "{}", stderr(&output));
    let said: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    let expected: Vec<String> = numbers
        .iter()
        .map(|n| format!("wrote {}", out.join(format!("{n}.pdf")).display()))
        .collect();
    assert_eq!(said, expected, "a line each, in the order asked");
    for number in &numbers {
        let (text, pages) = pdf_text(&common::read(&out.join(format!("{number}.pdf"))));
        assert_eq!(pages, 1, "{number}");
        assert!(
            text.contains(number.as_str()),
            "{number} holds its own card"
        );
    }
}

#[test]
fn a_batch_shared_among_the_cores_that_fails_counts_every_file_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let forms = 3 * aftersales::pdf::paper::PARALLEL_FROM;
    let (db, numbers) = demo_cards(dir.path(), forms);
    let out = dir.path().join("cards");
    std::fs::create_dir(&out).unwrap();
    // The tenth card's file name is taken by a folder.
    let blocked = out.join(format!("{}.pdf", numbers[9]));
    std::fs::create_dir(&blocked).unwrap();
    let asked: Vec<&str> = numbers.iter().map(String::as_str).collect();
    let output = export_to_folder(&db, &asked, &out);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert_eq!(message.trim_end().lines().count(), 1, "{message}");
    let files = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_file())
        .count();
    assert!(files >= 9 && files < forms, "{files} written");
    assert!(
        message.contains(&format!("stopped after writing {files} of {forms} forms")),
        "the count is the files there: {message}"
    );
    assert!(
        message.contains(numbers[9].as_str()),
        "names the file: {message}"
    );
    assert!(blocked.is_dir(), "left as it was");
    // Each line printed names a file that is there.
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let path = line.strip_prefix("wrote ").unwrap();
        assert!(Path::new(path).is_file(), "{line}");
    }
}

/// `export-pdf` of a complaint whose customer is 王𡈼 of 𠀾路 (CJK Extension B, which the
/// bundled font lacks), with the fallback fonts looked for in `font_dirs` only.
fn export_rare_name(font_dirs: &str) -> (std::process::Output, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = aftersales::store::Store::open_in_memory().unwrap();
    let received = common::now() - chrono::Duration::days(1);
    let complaint = common::complaint_from(
        received,
        aftersales::domain::complaint::ReceivingUnit::Headquarters,
        "王𡈼",
        "13800138000",
        "江西省九江市浔阳区𠀾路 1 号",
    );
    let stored = store.insert_complaint(&complaint, "CC", received).unwrap();
    let db = dir.path().join("rare.db");
    store.backup_to(&db).unwrap();
    let out = dir.path().join("rare.pdf");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_aftersales"))
        .args([
            "export-pdf",
            "--db",
            db.to_str().unwrap(),
            &stored.complaint_no,
        ])
        .args(["--out", out.to_str().unwrap()])
        .env(aftersales::cli::NOW_VARIABLE, common::NOW_TEXT)
        .env(aftersales::fonts::FONT_DIRS_VAR, font_dirs)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    (output, common::read(&out))
}

#[test]
fn a_character_no_font_has_is_named_on_stderr_with_its_field_and_kept_in_the_pdfs_text() {
    let (output, bytes) = export_rare_name("");
    let said = stderr(&output);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 2, "one line per field: {said}");
    assert!(
        lines[0].contains("CC-2026-11-0001")
            && lines[0].contains("Customer name")
            && lines[0].contains("𡈼 (U+2123C)"),
        "{said}"
    );
    assert!(
        lines[1].contains("Address") && lines[1].contains("𠀾 (U+2003E)"),
        "{said}"
    );
    // Still written, whole: the boxes stand where the characters go.
    let (text, pages) = pdf_text(&bytes);
    assert_eq!(pages, 1);
    assert!(text.contains("13800138000"), "{text}");
}

#[test]
fn a_rare_character_prints_from_a_font_of_the_computer_and_nothing_is_said() {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fonts");
    let (output, bytes) = export_rare_name(fonts.to_str().unwrap());
    assert_eq!(stderr(&output), "");
    let names: Vec<String> = common::page_fonts(&bytes)
        .concat()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert!(
        names.iter().any(|n| n.ends_with("+AftersalesTestGlyphs")),
        "{names:?}"
    );
    let (text, _) = pdf_text(&bytes);
    assert!(text.contains("王𡈼") && text.contains("𠀾路"), "{text}");
    assert!(common::all_fonts_embedded(&bytes));
}
