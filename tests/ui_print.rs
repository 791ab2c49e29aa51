//! "Print…" in the window: the printer and copies asked, the form (or the whole case file) sent
//! to the printer, a refusal said; against a stand-in printing system that keeps each job.

mod common;

use aftersales::printing::PrintError;
use common::{SaveDialog, case, click, fill, harness, page_texts};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The case of `common::case` open at its confirmation.
fn at_the_confirmation(dialog: &SaveDialog) -> Harness<'static, aftersales::app::App> {
    let (store, _) = case();
    store.set_setting("language", "en").unwrap();
    let mut harness = harness(store, dialog);
    click(&mut harness, "Complaints");
    click(&mut harness, "张三");
    click(&mut harness, "Confirmation");
    harness
}

fn is_enabled(harness: &Harness<'_, aftersales::app::App>, label: &str) -> bool {
    let node = harness
        .query_all_by_label(label)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .unwrap_or_else(|| panic!("no button {label:?}"));
    !node.accesskit_node().is_disabled()
}

/// Clicks the dialog's Print button (not the toolbar's "Print…" nor the heading).
fn press_print(harness: &mut Harness<'_, aftersales::app::App>) {
    harness
        .query_all_by_label("Print")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .expect("the dialog's Print button")
        .click();
    harness.run();
}

#[test]
fn the_confirmation_goes_to_the_default_printer_with_the_copies_asked_and_the_printer_is_remembered()
 {
    let dialog = SaveDialog::default();
    let mut harness = at_the_confirmation(&dialog);
    click(&mut harness, "Print…");
    // The default printer is chosen; one copy unless told.
    harness.get_by_value("Reception (default)");
    fill(&mut harness, "Copies", "2");
    press_print(&mut harness);

    let jobs = dialog.printing.jobs.lock().unwrap().clone();
    assert_eq!(jobs.len(), 1);
    let (bytes, printer, copies, title) = &jobs[0];
    assert_eq!(
        (printer.as_str(), *copies, title.as_str()),
        ("Reception", 2, "SC-2026-11-0001")
    );
    let pages = page_texts(bytes);
    assert!(pages[0].contains("售后服务处理确认单"), "{}", pages[0]);
    harness.get_by_label_contains("Sent SC-2026-11-0001 to Reception (copies: 2)");
    assert!(
        harness.query_by_label("Copies").is_none(),
        "the dialog closed"
    );
    assert_eq!(
        harness
            .state()
            .store()
            .setting("printer")
            .unwrap()
            .as_deref(),
        Some("Reception")
    );
}

#[test]
fn the_whole_case_file_goes_to_the_printer_chosen_and_the_next_print_opens_on_it() {
    let dialog = SaveDialog::default();
    let mut harness = at_the_confirmation(&dialog);
    click(&mut harness, "Print…");
    click(
        &mut harness,
        "The whole case file: cover, complaint, investigation report, confirmation",
    );
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Printer")
        .click();
    harness.run();
    click(&mut harness, "Office_HP");
    press_print(&mut harness);
    let jobs = dialog.printing.jobs.lock().unwrap().clone();
    let (bytes, printer, _, _) = &jobs[0];
    assert_eq!(printer, "Office_HP");
    let pages = page_texts(bytes);
    assert!(
        pages[0].contains("案卷封面"),
        "the cover first: {}",
        pages[0]
    );
    assert!(pages.len() >= 4, "{} pages", pages.len());
    // Printed there once, the dialog opens on it next time.
    click(&mut harness, "Print…");
    harness.get_by_value("Office_HP");
}

#[test]
fn ctrl_p_opens_the_dialog_and_escape_closes_it_without_printing() {
    let dialog = SaveDialog::default();
    let mut harness = at_the_confirmation(&dialog);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    harness.run();
    harness.get_by_label("Copies");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Copies").is_none());
    assert!(dialog.printing.jobs.lock().unwrap().is_empty());
}

#[test]
fn copies_out_of_range_disable_print_with_the_reason_beside_them() {
    let dialog = SaveDialog::default();
    let mut harness = at_the_confirmation(&dialog);
    click(&mut harness, "Print…");
    for typed in ["0", "100", "两", ""] {
        fill(&mut harness, "Copies", typed);
        harness.get_by_label("A whole number from 1 to 99");
        assert!(!is_enabled(&harness, "Print"), "{typed:?}");
    }
    fill(&mut harness, "Copies", "99");
    assert!(is_enabled(&harness, "Print"));
}

#[test]
fn a_computer_without_printers_says_so_and_offers_to_save_the_pdf_instead() {
    let dialog = SaveDialog::default();
    *dialog.printing.printers.lock().unwrap() = Ok(Vec::new());
    let mut harness = at_the_confirmation(&dialog);
    click(&mut harness, "Print…");
    harness.get_by_label_contains("No printer is set up on this computer");
    assert!(!is_enabled(&harness, "Print"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("确认单.pdf");
    *dialog.answer.lock().unwrap() = Some(out.clone());
    click(&mut harness, "Save PDF instead…");
    assert!(common::read(&out).starts_with(b"%PDF"));

    // Nor any printing system at all.
    *dialog.printing.printers.lock().unwrap() = Err(PrintError::NoPrintingSystem);
    click(&mut harness, "Print…");
    harness.get_by_label_contains("no printing system the program can use");
}

#[test]
fn a_refusal_by_the_printer_is_said_and_the_dialog_stays_open_to_choose_another() {
    let dialog = SaveDialog::default();
    *dialog.printing.refuse.lock().unwrap() = Some("Reception is out of paper".into());
    let mut harness = at_the_confirmation(&dialog);
    click(&mut harness, "Print…");
    press_print(&mut harness);
    harness.get_by_label_contains("The printer refused the job: Reception is out of paper");
    harness.get_by_label("Copies");
    assert!(dialog.printing.jobs.lock().unwrap().is_empty());
}

#[test]
fn the_chinese_dialog_reads_in_chinese() {
    let dialog = SaveDialog::default();
    let (store, _) = case();
    store.set_setting("language", "zh-CN").unwrap();
    let mut harness = harness(store, &dialog);
    click(&mut harness, "客户投诉");
    click(&mut harness, "张三");
    click(&mut harness, "打印…");
    harness.get_by_label("份数");
    harness.get_by_value("Reception （默认）");
    harness.get_by_label("整个案卷：封面、投诉单、调查报告、确认单");
}

#[test]
fn a_printing_system_slow_to_answer_does_not_hold_the_window_and_its_printers_come_when_it_does() {
    let dialog = SaveDialog::default();
    *dialog.printing.slow.lock().unwrap() = std::time::Duration::from_millis(1500);
    let mut harness = at_the_confirmation(&dialog);
    let asked = std::time::Instant::now();
    // A spinner turns while the system is asked: frames run, the window does not settle.
    harness.get_by_label("Print…").click();
    harness.run_steps(3);
    assert!(
        asked.elapsed() < std::time::Duration::from_millis(1200),
        "the window waited {:?} for the printers",
        asked.elapsed()
    );
    harness.get_by_label("Asking this computer's printing system for its printers…");
    assert!(!is_enabled(&harness, "Print"));
    // The answer comes while the dialog is open: the default printer is chosen.
    std::thread::sleep(std::time::Duration::from_millis(1600));
    harness.run();
    assert!(
        harness
            .query_by_label("Asking this computer's printing system for its printers…")
            .is_none()
    );
    harness.get_by_value("Reception (default)");
    assert!(is_enabled(&harness, "Print"));
    press_print(&mut harness);
    assert_eq!(dialog.printing.jobs.lock().unwrap().len(), 1);
    // Closed before the system answers: nothing is printed and nothing goes wrong after.
    harness.get_by_label("Print…").click();
    harness.run_steps(3);
    harness.get_by_label("Asking this computer's printing system for its printers…");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Copies").is_none());
    std::thread::sleep(std::time::Duration::from_millis(1600));
    harness.run();
    assert_eq!(dialog.printing.jobs.lock().unwrap().len(), 1);
}
