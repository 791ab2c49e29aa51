//! Return visits (schema 10): recorded with the step they bring the case to, in one
//! transaction, and kept as recorded.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::case_steps::{insert_step, steps};
use super::sql::{TIMESTAMP, choice, timestamp_column};
use super::{Result, Store, StoreError};
use crate::domain::case_life::{Step, next_steps};
use crate::domain::return_visit::{Outcome, ReturnVisit};

/// A return visit as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredVisit {
    pub id: i64,
    pub visit: ReturnVisit,
    /// Who typed it in (the caller may be someone else).
    pub operator: String,
    pub recorded_at: NaiveDateTime,
}

impl Store {
    /// Records a return visit on a resolved case and moves the case on: a satisfied customer
    /// completes the visit, a dissatisfied one reopens the case and sends it back to the dealer.
    pub fn record_return_visit(
        &mut self,
        complaint_id: i64,
        visit: &ReturnVisit,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.write(|tx| {
            let current = steps(tx, complaint_id)?
                .last()
                .map_or(Step::Received, |s| s.step);
            let step = visit.outcome.step();
            if current != Step::Resolved || !next_steps(current).contains(&step) {
                return Err(StoreError::StepNotAllowed {
                    from: current.code(),
                    to: step.code(),
                });
            }
            let ReturnVisit {
                visited_at,
                caller,
                outcome,
                notes,
            } = visit;
            tx.execute(
                "INSERT INTO return_visits
                     (complaint_id, visited_at, caller, outcome, notes, operator, recorded_at, uuid)
                 VALUES (?1, ?2, ?3, ?4, ?5, aftersales_operator(), ?6, ?7)",
                params![
                    complaint_id,
                    visited_at.format(TIMESTAMP).to_string(),
                    caller,
                    outcome.code(),
                    notes,
                    now.format(TIMESTAMP).to_string(),
                    uuid::Uuid::new_v4().to_string(),
                ],
            )?;
            insert_step(tx, complaint_id, step, *visited_at, "", now)
        })
    }

    /// The case's return visits, oldest first.
    pub fn return_visits_of(&self, complaint_id: i64) -> Result<Vec<StoredVisit>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, visited_at, caller, outcome, notes, operator, recorded_at
             FROM return_visits WHERE complaint_id = ?1 ORDER BY visited_at, id",
        )?;
        let visits = statement
            .query_map([complaint_id], |row| {
                Ok(StoredVisit {
                    id: row.get(0)?,
                    visit: ReturnVisit {
                        visited_at: timestamp_column(row, 1)?,
                        caller: row.get(2)?,
                        outcome: choice(row, 3, Outcome::from_code)?,
                        notes: row.get(4)?,
                    },
                    operator: row.get(5)?,
                    recorded_at: timestamp_column(row, 6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(visits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case_life::Region;
    use crate::domain::case_life::{Due, Limits};
    use crate::store::case_steps::advance_to;
    use crate::store::complaint::tests::{at, sample_complaint};

    fn visit(outcome: Outcome, visited_at: NaiveDateTime) -> ReturnVisit {
        ReturnVisit {
            visited_at,
            caller: "王丽".into(),
            outcome,
            notes: "客户反映热水器仍偶尔不出热水".into(),
        }
    }

    fn resolved_case(store: &mut Store) -> i64 {
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        advance_to(
            &store.conn,
            complaint.id,
            Step::Resolved,
            at(21, 9),
            at(21, 9),
        )
        .unwrap();
        complaint.id
    }

    fn awaiting_visit(store: &Store) -> Vec<i64> {
        store
            .clocks(Limits::default(), &Region::default())
            .unwrap()
            .iter()
            .filter(|c| c.due == Due::ReturnVisit)
            .map(|c| c.complaint_id)
            .collect()
    }

    #[test]
    fn every_resolved_case_waits_for_a_return_visit() {
        let mut store = Store::open_in_memory().unwrap();
        let ids: Vec<i64> = (0..5).map(|_| resolved_case(&mut store)).collect();
        let open = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let mut queue = awaiting_visit(&store);
        queue.sort();
        assert_eq!(queue, ids, "all resolved cases and only they");
        assert!(!queue.contains(&open.id));
    }

    #[test]
    fn a_satisfied_visit_completes_it_and_a_dissatisfied_one_reopens_the_case() {
        let mut store = Store::open_in_memory().unwrap();
        let happy = resolved_case(&mut store);
        let unhappy = resolved_case(&mut store);
        store
            .record_return_visit(happy, &visit(Outcome::Satisfied, at(22, 10)), at(22, 10))
            .unwrap();
        store
            .record_return_visit(
                unhappy,
                &visit(Outcome::Dissatisfied, at(22, 11)),
                at(22, 11),
            )
            .unwrap();
        let last = |id| store.steps_of(id).unwrap().last().unwrap().step;
        assert_eq!(last(happy), Step::ReturnVisitDone);
        assert_eq!(last(unhappy), Step::Reopened);
        assert!(awaiting_visit(&store).is_empty());
        // The reopened case is back with the dealer: its on-site clock runs again.
        let clocks = store.clocks(Limits::default(), &Region::default()).unwrap();
        assert!(
            clocks
                .iter()
                .any(|c| c.complaint_id == unhappy && c.due == Due::ArriveOnSite)
        );
        let stored = store.return_visits_of(unhappy).unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].visit, visit(Outcome::Dissatisfied, at(22, 11)));
        // Resolved again, the case waits for another visit.
        advance_to(&store.conn, unhappy, Step::Resolved, at(23, 9), at(23, 9)).unwrap();
        assert_eq!(awaiting_visit(&store), [unhappy]);
    }

    #[test]
    fn a_return_visit_is_only_recorded_on_a_resolved_case_and_never_rewritten() {
        let mut store = Store::open_in_memory().unwrap();
        let open = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        assert!(matches!(
            store.record_return_visit(open.id, &visit(Outcome::Satisfied, at(22, 10)), at(22, 10)),
            Err(StoreError::StepNotAllowed { .. })
        ));
        assert!(store.return_visits_of(open.id).unwrap().is_empty());
        let resolved = resolved_case(&mut store);
        store
            .record_return_visit(resolved, &visit(Outcome::Satisfied, at(22, 10)), at(22, 10))
            .unwrap();
        let before = store.return_visits_of(resolved).unwrap();
        let steps_before = store.steps_of(resolved).unwrap();
        for (sql, refusal) in [
            (
                "UPDATE return_visits SET outcome = 'dissatisfied'",
                "return visits are kept as recorded",
            ),
            (
                "DELETE FROM return_visits",
                "return visits are kept permanently",
            ),
        ] {
            let error = store.write(|tx| Ok(tx.execute(sql, [])?)).expect_err(sql);
            assert!(
                matches!(&error, StoreError::Sqlite(inner) if inner.to_string().contains(refusal)),
                "{sql}: {error:?}"
            );
            assert_eq!(store.return_visits_of(resolved).unwrap(), before, "{sql}");
        }
        // A second visit is refused too: the case has moved on from resolved.
        assert!(matches!(
            store.record_return_visit(
                resolved,
                &visit(Outcome::Dissatisfied, at(22, 11)),
                at(22, 11)
            ),
            Err(StoreError::StepNotAllowed {
                from: "return_visit_done",
                to: "reopened"
            })
        ));
        assert_eq!(store.return_visits_of(resolved).unwrap(), before);
        assert_eq!(store.steps_of(resolved).unwrap(), steps_before);
    }

    #[test]
    fn a_return_visit_is_stored_with_when_who_the_outcome_and_who_typed_it() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_writer("刘敏");
        let resolved = resolved_case(&mut store);
        let satisfied = visit(Outcome::Satisfied, at(22, 10));
        store
            .record_return_visit(resolved, &satisfied, at(22, 12))
            .unwrap();
        let stored = store.return_visits_of(resolved).unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(
            stored[0].visit, satisfied,
            "when, who called, outcome, notes"
        );
        assert_eq!(stored[0].operator, "刘敏", "who typed it in");
        assert_eq!(stored[0].recorded_at, at(22, 12));
        let last = store.steps_of(resolved).unwrap().pop().unwrap();
        assert_eq!(
            (last.step, last.at, last.operator.as_str()),
            (Step::ReturnVisitDone, at(22, 10), "刘敏"),
            "the step is dated when the customer was called"
        );
    }
}
