//! The case packet: complaint, investigation report (with photos) and service confirmation in
//! one PDF, ready to fax to headquarters.

use super::confirmation::ConfirmationPaper;
use super::investigation::ReportPaper;
use super::{PdfError, render_all};
use crate::domain::company::CompanyProfile;
use crate::store::complaint::StoredComplaint;

/// The forms of one case that exist, in the order of the case's life.
pub fn packet(
    complaint: &StoredComplaint,
    report: Option<&ReportPaper>,
    confirmation: Option<&ConfirmationPaper>,
    company: &CompanyProfile,
) -> Result<Vec<u8>, PdfError> {
    let mut forms = vec![super::complaint::form(Some(complaint), company)];
    if let Some(report) = report {
        forms.push(super::investigation::form(Some(report), company));
    }
    if let Some(confirmation) = confirmation {
        forms.push(super::confirmation::form(Some(confirmation), company));
    }
    render_all(&forms.iter().collect::<Vec<_>>(), false)
}
