//! The customer complaint investigation report on paper, with its photos.

use super::Rendered;
use super::case::CaseCustomer;
use super::complaint::tick_boxes;
use super::{Bilingual, Cell, Form, FormPhoto, PdfError, Row, Section, render};
use crate::domain::company::CompanyProfile;
use crate::domain::complaint::format_time;
use crate::domain::investigation::{Document, Investigation, ResponsibleParty, Treatment};
use crate::domain::unit::shown_number;
use crate::store::complaint::StoredComplaint;
use crate::store::investigation::{StoredInvestigation, StoredPhoto};

/// A stored report with the complaint it belongs to and its photos.
pub struct ReportPaper<'a> {
    pub report: &'a StoredInvestigation,
    pub complaint: &'a StoredComplaint,
    pub photos: &'a [StoredPhoto],
}

pub fn filled(paper: &ReportPaper, company: &CompanyProfile) -> Result<Rendered, PdfError> {
    render(&form(Some(paper), company), false)
}

pub fn blank(company: &CompanyProfile) -> Result<Rendered, PdfError> {
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

/// A report's values as printed, by field: empty for a blank report.
#[derive(Default)]
struct Printed {
    report_no: String,
    customer: CaseCustomer,
    investigators: String,
    arrived_at: String,
    findings: String,
    documents: String,
    cause: String,
    quality_problem: String,
    responsible_party: String,
    proposed_treatment: String,
    estimated_cost: String,
    customer_opinion: String,
}

impl Printed {
    fn of(paper: &ReportPaper, text: &Bilingual) -> Printed {
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
        Printed {
            report_no: shown_number(&paper.report.investigation_no, &paper.report.origin),
            customer: CaseCustomer::of(paper.complaint),
            investigators: investigators.clone(),
            arrived_at: format_time(*arrived_at),
            findings: findings.clone(),
            documents: checklist(text, documents_checked),
            cause: cause.clone(),
            quality_problem: text.yes_no(*quality_problem),
            responsible_party: text.both(responsible_party.message_key()),
            proposed_treatment: text.both(proposed_treatment.message_key()),
            estimated_cost: estimated_cost.to_string(),
            customer_opinion: customer_opinion.clone(),
        }
    }
}

pub(super) fn form<'a>(paper: Option<&'a ReportPaper>, company: &'a CompanyProfile) -> Form<'a> {
    let text = Bilingual::shared();
    let Printed {
        report_no,
        customer,
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
    } = paper
        .map(|paper| Printed::of(paper, text))
        .unwrap_or_default();
    let yes_no = text.yes_no_boxes();
    let pair = |a: Cell, b: Cell| Row { cells: vec![a, b] };
    let single = |a: Cell| Row { cells: vec![a] };
    let photos = paper
        .map(|p| {
            p.photos
                .iter()
                .map(|s| FormPhoto {
                    caption: s.photo.file_name.clone(),
                    copy_code: None,
                    bytes: s.photo.bytes.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let shown = paper
        .map(|p| shown_number(&p.report.investigation_no, &p.report.origin))
        .unwrap_or_default();
    Form {
        title_key: "pdf-investigation-title",
        company,
        number: shown,
        number_label_key: "investigation-number",
        sections: vec![
            customer.section("investigation-number", report_no),
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
                            text,
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
                            tick_boxes(text, ResponsibleParty::ALL, ResponsibleParty::message_key),
                        ),
                    ),
                    single(
                        Cell::new("investigation-proposed-treatment", proposed_treatment)
                            .choices(tick_boxes(text, Treatment::ALL, Treatment::message_key)),
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
        scans: Vec::new(),
        inked: Vec::new(),
        void: paper.and_then(|p| p.complaint.void.clone()),
        code: paper.map(|p| {
            let r = p.report;
            super::code_of(&r.investigation_no, &r.origin, &r.uuid, company)
        }),
    }
}
