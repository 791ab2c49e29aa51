//! Every form on paper, filled and blank, and the case packet, checked page by page: A4, the
//! form's title and number, "Page i of n" within the form, and only embedded fonts. Each
//! filled form is long enough to need several pages, so a page that lost its header or footer
//! is caught.

mod common;

use aftersales::domain::company::CompanyProfile;
use aftersales::domain::confirmation::Part;
use aftersales::domain::contract::MaintenanceContractDraft;
use aftersales::domain::money::Fen;
use aftersales::domain::three_guarantees::DepreciationRates;
use aftersales::domain::warranty_card::WarrantyCardDraft;
use aftersales::pdf::confirmation::ConfirmationPaper;
use aftersales::pdf::investigation::ReportPaper;
use aftersales::pdf::warranty_card::CardPaper;
use aftersales::pdf::{
    case, complaint, confirmation, investigation, renewal_letter, warranty_card,
};
use common::{Printed, assert_every_page, case, letterhead, now, page_texts};

const CARD: &str = "质量保证卡";
const COMPLAINT: &str = "客户投诉受理表";
const REPORT: &str = "客户投诉调查报告";
const CONFIRMATION: &str = "售后服务处理确认单";
const LETTER: &str = "维修保养合同续约通知书";
const COVER: &str = "案卷封面";
/// Where a blank form's number is written by hand.
const NUMBER_LINE: &str = "____________________";

/// The case of `common::case`, made long: a twenty-page description, findings over several
/// pages and 120 parts.
fn long_case() -> (aftersales::store::Store, i64) {
    let (mut store, id) = case();
    let stored = store.complaint_by_id(id).unwrap();
    let mut complaint = stored.complaint.clone();
    complaint.description = "用户反映热水器在冬季使用时多次熄火，".repeat(400);
    store
        .update_complaint(id, &complaint, stored.revision, now())
        .unwrap();
    let report = store.investigation_of(id).unwrap().unwrap();
    let mut findings = report.investigation.clone();
    findings.findings = "比例阀动作异常，故障复现。".repeat(300);
    store
        .save_investigation(id, &findings, Some(report.revision), now())
        .unwrap();
    let stored = store.confirmation_of(id).unwrap().unwrap();
    let mut confirmation = stored.confirmation.clone();
    confirmation.parts = (1..=120)
        .map(|n| Part {
            name: format!("配件{n:03}"),
            quantity: 1,
            unit_cost: Fen(100),
            old_part_returned: false,
            ..Part::default()
        })
        .collect();
    confirmation.costs[1].amount = Fen(12_000);
    store
        .save_confirmation(id, &confirmation, Some(stored.revision), now())
        .unwrap();
    (store, id)
}

#[test]
fn every_page_of_every_filled_form_is_a4_numbered_and_in_embedded_fonts() {
    let (mut store, id) = long_case();
    let company = letterhead();
    let stored = store.complaint_by_id(id).unwrap();
    let report = store.investigation_of(id).unwrap().unwrap();
    let photos = store.photos_of(report.id).unwrap();
    let stored_confirmation = store.confirmation_of(id).unwrap().unwrap();
    let report_paper = ReportPaper {
        report: &report,
        complaint: &stored,
        photos: &photos,
    };
    let confirmation_paper = ConfirmationPaper {
        confirmation: &stored_confirmation,
        complaint: &stored,
        rates: DepreciationRates::default(),
    };
    let card = WarrantyCardDraft {
        issue_date: "2026-03-02".into(),
        issuing_dealer: "南昌洪城经销部".into(),
        customer_name: "张三".into(),
        customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
        customer_phone: "13800138000".into(),
        product_model: "JSQ20-A1".into(),
        serial_no: "JSQ2026030001".into(),
        purchase_date: "2026-03-01".into(),
        warranty_months: "24".into(),
        ..Default::default()
    }
    .parse(now().date())
    .unwrap();
    let mut card = store.insert_card(&card, "WC", now()).unwrap();
    // Paper copes with whatever a record holds, even an address no form would accept.
    card.card.customer_address = "江西省南昌市东湖区八一大道".repeat(1500);
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
        terms: "第一条 保养范围：整机清洗、管路检查、易损件更换。".repeat(120),
    }
    .parse()
    .unwrap();
    let contract = store.insert_contract(&contract, None, now()).unwrap();
    let card_paper = CardPaper {
        company: company.clone(),
        feedback_grace_days: 30,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    };

    let documents: Vec<(&str, aftersales::pdf::Rendered, Vec<Printed>)> = vec![
        (
            "warranty card",
            warranty_card::filled(&card, &card_paper).unwrap(),
            vec![Printed {
                title: CARD,
                number: "WC-2026-000001",
            }],
        ),
        (
            "complaint",
            complaint::filled(&stored, &company).unwrap(),
            vec![Printed {
                title: COMPLAINT,
                number: "CC-2026-11-0001",
            }],
        ),
        (
            "investigation report",
            investigation::filled(&report_paper, &company).unwrap(),
            vec![Printed {
                title: REPORT,
                number: "IR-2026-11-0001",
            }],
        ),
        (
            "confirmation",
            confirmation::filled(&confirmation_paper, &company).unwrap(),
            vec![Printed {
                title: CONFIRMATION,
                number: "SC-2026-11-0001",
            }],
        ),
        (
            "renewal letter",
            renewal_letter::filled(&contract, &company, now().date()).unwrap(),
            vec![Printed {
                title: LETTER,
                number: "MC-2026-0001",
            }],
        ),
        (
            "case packet",
            case::packet(
                &stored,
                &store.steps_of(id).unwrap(),
                Some(&report_paper),
                Some(&confirmation_paper),
                Default::default(),
                &company,
            )
            .unwrap(),
            vec![
                Printed {
                    title: COVER,
                    number: "CC-2026-11-0001",
                },
                Printed {
                    title: COMPLAINT,
                    number: "CC-2026-11-0001",
                },
                Printed {
                    title: REPORT,
                    number: "IR-2026-11-0001",
                },
                Printed {
                    title: CONFIRMATION,
                    number: "SC-2026-11-0001",
                },
            ],
        ),
    ];
    for (document, bytes, forms) in documents {
        let pages = page_texts(&bytes).len();
        assert!(
            pages >= 2 * forms.len(),
            "{document}: {pages} pages is too short to show anything page by page"
        );
        assert_every_page(document, &bytes, &forms);
    }
}

#[test]
fn every_page_of_every_blank_form_is_a4_with_its_number_line_and_embedded_fonts() {
    let plain = CompanyProfile::named("白沙企业售后服务中心");
    let card_paper = CardPaper {
        company: letterhead(),
        feedback_grace_days: 30,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    };
    let blanks = [
        (CARD, warranty_card::blank(&card_paper).unwrap()),
        (COMPLAINT, complaint::blank(&plain).unwrap()),
        (REPORT, investigation::blank(&letterhead()).unwrap()),
        (CONFIRMATION, confirmation::blank(&plain).unwrap()),
    ];
    for (title, bytes) in blanks {
        assert_every_page(
            &format!("blank {title}"),
            &bytes,
            &[Printed {
                title,
                number: NUMBER_LINE,
            }],
        );
    }
}
