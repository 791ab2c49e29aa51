//! Saving a case: the complaint, its investigation report and its confirmation written in one
//! transaction, so a case is saved whole or not at all (a failure half-way never leaves a
//! complaint behind that the next Save would insert a second time).

use chrono::NaiveDateTime;

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::sql::{Columns, insert_row, text, time, update_row};
use super::{Result, Store, StoreError};
use crate::domain::complaint::Complaint;
use crate::domain::confirmation::Confirmation;
use crate::domain::investigation::Investigation;
use crate::domain::numbering::linked_no;

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

/// Where a form that belongs to a complaint (the investigation report, the confirmation) is
/// stored: its table, the column of its number and the prefix that number takes from the
/// complaint's.
pub(crate) struct LinkedForm {
    pub table: &'static str,
    pub number_column: &'static str,
    pub prefix: &'static str,
}

/// Creates or replaces the one `form` of complaint `complaint_id` inside the caller's
/// transaction, its typed fields `row`, opened at `revision` (`None` for a form never saved);
/// a new one is numbered after the complaint. Returns the form's id.
pub(crate) fn save_linked_form(
    tx: &rusqlite::Connection,
    form: &LinkedForm,
    complaint_id: i64,
    mut row: Columns,
    revision: Option<i64>,
    now: NaiveDateTime,
) -> Result<i64> {
    let LinkedForm {
        table,
        number_column,
        prefix,
    } = *form;
    let existing: Option<i64> = tx
        .query_row(
            &format!("SELECT id FROM {table} WHERE complaint_id = ?1"),
            [complaint_id],
            |r| r.get(0),
        )
        .optional()?;
    row.push(("updated_at", time(now)));
    match (existing, revision) {
        (Some(id), Some(revision)) => {
            super::check_revision(tx, table, id, revision)?;
            update_row(tx, table, id, &row)?;
            Ok(id)
        }
        // Another window wrote the form since this one was opened without it.
        (Some(id), None) => Err(super::conflict(tx, table, id)?),
        (None, _) => {
            let complaint_no: String = tx
                .query_row(
                    "SELECT complaint_no FROM complaints WHERE id = ?1",
                    [complaint_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound(format!("#{complaint_id}")))?;
            row.extend([
                ("uuid", text(&uuid::Uuid::new_v4().to_string())),
                (number_column, text(&linked_no(&complaint_no, prefix))),
                ("complaint_id", Value::Integer(complaint_id)),
                ("created_at", time(now)),
            ]);
            Ok(insert_row(tx, table, &row)?)
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::confirmation::{ConfirmationDraft, Part};
    use crate::domain::investigation::InvestigationDraft;
    use crate::domain::money::Fen;
    use crate::store::StoreError;
    use crate::store::complaint::tests::{at, sample_complaint};

    fn report() -> Investigation {
        InvestigationDraft {
            investigators: "王磊".into(),
            findings: "排烟管松动".into(),
            ..InvestigationDraft::new_report(at(21, 9))
        }
        .parse(at(20, 9), at(21, 9))
        .unwrap()
    }

    fn confirmation(quantity: u32) -> Confirmation {
        let mut confirmation = ConfirmationDraft {
            work_done: "紧固排烟管".into(),
            technicians: "张伟".into(),
            ratings: [Some(crate::domain::confirmation::Rating::Satisfied); 4],
            ..ConfirmationDraft::new_confirmation(at(22, 9), None)
        }
        .parse(at(20, 9), at(22, 9))
        .unwrap();
        confirmation.parts = vec![Part {
            name: "卡箍".into(),
            quantity,
            unit_cost: Fen(500),
            old_part_returned: false,
            ..Part::default()
        }];
        confirmation
    }

    #[test]
    fn a_new_case_is_saved_whole_with_its_three_forms() {
        let mut store = Store::open_in_memory().unwrap();
        let (complaint, report, confirmation) = (sample_complaint(), report(), confirmation(2));
        let saved = store
            .save_case(
                &CaseWrite {
                    complaint_id: None,
                    complaint: Some(FormWrite {
                        record: &complaint,
                        revision: None,
                    }),
                    investigation: Some(FormWrite {
                        record: &report,
                        revision: None,
                    }),
                    confirmation: Some(FormWrite {
                        record: &confirmation,
                        revision: None,
                    }),
                },
                "CC",
                at(22, 9),
            )
            .unwrap();
        let stored = store.complaint_by_id(saved.complaint_id).unwrap();
        assert_eq!(stored.complaint, complaint);
        assert_eq!(
            store
                .investigation_of(saved.complaint_id)
                .unwrap()
                .unwrap()
                .investigation,
            report
        );
        assert_eq!(
            store
                .confirmation_of(saved.complaint_id)
                .unwrap()
                .unwrap()
                .confirmation,
            confirmation
        );
    }

    #[test]
    fn a_case_whose_last_form_fails_leaves_nothing_behind() {
        let mut store = Store::open_in_memory().unwrap();
        let (complaint, report) = (sample_complaint(), report());
        // A parts line of no units: the file refuses it (CHECK quantity > 0) after the
        // complaint and the report were written in the same transaction.
        let broken = confirmation(0);
        let error = store
            .save_case(
                &CaseWrite {
                    complaint_id: None,
                    complaint: Some(FormWrite {
                        record: &complaint,
                        revision: None,
                    }),
                    investigation: Some(FormWrite {
                        record: &report,
                        revision: None,
                    }),
                    confirmation: Some(FormWrite {
                        record: &broken,
                        revision: None,
                    }),
                },
                "CC",
                at(22, 9),
            )
            .unwrap_err();
        assert!(
            matches!(&error, StoreError::Sqlite(e) if e.to_string().contains("CHECK")),
            "{error:?}"
        );
        assert_eq!(store.complaint_count().unwrap(), 0, "no complaint was left");
        let reports: i64 = store
            .conn
            .query_row("SELECT count(*) FROM investigations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(reports, 0);
        // The same Save, corrected, numbers the complaint as the first one: nothing was used up.
        let fixed = confirmation(1);
        let saved = store
            .save_case(
                &CaseWrite {
                    complaint_id: None,
                    complaint: Some(FormWrite {
                        record: &complaint,
                        revision: None,
                    }),
                    investigation: None,
                    confirmation: Some(FormWrite {
                        record: &fixed,
                        revision: None,
                    }),
                },
                "CC",
                at(22, 9),
            )
            .unwrap();
        assert_eq!(
            store
                .complaint_by_id(saved.complaint_id)
                .unwrap()
                .complaint_no,
            "CC-2026-11-0001"
        );
        assert_eq!(store.complaint_count().unwrap(), 1);
    }

    #[test]
    fn a_case_saved_over_another_windows_report_changes_none_of_its_forms() {
        let mut store = Store::open_in_memory().unwrap();
        let stored = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        // Another window wrote the report meanwhile.
        store
            .save_investigation(stored.id, &report(), None, at(21, 9))
            .unwrap();
        let mut edited = stored.complaint.clone();
        edited.description = "这边的修改".into();
        let mine = InvestigationDraft {
            investigators: "孙涛".into(),
            findings: "我的结论".into(),
            ..InvestigationDraft::new_report(at(21, 10))
        }
        .parse(at(20, 9), at(21, 10))
        .unwrap();
        let error = store
            .save_case(
                &CaseWrite {
                    complaint_id: Some(stored.id),
                    complaint: Some(FormWrite {
                        record: &edited,
                        revision: Some(stored.revision),
                    }),
                    investigation: Some(FormWrite {
                        record: &mine,
                        revision: None,
                    }),
                    confirmation: None,
                },
                "CC",
                at(21, 10),
            )
            .unwrap_err();
        assert!(matches!(error, StoreError::Conflict { .. }), "{error:?}");
        assert_eq!(
            store.complaint_by_id(stored.id).unwrap().complaint,
            stored.complaint,
            "the complaint is unchanged too"
        );
        assert_eq!(
            store
                .investigation_of(stored.id)
                .unwrap()
                .unwrap()
                .investigation
                .investigators,
            "王磊"
        );
    }
}
