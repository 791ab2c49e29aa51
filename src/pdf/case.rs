//! The case packet: complaint, investigation report (with photos) and service confirmation in
//! one PDF, ready to fax to headquarters; and the customer section the report and the
//! confirmation repeat from the complaint.

use super::Rendered;
use super::confirmation::ConfirmationPaper;
use super::investigation::ReportPaper;
use super::{Cell, PdfError, Row, Section, render_all};
use crate::domain::company::CompanyProfile;
use crate::domain::unit::shown_number;
use crate::store::complaint::StoredComplaint;

/// The forms of one case that exist, in the order of the case's life.
pub fn packet(
    complaint: &StoredComplaint,
    report: Option<&ReportPaper>,
    confirmation: Option<&ConfirmationPaper>,
    company: &CompanyProfile,
) -> Result<Rendered, PdfError> {
    let mut forms = vec![super::complaint::form(Some(complaint), company)];
    if let Some(report) = report {
        forms.push(super::investigation::form(Some(report), company));
    }
    if let Some(confirmation) = confirmation {
        forms.push(super::confirmation::form(Some(confirmation), company));
    }
    render_all(&forms.iter().collect::<Vec<_>>(), false)
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
