//! The search of everything from the top bar: Chinese substrings, numbers, and opening what
//! was found.

mod common;

use aftersales::domain::complaint::ReceivingUnit;
use aftersales::store::Store;
use common::{SaveDialog, click, complaint_from, fill, harness, now, store_in};
use egui_kittest::kittest::Queryable;

/// Three cards (张三丰 WC-2026-000001, 张三 WC-2026-000002, 李四 WC-2026-000003), so three
/// customers, and one complaint of 张三丰 (CC-2026-11-0001).
fn store() -> Store {
    let mut store = store_in("en");
    for (name, phone) in [
        ("张三丰", "0791-88881234"),
        ("张三", "13800138000"),
        ("李四", "13900139000"),
    ] {
        let card = common::card(name, phone, "2026-03-01");
        store.insert_card(&card, "WC", now()).unwrap();
    }
    let complaint = complaint_from(
        now(),
        ReceivingUnit::Headquarters,
        "张三丰",
        "0791-88881234",
        "江西省南昌市东湖区八一大道 88 号",
    );
    store.insert_complaint(&complaint, "CC", now()).unwrap();
    store
}

#[test]
fn a_complaint_number_finds_that_complaint_alone_and_opens_it() {
    let mut harness = harness(store(), &SaveDialog::default());
    fill(&mut harness, "Search everything", "CC-2026-11-0001");
    harness.get_by_label("Search “CC-2026-11-0001”: 1 found");
    click(&mut harness, "CC-2026-11-0001");
    harness.get_by_label("Complaint CC-2026-11-0001");
}

#[test]
fn two_characters_of_a_chinese_name_find_every_record_of_the_customers_so_named() {
    let mut harness = harness(store(), &SaveDialog::default());
    fill(&mut harness, "Search everything", "张三");
    // 张三丰's card, complaint and customer record; 张三's card and customer record.
    harness.get_by_label("Search “张三”: 5 found");
    for number in ["WC-2026-000001", "WC-2026-000002", "CC-2026-11-0001"] {
        assert!(
            harness.query_by_label(number).is_some(),
            "{number} is listed"
        );
    }
    assert!(
        harness.query_by_label("WC-2026-000003").is_none(),
        "李四's card is not"
    );
    click(&mut harness, "WC-2026-000002");
    harness.get_by_label("Warranty card WC-2026-000002");
}

#[test]
fn enter_in_the_top_search_box_opens_the_first_record_found() {
    let mut harness = harness(store(), &SaveDialog::default());
    fill(&mut harness, "Search everything", "李四");
    harness.get_by_label("Search “李四”: 2 found");
    // Still in the box: Enter opens the first of what was found.
    harness.key_press(egui::Key::Enter);
    harness.run();
    // The first found is 李四's customer file (her card listed in it).
    harness.get_by_label("New card for this customer");
    harness.get_by_label_contains("WC-2026-000003");
}

#[test]
fn ctrl_f_puts_the_cursor_in_the_lists_search_and_what_is_typed_searches() {
    let mut harness = harness(store(), &SaveDialog::default());
    // The cards list is open; nothing has the focus.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    // Typed where the cursor is, not into a box picked by the test.
    harness.event(egui::Event::Text("李四".into()));
    harness.run();
    harness.run();
    assert!(harness.query_by_label("WC-2026-000003").is_some());
    assert!(
        harness.query_by_label("WC-2026-000001").is_none(),
        "the list shows what was typed after Ctrl+F"
    );
}

#[test]
fn a_hit_shows_the_words_it_was_found_by_in_the_text_around_them() {
    let mut harness = harness(store(), &SaveDialog::default());
    // Only the complaint's description holds the word: the hit shows where.
    fill(&mut harness, "Search everything", "熄火");
    harness.get_by_label("Search “熄火”: 1 found");
    harness.get_by_label_contains("热水器点火后熄火");
    // A phone number: the card, the complaint and the customer each show it.
    fill(&mut harness, "Search everything", "88881234");
    assert!(harness.query_all_by_label_contains("0791-88881234").count() >= 3);
}
