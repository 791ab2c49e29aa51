//! The search of everything from the top bar: Chinese substrings, numbers, and opening what
//! was found.

mod common;

use aftersales::domain::complaint::ReceivingUnit;
use aftersales::store::Store;
use common::{SaveDialog, choose, click, complaint_from, fill, harness, now, store_in};
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

#[test]
fn the_cards_list_filters_by_the_day_issued_both_days_included_and_says_when_backwards() {
    let mut store = store_in("en");
    for (name, day) in [
        ("王一", "2026-02-28"),
        ("王二", "2026-03-01"),
        ("王三", "2026-03-15"),
        ("王四", "2026-03-31"),
        ("王五", "2026-04-01"),
    ] {
        store
            .insert_card(&common::card(name, "13800138000", day), "WC", now())
            .unwrap();
    }
    let mut harness = harness(store, &SaveDialog::default());
    let shown = |harness: &egui_kittest::Harness<'_, aftersales::app::App>| -> Vec<String> {
        ["王一", "王二", "王三", "王四", "王五"]
            .into_iter()
            .filter(|name| harness.query_by_label(name).is_some())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(shown(&harness).len(), 5);
    fill(&mut harness, "Issued from", "2026-03-01");
    fill(&mut harness, "to", "2026-03-31");
    assert_eq!(shown(&harness), ["王二", "王三", "王四"]);
    // A day half typed filters nothing more until it is a day.
    fill(&mut harness, "to", "2026-03");
    assert_eq!(shown(&harness), ["王二", "王三", "王四", "王五"]);
    fill(&mut harness, "to", "2026-02-28");
    assert_eq!(shown(&harness), Vec::<String>::new());
    harness.get_by_label("The first day is after the second: nothing is listed.");
    // The range holds while the list is searched.
    fill(&mut harness, "to", "2026-04-01");
    fill(&mut harness, "Search", "王");
    assert_eq!(shown(&harness), ["王二", "王三", "王四", "王五"]);
}

#[test]
fn the_complaints_list_shows_the_open_cases_those_at_one_step_or_the_void_ones() {
    use aftersales::domain::case_life::Step;
    let mut store = store_in("en");
    let mut ids = Vec::new();
    for name in ["赵一", "赵二", "赵三"] {
        let complaint = complaint_from(
            now(),
            ReceivingUnit::Headquarters,
            name,
            "13800138000",
            "江西省南昌市东湖区",
        );
        ids.push(store.insert_complaint(&complaint, "CC", now()).unwrap().id);
    }
    store
        .record_step(ids[1], Step::Responded, now(), "", now())
        .unwrap();
    store
        .void(
            aftersales::store::audit::AuditedTable::Complaints,
            ids[2],
            "录入错误",
            now(),
        )
        .unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "Complaints");
    let shown = |harness: &egui_kittest::Harness<'_, aftersales::app::App>| -> Vec<&str> {
        ["赵一", "赵二", "赵三"]
            .into_iter()
            .filter(|name| harness.query_by_label(name).is_some())
            .collect()
    };
    assert_eq!(shown(&harness), ["赵一", "赵二", "赵三"]);
    for (choice, expected) in [
        ("Open cases", vec!["赵一", "赵二"]),
        ("Responded", vec!["赵二"]),
        ("Received", vec!["赵一"]),
        ("Closed", vec![]),
        ("Void", vec!["赵三"]),
        ("All", vec!["赵一", "赵二", "赵三"]),
    ] {
        choose(&mut harness, "Show", choice);
        harness.run();
        assert_eq!(shown(&harness), expected, "{choice}");
    }
}

/// Drags the edge between the list's columns headed `left` and `right` by `by` points, as a
/// clerk does with the mouse: pressed on the edge, moved, let go.
fn drag_column_edge(
    harness: &mut egui_kittest::Harness<'_, aftersales::app::App>,
    right: &str,
    by: f32,
) {
    // The edge is half the spacing between cells before the heading that follows it.
    let next = harness.get_by_label(right).rect();
    let at = egui::pos2(next.left() - 4.0, next.center().y);
    let to = at + egui::vec2(by, 0.0);
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    harness.event(egui::Event::PointerMoved(at));
    harness.run();
    harness.event(button(at, true));
    harness.run();
    for step in 1..=4 {
        harness.event(egui::Event::PointerMoved(
            at + (to - at) * step as f32 / 4.0,
        ));
        harness.run();
    }
    harness.event(button(to, false));
    harness.run();
}

#[test]
fn a_column_dragged_wider_stays_as_wide_at_the_next_start_and_a_bad_row_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let open = || {
        let store = Store::open(&path).unwrap();
        store.set_setting("language", "en").unwrap();
        store
    };
    {
        let mut store = open();
        for (name, day) in [("王一", "2026-02-28"), ("王二", "2026-03-01")] {
            store
                .insert_card(&common::card(name, "13800138000", day), "WC", now())
                .unwrap();
        }
    }
    let status_at = |harness: &egui_kittest::Harness<'_, aftersales::app::App>| {
        harness.get_by_label("Status").rect().left()
    };
    let mut harness = harness(open(), &SaveDialog::default());
    let before = status_at(&harness);
    drag_column_edge(&mut harness, "Status", 60.0);
    let after = status_at(&harness);
    assert!(
        (after - before - 60.0).abs() < 2.0,
        "the column follows the mouse: {before} → {after}"
    );
    let kept = harness
        .state()
        .store()
        .setting("list_widths_cards")
        .unwrap()
        .expect("the widths are kept");
    assert_eq!(
        kept.split(',').count(),
        8,
        "every column but the last: {kept}"
    );
    // Closed and opened again: as wide as it was left.
    drop(harness);
    let harness = common::harness(open(), &SaveDialog::default());
    assert!(
        (status_at(&harness) - after).abs() < 2.0,
        "{} against {after}",
        status_at(&harness)
    );
    drop(harness);
    // A row damaged or written by hand is ignored: the columns are as a first start has them.
    for bad in ["wide", "130,-5,90", "130,NaN", ""] {
        open().set_setting("list_widths_cards", bad).unwrap();
        let harness = common::harness(open(), &SaveDialog::default());
        assert!(
            (status_at(&harness) - before).abs() < 2.0,
            "{bad:?}: {} against {before}",
            status_at(&harness)
        );
    }
}

#[test]
fn every_lists_headings_show_whole_however_narrow_the_rows_below_them() {
    use aftersales::store::contract::ContractQuery;
    let (mut store, _) = common::case();
    store.set_setting("language", "en").unwrap();
    store
        .insert_card(
            &common::card("王一", "13800138000", "2026-02-28"),
            "WC",
            now(),
        )
        .unwrap();
    assert!(
        store
            .contract_ids(&ContractQuery::default())
            .unwrap()
            .is_empty()
    );
    let mut harness = harness(store, &SaveDialog::default());
    // Each heading is drawn as wide as its whole text: none is cut short by its column.
    let whole = |harness: &egui_kittest::Harness<'_, aftersales::app::App>, text: &str| {
        let font = egui::TextStyle::Body.resolve(&harness.ctx.global_style());
        harness
            .ctx
            .fonts_mut(|fonts| fonts.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE))
            .size()
            .x
    };
    let headings: [(&str, &[&str]); 3] = [
        (
            "Warranty cards",
            &[
                "Registration no. ▲",
                "Status",
                "Issue date",
                "Customer name",
                "Phone",
            ],
        ),
        (
            "Complaints",
            &[
                "Complaint no.",
                "Step",
                "Received (date and time) ▼",
                "Customer name",
                "Phone",
            ],
        ),
        ("Customers", &["Customer name", "Phone", "Province", "City"]),
    ];
    for (screen, headings) in headings {
        click(&mut harness, screen);
        for heading in headings {
            let drawn = harness.get_by_label(heading).rect().width();
            let whole = whole(&harness, heading);
            assert!(
                drawn + 0.5 >= whole,
                "{screen}: “{heading}” is cut to {drawn} of {whole}"
            );
        }
    }
}
