//! The keyboard, as a clerk who never lets go of it works: Ctrl+N on every screen, Ctrl+S in
//! Settings, Ctrl+= / Ctrl+- / Ctrl+0 for the text size (remembered), and none of them
//! slipping past a dialog that waits for an answer.

mod common;

use common::{SaveDialog, click, fill, harness, harness_as_is, store_in};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

type App = aftersales::app::App;

fn press(harness: &mut Harness<'_, App>, key: Key) {
    harness.key_press_modifiers(Modifiers::COMMAND, key);
    harness.run();
}

/// Whether the focused widget is the text box labelled `label`.
fn focused(harness: &Harness<'_, App>, label: &str) -> bool {
    harness.get_by_label(label).accesskit_node().is_focused()
}

#[test]
fn ctrl_n_makes_a_new_record_of_the_screen_shown() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    // The cards list (where the harness starts), and the customers, whose records cards are.
    for screen in ["Warranty cards", "Customers"] {
        click(&mut harness, screen);
        press(&mut harness, Key::N);
        harness.get_by_label("New warranty card");
        click(&mut harness, "← Back to list");
    }
    // The complaints list, and the dashboard where the day's calls come in.
    for screen in ["Complaints", "Dashboard"] {
        click(&mut harness, screen);
        press(&mut harness, Key::N);
        assert!(
            harness.query_by_label("Description").is_some(),
            "a new complaint from {screen}"
        );
        click(&mut harness, "Maintenance contracts");
    }
    press(&mut harness, Key::N);
    harness.get_by_label("New maintenance contract");
    click(&mut harness, "← Back to list");
    // Repairs: the cursor in the first box of a new delivery.
    click(&mut harness, "Repairs");
    assert!(!focused(&harness, "Sent by (customer or dealer)"));
    press(&mut harness, Key::N);
    assert!(focused(&harness, "Sent by (customer or dealer)"));
    // Settings makes no record: nothing happens, nothing is lost.
    click(&mut harness, "Settings");
    press(&mut harness, Key::N);
    harness.get_by_label("Company name (printed on forms)");
    assert!(harness.query_by_label("New warranty card").is_none());
}

#[test]
fn ctrl_n_on_a_card_with_typing_in_it_asks_first_and_keeps_the_typing() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    press(&mut harness, Key::N);
    fill(&mut harness, "Customer name", "王小明");
    press(&mut harness, Key::N);
    harness.get_by_label("Unsaved changes");
    // While the question waits, Ctrl+N does nothing more.
    press(&mut harness, Key::N);
    click(&mut harness, "Keep editing");
    assert_eq!(
        harness
            .get_by_label("Customer name")
            .accesskit_node()
            .value()
            .as_deref(),
        Some("王小明")
    );
}

#[test]
fn ctrl_s_saves_the_settings_and_does_nothing_while_they_are_unchanged_or_wrong() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    click(&mut harness, "Settings");
    // Nothing changed: nothing saved, nothing said.
    press(&mut harness, Key::S);
    assert!(harness.query_by_label("Settings saved.").is_none());
    fill(
        &mut harness,
        "Company name (printed on forms)",
        "白沙企业售后服务中心",
    );
    press(&mut harness, Key::S);
    harness.get_by_label("Settings saved.");
    let stored = harness.state().store().settings().unwrap();
    assert_eq!(stored.company_name, "白沙企业售后服务中心");
}

#[test]
fn ctrl_plus_and_minus_step_the_text_size_which_the_next_start_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let open = || {
        let store = aftersales::store::Store::open(&path).unwrap();
        store.set_setting("language", "en").unwrap();
        store
    };
    let mut harness = harness(open(), &SaveDialog::default());
    let zoom = |harness: &Harness<'_, App>| harness.ctx.zoom_factor();
    assert_eq!(zoom(&harness), 1.0);
    press(&mut harness, Key::Equals);
    harness.run();
    assert_eq!(zoom(&harness), 1.1);
    press(&mut harness, Key::Plus);
    harness.run();
    assert_eq!(zoom(&harness), 1.25);
    press(&mut harness, Key::Minus);
    harness.run();
    assert_eq!(zoom(&harness), 1.1);
    let stored = harness.state().store().settings().unwrap().text_size;
    assert_eq!(stored.percent(), 110);
    // Shown in Settings, where the keys are named.
    click(&mut harness, "Settings");
    let shown = harness.get_by_label("Text size").accesskit_node().value();
    assert_eq!(shown.as_deref(), Some("110 %"));
    // Closed and opened again: the same size.
    drop(harness);
    let mut harness = harness_as_is(open(), &SaveDialog::default(), None);
    assert_eq!(zoom(&harness), 1.1);
    press(&mut harness, Key::Num0);
    harness.run();
    assert_eq!(zoom(&harness), 1.0);
    // Past the smallest, it stays the smallest.
    for _ in 0..10 {
        press(&mut harness, Key::Minus);
    }
    harness.run();
    assert_eq!(zoom(&harness), 0.8);
}

#[test]
fn a_text_size_stored_by_hand_outside_the_sizes_opens_at_the_normal_size() {
    let store = store_in("en");
    store.set_setting("text_size", "5000").unwrap();
    let harness = harness(store, &SaveDialog::default());
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
}

/// The label of the text box that has the cursor.
fn focused_field(harness: &Harness<'_, App>) -> Option<String> {
    harness
        .query_all_by_role(egui::accesskit::Role::TextInput)
        .find(|node| node.accesskit_node().is_focused())
        .and_then(|node| node.accesskit_node().label())
}

#[test]
fn the_fields_need_attention_link_puts_the_cursor_in_the_first_field_refused() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    press(&mut harness, Key::N);
    fill(&mut harness, "Customer name", "王小明");
    fill(&mut harness, "Phone", "12345");
    let link = harness
        .query_all_by_role(egui::accesskit::Role::Link)
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|label| label.contains("need attention"))
        })
        .map(|node| node.accesskit_node().label().unwrap());
    let link = link.expect("the link is there");
    click(&mut harness, &link);
    harness.run();
    // The phone typed wrong is refused; so are the required boxes still empty. The cursor is
    // in the first of them down the form, and no longer in the phone.
    let first = focused_field(&harness);
    assert!(first.is_some(), "a field has the cursor");
    assert_ne!(first.as_deref(), Some("Phone"));
    assert_ne!(first.as_deref(), Some("Customer name"), "it was accepted");
    // Typed into there, the text goes into that field.
    let before = harness.state().store().card_count().unwrap();
    harness
        .get_by_label(first.as_deref().unwrap())
        .type_text("x");
    harness.run();
    assert_eq!(
        harness
            .get_by_label(first.as_deref().unwrap())
            .accesskit_node()
            .value()
            .as_deref()
            .map(|v| v.ends_with('x')),
        Some(true)
    );
    assert_eq!(harness.state().store().card_count().unwrap(), before);
}

#[test]
fn another_clerk_takes_over_without_restarting_and_the_trail_names_them() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    harness.get_by_label("Operator: 测试员");
    // Typing in a card first: switching would put it under the next clerk's name, so it asks.
    press(&mut harness, Key::N);
    fill(&mut harness, "Customer name", "王小明");
    click(&mut harness, "Switch operator");
    harness.get_by_label("Unsaved changes");
    click(&mut harness, "Discard changes");
    // Cancelled (by Escape), nothing changes.
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label("Operator: 测试员");
    click(&mut harness, "Switch operator");
    fill(&mut harness, "Your name", "陈静");
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("Operator: 陈静");
    assert_eq!(
        harness.state().store().operator().unwrap().map(|o| o.name),
        Some("陈静".to_owned())
    );
    // What 陈静 saves is recorded under her name.
    press(&mut harness, Key::N);
    common::fill(&mut harness, "Issuing dealer", "南昌洪城经销部");
    common::fill(&mut harness, "Customer name", "赵六");
    common::fill(&mut harness, "Phone", "13800138000");
    common::fill(&mut harness, "Address", "江西省南昌市东湖区八一大道 88 号");
    common::fill(&mut harness, "Product model", "JSQ20-A1");
    common::fill(&mut harness, "Serial no.", "JSQ2026030001");
    common::fill(&mut harness, "Purchase date", "2026-03-01");
    press(&mut harness, Key::S);
    let store = harness.state().store();
    let id = store.card_ids(&Default::default()).unwrap()[0];
    let history = store
        .history(aftersales::store::audit::AuditedTable::WarrantyCards, id)
        .unwrap();
    assert!(!history.is_empty());
    assert!(
        history.iter().all(|entry| entry.operator == "陈静"),
        "{history:?}"
    );
}

#[test]
fn a_clerk_with_a_pin_is_switched_in_only_with_it_and_only_its_hash_is_kept() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    // 测试员 sets a PIN in Settings; a PIN that is not 4 to 8 digits cannot be set.
    click(&mut harness, "Settings");
    fill(&mut harness, "New PIN", "12");
    harness.get_by_label("4 to 8 digits");
    assert!(
        harness
            .get_by_label("Set PIN")
            .accesskit_node()
            .is_disabled()
    );
    fill(&mut harness, "New PIN", "2468");
    click(&mut harness, "Set PIN");
    harness.get_by_label_contains("PIN set for 测试员");
    let kept = harness
        .state()
        .store()
        .operator_pin("测试员")
        .unwrap()
        .unwrap();
    assert!(
        !kept.contains("2468") && kept.starts_with("$argon2id$"),
        "{kept}"
    );
    // 陈静 has none: she switches in by name alone.
    click(&mut harness, "Switch operator");
    fill(&mut harness, "Your name", "陈静");
    assert!(harness.query_by_label("PIN").is_none());
    click(&mut harness, "Switch");
    harness.get_by_label("Operator: 陈静");
    // Back to 测试员: the PIN is asked, a wrong one refused beside it.
    click(&mut harness, "Switch operator");
    fill(&mut harness, "Your name", "测试员");
    assert!(
        harness
            .get_by_label("Switch")
            .accesskit_node()
            .is_disabled()
    );
    fill(&mut harness, "PIN", "1357");
    click(&mut harness, "Switch");
    harness.get_by_label("Wrong PIN");
    harness.get_by_label("Operator: 陈静");
    fill(&mut harness, "PIN", "2468");
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("Operator: 测试员");
    // Removed (Settings is still shown), it is asked no more.
    click(&mut harness, "Remove my PIN");
    assert_eq!(
        harness.state().store().operator_pin("测试员").unwrap(),
        None
    );
}

#[test]
fn ctrl_and_a_digit_go_to_each_screen_in_the_order_of_the_side_bar() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    press(&mut harness, Key::Num9);
    harness.get_by_label("Company name (printed on forms)");
    press(&mut harness, Key::Num6);
    harness.get_by_label("Register machines received");
    press(&mut harness, Key::Num1);
    harness.get_by_label("Today's work");
    // Leaving a form with typing in it asks first, as a click on the side bar does.
    press(&mut harness, Key::Num2);
    press(&mut harness, Key::N);
    fill(&mut harness, "Customer name", "王小明");
    press(&mut harness, Key::Num3);
    harness.get_by_label("Unsaved changes");
    // While the question waits, another digit does nothing.
    press(&mut harness, Key::Num1);
    assert!(harness.query_by_label("Today's work").is_none());
    click(&mut harness, "Keep editing");
    harness.get_by_label("New warranty card");
}
