//! The operator is asked for once and recorded with every change, which the History panel
//! shows.

mod common;

use common::{SaveDialog, click, fill, harness, harness_as_is, now, store_in};
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn the_program_asks_once_who_is_working_and_records_them() {
    let store = store_in("en");
    let mut harness = harness_as_is(store, &SaveDialog::default(), None);
    harness.get_by_label("Who is working?");
    fill(&mut harness, "Your name", "刘敏");
    click(&mut harness, "Start");
    assert!(harness.query_by_label("Who is working?").is_none());
    let operator = harness
        .state()
        .store()
        .operator()
        .unwrap()
        .expect("recorded");
    assert_eq!(operator.name, "刘敏");
    harness.get_by_label("Operator: 刘敏");
}

#[test]
fn a_cards_history_shows_who_changed_which_field() {
    let mut store = store_in("en");
    aftersales::demo::fill(&mut store, 5, 2, now()).unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    let id = harness
        .state()
        .store()
        .card_ids(&Default::default())
        .unwrap()[0];
    let stored = harness.state().store().card_by_id(id).unwrap();
    fill(&mut harness, "Search", &stored.registration_no);
    harness.key_press(egui::Key::Enter);
    harness.run();
    fill(&mut harness, "Invoice no.", "INV-777");
    click(&mut harness, "Save");
    // Created, then one field changed. The panel is below the form: a taller window shows it.
    harness.set_size(egui::Vec2::new(1280.0, 1400.0));
    harness.run();
    harness.get_by_label_contains("History (").click();
    harness.run();
    harness.get_by_label_contains("Invoice no.: “");
    harness.get_by_label_contains("” → “INV-777”");
    let history = harness
        .state()
        .store()
        .history(aftersales::store::audit::AuditedTable::WarrantyCards, id)
        .unwrap();
    let edit = history
        .iter()
        .find(|e| e.field.as_deref() == Some("invoice_no"))
        .expect("logged");
    assert_eq!(edit.operator, "测试员");
}

#[test]
fn a_voided_card_stays_searchable_cannot_be_edited_and_prints_void() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("void.pdf");
    let dialog = SaveDialog::default();
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut store = store_in("en");
    aftersales::demo::fill(&mut store, 3, 4, now()).unwrap();
    let id = store.card_ids(&Default::default()).unwrap()[0];
    let number = store.card_by_id(id).unwrap().registration_no;
    let mut harness = harness(store, &dialog);
    fill(&mut harness, "Search", &number);
    harness.key_press(egui::Key::Enter);
    harness.run();
    click(&mut harness, "Void…");
    harness.get_by_label("Void this record");
    fill(&mut harness, "Reason", "登记号重复");
    click(&mut harness, "Void it");
    harness.get_by_label_contains("VOID since");
    assert!(
        harness.query_by_label("Void…").is_none(),
        "a void card cannot be voided again"
    );
    // The history says it in words, not by the trail's column names.
    harness.get_by_label_contains("History (").click();
    harness.run();
    harness.get_by_label_contains("Reason for voiding: “” → “登记号重复”");
    assert!(harness.query_by_label_contains("void-reason").is_none());
    assert!(harness.query_by_label_contains("voided-at").is_none());
    // The form of a void card is read-only: typing goes nowhere.
    let invoice_before = harness
        .state()
        .store()
        .card_by_id(id)
        .unwrap()
        .card
        .invoice_no;
    assert!(
        harness
            .get_by_label("Invoice no.")
            .accesskit_node()
            .is_disabled(),
        "a void card's fields cannot be typed into"
    );
    harness.get_by_label("Invoice no.").type_text("changed");
    harness.run();
    assert!(
        harness.get_by_label("Save").accesskit_node().is_disabled(),
        "a void card cannot be saved"
    );
    assert!(!harness.state().has_unsaved_changes());

    let stored = harness.state().store().card_by_id(id).unwrap();
    assert_eq!(stored.card.invoice_no, invoice_before);
    assert_eq!(stored.void.expect("voided").reason, "登记号重复");
    assert!(
        harness
            .state()
            .store()
            .search_all(&number, 10)
            .unwrap()
            .iter()
            .any(|h| h.number == number)
    );
    // Nothing was typed: back to the list without a question, then print the void card.
    click(&mut harness, "← Back to list");
    assert!(harness.query_by_label("Discard changes").is_none());
    fill(&mut harness, "Search", &number);
    harness.key_press(egui::Key::Enter);
    harness.run();
    click(&mut harness, "Export PDF…");
    let (text, _) = common::pdf_text(&common::read(&out));
    assert!(
        text.contains("作废 VOID") && text.contains("登记号重复"),
        "{text}"
    );
}
