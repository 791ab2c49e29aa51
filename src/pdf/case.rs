//! The case packet: a cover sheet, then the complaint, investigation report (with photos) and
//! service confirmation in one PDF, ready to fax to headquarters; and the customer section the
//! report and the confirmation repeat from the complaint.

use super::Rendered;
use super::confirmation::ConfirmationPaper;
use super::investigation::ReportPaper;
use super::painter::{Placed, render_behind_cover};
use super::{Bilingual, Cell, Form, FormPhoto, Heading, Inked, PdfError, Row, Section, Table};
use crate::domain::company::CompanyProfile;
use crate::domain::complaint::format_time;
use crate::domain::unit::shown_number;
use crate::store::case_steps::RecordedStep;
use crate::store::complaint::StoredComplaint;

/// The forms of one case that exist, in the order of the case's life, behind the case file's
/// cover: who and what the case is about, the dates of its steps, and the page each form and
/// photo starts on.
pub fn packet(
    complaint: &StoredComplaint,
    steps: &[RecordedStep],
    report: Option<&ReportPaper>,
    confirmation: Option<&ConfirmationPaper>,
    originals: Originals,
    company: &CompanyProfile,
) -> Result<Rendered, PdfError> {
    let mut forms = vec![Form {
        scans: originals.complaint,
        inked: originals.complaint_signed,
        ..super::complaint::form(Some(complaint), company)
    }];
    if let Some(report) = report {
        forms.push(Form {
            scans: originals.report,
            ..super::investigation::form(Some(report), company)
        });
    }
    if let Some(confirmation) = confirmation {
        forms.push(Form {
            scans: originals.confirmation,
            inked: originals.confirmation_signed,
            ..super::confirmation::form(Some(confirmation), company)
        });
    }
    let forms: Vec<&Form> = forms.iter().collect();
    render_behind_cover(&forms, |placed, cover_pages| {
        cover(complaint, steps, &forms, placed, cover_pages, company)
    })
}

/// The pages of signed paper that came back for each form of a case, printed after it, and
/// the signatures given on screen, printed in their boxes.
#[derive(Default)]
pub struct Originals {
    pub complaint: Vec<FormPhoto>,
    pub report: Vec<FormPhoto>,
    pub confirmation: Vec<FormPhoto>,
    pub complaint_signed: Vec<Inked>,
    pub confirmation_signed: Vec<Inked>,
}

/// The case file's cover sheet (the file cover the rulebooks ask headquarters to keep).
fn cover<'a>(
    complaint: &StoredComplaint,
    steps: &[RecordedStep],
    forms: &[&Form],
    placed: &[Placed],
    cover_pages: usize,
    company: &'a CompanyProfile,
) -> Form<'a> {
    let text = Bilingual::shared();
    let mut case = CaseCustomer::of(complaint).compact_section();
    case.rows.push(Row {
        cells: vec![
            Cell::new(
                "complaint-receiving-unit-name",
                complaint.complaint.receiving_unit_name.clone(),
            ),
            Cell::new(
                "complaint-received-at",
                format_time(complaint.complaint.received_at),
            ),
        ],
    });
    let step_rows = steps
        .iter()
        .map(|step| {
            let mut row = vec![
                text.both(step.step.message_key()),
                format_time(step.at),
                step.operator.clone(),
            ];
            if !step.reason.is_empty() {
                row[0] = format!("{}（{}）", row[0], step.reason);
            }
            row
        })
        .collect();
    let pages = |first: usize, count: usize| {
        if count > 1 {
            format!("{first}–{}", first + count - 1)
        } else {
            first.to_string()
        }
    };
    let mut contents = Vec::new();
    let mut first = cover_pages + 1;
    for (form, placed) in forms.iter().zip(placed) {
        contents.push(vec![
            text.both(form.title_key),
            form.number.clone(),
            pages(first, placed.pages),
        ]);
        for (photo, page) in form.photos.iter().zip(&placed.photo_pages) {
            contents.push(vec![
                format!("    {}：{}", text.both("pdf-photo"), photo.caption),
                String::new(),
                (first + page).to_string(),
            ]);
        }
        for (scan, page) in form.scans.iter().zip(&placed.scan_pages) {
            contents.push(vec![
                format!("    {}：{}", text.both("pdf-signed-original"), scan.caption),
                String::new(),
                (first + page).to_string(),
            ]);
        }
        first += placed.pages;
    }
    Form {
        title_key: "pdf-cover-title",
        company,
        number: shown_number(&complaint.complaint_no, &complaint.origin),
        number_label_key: "complaint-number",
        sections: vec![
            case,
            Section::new("pdf-section-steps", Vec::new()).with_table(Table {
                columns: Heading::keys(&["pdf-step", "pdf-step-time", "pdf-step-operator"]),
                widths: vec![2.4, 1.6, 1.4],
                rows: step_rows,
                blank_rows: 0,
                right_aligned: Vec::new(),
            }),
            Section::new("pdf-section-contents", Vec::new()).with_table(Table {
                columns: Heading::keys(&["pdf-document", "pdf-document-number", "pdf-pages"]),
                widths: vec![3.6, 1.6, 0.8],
                rows: contents,
                blank_rows: 0,
                right_aligned: vec![false, false, true],
            }),
        ],
        signatures: Vec::new(),
        note: String::new(),
        photos: Vec::new(),
        scans: Vec::new(),
        inked: Vec::new(),
        void: complaint.void.clone(),
        // The cover is not a form anyone signs: its pages carry no code.
        code: None,
    }
}

/// Who and what a case is about, as the report and the confirmation print it from their
/// complaint: empty on a blank form.
#[derive(Default)]
pub(super) struct CaseCustomer {
    complaint_no: String,
    customer_name: String,
    customer_phone: String,
    customer_address: String,
    product_model: String,
    serial_no: String,
}

impl CaseCustomer {
    /// Taken field by field rather than by destructuring the complaint: the complaint form
    /// prints every field, and a new one need not be repeated on the later forms.
    pub(super) fn of(stored: &StoredComplaint) -> CaseCustomer {
        let complaint = &stored.complaint;
        CaseCustomer {
            complaint_no: shown_number(&stored.complaint_no, &stored.origin),
            customer_name: complaint.customer_name.clone(),
            customer_phone: complaint.customer_phone.clone(),
            customer_address: complaint.customer_address.clone(),
            product_model: complaint.product_model.clone(),
            serial_no: complaint.serial_no.clone(),
        }
    }

    /// The customer and the product, with the complaint's number beside the address: the
    /// first section of a form whose own number its header carries alone, to save a row.
    pub(super) fn compact_section(self) -> Section {
        let CaseCustomer {
            complaint_no,
            customer_name,
            customer_phone,
            customer_address,
            product_model,
            serial_no,
        } = self;
        let pair = |a: Cell, b: Cell| Row { cells: vec![a, b] };
        Section::new(
            "pdf-section-customer",
            vec![
                pair(
                    Cell::new("card-customer-name", customer_name),
                    Cell::new("card-customer-phone", customer_phone),
                ),
                pair(
                    Cell::new("card-customer-address", customer_address),
                    Cell::new("complaint-number", complaint_no),
                ),
                pair(
                    Cell::new("card-product-model", product_model),
                    Cell::new("card-serial-no", serial_no),
                ),
            ],
        )
    }

    /// The form's first section: its own `number`, labelled `number_label_key`, beside the
    /// complaint's, then the customer and the product.
    pub(super) fn section(self, number_label_key: &'static str, number: String) -> Section {
        let CaseCustomer {
            complaint_no,
            customer_name,
            customer_phone,
            customer_address,
            product_model,
            serial_no,
        } = self;
        let pair = |a: Cell, b: Cell| Row { cells: vec![a, b] };
        let single = |a: Cell| Row { cells: vec![a] };
        Section::new(
            "pdf-section-customer",
            vec![
                pair(
                    Cell::new(number_label_key, number),
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
        )
    }
}
