//! Saving a case: the complaint, its investigation report and its confirmation written in one
//! transaction, so a case is saved whole or not at all (a failure half-way never leaves a
//! complaint behind that the next Save would insert a second time).

use chrono::NaiveDateTime;

use super::{Result, Store};
use crate::domain::complaint::Complaint;
use crate::domain::confirmation::Confirmation;
use crate::domain::investigation::Investigation;

/// One form of a case to write: the record, and the revision it was opened at (`None` for a
/// form never saved).
pub struct FormWrite<'a, T> {
    pub record: &'a T,
    pub revision: Option<i64>,
}

/// What a case save writes: the forms that changed. The complaint is `None` when it is
/// unchanged (then `complaint_id` names the stored one).
pub struct CaseWrite<'a> {
    pub complaint_id: Option<i64>,
    pub complaint: Option<FormWrite<'a, Complaint>>,
    pub investigation: Option<FormWrite<'a, Investigation>>,
    pub confirmation: Option<FormWrite<'a, Confirmation>>,
}

/// The case as saved: its complaint's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SavedCase {
    pub complaint_id: i64,
}

impl Store {
    /// Writes the changed forms of a case in one transaction, the complaint first (the others
    /// belong to it); numbers a new complaint with `prefix`. Nothing is written when any form
    /// fails (a conflict, a voided case, a full disk).
    pub fn save_case(
        &mut self,
        case: &CaseWrite,
        prefix: &str,
        now: NaiveDateTime,
    ) -> Result<SavedCase> {
        self.write(|tx| {
            let complaint_id = match (&case.complaint, case.complaint_id) {
                (Some(form), Some(id)) => {
                    let revision = form.revision.unwrap_or_default();
                    super::complaint::update_complaint(tx, id, form.record, revision, now)?;
                    id
                }
                (Some(form), None) => {
                    super::complaint::insert_complaint(tx, form.record, prefix, now)?
                }
                (None, Some(id)) => id,
                (None, None) => {
                    return Err(super::StoreError::NotFound(String::new()));
                }
            };
            if let Some(form) = &case.investigation {
                super::investigation::save_investigation(
                    tx,
                    complaint_id,
                    form.record,
                    form.revision,
                    now,
                )?;
            }
            if let Some(form) = &case.confirmation {
                super::confirmation::save_confirmation(
                    tx,
                    complaint_id,
                    form.record,
                    form.revision,
                    now,
                )?;
            }
            Ok(SavedCase { complaint_id })
        })
    }
}
