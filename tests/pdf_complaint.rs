//! The complaint acceptance form on paper, read back.

mod common;

use aftersales::domain::company::CompanyProfile;
use aftersales::domain::complaint::{ComplaintDraft, ReceivingUnit};
use aftersales::pdf::complaint::{blank, filled};
use aftersales::store::Store;
use aftersales::store::complaint::StoredComplaint;
use common::{all_fonts_embedded, now, pdf_text};

fn stored(description: &str) -> StoredComplaint {
    let mut store = Store::open_in_memory().unwrap();
    let complaint = ComplaintDraft {
        receiving_unit_name: "总部客服中心".into(),
        received_by: "刘敏".into(),
        warranty_registration_no: "WC-2026-000001".into(),
        customer_name: "张三".into(),
        customer_phone: "0791-88881234".into(),
        customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
        product_model: "JSQ20-A1".into(),
        description: description.into(),
        ..ComplaintDraft::new_complaint(now(), ReceivingUnit::Headquarters, "", "")
    }
    .parse(now())
    .unwrap();
    store.insert_complaint(&complaint, "CC", now()).unwrap()
}

#[test]
fn a_filled_complaint_reads_back_with_number_customer_choices_and_description() {
    let bytes = filled(
        &stored("热水器点火后熄火，已三次。"),
        &CompanyProfile::named("白沙企业"),
    )
    .unwrap();
    let (text, pages) = pdf_text(&bytes);
    assert_eq!(pages, 1);
    for expected in [
        "CC-2026-11-0001",
        "客户投诉受理表",
        "Customer complaint acceptance form",
        "张三",
        "WC-2026-000001",
        "2026-11-23 09:30",
        "总部 Headquarters",
        "产品质量 Product quality",
        "热水器点火后熄火，已三次。",
        "白沙企业",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(all_fonts_embedded(&bytes));
}

#[test]
fn a_twenty_thousand_character_description_paginates_with_its_last_words_present() {
    let mut description = String::new();
    while description.chars().count() < 19_990 {
        description.push_str("用户反映热水器在冬季使用时多次熄火，");
    }
    let description: String =
        description.chars().take(19_990).collect::<String>() + "最后一句话在这里";
    assert_eq!(description.chars().count(), 19_998);
    let bytes = filled(&stored(&description), &CompanyProfile::default()).unwrap();
    let (text, pages) = pdf_text(&bytes);
    assert!(pages > 5, "{pages} pages");
    assert!(
        text.contains("最后一句话在这里"),
        "the end of the description is printed"
    );
    common::assert_every_page(
        "long complaint",
        &bytes,
        &[common::Printed {
            title: "客户投诉受理表",
            number: "CC-2026-11-0001",
        }],
    );
    assert!(
        text.contains("Customer signature"),
        "signatures follow the description"
    );
}

#[test]
fn a_blank_complaint_form_has_tick_boxes_and_keeps_the_description_box_whole() {
    let bytes = blank(&CompanyProfile::default()).unwrap();
    let (text, pages) = pdf_text(&bytes);
    assert_eq!(pages, 2);
    for expected in [
        "□ 电话 Phone",
        "□ 总部 Headquarters",
        "□ 运输损坏（非质量） Transport damage (non-quality)",
        "用户签名",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(
        !text.contains("(continued)"),
        "no box is split across pages:\n{text}"
    );
    assert!(!text.contains("CC-"), "a blank form has no number");
}

#[test]
fn an_exported_form_carries_its_title_number_and_dates_as_document_metadata() {
    let bytes = filled(&stored("漏水"), &CompanyProfile::default()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let info_ref = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_ref).unwrap();
    let text = |key: &[u8]| {
        let object = info
            .get(key)
            .unwrap_or_else(|_| panic!("{} missing", String::from_utf8_lossy(key)));
        lopdf::decode_text_string(object).unwrap_or_default()
    };
    assert!(
        text(b"Title").contains("CC-2026-11-0001"),
        "{}",
        text(b"Title")
    );
    assert_eq!(text(b"Subject"), "CC-2026-11-0001");
    assert!(info.has(b"CreationDate"));
}
