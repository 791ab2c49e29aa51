//! The return visit (回访): every served customer is called back after the case is resolved
//! (DOMAIN.md: 100%, no sampling); a dissatisfied customer sends the case back to the dealer.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::case_life::Step;
use super::complaint::{format_time, time_between};
use super::{MessageKey, checked_line, checked_text};

/// Longest note of a return visit.
pub const MAX_VISIT_NOTES_CHARS: usize = 5_000;

crate::domain::choices! {
    /// What the customer said when called back.
    Outcome {
        Satisfied => "satisfied", "return-visit-satisfied";
        Dissatisfied => "dissatisfied", "return-visit-dissatisfied";
    }
}

impl Outcome {
    /// The step the visit brings the case to: done, or reopened until the customer is
    /// satisfied.
    pub fn step(self) -> Step {
        match self {
            Outcome::Satisfied => Step::ReturnVisitDone,
            Outcome::Dissatisfied => Step::Reopened,
        }
    }
}

/// A return visit as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReturnVisit {
    pub visited_at: NaiveDateTime,
    /// Who called the customer.
    pub caller: String,
    pub outcome: Outcome,
    pub notes: String,
}

/// A return visit as typed.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReturnVisitDraft {
    pub visited_at: String,
    pub caller: String,
    pub outcome: Option<Outcome>,
    pub notes: String,
}

/// The fields of the return-visit form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VisitField {
    VisitedAt,
    Caller,
    Outcome,
    Notes,
}

impl VisitField {
    /// The field's label in the catalogue.
    pub fn label_key(self) -> MessageKey {
        match self {
            VisitField::VisitedAt => "return-visit-at",
            VisitField::Caller => "return-visit-caller",
            VisitField::Outcome => "return-visit-outcome",
            VisitField::Notes => "return-visit-notes",
        }
    }
}

impl ReturnVisitDraft {
    /// A visit made now by `caller` (the operator), the outcome still to be chosen.
    pub fn new(now: NaiveDateTime, caller: &str) -> ReturnVisitDraft {
        ReturnVisitDraft {
            visited_at: format_time(now),
            caller: caller.to_owned(),
            outcome: None,
            notes: String::new(),
        }
    }

    /// The visit, or the message for each field that refuses it. A visit cannot come before
    /// the case was resolved, nor lie in the future.
    pub fn parse(
        &self,
        resolved_at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> Result<ReturnVisit, Vec<super::FieldError<VisitField>>> {
        let ReturnVisitDraft {
            visited_at,
            caller,
            outcome,
            notes,
        } = self;
        let mut errors = Vec::new();
        let visited_at = time_between(
            visited_at,
            Some((resolved_at, "error-visit-before-resolution")),
            now,
        )
        .map_err(|message| {
            errors.push(super::FieldError {
                field: VisitField::VisitedAt,
                message,
            })
        })
        .ok();
        let caller = caller.trim();
        if let Err(message) = checked_line(caller, true) {
            errors.push(super::FieldError {
                field: VisitField::Caller,
                message,
            });
        }
        if outcome.is_none() {
            errors.push(super::FieldError {
                field: VisitField::Outcome,
                message: "error-required",
            });
        }
        let notes = notes.trim();
        if let Err(message) = checked_text(notes, false, MAX_VISIT_NOTES_CHARS) {
            errors.push(super::FieldError {
                field: VisitField::Notes,
                message,
            });
        }
        match (visited_at, *outcome) {
            (Some(visited_at), Some(outcome)) if errors.is_empty() => Ok(ReturnVisit {
                visited_at,
                caller: caller.to_owned(),
                outcome,
                notes: notes.to_owned(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn draft(outcome: Option<Outcome>) -> ReturnVisitDraft {
        ReturnVisitDraft {
            outcome,
            ..ReturnVisitDraft::new(at(23, 9), "王丽")
        }
    }

    #[test]
    fn a_dissatisfied_return_visit_reopens_the_case() {
        assert_eq!(Outcome::Dissatisfied.step(), Step::Reopened);
        assert_eq!(Outcome::Satisfied.step(), Step::ReturnVisitDone);
        let visit = draft(Some(Outcome::Dissatisfied))
            .parse(at(20, 9), at(23, 10))
            .unwrap();
        assert_eq!(visit.outcome.step(), Step::Reopened);
        assert_eq!(visit.caller, "王丽");
        assert_eq!(visit.visited_at, at(23, 9));
    }

    #[test]
    fn a_return_visit_records_when_who_the_outcome_and_the_notes() {
        let visit = ReturnVisitDraft {
            visited_at: "2026-11-22 15:30".into(),
            caller: "  王丽 ".into(),
            outcome: Some(Outcome::Satisfied),
            notes: " 热水正常，客户满意。\n".into(),
        }
        .parse(at(20, 9), at(23, 10))
        .unwrap();
        assert_eq!(
            visit,
            ReturnVisit {
                visited_at: NaiveDate::from_ymd_opt(2026, 11, 22)
                    .unwrap()
                    .and_hms_opt(15, 30, 0)
                    .unwrap(),
                caller: "王丽".into(),
                outcome: Outcome::Satisfied,
                notes: "热水正常，客户满意。".into(),
            }
        );
    }

    #[test]
    fn a_return_visit_needs_a_real_time_a_caller_an_outcome_and_notes_that_fit() {
        let errors = ReturnVisitDraft {
            visited_at: "2026-11-31 10:00".into(),
            caller: "  ".into(),
            outcome: None,
            notes: "好".repeat(MAX_VISIT_NOTES_CHARS + 1),
        }
        .parse(at(20, 9), at(23, 10))
        .unwrap_err();
        let fields: Vec<VisitField> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                VisitField::VisitedAt,
                VisitField::Caller,
                VisitField::Outcome,
                VisitField::Notes
            ]
        );
        assert_eq!(errors[0].message, "error-date-no-such-day");
    }

    #[test]
    fn a_return_visit_cannot_precede_the_resolution_or_lie_in_the_future() {
        let early = draft(Some(Outcome::Satisfied)).parse(at(23, 10), at(23, 12));
        assert_eq!(
            early.unwrap_err(),
            [crate::domain::FieldError {
                field: VisitField::VisitedAt,
                message: "error-visit-before-resolution"
            }]
        );
        let future = draft(Some(Outcome::Satisfied)).parse(at(20, 9), at(23, 8));
        assert_eq!(
            future.unwrap_err(),
            [crate::domain::FieldError {
                field: VisitField::VisitedAt,
                message: "error-date-in-future"
            }]
        );
        // A visit in the same minute as the resolution is fine.
        assert!(
            draft(Some(Outcome::Satisfied))
                .parse(at(23, 9), at(23, 9))
                .is_ok()
        );
    }
}
