//! The customer file driven as a clerk would: customers filed from cards, edited once for all
//! their records, and reused for a new complaint instead of being typed again.

mod common;

use aftersales::domain::warranty_card::WarrantyCardDraft;
use aftersales::store::Store;
use aftersales::store::complaint::ComplaintQuery;
use common::{SaveDialog, click, fill, harness, now, store_in};
use egui_kittest::kittest::Queryable;

fn store_with_two_cards_of_one_customer() -> Store {
    let mut store = store_in("en");
    let card = WarrantyCardDraft {
        issue_date: "2026-03-02".into(),
        issuing_dealer: "南昌洪城经销部".into(),
        customer_name: "张三".into(),
        customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
        customer_phone: "0791-88881234".into(),
        product_model: "JSQ20-A1".into(),
        serial_no: "SN1".into(),
        purchase_date: "2026-03-01".into(),
        warranty_months: "24".into(),
        ..Default::default()
    }
    .parse(now().date())
    .unwrap();
    store.insert_card(&card, "WC", now()).unwrap();
    store
        .insert_card(
            &WarrantyCardDraft {
                serial_no: "SN2".into(),
                ..WarrantyCardDraft::from_card(&card)
            }
            .parse(now().date())
            .unwrap(),
            "WC",
            now(),
        )
        .unwrap();
    store
}

#[test]
fn a_customer_is_filed_once_and_shows_their_cards() {
    let mut harness = harness(
        store_with_two_cards_of_one_customer(),
        &SaveDialog::default(),
    );
    click(&mut harness, "Customers");
    harness.get_by_label_contains("1 of 1 customers");
    click(&mut harness, "张三");
    harness.get_by_label_contains("WC-2026-000001");
    harness.get_by_label_contains("WC-2026-000002");
    assert_eq!(
        harness.get_by_label("Province").value().as_deref(),
        Some("江西省")
    );
}

#[test]
fn editing_the_customer_updates_every_card_of_theirs() {
    let mut harness = harness(
        store_with_two_cards_of_one_customer(),
        &SaveDialog::default(),
    );
    click(&mut harness, "Customers");
    click(&mut harness, "张三");
    fill(&mut harness, "Phone", "138 0013 8000");
    click(&mut harness, "Save");
    let store = harness.state().store();
    for number in ["WC-2026-000001", "WC-2026-000002"] {
        assert_eq!(
            store
                .card_by_registration_no(number)
                .unwrap()
                .card
                .customer_phone,
            "13800138000"
        );
    }
}

#[test]
fn a_new_complaint_for_a_filed_customer_starts_filled_in() {
    let mut harness = harness(
        store_with_two_cards_of_one_customer(),
        &SaveDialog::default(),
    );
    click(&mut harness, "Customers");
    click(&mut harness, "张三");
    click(&mut harness, "New complaint for this customer");
    assert_eq!(
        harness.get_by_label("Customer name").value().as_deref(),
        Some("张三")
    );
    assert_eq!(
        harness.get_by_label("Phone").value().as_deref(),
        Some("0791-88881234")
    );
    fill(&mut harness, "Receiving unit", "南昌洪城经销部");
    fill(&mut harness, "Received by", "刘敏");
    fill(&mut harness, "Description", "漏水");
    click(&mut harness, "Save");
    let store = harness.state().store();
    let ids = store.complaint_ids(&ComplaintQuery::default()).unwrap();
    assert_eq!(ids.len(), 1);
    assert_eq!(
        store.customer_count().unwrap(),
        1,
        "the same customer, not a second record"
    );
    click(&mut harness, "Customers");
    click(&mut harness, "张三");
    harness.get_by_label_contains("CC-2026-11-0001  2026-11-23 09:30");
}

#[test]
fn back_up_now_writes_a_copy_where_the_clerk_chose() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("backup.db");
    let dialog = SaveDialog::default();
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut harness = harness(store_with_two_cards_of_one_customer(), &dialog);
    click(&mut harness, "Settings");
    click(&mut harness, "Back up now…");
    assert_eq!(
        dialog.suggested.lock().unwrap().as_slice(),
        ["aftersales-2026-11-23.db"]
    );
    let copy = Store::open(&out).unwrap();
    assert_eq!(copy.card_count().unwrap(), 2);
    harness.get_by_label_contains("Backup written to");
}
