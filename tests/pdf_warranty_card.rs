//! The warranty card on paper, read back: text, embedded subset font, pages, size, legibility.

mod common;

use aftersales::domain::warranty_card::WarrantyCardDraft;
use aftersales::pdf::warranty_card::{CardPaper, blank, filled};
use aftersales::store::Store;
use common::{all_fonts_embedded, image_count, letterhead, now, pdf_text};

fn stored_card(address: &str) -> aftersales::store::warranty_card::StoredCard {
    let mut store = Store::open_in_memory().unwrap();
    let card = WarrantyCardDraft {
        issue_date: "2026-03-02".into(),
        issuing_dealer: "南昌洪城经销部".into(),
        customer_name: "张三".into(),
        customer_address: address.into(),
        customer_phone: "13800138000".into(),
        product_category: "燃气热水器".into(),
        product_model: "JSQ20-A1".into(),
        serial_no: "JSQ2026030001".into(),
        purchase_date: "2026-03-01".into(),
        purchase_area: "江西南昌".into(),
        installation_date: "2026-03-05".into(),
        invoice_no: "00123456".into(),
        warranty_months: "24".into(),
        feedback_returned: true,
    }
    .parse(now().date())
    .unwrap();
    store.insert_card(&card, "WC", now()).unwrap()
}

fn paper() -> CardPaper {
    CardPaper {
        company: aftersales::domain::company::CompanyProfile::named("白沙企业售后服务中心"),
        feedback_grace_days: 30,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    }
}

#[test]
fn a_filled_card_reads_back_with_its_number_chinese_name_and_company() {
    let bytes = filled(&stored_card("江西省南昌市东湖区八一大道 88 号"), &paper()).unwrap();
    let (text, pages) = pdf_text(&bytes);
    assert_eq!(pages, 1);
    for expected in [
        "WC-2026-000001",
        "张三",
        "江西省南昌市东湖区八一大道",
        "白沙企业售后服务中心",
        "质量保证卡",
        "Warranty card",
        "2028-03-04", // warranty end: installation + 24 months - 1 day
        "Customer signature",
        "Page 1 of 1",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn the_letterhead_prints_address_phone_fax_and_the_logo_and_the_card_stays_one_page() {
    let card = stored_card("江西省南昌市东湖区八一大道 88 号");
    let with_letterhead = CardPaper {
        company: letterhead(),
        feedback_grace_days: 30,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    };
    let bytes = filled(&card, &with_letterhead).unwrap();
    let (text, pages) = pdf_text(&bytes);
    assert_eq!(pages, 1);
    for expected in [
        "白沙企业售后服务中心",
        "地址 Address: 江西省南昌市青山湖区高新大道 1 号",
        "电话 Tel.: 400-888-1234",
        "传真 Fax: 0791-88881235",
        "张三",
        "Page 1 of 1",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_eq!(image_count(&bytes), 1, "the logo is embedded");
    assert_eq!(image_count(&filled(&card, &paper()).unwrap()), 0);
    // Small: the logo is scaled down for print.
    assert!(bytes.len() < 120_000, "{} bytes", bytes.len());
    let (_, blank_pages) = pdf_text(&blank(&with_letterhead).unwrap());
    assert_eq!(blank_pages, pdf_text(&blank(&paper()).unwrap()).1);
}

#[test]
fn the_cjk_font_is_embedded_as_a_small_subset() {
    let bytes = filled(&stored_card("江西省南昌市"), &paper()).unwrap();
    assert!(all_fonts_embedded(&bytes));
    // The whole font is 5 MB; a subset of a few hundred glyphs is tens of KB.
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
}

#[test]
fn every_stream_of_a_filled_card_is_compressed_and_the_card_stays_under_40_kb() {
    let bytes = filled(&stored_card("江西省南昌市东湖区八一大道 88 号"), &paper()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut streams = 0;
    for object in doc.objects.values() {
        if let lopdf::Object::Stream(stream) = object {
            streams += 1;
            let filter = stream.dict.get(b"Filter").and_then(|f| f.as_name());
            assert_eq!(filter.ok(), Some(&b"FlateDecode"[..]), "{:?}", stream.dict);
        }
    }
    assert!(streams >= 2, "the page and the font: {streams}");
    assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
}

#[test]
fn a_blank_card_has_every_label_and_room_to_write() {
    let bytes = blank(&paper()).unwrap();
    let (text, pages) = pdf_text(&bytes);
    assert_eq!(pages, 1);
    for label in [
        "用户姓名",
        "Customer name",
        "机身编号",
        "Serial no.",
        "经销商盖章",
        "Dealer seal",
    ] {
        assert!(text.contains(label), "{label:?} missing from:\n{text}");
    }
    assert!(all_fonts_embedded(&bytes));
}

#[test]
fn a_very_long_address_continues_on_a_second_page_with_nothing_cut_off() {
    // The form refuses addresses this long, but paper must cope with whatever a record holds
    // (an import, an older version): 20,000 characters.
    let mut address = "江西省南昌市东湖区八一大道".repeat(1538);
    address.push_str("最后的门牌号");
    let mut stored = stored_card("江西省南昌市");
    stored.card.customer_address = address;
    let bytes = filled(&stored, &paper()).unwrap();
    let (text, pages) = pdf_text(&bytes);
    assert!(pages >= 2, "{pages} pages");
    assert!(
        text.contains("最后的门牌号"),
        "the end of the address is printed"
    );
    common::assert_every_page(
        "long card",
        &bytes,
        &[common::Printed {
            title: "质量保证卡",
            number: "WC-2026-000001",
        }],
    );
}

#[test]
fn no_text_on_the_card_is_smaller_than_nine_points() {
    let bytes = filled(&stored_card("江西省南昌市"), &paper()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut sizes = Vec::new();
    for page in doc.get_pages().values() {
        let content = doc.get_and_decode_page_content(*page).unwrap();
        for op in content.operations {
            if op.operator == "Tf" {
                sizes.push(op.operands[1].as_float().unwrap());
            }
        }
    }
    assert!(!sizes.is_empty());
    assert!(sizes.iter().all(|&s| s >= 9.0), "{sizes:?}");
}

#[test]
fn nothing_on_the_card_is_painted_grey_or_coloured() {
    let bytes = filled(&stored_card("江西省南昌市"), &paper()).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    for page in doc.get_pages().values() {
        let content = doc.get_and_decode_page_content(*page).unwrap();
        for op in content.operations {
            if matches!(op.operator.as_str(), "rg" | "RG" | "g" | "G" | "k" | "K") {
                let values: Vec<f32> = op.operands.iter().map(|o| o.as_float().unwrap()).collect();
                let black = match op.operator.as_str() {
                    "k" | "K" => values == [0.0, 0.0, 0.0, 1.0],
                    _ => values.iter().all(|&v| v == 0.0),
                };
                assert!(black, "{} {values:?}", op.operator);
            }
        }
    }
}

#[test]
fn the_warranty_status_on_the_day_printed_is_on_the_card_waived_when_no_feedback_came_back() {
    let store_card = |feedback_returned: bool| {
        let mut card = stored_card("江西省南昌市东湖区八一大道 88 号");
        card.card.feedback_returned = feedback_returned;
        card
    };
    let (waived, _) = pdf_text(&filled(&store_card(false), &paper()).unwrap());
    assert!(
        waived.contains("已放弃") && waived.contains("Waived (no feedback form) · 2026-11-23"),
        "{waived}"
    );
    let (valid, _) = pdf_text(&filled(&store_card(true), &paper()).unwrap());
    assert!(valid.contains("Valid · 2026-11-23"), "{valid}");
    assert!(!valid.contains("Waived"), "{valid}");
    // Printed a year after the warranty ended, the same card is expired.
    let later = CardPaper {
        today: chrono::NaiveDate::from_ymd_opt(2029, 1, 1).unwrap(),
        ..paper()
    };
    let (expired, _) = pdf_text(&filled(&store_card(true), &later).unwrap());
    assert!(expired.contains("Expired · 2029-01-01"), "{expired}");
}
