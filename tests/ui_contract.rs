//! Maintenance contracts driven as a clerk would: recorded by typing into the form, shown on
//! the dashboard while their renewal notice is due, renewed, and printed as a letter.

mod common;

use aftersales::domain::contract::MaintenanceContractDraft;
use aftersales::domain::money::Fen;
use aftersales::store::Store;
use aftersales::store::audit::Operator;
use common::{SaveDialog, click, fill, harness, harness_as_is, pdf_text, read, store_in};
use egui_kittest::kittest::{NodeT, Queryable};

fn type_a_contract(harness: &mut egui_kittest::Harness<'_, aftersales::app::App>) {
    click(harness, "Maintenance contracts");
    click(harness, "New contract");
    fill(harness, "Customer name", "张三");
    fill(harness, "Phone", "138 0013 8000");
    fill(harness, "Address", "江西省南昌市东湖区八一大道 88 号");
    fill(harness, "Product model", "KF-260/B");
    fill(harness, "Serial no.", "KF2602401234");
    fill(harness, "Start date", "2026-12-01");
    fill(harness, "End date", "2027/11/30");
    fill(harness, "Annual fee (yuan)", "1,200");
    fill(harness, "Service unit", "南昌城东售后服务站");
    fill(harness, "Service phone", "0791-86661234");
    fill(harness, "Terms", "每年上门保养两次，人工免费，配件八折。");
}

/// A store in English with the operator set and a contract of 李四's ending in `days`.
fn store_with_a_contract_ending_in(days: i64) -> Store {
    let mut store = store_in("en");
    store
        .set_operator(&Operator {
            name: "测试员".into(),
            unit: "hq".into(),
        })
        .unwrap();
    let end = common::now().date() + chrono::Duration::days(days);
    let contract = MaintenanceContractDraft {
        customer_name: "李四".into(),
        customer_phone: "13912345678".into(),
        customer_address: "江西省九江市浔阳区".into(),
        product_model: "RO-600G".into(),
        annual_fee: "480".into(),
        service_unit: "九江城东专卖店".into(),
        terms: "每年上门保养一次。".into(),
        ..MaintenanceContractDraft::new_contract(end - chrono::Duration::days(364), "")
    }
    .parse()
    .unwrap();
    store
        .insert_contract(&contract, None, common::now())
        .unwrap();
    store
}

#[test]
fn a_clerk_records_a_contract_and_it_is_in_the_database() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    type_a_contract(&mut harness);
    click(&mut harness, "Save");

    let store = harness.state().store();
    assert_eq!(store.contract_count().unwrap(), 1);
    let stored = store.contract_by_number("MC-2026-0001").unwrap();
    let contract = &stored.contract;
    assert_eq!(contract.customer_name, "张三");
    assert_eq!(contract.customer_phone, "13800138000", "canonical form");
    assert_eq!(
        contract.customer_address,
        "江西省南昌市东湖区八一大道 88 号"
    );
    assert_eq!(contract.product_model, "KF-260/B");
    assert_eq!(contract.serial_no, "KF2602401234");
    assert_eq!(contract.start_date.to_string(), "2026-12-01");
    assert_eq!(contract.end_date.to_string(), "2027-11-30");
    assert_eq!(contract.annual_fee, Fen(120_000));
    assert_eq!(contract.service_unit, "南昌城东售后服务站");
    assert_eq!(contract.service_phone, "0791-86661234");
    assert_eq!(contract.terms, "每年上门保养两次，人工免费，配件八折。");
    // The form now shows the issued number and when the renewal notice falls due.
    harness.get_by_label("Maintenance contract MC-2026-0001");
    harness.get_by_label_contains("renewal notice due from 2027-10-30");
    // And the list has it.
    click(&mut harness, "← Back to list");
    harness.get_by_label_contains("1 of 1 contracts");
    harness.get_by_label("张三");
}

#[test]
fn ctrl_s_saves_the_contract() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    type_a_contract(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert_eq!(harness.state().store().contract_count().unwrap(), 1);
}

#[test]
fn an_end_date_before_the_start_is_explained_beside_the_field_and_blocks_saving() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    type_a_contract(&mut harness);
    fill(&mut harness, "End date", "2026-11-30");
    harness.get_by_label("The end date must be after the start date");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert_eq!(harness.state().store().contract_count().unwrap(), 0);

    fill(&mut harness, "End date", "2027-11-30");
    assert!(
        harness
            .query_by_label("The end date must be after the start date")
            .is_none()
    );
    click(&mut harness, "Save");
    assert_eq!(harness.state().store().contract_count().unwrap(), 1);
}

#[test]
fn leaving_a_contract_with_unsaved_typing_asks_first() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    type_a_contract(&mut harness);
    click(&mut harness, "Dashboard");
    harness.get_by_label("Unsaved changes");
    click(&mut harness, "Keep editing");
    harness.get_by_label("New maintenance contract");
}

#[test]
fn a_contract_ending_within_a_month_is_on_the_dashboard_and_opens_from_it() {
    let store = store_with_a_contract_ending_in(20);
    let mut harness = harness_as_is(store, &SaveDialog::default(), None);
    harness.get_by_label("Today's work");
    harness.get_by_label("Maintenance contracts ending within a month (1)");
    harness.get_by_label_contains("Contracts to renew: 1");
    harness.get_by_label_contains("ends 2026-12-13 · renewal notice from 2026-11-13");
    click(&mut harness, "MC-2025-0001");
    harness.get_by_label("Maintenance contract MC-2025-0001");
    harness.get_by_label_contains("Status: Renewal notice due");
    assert_eq!(
        harness.get_by_label("Customer name").value().as_deref(),
        Some("李四")
    );
}

#[test]
fn a_contract_ending_later_is_not_on_the_dashboard() {
    let store = store_with_a_contract_ending_in(45);
    let harness = harness_as_is(store, &SaveDialog::default(), None);
    harness.get_by_label("Maintenance contracts ending within a month (0)");
    harness.get_by_label_contains("Contracts to renew: 0");
    assert!(harness.query_by_label("MC-2026-0001").is_none());
}

#[test]
fn a_renewed_contract_leaves_the_dashboard() {
    let store = store_with_a_contract_ending_in(20);
    let mut harness = harness_as_is(store, &SaveDialog::default(), None);
    click(&mut harness, "MC-2025-0001");
    click(&mut harness, "Renew: new contract…");
    harness.get_by_label("New maintenance contract");
    assert_eq!(
        harness.get_by_label("Start date").value().as_deref(),
        Some("2026-12-14"),
        "the renewal starts the day after the old contract ends"
    );
    click(&mut harness, "Save");
    let store = harness.state().store();
    let renewal = store.contract_by_number("MC-2026-0001").unwrap();
    assert_eq!(renewal.contract.customer_name, "李四");
    assert_eq!(
        renewal.renews.map(|l| l.contract_no).as_deref(),
        Some("MC-2025-0001")
    );
    harness.get_by_label("MC-2025-0001"); // "Renews MC-2025-0001", a link back
    click(&mut harness, "Dashboard");
    harness.get_by_label("Maintenance contracts ending within a month (0)");
}

#[test]
fn the_renewal_letter_is_written_where_the_clerk_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("letter.pdf");
    let dialog = SaveDialog::default();
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut harness = harness(store_with_a_contract_ending_in(20), &dialog);
    click(&mut harness, "Maintenance contracts");
    click(&mut harness, "李四");
    click(&mut harness, "Renewal letter PDF…");
    assert_eq!(
        dialog.suggested.lock().unwrap().as_slice(),
        ["MC-2025-0001-renewal-notice.pdf"]
    );
    let (text, pages) = pdf_text(&read(&out));
    assert_eq!(pages, 1);
    assert!(
        text.contains("MC-2025-0001") && text.contains("李四"),
        "{text}"
    );
    assert!(text.contains("2026-12-13"), "the end date: {text}");
}

#[test]
fn the_customer_file_lists_the_customers_contracts_and_opens_them() {
    let store = store_with_a_contract_ending_in(20);
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "Customers");
    click(&mut harness, "李四");
    click(
        &mut harness,
        "MC-2025-0001  RO-600G  2025-12-14 – 2026-12-13",
    );
    harness.get_by_label("Maintenance contract MC-2025-0001");
}

#[test]
fn the_contracts_list_shows_one_status_or_those_ending_within_some_days() {
    // 李四's ends in 10 days (its notice due); 王五's ended 5 days ago; 赵六's in 200 days.
    let mut store = store_with_a_contract_ending_in(10);
    for (name, days) in [("王五", -5), ("赵六", 200)] {
        let end = common::now().date() + chrono::Duration::days(days);
        let contract = MaintenanceContractDraft {
            customer_name: name.into(),
            customer_phone: "13912345679".into(),
            customer_address: "江西省九江市浔阳区".into(),
            product_model: "RO-600G".into(),
            annual_fee: "480".into(),
            service_unit: "九江城东专卖店".into(),
            terms: "每年上门保养一次。".into(),
            ..MaintenanceContractDraft::new_contract(end - chrono::Duration::days(364), "")
        }
        .parse()
        .unwrap();
        store
            .insert_contract(&contract, None, common::now())
            .unwrap();
    }
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "Maintenance contracts");
    let shown = |harness: &egui_kittest::Harness<'_, aftersales::app::App>| -> Vec<&str> {
        ["李四", "王五", "赵六"]
            .into_iter()
            .filter(|name| harness.query_by_label(name).is_some())
            .collect()
    };
    assert_eq!(shown(&harness), ["李四", "王五", "赵六"]);
    for (choice, expected) in [
        ("Renewal notice due", vec!["李四"]),
        ("Ended", vec!["王五"]),
        ("In force", vec!["赵六"]),
        ("All", vec!["李四", "王五", "赵六"]),
    ] {
        common::choose(&mut harness, "Show", choice);
        assert_eq!(shown(&harness), expected, "{choice}");
    }
    // Those ending from today on, over the next year.
    let today = common::now().date();
    fill(&mut harness, "Ending from", &today.to_string());
    assert_eq!(shown(&harness), ["李四", "赵六"]);
    fill(
        &mut harness,
        "to",
        &(today + chrono::Duration::days(30)).to_string(),
    );
    assert_eq!(shown(&harness), ["李四"]);
}
