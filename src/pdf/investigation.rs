//! The customer complaint investigation report on paper, with its photos.

use super::complaint::tick_boxes;
use super::{Bilingual, Cell, Form, FormPhoto, PdfError, Row, Section, render};
use crate::domain::company::CompanyProfile;
use crate::domain::complaint::format_time;
use crate::domain::investigation::{Document, Investigation, ResponsibleParty, Treatment};
use crate::store::complaint::StoredComplaint;
use crate::store::investigation::{StoredInvestigation, StoredPhoto};

/// A stored report with the complaint it belongs to and its photos.
pub struct ReportPaper<'a> {
    pub report: &'a StoredInvestigation,
    pub complaint: &'a StoredComplaint,
    pub photos: &'a [StoredPhoto],
}

pub fn filled(paper: &ReportPaper, company: &CompanyProfile) -> Result<Vec<u8>, PdfError> {
    render(&form(Some(paper), company), false)
}

pub fn blank(company: &CompanyProfile) -> Result<Vec<u8>, PdfError> {
    render(&form(None, company), true)
}

/// "■ 照片 Photos" for a ticked document, "□ …" for one not checked.
fn checklist(text: &Bilingual, checked: &[Document]) -> String {
    Document::ALL
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                if checked.contains(d) { "■" } else { "□" },
                text.both(d.message_key())
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn form<'a>(paper: Option<&'a ReportPaper>, company: &'a CompanyProfile) -> Form<'a> {
    let text = Bilingual::new();
    let values = paper.map(|paper| {
        let Investigation {
            investigators,
            arrived_at,
            findings,
            documents_checked,
            cause,
            quality_problem,
            responsible_party,
            proposed_treatment,
            estimated_cost,
            customer_opinion,
        } = &paper.report.investigation;
        let complaint = &paper.complaint.complaint;
        [
            paper.report.investigation_no.clone(),
            paper.complaint.complaint_no.clone(),
            complaint.customer_name.clone(),
            complaint.customer_phone.clone(),
            complaint.customer_address.clone(),
            complaint.product_model.clone(),
            complaint.serial_no.clone(),
            investigators.clone(),
            format_time(*arrived_at),
            findings.clone(),
            checklist(&text, documents_checked),
            cause.clone(),
            text.both(if *quality_problem {
                "pdf-yes"
            } else {
                "pdf-no"
            }),
            text.both(responsible_party.message_key()),
            text.both(proposed_treatment.message_key()),
            estimated_cost.to_string(),
            customer_opinion.clone(),
        ]
    });
    let [
        report_no,
        complaint_no,
        customer_name,
        customer_phone,
        customer_address,
        product_model,
        serial_no,
        investigators,
        arrived_at,
        findings,
        documents,
        cause,
        quality_problem,
        responsible_party,
        proposed_treatment,
        estimated_cost,
        customer_opinion,
    ] = values.unwrap_or_default();
    let yes_no = vec![
        format!("□ {}", text.both("pdf-yes")),
        format!("□ {}", text.both("pdf-no")),
    ];
    let pair = |a: Cell, b: Cell| Row { cells: vec![a, b] };
    let single = |a: Cell| Row { cells: vec![a] };
    let photos = paper
        .map(|p| {
            p.photos
                .iter()
                .map(|s| FormPhoto {
                    caption: s.photo.file_name.clone(),
                    bytes: s.photo.bytes.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    Form {
        title_key: "pdf-investigation-title",
        company,
        number: paper.map_or("", |p| p.report.investigation_no.as_str()),
        number_label_key: "investigation-number",
        sections: vec![
            Section::new(
                "pdf-section-customer",
                vec![
                    pair(
                        Cell::new("investigation-number", report_no),
                        Cell::new("complaint-number", complaint_no),
                    ),
                    pair(
                        Cell::new("card-customer-name", customer_name),
                        Cell::new("card-customer-phone", customer_phone),
                    ),
                    single(Cell::new("card-customer-address", customer_address)),
                    pair(
                        Cell::new("card-product-model", product_model),
                        Cell::new("card-serial-no", serial_no),
                    ),
                ],
            ),
            Section::new(
                "pdf-section-investigation",
                vec![
                    pair(
                        Cell::new("investigation-investigators", investigators),
                        Cell::new("investigation-arrived-at", arrived_at),
                    ),
                    single(Cell::new("investigation-findings", findings).tall(5)),
                    single(
                        Cell::new("investigation-documents", documents).choices(tick_boxes(
                            &text,
                            Document::ALL,
                            Document::message_key,
                        )),
                    ),
                ],
            ),
            Section::new(
                "pdf-section-conclusion",
                vec![
                    single(Cell::new("investigation-cause", cause).tall(3)),
                    pair(
                        Cell::new("investigation-quality-problem", quality_problem).choices(yes_no),
                        Cell::new("investigation-estimated-cost", estimated_cost),
                    ),
                    single(
                        Cell::new("investigation-responsible-party", responsible_party).choices(
                            tick_boxes(&text, ResponsibleParty::ALL, ResponsibleParty::message_key),
                        ),
                    ),
                    single(
                        Cell::new("investigation-proposed-treatment", proposed_treatment)
                            .choices(tick_boxes(&text, Treatment::ALL, Treatment::message_key)),
                    ),
                    single(Cell::new("investigation-customer-opinion", customer_opinion).tall(2)),
                ],
            ),
        ],
        signatures: vec![
            "pdf-sign-investigator",
            "pdf-sign-customer",
            "pdf-sign-unit-seal",
        ],
        note: String::new(),
        photos,
        void: paper.and_then(|p| p.complaint.void.clone()),
    }
}
