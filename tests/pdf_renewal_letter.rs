//! The renewal notice letter on paper, read back: text in both languages, the embedded subset
//! font, one page, legibility and the document's metadata.

mod common;

use aftersales::domain::company::CompanyProfile;
use aftersales::domain::contract::MaintenanceContractDraft;
use aftersales::pdf::renewal_letter::filled;
use aftersales::store::Store;
use aftersales::store::contract::StoredContract;
use common::{all_fonts_embedded, letterhead, now, pdf_text};

fn stored_contract(terms: &str) -> StoredContract {
    let mut store = Store::open_in_memory().unwrap();
    let contract = MaintenanceContractDraft {
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
        terms: terms.into(),
    }
    .parse()
    .unwrap();
    store.insert_contract(&contract, None, now()).unwrap()
}

/// Terms as long as usual: three lines of the box.
const TERMS: &str = "每年上门保养两次（清洗、检查、调试），人工费全免，更换配件按八折收费；报修后 24 小时内上门。\
    Two maintenance visits a year; labour free, parts at 80% of list price; on site within 48 hours of a call.";

#[test]
fn the_letter_reads_back_in_chinese_then_english_on_one_page_with_the_contract_and_its_end() {
    // With the whole letterhead (logo, address, phone, fax) it still fits on one page.
    let bytes = filled(&stored_contract(TERMS), &letterhead(), now().date()).unwrap();
    let (text, pages) = pdf_text(&bytes);
    assert_eq!(pages, 1);
    for expected in [
        "白沙企业售后服务中心",
        "维修保养合同续约通知书",
        "Maintenance contract renewal notice",
        "MC-2026-0001",
        "2026-11-23", // the letter's date
        "张三",
        "江西省南昌市东湖区八一大道",
        "尊敬的张三",
        "Dear 张三",
        "将于 2026-12-20 到期",
        "ends on 2026-12-20",
        "KF-260/B",
        "1200.00",
        "每年上门保养两次",
        "南昌城东售后服务站",
        "0791-86661234",
        "同意续约",
        "I wish to renew",
        "单位盖章",
        "Page 1 of 1",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let chinese = text.find("尊敬的张三").unwrap();
    let english = text.find("Dear 张三").unwrap();
    assert!(chinese < english, "Chinese first");
}

#[test]
fn the_letter_embeds_its_font_as_a_small_subset() {
    let bytes = filled(
        &stored_contract(TERMS),
        &CompanyProfile::default(),
        now().date(),
    )
    .unwrap();
    assert!(all_fonts_embedded(&bytes));
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
}

#[test]
fn long_terms_continue_on_a_second_page_numbered_on_every_page() {
    let terms = "第一条 保养范围：整机清洗、管路检查、易损件更换。".repeat(120) + "最后一条";
    let bytes = filled(
        &stored_contract(&terms),
        &CompanyProfile::default(),
        now().date(),
    )
    .unwrap();
    let (text, pages) = pdf_text(&bytes);
    assert!(pages >= 2, "{pages} pages");
    assert!(text.contains("最后一条"), "nothing is cut off");
    common::assert_every_page(
        "long letter",
        &bytes,
        &[common::Printed {
            title: "维修保养合同续约通知书",
            number: "MC-2026-0001",
        }],
    );
}

#[test]
fn no_text_on_the_letter_is_smaller_than_nine_points_or_anything_but_black() {
    let bytes = filled(
        &stored_contract(TERMS),
        &CompanyProfile::default(),
        now().date(),
    )
    .unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    for page in doc.get_pages().values() {
        let content = doc.get_and_decode_page_content(*page).unwrap();
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => assert!(op.operands[1].as_float().unwrap() >= 9.0),
                "rg" | "RG" | "g" | "G" => {
                    let values: Vec<f32> =
                        op.operands.iter().map(|o| o.as_float().unwrap()).collect();
                    assert!(values.iter().all(|&v| v == 0.0), "{values:?}");
                }
                _ => {}
            }
        }
    }
}

#[test]
fn the_letter_carries_its_title_and_contract_number_as_document_metadata() {
    let bytes = filled(
        &stored_contract(TERMS),
        &CompanyProfile::default(),
        now().date(),
    )
    .unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let info_ref = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_ref).unwrap();
    let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap_or_default();
    assert!(
        text(b"Title").contains("MC-2026-0001"),
        "{}",
        text(b"Title")
    );
    assert!(
        text(b"Title").contains("renewal notice"),
        "{}",
        text(b"Title")
    );
    assert_eq!(text(b"Subject"), "MC-2026-0001");
    assert!(info.has(b"CreationDate"));
}
