//! The warranty card screen driven as a clerk would: by the labels on screen, with the
//! keyboard and the mouse, then checked in the database.

mod common;

use aftersales::store::Store;
use aftersales::store::warranty_card::CardQuery;
use common::{SaveDialog, all_fonts_embedded, click, fill, harness, pdf_text, store_in};
use egui_kittest::kittest::{NodeT, Queryable};

fn type_a_card(harness: &mut egui_kittest::Harness<'_, aftersales::app::App>) {
    click(harness, "New card");
    fill(harness, "Issuing dealer", "南昌洪城经销部");
    fill(harness, "Customer name", "张三");
    fill(harness, "Phone", "0791-8888 1234");
    fill(harness, "Address", "江西省南昌市东湖区八一大道 88 号");
    fill(harness, "Product category", "燃气热水器");
    fill(harness, "Product model", "JSQ20-A1");
    fill(harness, "Serial no.", "JSQ2026030001");
    fill(harness, "Purchase date", "2026-03-01");
    fill(harness, "Installation date", "2026/3/5");
    fill(harness, "Invoice no.", "00123456");
    fill(harness, "Warranty (months)", "24");
}

#[test]
fn a_clerk_issues_a_card_in_chinese_and_it_is_in_the_database() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    type_a_card(&mut harness);
    click(&mut harness, "Save");

    let store = harness.state().store();
    let ids = store.card_ids(&CardQuery::default()).unwrap();
    assert_eq!(ids.len(), 1);
    let stored = store.card_by_id(ids[0]).unwrap();
    assert_eq!(stored.registration_no, "WC-2026-000001");
    let card = &stored.card;
    assert_eq!(card.customer_name, "张三");
    assert_eq!(
        card.customer_phone, "0791-88881234",
        "stored in canonical form"
    );
    assert_eq!(card.customer_address, "江西省南昌市东湖区八一大道 88 号");
    assert_eq!(card.issuing_dealer, "南昌洪城经销部");
    assert_eq!(card.product_model, "JSQ20-A1");
    assert_eq!(card.purchase_date.to_string(), "2026-03-01");
    assert_eq!(
        card.installation_date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-05")
    );
    assert_eq!(
        card.issue_date.to_string(),
        "2026-11-23",
        "issue date defaults to today"
    );
    assert_eq!(card.warranty_months, 24);
    assert!(!card.feedback_returned);
    // The form now shows the issued number.
    harness.get_by_label("Warranty card WC-2026-000001");
}

#[test]
fn a_new_cards_warranty_months_follow_its_product_category_until_typed_by_hand() {
    let mut store = store_in("en");
    let mut settings = store.settings().unwrap();
    settings.category_warranty_months = vec![("空调".into(), 36), ("燃气热水器".into(), 18)];
    store.save_settings(&settings).unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "New card");
    let months = |harness: &egui_kittest::Harness<'_, aftersales::app::App>| {
        harness.get_by_label("Warranty (months)").value()
    };
    assert_eq!(months(&harness).as_deref(), Some("12"), "the default");
    fill(&mut harness, "Product category", "空调");
    assert_eq!(months(&harness).as_deref(), Some("36"));
    fill(&mut harness, "Product category", "洗衣机");
    assert_eq!(
        months(&harness).as_deref(),
        Some("12"),
        "not listed: the default"
    );
    fill(&mut harness, "Product category", "燃气热水器");
    assert_eq!(months(&harness).as_deref(), Some("18"));
    fill(&mut harness, "Warranty (months)", "24");
    fill(&mut harness, "Product category", "空调");
    assert_eq!(
        months(&harness).as_deref(),
        Some("24"),
        "typed by hand: kept"
    );
    fill(&mut harness, "Issuing dealer", "南昌洪城经销部");
    fill(&mut harness, "Customer name", "张三");
    fill(&mut harness, "Phone", "13800138000");
    fill(&mut harness, "Address", "江西省南昌市东湖区八一大道 88 号");
    fill(&mut harness, "Product model", "KFR-35GW");
    fill(&mut harness, "Serial no.", "KF2026030001");
    click(&mut harness, "Save");
    let store = harness.state().store();
    let id = store.card_ids(&CardQuery::default()).unwrap()[0];
    assert_eq!(store.card_by_id(id).unwrap().card.warranty_months, 24);
}

#[test]
fn a_new_card_of_a_listed_category_is_saved_with_its_months() {
    let mut store = store_in("en");
    let mut settings = store.settings().unwrap();
    settings.category_warranty_months = vec![("燃气热水器".into(), 18)];
    store.save_settings(&settings).unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "New card");
    fill(&mut harness, "Issuing dealer", "南昌洪城经销部");
    fill(&mut harness, "Customer name", "张三");
    fill(&mut harness, "Phone", "13800138000");
    fill(&mut harness, "Address", "江西省南昌市东湖区八一大道 88 号");
    fill(&mut harness, "Product category", "燃气热水器");
    fill(&mut harness, "Product model", "JSQ20-A1");
    fill(&mut harness, "Serial no.", "JSQ2026030001");
    click(&mut harness, "Save");
    let store = harness.state().store();
    let id = store.card_ids(&CardQuery::default()).unwrap()[0];
    assert_eq!(store.card_by_id(id).unwrap().card.warranty_months, 18);
}

#[test]
fn ctrl_s_saves_the_form() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    type_a_card(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert_eq!(harness.state().store().card_count().unwrap(), 1);
}

#[test]
fn an_impossible_date_blocks_saving_with_a_message_beside_the_field() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    type_a_card(&mut harness);
    fill(&mut harness, "Purchase date", "2026-02-30");
    harness.get_by_label("This date does not exist");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    harness.get_by_label("Save").click();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert_eq!(harness.state().store().card_count().unwrap(), 0);

    // Correcting the date enables Save again.
    fill(&mut harness, "Purchase date", "2026-02-28");
    assert!(harness.query_by_label("This date does not exist").is_none());
    click(&mut harness, "Save");
    assert_eq!(harness.state().store().card_count().unwrap(), 1);
}

#[test]
fn an_implausible_phone_is_explained_beside_the_field() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    type_a_card(&mut harness);
    fill(&mut harness, "Phone", "12345");
    harness.get_by_label_contains("Not a phone number");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
}

#[test]
fn the_chinese_interface_labels_the_same_form_in_chinese() {
    let mut harness = harness(store_in("zh-CN"), &SaveDialog::default());
    click(&mut harness, "新建保证卡");
    fill(&mut harness, "发卡经销商", "九江城东专卖店");
    fill(&mut harness, "用户姓名", "李四");
    fill(&mut harness, "电话", "13800138000");
    fill(&mut harness, "地址", "江西省九江市浔阳区");
    fill(&mut harness, "产品型号", "DSZF-60L");
    fill(&mut harness, "机身编号", "DSZF2611001");
    click(&mut harness, "保存");
    let store = harness.state().store();
    let stored = store.card_by_registration_no("WC-2026-000001").unwrap();
    assert_eq!(stored.card.customer_name, "李四");
}

#[test]
fn the_language_switches_at_once_and_is_remembered() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    harness.get_by_label("New card");
    click(&mut harness, "Language");
    click(&mut harness, "中文");
    harness.get_by_label("新建保证卡");
    assert_eq!(
        harness
            .state()
            .store()
            .setting("language")
            .unwrap()
            .as_deref(),
        Some("zh-CN")
    );
}

#[test]
fn a_card_is_found_again_by_part_of_its_phone_number() {
    let mut store = store_in("en");
    aftersales::demo::fill(&mut store, 300, 1, common::now()).unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    type_a_card(&mut harness);
    click(&mut harness, "Save");
    let store = harness.state().store();
    let search = CardQuery {
        search: "0791-88881234".into(),
        ..Default::default()
    };
    let number = store
        .card_by_id(store.card_ids(&search).unwrap()[0])
        .unwrap()
        .registration_no;
    click(&mut harness, "← Back to list");
    harness.get_by_label_contains("of 301 cards");

    fill(&mut harness, "Search", "8888 12");
    harness.get_by_label_contains("1 of 301 cards");
    harness.get_by_label("张三");
    // Enter in the search box opens the first match.
    harness.get_by_label("Search").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label(&format!("Warranty card {number}"));
}

/// The names of the cards list from top to bottom, as laid out on screen.
fn names_top_to_bottom(
    harness: &egui_kittest::Harness<'_, aftersales::app::App>,
    names: &[&str],
) -> Vec<String> {
    let mut rows: Vec<(f32, String)> = names
        .iter()
        .map(|name| {
            (
                harness.get_by_label(name).rect().center().y,
                (*name).to_owned(),
            )
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, name)| name).collect()
}

#[test]
fn clicking_a_column_header_sorts_the_rows_by_it_both_ways() {
    // Issued in the order Bob, Alice, Carol: the default order, by number, is not by name.
    let mut store = store_in("en");
    for (name, phone) in [
        ("Bob", "13800000002"),
        ("Alice", "13800000001"),
        ("Carol", "13800000003"),
    ] {
        let card = common::card(name, phone, "2026-03-01");
        store.insert_card(&card, "WC", common::now()).unwrap();
    }
    let names = ["Alice", "Bob", "Carol"];
    let mut harness = harness(store, &SaveDialog::default());
    assert_eq!(
        names_top_to_bottom(&harness, &names),
        ["Bob", "Alice", "Carol"]
    );
    click(&mut harness, "Customer name");
    harness.get_by_label("Customer name ▲");
    assert_eq!(
        names_top_to_bottom(&harness, &names),
        ["Alice", "Bob", "Carol"]
    );
    click(&mut harness, "Customer name ▲");
    harness.get_by_label("Customer name ▼");
    assert_eq!(
        names_top_to_bottom(&harness, &names),
        ["Carol", "Bob", "Alice"]
    );
}

#[test]
fn leaving_a_form_with_unsaved_changes_asks_first() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    click(&mut harness, "New card");
    fill(&mut harness, "Customer name", "王五");
    click(&mut harness, "← Back to list");
    harness.get_by_label("Unsaved changes");
    click(&mut harness, "Keep editing");
    assert_eq!(
        harness.get_by_label("Customer name").value().as_deref(),
        Some("王五")
    );

    click(&mut harness, "Settings");
    harness.get_by_label("Unsaved changes");
    click(&mut harness, "Discard changes");
    harness.get_by_label("Company name (printed on forms)");
    assert_eq!(harness.state().store().card_count().unwrap(), 0);
}

#[test]
fn an_unsaved_card_survives_a_restart_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drafts.db");
    {
        let store = Store::open(&path).unwrap();
        store.set_setting("language", "en").unwrap();
        let mut harness = harness(store, &SaveDialog::default());
        click(&mut harness, "New card");
        fill(&mut harness, "Customer name", "赵六");
        // The program is killed here: nothing was saved.
    }
    let mut harness = harness(Store::open(&path).unwrap(), &SaveDialog::default());
    assert_eq!(
        harness.get_by_label("Customer name").value().as_deref(),
        Some("赵六")
    );
    harness.get_by_label_contains("restored");
    harness.run();
}

#[test]
fn export_pdf_writes_the_filled_card_where_the_clerk_chose() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("card.pdf");
    let dialog = SaveDialog::default();
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut harness = harness(store_in("en"), &dialog);
    type_a_card(&mut harness);
    click(&mut harness, "Save");
    click(&mut harness, "Export PDF…");
    assert_eq!(
        dialog.suggested.lock().unwrap().as_slice(),
        ["WC-2026-000001.pdf"]
    );
    let bytes = common::read(&out);
    let (text, pages) = pdf_text(&bytes);
    assert_eq!(pages, 1);
    assert!(text.contains("WC-2026-000001"), "{text}");
    assert!(text.contains("张三"), "{text}");
    assert!(all_fonts_embedded(&bytes));
    harness.get_by_label_contains("PDF written to");
    // The message offers the file: opened, and shown in its folder, by the system.
    click(&mut harness, "Open");
    click(&mut harness, "Show in folder");
    assert_eq!(
        dialog.opened.lock().unwrap().as_slice(),
        [
            (aftersales::app::Opening::Open, out.clone()),
            (aftersales::app::Opening::ShowInFolder, out.clone()),
        ]
    );
    // A system with nothing to open it with says so, with the file's place.
    *dialog.open_refused.lock().unwrap() = Some("no application for PDF".into());
    click(&mut harness, "Open");
    harness.get_by_label_contains("Could not open");
    harness.get_by_label_contains("no application for PDF");
}

#[test]
fn print_blank_card_writes_an_empty_form() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("blank.pdf");
    let dialog = SaveDialog::default();
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut harness = harness(store_in("en"), &dialog);
    click(&mut harness, "Print blank card…");
    let (text, _) = pdf_text(&common::read(&out));
    assert!(
        text.contains("质量保证卡") && text.contains("Customer signature"),
        "{text}"
    );
    assert!(!text.contains("WC-"), "a blank card has no number: {text}");
}

/// Steps frames, a little apart, until the list's reading beside the window has come; whether
/// the list was seen reading.
fn until_read(harness: &mut egui_kittest::Harness<'static, aftersales::app::App>) -> bool {
    // The reading starts in the frame after the click's; it shows until the result comes.
    let mut seen = false;
    for step in 0..250 {
        harness.step();
        let reading = harness.query_by_label("Reading…").is_some();
        seen |= reading;
        if !reading && (seen || step >= 10) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        harness.query_by_label("Reading…").is_none(),
        "still reading"
    );
    // The rows on screen are then asked for and drawn.
    harness.run_steps(20);
    seen
}

#[test]
fn an_archive_list_is_read_beside_the_window_searched_and_sorted_as_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("a.db")).unwrap();
    store.set_setting("language", "en").unwrap();
    for (name, phone) in [
        ("Bob", "13800000002"),
        ("Alice", "13800000001"),
        ("Carol", "13800000003"),
    ] {
        let card = common::card(name, phone, "2026-03-01");
        store.insert_card(&card, "WC", common::now()).unwrap();
    }
    store
        .set_operator(&aftersales::store::audit::Operator {
            name: "测试员".into(),
            unit: "hq".into(),
        })
        .unwrap();
    // As at headquarters, where a list holds a million records: here from one.
    let app = aftersales::app::App::with(store, Box::new(|_| None), Box::new(common::now))
        .with_lists_beside_from(1);
    let mut harness = common::window(app);
    harness.run();
    // While a list is read the window keeps drawing (its spinner turning): steps, not runs.
    harness.get_by_label("Warranty cards").click();
    // The list shown is read in the frame that first draws it: that frame says so.
    assert!(until_read(&mut harness), "read beside the window");
    harness.get_by_label("3 of 3 cards");
    let names = ["Alice", "Bob", "Carol"];
    assert_eq!(
        names_top_to_bottom(&harness, &names),
        ["Bob", "Alice", "Carol"]
    );
    harness.get_by_label("Customer name").click();
    until_read(&mut harness);
    assert_eq!(
        names_top_to_bottom(&harness, &names),
        ["Alice", "Bob", "Carol"]
    );
    harness.get_by_label("Search").click();
    harness.step();
    harness.get_by_label("Search").type_text("carol");
    until_read(&mut harness);
    harness.get_by_label("1 of 3 cards");
    assert_eq!(names_top_to_bottom(&harness, &["Carol"]), ["Carol"]);
    assert!(harness.query_by_label("Alice").is_none());
}

#[test]
fn a_new_sort_starts_at_the_top_of_the_list() {
    // 120 cards: more than the window shows. Customer 000 is issued last.
    let mut store = store_in("en");
    for n in (0..120).rev() {
        let card = common::card(&format!("客户{n:03}"), "13800138000", "2026-03-01");
        store.insert_card(&card, "WC", common::now()).unwrap();
    }
    let mut harness = harness(store, &SaveDialog::default());
    harness.get_by_label("客户119");
    // Scrolled to the foot of the list, where 客户000 is.
    let list = harness.get_by_label("客户119").rect().center();
    for _ in 0..40 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -1.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.hover_at(list);
        harness.run();
    }
    harness.get_by_label("客户000");
    assert!(
        harness.query_by_label("客户119").is_none(),
        "scrolled away from the top"
    );
    // Sorted by name: 客户000 comes first, and the list shows its top.
    click(&mut harness, "Customer name");
    harness.get_by_label("Customer name ▲");
    harness.run();
    let first = harness.get_by_label("客户000").rect().top();
    let heading = harness.get_by_label("Customer name ▲").rect().bottom();
    assert!(
        first - heading < 40.0,
        "the first row is right under the headings"
    );
}

#[test]
fn the_cards_list_shows_only_the_cards_in_the_status_chosen() {
    // 有效 bought this year, 过期 over a year ago (12 months), 弃权 without its feedback form
    // past the 30 days, 作废 voided.
    let mut store = store_in("en");
    let mut add = |name: &str, purchase: &str, feedback: bool| {
        let mut card = common::card(name, "13800138000", purchase);
        card.feedback_returned = feedback;
        store.insert_card(&card, "WC", common::now()).unwrap().id
    };
    add("有效", "2026-09-01", true);
    add("过期", "2025-03-01", true);
    add("弃权", "2026-06-01", false);
    let void = add("作废", "2026-09-01", true);
    store
        .void(
            aftersales::store::audit::AuditedTable::WarrantyCards,
            void,
            "录入错误",
            common::now(),
        )
        .unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    let names = ["有效", "过期", "弃权", "作废"];
    let shown = |harness: &egui_kittest::Harness<'_, aftersales::app::App>| {
        names
            .iter()
            .filter(|name| harness.query_by_label(name).is_some())
            .copied()
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&harness), names);
    for (status, only) in [
        ("Valid", "有效"),
        ("Expired", "过期"),
        ("Waived (no feedback form)", "弃权"),
        ("Void", "作废"),
    ] {
        common::choose(&mut harness, "Show", status);
        harness.run();
        assert_eq!(shown(&harness), [only], "{status}");
    }
    common::choose(&mut harness, "Show", "All");
    harness.run();
    assert_eq!(shown(&harness), names);
}

#[test]
fn a_list_opens_sorted_as_it_was_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let open = || {
        let mut store = Store::open(&path).unwrap();
        store.set_setting("language", "en").unwrap();
        if store.card_count().unwrap() == 0 {
            for (name, phone) in [("Bob", "13800000002"), ("Alice", "13800000001")] {
                let card = common::card(name, phone, "2026-03-01");
                store.insert_card(&card, "WC", common::now()).unwrap();
            }
        }
        store
    };
    let mut harness = harness(open(), &SaveDialog::default());
    click(&mut harness, "Customer name");
    click(&mut harness, "Customer name ▲");
    harness.get_by_label("Customer name ▼");
    drop(harness);
    // Started again: by name, descending, Bob above Alice.
    let harness = common::harness(open(), &SaveDialog::default());
    harness.get_by_label("Customer name ▼");
    assert_eq!(
        names_top_to_bottom(&harness, &["Alice", "Bob"]),
        ["Bob", "Alice"]
    );
    drop(harness);
    // A remembered sort that reads as none (written by hand) leaves the list as it comes.
    open()
        .set_setting("list_sort_cards", "customer_name:sideways")
        .unwrap();
    let harness = common::harness(open(), &SaveDialog::default());
    harness.get_by_label("Registration no. ▲");
}
