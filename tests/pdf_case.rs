//! The investigation report, the service confirmation and the case packet, read back.

mod common;

use aftersales::domain::company::CompanyProfile;
use aftersales::domain::complaint::{ComplaintDraft, ReceivingUnit};
use aftersales::domain::confirmation::{
    BorneBy, Confirmation, Cost, Part, Rating, ServiceCategory, ThreeGuarantees,
};
use aftersales::domain::investigation::{
    Document, Investigation, Photo, ResponsibleParty, Treatment,
};
use aftersales::domain::money::Fen;
use aftersales::domain::three_guarantees::{DepreciationRates, Remedy};
use aftersales::pdf::confirmation::ConfirmationPaper;
use aftersales::pdf::investigation::ReportPaper;
use aftersales::store::Store;
use chrono::{Duration, NaiveDate};
use common::{all_fonts_embedded, image_count, letterhead, now, pdf_text};

/// A case with a complaint, a report with one photo, and a confirmation with two parts.
fn case() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let received = now() - Duration::days(3);
    let complaint = ComplaintDraft {
        receiving_unit_name: "总部客服中心".into(),
        received_by: "刘敏".into(),
        customer_name: "张三".into(),
        customer_phone: "13800138000".into(),
        product_model: "JSQ20-A1".into(),
        description: "热水器点火后熄火。".into(),
        ..ComplaintDraft::new_complaint(received, ReceivingUnit::Headquarters, "", "")
    }
    .parse(now())
    .unwrap();
    let complaint = store.insert_complaint(&complaint, "CC", received).unwrap();
    let report = Investigation {
        investigators: "王磊、孙涛".into(),
        arrived_at: received + Duration::hours(20),
        findings: "比例阀动作异常，故障复现。".into(),
        documents_checked: vec![Document::AcceptanceCertificate, Document::Photos],
        cause: "比例阀质量缺陷".into(),
        quality_problem: true,
        responsible_party: ResponsibleParty::Company,
        proposed_treatment: Treatment::Replace,
        estimated_cost: Fen(35_000),
        customer_opinion: "同意更换".into(),
    };
    let stored = store
        .save_investigation(complaint.id, &report, None, received + Duration::hours(21))
        .unwrap();
    store
        .add_photo(stored.id, &png_photo(), received + Duration::hours(21))
        .unwrap();
    let confirmation = Confirmation {
        treatment: Treatment::Replace,
        work_done: "更换比例阀，试机正常。".into(),
        parts: vec![
            Part {
                name: "比例阀".into(),
                quantity: 1,
                unit_cost: Fen(12_000),
                old_part_returned: true,
            },
            Part {
                name: "点火针".into(),
                quantity: 2,
                unit_cost: Fen(1_550),
                old_part_returned: false,
            },
        ],
        service_category: ServiceCategory::FreeInWarranty,
        costs: [
            Cost {
                amount: Fen(8_000),
                borne_by: BorneBy::Company,
            },
            Cost {
                amount: Fen(15_100),
                borne_by: BorneBy::Company,
            },
            Cost {
                amount: Fen(3_000),
                borne_by: BorneBy::Dealer,
            },
            Cost {
                amount: Fen(0),
                borne_by: BorneBy::Company,
            },
        ],
        three_guarantees: Some(ThreeGuarantees {
            remedy: Remedy::Exchange,
            price: Fen(200_000),
            sale_date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            counterfeit_or_unmarked: false,
        }),
        ratings: [
            Rating::VerySatisfied,
            Rating::Satisfied,
            Rating::Satisfied,
            Rating::Fair,
        ],
        comments: "师傅很专业".into(),
        completed_at: received + Duration::days(2),
    };
    store
        .save_confirmation(
            complaint.id,
            &confirmation,
            None,
            received + Duration::days(2),
        )
        .unwrap();
    (store, complaint.id)
}

fn png_photo() -> Photo {
    let image =
        image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 128]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    Photo {
        file_name: "现场照片.png".into(),
        mime: "image/png",
        bytes,
        document: aftersales::domain::investigation::PhotoDocument::Scene,
    }
}

#[test]
fn an_investigation_report_prints_its_findings_checklist_and_photo() {
    let (store, complaint_id) = case();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let report = store.investigation_of(complaint_id).unwrap().unwrap();
    let photos = store.photos_of(report.id).unwrap();
    let paper = ReportPaper {
        report: &report,
        complaint: &complaint,
        photos: &photos,
    };
    let bytes =
        aftersales::pdf::investigation::filled(&paper, &CompanyProfile::named("白沙企业")).unwrap();
    let (text, pages) = pdf_text(&bytes);
    for expected in [
        "IR-2026-11-0001",
        "CC-2026-11-0001",
        "张三",
        "比例阀动作异常",
        "■ 产品验收合格证",
        "□ 送货单",
        "是 Yes",
        "公司 Company",
        "350.00",
        "现场照片.png",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    assert_eq!(image_count(&bytes), 1, "the photo is embedded");
    assert!(all_fonts_embedded(&bytes));
}

#[test]
fn a_confirmation_prints_parts_costs_settlement_and_ratings() {
    let (store, complaint_id) = case();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let confirmation = store.confirmation_of(complaint_id).unwrap().unwrap();
    let paper = ConfirmationPaper {
        confirmation: &confirmation,
        complaint: &complaint,
        rates: DepreciationRates::default(),
    };
    let bytes = aftersales::pdf::confirmation::filled(&paper, &CompanyProfile::default()).unwrap();
    let (text, _) = pdf_text(&bytes);
    for expected in [
        "SC-2026-11-0001",
        "比例阀",
        "点火针",
        "31.00",  // 2 × 15.50
        "151.00", // parts cost
        "261.00", // total of the costs
        "■ 非常满意 Very satisfied",
        "经销商 Dealer",
        "2000.00",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // Sold 1 November, completed 22 November: 21 days × 0.3 % × 2000 yuan = 126 yuan.
    assert!(
        text.contains("126.00") && text.contains("1874.00"),
        "{text}"
    );
}

#[test]
fn the_case_packet_holds_all_three_forms_each_numbered_on_its_pages() {
    let (store, complaint_id) = case();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let bytes = aftersales::cli::case_packet(&store, &complaint).unwrap();
    let (text, pages) = pdf_text(&bytes);
    assert!(pages >= 3, "{pages}");
    for expected in [
        "客户投诉受理表",
        "客户投诉调查报告",
        "售后服务处理确认单",
        "CC-2026-11-0001",
        "IR-2026-11-0001",
        "SC-2026-11-0001",
    ] {
        assert!(text.contains(expected), "{expected:?} missing");
    }
    assert_eq!(image_count(&bytes), 1);
    assert!(all_fonts_embedded(&bytes));
}

#[test]
fn the_letterhead_heads_every_form_of_the_packet_with_one_embedded_logo_and_no_extra_pages() {
    let (store, complaint_id) = case();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let report = store.investigation_of(complaint_id).unwrap().unwrap();
    let photos = store.photos_of(report.id).unwrap();
    let confirmation = store.confirmation_of(complaint_id).unwrap().unwrap();
    let report = ReportPaper {
        report: &report,
        complaint: &complaint,
        photos: &photos,
    };
    let confirmation = ConfirmationPaper {
        confirmation: &confirmation,
        complaint: &complaint,
        rates: DepreciationRates::default(),
    };
    let full = letterhead();
    let plain = CompanyProfile::named(&full.name);
    use aftersales::pdf::{
        case, complaint as complaint_pdf, confirmation as c, investigation as i,
    };
    let pairs: Vec<(&str, Vec<u8>, Vec<u8>)> = vec![
        (
            "complaint",
            complaint_pdf::filled(&complaint, &plain).unwrap(),
            complaint_pdf::filled(&complaint, &full).unwrap(),
        ),
        (
            "blank complaint",
            complaint_pdf::blank(&plain).unwrap(),
            complaint_pdf::blank(&full).unwrap(),
        ),
        (
            "investigation",
            i::filled(&report, &plain).unwrap(),
            i::filled(&report, &full).unwrap(),
        ),
        (
            "blank investigation",
            i::blank(&plain).unwrap(),
            i::blank(&full).unwrap(),
        ),
        (
            "confirmation",
            c::filled(&confirmation, &plain).unwrap(),
            c::filled(&confirmation, &full).unwrap(),
        ),
        (
            "blank confirmation",
            c::blank(&plain).unwrap(),
            c::blank(&full).unwrap(),
        ),
        (
            "packet",
            case::packet(&complaint, Some(&report), Some(&confirmation), &plain).unwrap(),
            case::packet(&complaint, Some(&report), Some(&confirmation), &full).unwrap(),
        ),
    ];
    for (form, without, with) in pairs {
        let (text, pages) = pdf_text(&with);
        assert_eq!(
            pages,
            pdf_text(&without).1,
            "{form}: the letterhead adds no page"
        );
        // The full letterhead heads each form's first page; the name is on every page.
        let forms = text.matches("Page 1 of").count();
        assert!(
            text.matches("白沙企业售后服务中心").count() >= pages,
            "{form}: the name is not on every page:\n{text}"
        );
        for expected in [
            "江西省南昌市青山湖区高新大道",
            "400-888-1234",
            "0791-88881235",
        ] {
            assert_eq!(
                text.matches(expected).count(),
                forms,
                "{form}: {expected:?} once per form:\n{text}"
            );
        }
        // The logo is embedded once, however many pages and forms print it.
        assert_eq!(
            image_count(&with),
            image_count(&without) + 1,
            "{form}: one logo image"
        );
    }
}

#[test]
fn blank_investigation_and_confirmation_forms_have_their_boxes() {
    let (text, _) =
        pdf_text(&aftersales::pdf::investigation::blank(&CompanyProfile::default()).unwrap());
    assert!(
        text.contains("□ 照片 Photos") && text.contains("调查人员"),
        "{text}"
    );
    let (text, pages) =
        pdf_text(&aftersales::pdf::confirmation::blank(&CompanyProfile::default()).unwrap());
    assert!(
        text.contains("□ 不满意 Dissatisfied") && text.contains("配件名称"),
        "{text}"
    );
    assert!(pages <= 2, "{pages} pages");
}

#[test]
fn a_long_parts_list_continues_on_further_pages_with_its_heading_repeated() {
    let (mut store, complaint_id) = case();
    let stored = store.confirmation_of(complaint_id).unwrap().unwrap();
    let mut confirmation = stored.confirmation;
    confirmation.parts = (1..=120)
        .map(|n| Part {
            name: format!("配件{n:03}"),
            quantity: 1,
            unit_cost: Fen(100),
            old_part_returned: false,
        })
        .collect();
    confirmation.costs[1].amount = Fen(12_000);
    store
        .save_confirmation(complaint_id, &confirmation, Some(stored.revision), now())
        .unwrap();
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let stored = store.confirmation_of(complaint_id).unwrap().unwrap();
    let paper = ConfirmationPaper {
        confirmation: &stored,
        complaint: &complaint,
        rates: DepreciationRates::default(),
    };
    let (text, pages) = pdf_text(
        &aftersales::pdf::confirmation::filled(&paper, &CompanyProfile::default()).unwrap(),
    );
    assert!(pages >= 3, "{pages} pages");
    assert!(
        text.contains("配件001") && text.contains("配件120"),
        "first and last parts printed"
    );
    assert!(
        text.matches("Old part returned").count() >= 2,
        "the table heading repeats on the next page"
    );
    assert!(text.contains(&format!("Page {pages} of {pages}")));
}
