//! The complaint acceptance form driven as a clerk would, then checked in the database.

mod common;

use aftersales::domain::complaint::{Channel, ComplaintType, MediaRisk, ReceivingUnit, Urgency};
use aftersales::domain::warranty_card::WarrantyCardDraft;
use aftersales::store::Store;
use aftersales::store::complaint::ComplaintQuery;
use common::{SaveDialog, choose, click, fill, harness, now, pdf_text, store_in};
use egui_kittest::kittest::{NodeT, Queryable};

/// A store with one card, WC-2026-000001, issued to 张三 for a JSQ20-A1.
fn store_with_a_card() -> Store {
    let mut store = store_in("en");
    let card = WarrantyCardDraft {
        issue_date: "2026-03-02".into(),
        issuing_dealer: "南昌洪城经销部".into(),
        customer_name: "张三".into(),
        customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
        customer_phone: "0791-88881234".into(),
        product_category: "燃气热水器".into(),
        product_model: "JSQ20-A1".into(),
        serial_no: "JSQ2026030001".into(),
        purchase_date: "2026-03-01".into(),
        purchase_area: "江西南昌".into(),
        installation_date: String::new(),
        invoice_no: String::new(),
        warranty_months: "24".into(),
        feedback_returned: true,
    }
    .parse(now().date())
    .unwrap();
    store.insert_card(&card, "WC", now()).unwrap();
    store
}

#[test]
fn typing_a_registration_number_fills_customer_and_product_and_shows_the_warranty() {
    let mut harness = harness(store_with_a_card(), &SaveDialog::default());
    click(&mut harness, "Complaints");
    click(&mut harness, "New complaint");
    fill(&mut harness, "Warranty card no.", "wc-2026-000001");
    harness.get_by_label_contains("Card found: 张三, JSQ20-A1. Warranty: Valid");
    assert_eq!(
        harness.get_by_label("Customer name").value().as_deref(),
        Some("张三")
    );
    assert_eq!(
        harness.get_by_label("Serial no.").value().as_deref(),
        Some("JSQ2026030001")
    );

    fill(&mut harness, "Receiving unit", "总部客服中心");
    fill(&mut harness, "Received by", "刘敏");
    fill(&mut harness, "Description", "热水器点火后熄火，已三次。");
    choose(&mut harness, "Channel", "Fax");
    choose(&mut harness, "Received at (dealer or HQ)", "Headquarters");
    choose(&mut harness, "Complaint type", "Installation quality");
    choose(&mut harness, "Customer asks for", "Replacement");
    choose(&mut harness, "Urgency", "Urgent");
    choose(
        &mut harness,
        "Media-exposure risk",
        "Customer threatens media",
    );
    click(&mut harness, "Save");

    let store = harness.state().store();
    let stored = store
        .complaint_by_number("CC-2026-11-0001")
        .expect("saved under the month's first number");
    let complaint = &stored.complaint;
    assert_eq!(complaint.received_at, now(), "received defaults to now");
    assert_eq!(
        complaint.warranty_registration_no.as_deref(),
        Some("WC-2026-000001")
    );
    assert_eq!(complaint.customer_name, "张三");
    assert_eq!(complaint.customer_phone, "0791-88881234");
    assert_eq!(
        complaint.customer_address,
        "江西省南昌市东湖区八一大道 88 号"
    );
    assert_eq!(complaint.product_model, "JSQ20-A1");
    assert_eq!(
        complaint.purchase_date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-01")
    );
    assert_eq!(complaint.receiving_unit_name, "总部客服中心");
    assert_eq!(complaint.received_by, "刘敏");
    assert_eq!(complaint.description, "热水器点火后熄火，已三次。");
    assert_eq!(complaint.channel, Channel::Fax);
    assert_eq!(complaint.receiving_unit, ReceivingUnit::Headquarters);
    assert_eq!(complaint.complaint_type, ComplaintType::InstallationQuality);
    assert_eq!(complaint.urgency, Urgency::Urgent);
    assert_eq!(complaint.media_risk, MediaRisk::Threatened);
    harness.get_by_label("Complaint CC-2026-11-0001");
}

#[test]
fn without_a_card_the_customer_is_entered_by_hand() {
    let mut harness = harness(store_with_a_card(), &SaveDialog::default());
    click(&mut harness, "Complaints");
    click(&mut harness, "New complaint");
    fill(&mut harness, "Warranty card no.", "WC-2026-999999");
    harness.get_by_label_contains("No card with this number");
    fill(&mut harness, "Receiving unit", "九江城东专卖店");
    fill(&mut harness, "Received by", "陈静");
    fill(&mut harness, "Customer name", "Maria Garcia");
    fill(&mut harness, "Phone", "+34 612 345 678");
    fill(&mut harness, "Description", "The unit leaks.");
    click(&mut harness, "Save");
    let store = harness.state().store();
    let ids = store.complaint_ids(&ComplaintQuery::default()).unwrap();
    let complaint = store.complaint_by_id(ids[0]).unwrap().complaint;
    assert_eq!(complaint.customer_name, "Maria Garcia");
    assert_eq!(complaint.customer_phone, "+34612345678");
    assert_eq!(
        complaint.warranty_registration_no.as_deref(),
        Some("WC-2026-999999"),
        "kept as typed"
    );
}

#[test]
fn a_received_time_in_the_future_blocks_saving_with_a_message() {
    let mut harness = harness(store_with_a_card(), &SaveDialog::default());
    click(&mut harness, "Complaints");
    click(&mut harness, "New complaint");
    fill(&mut harness, "Received (date and time)", "2026-11-24 08:00");
    harness.get_by_label("This date is in the future");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
}

#[test]
fn a_card_number_too_long_is_refused_beside_its_field_and_nothing_is_saved() {
    let mut harness = harness(store_with_a_card(), &SaveDialog::default());
    click(&mut harness, "Complaints");
    click(&mut harness, "New complaint");
    fill(&mut harness, "Receiving unit", "九江城东专卖店");
    fill(&mut harness, "Received by", "陈静");
    fill(&mut harness, "Customer name", "王五");
    fill(&mut harness, "Phone", "13912345678");
    fill(&mut harness, "Description", "漏水");
    fill(&mut harness, "Warranty card no.", &"W".repeat(201));
    harness.get_by_label("Too long");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    let store = harness.state().store();
    assert_eq!(store.complaint_count().unwrap(), 0);
}

#[test]
fn the_complaints_list_filters_by_type_and_searches_descriptions() {
    // Five complaints: two about service attitude, one of which says 态度很差; a product
    // quality complaint says it too.
    let mut store = store_in("en");
    for (name, complaint_type, description) in [
        (
            "张一",
            ComplaintType::ServiceAttitude,
            "师傅态度很差，不耐烦。",
        ),
        ("张二", ComplaintType::ServiceAttitude, "上门迟到两小时。"),
        (
            "张三",
            ComplaintType::ProductQuality,
            "热水器漏水，客服态度很差。",
        ),
        ("张四", ComplaintType::ProductQuality, "点火后熄火。"),
        ("张五", ComplaintType::InstallationQuality, "安装位置不对。"),
    ] {
        let mut complaint = common::complaint_from(
            now(),
            ReceivingUnit::Headquarters,
            name,
            "13800138000",
            "江西省南昌市东湖区八一大道 88 号",
        );
        complaint.complaint_type = complaint_type;
        complaint.description = description.into();
        store.insert_complaint(&complaint, "CC", now()).unwrap();
    }
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "Complaints");
    harness.get_by_label_contains("5 of 5 complaints");
    choose(&mut harness, "Type", "Service attitude");
    harness.get_by_label_contains("2 of 5 complaints");
    assert!(harness.query_by_label("张一").is_some() && harness.query_by_label("张二").is_some());
    assert!(harness.query_by_label("张三").is_none(), "another type");
    fill(&mut harness, "Search", "态度很差");
    harness.get_by_label_contains("1 of 5 complaints");
    assert!(harness.query_by_label("张一").is_some());
    assert!(harness.query_by_label("张二").is_none(), "does not say it");
    assert!(
        harness.query_by_label("张三").is_none(),
        "says it, but another type"
    );
}

#[test]
fn export_pdf_writes_the_complaint_where_the_clerk_chose() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("complaint.pdf");
    let dialog = SaveDialog::default();
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut harness = harness(store_with_a_card(), &dialog);
    click(&mut harness, "Complaints");
    click(&mut harness, "New complaint");
    fill(&mut harness, "Warranty card no.", "WC-2026-000001");
    fill(&mut harness, "Receiving unit", "总部客服中心");
    fill(&mut harness, "Received by", "刘敏");
    fill(&mut harness, "Description", "漏水");
    click(&mut harness, "Save");
    click(&mut harness, "Export PDF…");
    assert_eq!(
        dialog.suggested.lock().unwrap().as_slice(),
        ["CC-2026-11-0001.pdf"]
    );
    let (text, _) = pdf_text(&common::read(&out));
    assert!(
        text.contains("CC-2026-11-0001") && text.contains("张三") && text.contains("漏水"),
        "{text}"
    );
}

#[test]
fn an_unsaved_complaint_survives_a_restart_as_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drafts.db");
    {
        let store = Store::open(&path).unwrap();
        store.set_setting("language", "en").unwrap();
        let mut harness = harness(store, &SaveDialog::default());
        click(&mut harness, "Complaints");
        click(&mut harness, "New complaint");
        fill(&mut harness, "Description", "用户来电：热水器漏水");
    }
    let harness = harness(Store::open(&path).unwrap(), &SaveDialog::default());
    assert_eq!(
        harness.get_by_label("Description").value().as_deref(),
        Some("用户来电：热水器漏水")
    );
}

#[test]
fn a_character_no_font_has_is_named_beside_its_field_and_the_record_keeps_it() {
    // U+3FFFD is assigned to nothing: no font anywhere draws it, as no font on a desk
    // without HanaMinB draws 𡈼.
    let name = "王\u{3FFFD}";
    let mut harness = harness(store_with_a_card(), &SaveDialog::default());
    // The window draws it as an empty box, as it must: the test harness would stop at it.
    harness
        .ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    click(&mut harness, "Complaints");
    click(&mut harness, "New complaint");
    fill(&mut harness, "Customer name", "王五");
    assert!(
        harness
            .query_by_label_contains("no font on this computer has")
            .is_none(),
        "nothing to say of a name every font draws"
    );
    fill(&mut harness, "Customer name", name);
    harness.get_by_label(
        "no font on this computer has \u{3FFFD} (U+3FFFD): it prints as an empty box",
    );
    // Said, not refused: the record keeps what the clerk typed.
    fill(&mut harness, "Receiving unit", "总部客服中心");
    fill(&mut harness, "Received by", "刘敏");
    fill(&mut harness, "Phone", "13800138000");
    fill(&mut harness, "Description", "热水器点火后熄火。");
    click(&mut harness, "Save");
    let stored = harness
        .state()
        .store()
        .complaint_by_number("CC-2026-11-0001")
        .expect("saved");
    assert_eq!(stored.complaint.customer_name, name);
}
