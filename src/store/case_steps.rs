//! The recorded life of each case (schema 9): steps with their time and operator, only the
//! allowed transitions, and the cases whose clocks have run out.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use super::sql::{TIMESTAMP, text_column, timestamp_column};
use super::{Result, Store, StoreError};
use crate::domain::case_life::{
    Due, Limits, Region, Step, check_step_time, deadlines, distance, lateness, may_withdraw,
    next_steps,
};

/// A step as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedStep {
    pub step: Step,
    pub at: NaiveDateTime,
    pub operator: String,
    /// Why a step was recorded well after it happened; empty otherwise.
    pub reason: String,
    /// When it was recorded.
    pub recorded_at: NaiveDateTime,
}

/// The step of the row that withdraws the step recorded before it (schema 19).
pub(crate) const WITHDRAWN: &str = "withdrawn";

/// A case's last step, with what decides whether it may still be withdrawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastStep {
    pub step: RecordedStep,
    /// Recorded by saving the case's report or confirmation.
    pub with_a_form: bool,
}

impl LastStep {
    /// Whether `operator` may withdraw it at `now` ([`may_withdraw`]).
    pub fn may_withdraw(&self, operator: &str, now: NaiveDateTime) -> Result<(), &'static str> {
        let last = crate::domain::case_life::LastStep {
            step: self.step.step,
            operator: &self.step.operator,
            recorded_at: self.step.recorded_at,
            with_a_form: self.with_a_form,
        };
        may_withdraw(last, operator, now)
    }
}

/// A clock running on an open case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    pub complaint_id: i64,
    pub complaint_no: String,
    pub customer_name: String,
    pub due: Due,
    pub deadline: NaiveDateTime,
}

/// A clock that has run out on an open case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overdue {
    pub complaint_id: i64,
    pub complaint_no: String,
    pub customer_name: String,
    pub due: Due,
    pub deadline: NaiveDateTime,
    pub late: chrono::Duration,
}

/// The case's live steps in the order they were recorded (which is the order they happened
/// in: a step's time may not be typed before the one it follows, and a form's time is its
/// own); a step withdrawn is left out.
pub(crate) fn steps(conn: &Connection, complaint_id: i64) -> Result<Vec<RecordedStep>> {
    Ok(step_log(conn, complaint_id)?.0)
}

/// A step withdrawn: the step as recorded, and the withdrawal's time and operator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WithdrawnStep {
    pub step: RecordedStep,
    pub withdrawn_at: NaiveDateTime,
    pub withdrawn_by: String,
}

/// The case's live steps, and those withdrawn, each in the order recorded.
fn step_log(
    conn: &Connection,
    complaint_id: i64,
) -> Result<(Vec<RecordedStep>, Vec<WithdrawnStep>)> {
    let mut statement = conn.prepare_cached(
        "SELECT step, at, operator, reason, recorded_at FROM case_steps
         WHERE complaint_id = ?1 ORDER BY id",
    )?;
    let rows = statement
        .query_map([complaint_id], |row| {
            let code: String = row.get(0)?;
            Ok((
                code,
                timestamp_column(row, 1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                timestamp_column(row, 4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (mut steps, mut withdrawn) = (Vec::with_capacity(rows.len()), Vec::new());
    let mut after_a_step = false;
    for (code, at, operator, reason, recorded_at) in rows {
        // As `live_case_steps` reads them: a withdrawal withdraws the row just before it.
        let withdrawal = code == WITHDRAWN;
        if withdrawal
            && after_a_step
            && let Some(step) = steps.pop()
        {
            withdrawn.push(WithdrawnStep {
                step,
                withdrawn_at: recorded_at,
                withdrawn_by: operator.clone(),
            });
        }
        after_a_step = !withdrawal;
        if let Some(step) = Step::from_code(&code) {
            steps.push(RecordedStep {
                step,
                at,
                operator,
                reason,
                recorded_at,
            });
        }
    }
    Ok((steps, withdrawn))
}

/// The case's last step, unless the last thing recorded was a withdrawal (a step is withdrawn
/// once; the one before it stays).
fn last_step(conn: &Connection, complaint_id: i64) -> Result<Option<LastStep>> {
    let last_row: Option<String> = conn
        .prepare_cached("SELECT step FROM case_steps WHERE complaint_id = ?1 ORDER BY id DESC")?
        .query_row([complaint_id], |r| r.get(0))
        .optional()?;
    if last_row.as_deref().is_none_or(|code| code == WITHDRAWN) {
        return Ok(None);
    }
    let Some(step) = steps(conn, complaint_id)?.pop() else {
        return Ok(None);
    };
    // Saved with a form: a version of the case's report or confirmation was written in the
    // same moment (the form's updated_at is the step's recorded_at).
    let with_a_form = conn
        .prepare_cached(
            "SELECT EXISTS (
                SELECT 1 FROM record_versions v
                 WHERE (v.table_name = 'investigations'
                        AND v.record_id IN (SELECT id FROM investigations WHERE complaint_id = ?1)
                     OR v.table_name = 'confirmations'
                        AND v.record_id IN (SELECT id FROM confirmations WHERE complaint_id = ?1))
                   AND json_extract(v.content, '$.updated_at') = ?2)",
        )?
        .query_row(
            params![complaint_id, step.recorded_at.format(TIMESTAMP).to_string()],
            |r| r.get(0),
        )?;
    Ok(Some(LastStep { step, with_a_form }))
}

pub(crate) fn insert_step(
    conn: &Connection,
    complaint_id: i64,
    step: Step,
    at: NaiveDateTime,
    reason: &str,
    now: NaiveDateTime,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO case_steps (complaint_id, step, at, operator, recorded_at, reason, uuid)
         VALUES (?1, ?2, ?3, aftersales_operator(), ?4, ?5, ?6)",
    )?
    .execute(params![
        complaint_id,
        step.code(),
        at.format(TIMESTAMP).to_string(),
        now.format(TIMESTAMP).to_string(),
        reason.trim(),
        uuid::Uuid::new_v4().to_string(),
    ])?;
    Ok(())
}

/// Brings a case forward to `target` along the usual path (received → responded → on site →
/// treatment decided → resolved), recording the steps in between at `at`: a form that exists
/// is evidence of the steps before it. Nothing happens when the case is already there.
pub(crate) fn advance_to(
    conn: &Connection,
    complaint_id: i64,
    target: Step,
    at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<()> {
    if steps(conn, complaint_id)?.is_empty() {
        // Every case starts when it was received.
        let received: String = conn.query_row(
            "SELECT received_at FROM complaints WHERE id = ?1",
            [complaint_id],
            |r| r.get(0),
        )?;
        let received = NaiveDateTime::parse_from_str(&received, TIMESTAMP).unwrap_or(at);
        insert_step(conn, complaint_id, Step::Received, received, "", now)?;
    }
    for _ in 0..Step::ALL.len() {
        let recorded = steps(conn, complaint_id)?;
        let since_reopening = recorded
            .iter()
            .rposition(|s| s.step == Step::Reopened)
            .unwrap_or(0);
        if recorded[since_reopening..].iter().any(|s| s.step == target) {
            return Ok(());
        }
        let current = recorded.last().map_or(Step::Received, |s| s.step);
        let next = if next_steps(current).contains(&target) {
            target
        } else {
            match next_steps(current)
                .iter()
                .find(|s| !matches!(s, Step::EscalatedToHq | Step::Reopened))
            {
                Some(step) if *step < target || current == Step::Reopened => *step,
                _ => return Ok(()), // the case is past `target` already
            }
        };
        insert_step(conn, complaint_id, next, at, "", now)?;
        if next == target {
            return Ok(());
        }
    }
    Ok(())
}

impl Store {
    /// The case's steps in the order they happened.
    pub fn steps_of(&self, complaint_id: i64) -> Result<Vec<RecordedStep>> {
        steps(&self.conn, complaint_id)
    }

    /// Records `step`, which happened at `at`, if it may follow the case's current step and
    /// its time is acceptable ([`check_step_time`]; `reason` says why a step is recorded late).
    /// The check and the insert are one transaction, so two windows cannot both record it.
    pub fn record_step(
        &self,
        complaint_id: i64,
        step: Step,
        at: NaiveDateTime,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.write(|tx| {
            let recorded = steps(tx, complaint_id)?;
            let current = recorded.last().map_or(Step::Received, |s| s.step);
            // A return visit is recorded with its outcome (`record_return_visit`), never bare.
            if !next_steps(current).contains(&step) || step == Step::ReturnVisitDone {
                return Err(StoreError::StepNotAllowed {
                    from: current.code(),
                    to: step.code(),
                });
            }
            check_step_time(recorded.last().map(|s| s.at), at, now, reason)
                .map_err(StoreError::StepTime)?;
            insert_step(tx, complaint_id, step, at, reason, now)
        })
    }

    /// The steps of the case withdrawn after they were recorded, in the order recorded.
    pub fn withdrawn_steps_of(&self, complaint_id: i64) -> Result<Vec<WithdrawnStep>> {
        Ok(step_log(&self.conn, complaint_id)?.1)
    }

    /// The case's last step and whether it was recorded with a form, unless it was just
    /// withdrawn: what the case view asks before offering to withdraw it.
    pub fn last_step(&self, complaint_id: i64) -> Result<Option<LastStep>> {
        last_step(&self.conn, complaint_id)
    }

    /// Withdraws the case's last step, as whoever is at the desk at `now` may
    /// ([`may_withdraw`]): a row saying so follows it, in the audit trail like any step, and
    /// the case stands where it stood before. Returns the step withdrawn.
    pub fn withdraw_step(&self, complaint_id: i64, now: NaiveDateTime) -> Result<Step> {
        self.write(|tx| {
            let last = last_step(tx, complaint_id)?
                .ok_or(StoreError::StepNotWithdrawn("error-withdraw-not-this-step"))?;
            last.may_withdraw(&self.writer.name(), now)
                .map_err(StoreError::StepNotWithdrawn)?;
            tx.prepare_cached(
                "INSERT INTO case_steps (complaint_id, step, at, operator, recorded_at, reason, uuid)
                 VALUES (?1, ?2, ?3, aftersales_operator(), ?3, '', ?4)",
            )?
            .execute(params![
                complaint_id,
                WITHDRAWN,
                now.format(TIMESTAMP).to_string(),
                uuid::Uuid::new_v4().to_string(),
            ])?;
            Ok(last.step.step)
        })
    }

    /// The province of the complaint's customer ("" when unknown).
    pub fn province_of_complaint(&self, complaint_id: i64) -> Result<String> {
        Ok(self
            .conn
            .query_row(
                "SELECT coalesce(u.province, '') FROM complaints c LEFT JOIN customers u ON u.id = c.customer_id
                 WHERE c.id = ?1",
                [complaint_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Every clock running on an open, not voided case, soonest deadline first.
    /// How many cases are open (not closed, voided or not): what the dashboard's clocks read.
    pub fn open_case_count(&self) -> Result<u64> {
        let open: i64 = self.conn.query_row(
            "SELECT count(*) FROM case_progress WHERE step <> 'closed'",
            [],
            |r| r.get(0),
        )?;
        Ok(open.unsigned_abs())
    }

    pub fn clocks(&self, limits: Limits, region: &Region) -> Result<Vec<Clock>> {
        // A closed case runs no clock (domain::case_life's test
        // `a_closed_case_runs_no_clock_whatever_its_life_before`): its steps are not read. Most
        // of an archive is closed, so the pass reads the open work, found through each case's
        // step now (schema 16's `case_progress`, its partial index holding the open cases
        // only), not the history.
        let open = "AND c.id IN (SELECT complaint_id FROM case_progress WHERE step <> 'closed')";
        self.clocks_where(open, &[], limits, region)
    }

    /// The clocks running on these cases (a list's rows), soonest deadline first.
    pub fn clocks_of(&self, ids: &[i64], limits: Limits, region: &Region) -> Result<Vec<Clock>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let condition = format!("AND c.id IN ({})", vec!["?"; ids.len()].join(", "));
        self.clocks_where(&condition, ids, limits, region)
    }

    fn clocks_where(
        &self,
        condition: &str,
        ids: &[i64],
        limits: Limits,
        region: &Region,
    ) -> Result<Vec<Clock>> {
        // One pass over every step of every case, in order, rather than a query per case.
        let sql = format!(
            "SELECT c.id, c.complaint_no, c.customer_name, c.receiving_unit,
                    coalesce(u.province, ''), s.step, s.at
             FROM complaints c
             LEFT JOIN customers u ON u.id = c.customer_id
             JOIN case_steps s ON s.complaint_id = c.id
             WHERE c.voided_at IS NULL {condition}
             ORDER BY c.id, s.id"
        );
        let mut clocks = Vec::new();
        walk_cases(&self.conn, &sql, ids, |case, timeline| {
            let distance = distance(
                &case.province,
                &region.home_province,
                &region.remote_provinces,
            );
            for (due, deadline) in deadlines(timeline, limits, distance, case.by_dealer) {
                clocks.push(Clock {
                    complaint_id: case.id,
                    complaint_no: case.number.clone(),
                    customer_name: case.text.clone(),
                    due,
                    deadline,
                });
            }
        })?;
        clocks.sort_by_key(|clock| clock.deadline);
        Ok(clocks)
    }

    /// Every clock that has run out on an open, not voided case, most late first.
    pub fn overdue(
        &self,
        now: NaiveDateTime,
        limits: Limits,
        region: &Region,
    ) -> Result<Vec<Overdue>> {
        Ok(self
            .clocks(limits, region)?
            .into_iter()
            .filter_map(|clock| {
                let late = lateness(clock.deadline, now)?;
                Some(Overdue {
                    complaint_id: clock.complaint_id,
                    complaint_no: clock.complaint_no,
                    customer_name: clock.customer_name,
                    due: clock.due,
                    deadline: clock.deadline,
                    late,
                })
            })
            .collect())
    }
}

/// A case as [`walk_cases`] passes it: its id, number, one more text column of the query's
/// choosing, whether a dealer received it, and the customer's province.
pub(crate) struct CaseHead {
    pub id: i64,
    pub number: String,
    pub text: String,
    pub by_dealer: bool,
    pub province: String,
}

/// Runs `sql`, whose columns are a case's id, number, a text, receiving unit, province, then a
/// step and its time, ordered by case then step, and calls `each` once per case with its
/// steps in order: one pass over every step rather than a query per case.
pub(crate) fn walk_cases<P: rusqlite::ToSql>(
    conn: &Connection,
    sql: &str,
    params: &[P],
    mut each: impl FnMut(&CaseHead, &[(Step, NaiveDateTime)]),
) -> Result<()> {
    let mut statement = conn.prepare(sql)?;
    let mut rows = statement.query(rusqlite::params_from_iter(params))?;
    let mut case: Option<CaseHead> = None;
    let mut timeline: Vec<(Step, NaiveDateTime)> = Vec::new();
    let mut after_a_step = false;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if case.as_ref().is_none_or(|current| current.id != id) {
            if let Some(done) = &case {
                each(done, &timeline);
            }
            timeline.clear();
            after_a_step = false;
            case = Some(CaseHead {
                id,
                number: row.get(1)?,
                text: row.get(2)?,
                by_dealer: row.get::<_, String>(3)? == "dealer",
                province: row.get(4)?,
            });
        }
        // A withdrawal withdraws the row just before it (`live_case_steps`).
        let code = text_column(row, 5)?;
        let withdrawal = code == WITHDRAWN;
        if withdrawal && after_a_step {
            timeline.pop();
        }
        after_a_step = !withdrawal;
        if let Some(step) = Step::from_code(code) {
            timeline.push((step, timestamp_column(row, 6)?));
        }
    }
    if let Some(done) = &case {
        each(done, &timeline);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case_life::WITHDRAW_WITHIN_MINUTES;
    use crate::store::complaint::tests::{at, sample_complaint};
    use chrono::Duration;

    /// The case's rows as stored, withdrawals included: (step, operator).
    fn rows(store: &Store, id: i64) -> Vec<(String, String)> {
        let mut select = store
            .conn
            .prepare("SELECT step, operator FROM case_steps WHERE complaint_id = ?1 ORDER BY id")
            .unwrap();
        select
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// A case received on the 20th at 9, lived through to its closing on the 21st at 10 after
    /// a satisfied return visit.
    fn closed_case(store: &mut Store) -> i64 {
        use crate::domain::return_visit::{Outcome, ReturnVisit};
        let id = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap()
            .id;
        for (step, hour) in [
            (Step::Responded, 10),
            (Step::OnSite, 11),
            (Step::TreatmentDecided, 12),
            (Step::Resolved, 13),
        ] {
            store
                .record_step(id, step, at(20, hour), "", at(20, hour))
                .unwrap();
        }
        let visit = ReturnVisit {
            visited_at: at(21, 9),
            caller: "李娜".into(),
            outcome: Outcome::Satisfied,
            notes: String::new(),
        };
        store.record_return_visit(id, &visit, at(21, 9)).unwrap();
        store
            .record_step(id, Step::Closed, at(21, 10), "", at(21, 10))
            .unwrap();
        id
    }

    fn live(store: &Store, id: i64) -> Vec<Step> {
        store.steps_of(id).unwrap().iter().map(|s| s.step).collect()
    }

    #[test]
    fn a_step_withdrawn_leaves_the_case_where_it_stood_and_both_rows_in_the_trail() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_writer("王丽");
        let id = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap()
            .id;
        let (limits, region) = (Limits::default(), Region::default());
        let dues = |store: &Store| -> Vec<Due> {
            store
                .clocks(limits, &region)
                .unwrap()
                .iter()
                .map(|clock| clock.due)
                .collect()
        };
        let running = dues(&store);
        store
            .record_step(id, Step::Responded, at(20, 10), "", at(20, 10))
            .unwrap();
        assert_ne!(dues(&store), running, "answering stops the response clock");
        let withdrawn = store.withdraw_step(id, at(20, 10) + Duration::minutes(2));
        assert_eq!(withdrawn.unwrap(), Step::Responded);
        assert_eq!(live(&store, id), [Step::Received]);
        let withdrawn = store.withdrawn_steps_of(id).unwrap();
        assert_eq!(withdrawn.len(), 1);
        assert_eq!(withdrawn[0].step.step, Step::Responded);
        assert_eq!(withdrawn[0].withdrawn_by, "王丽");
        assert_eq!(withdrawn[0].withdrawn_at, at(20, 10) + Duration::minutes(2));
        assert_eq!(dues(&store), running, "the response clock runs again");
        // Where every list and report reads the case's step, it is back at its receipt.
        let row = &store.complaint_rows(&[id]).unwrap()[0];
        assert_eq!(row.step, Step::Received);
        let at_receipt = store
            .complaint_ids(&crate::store::complaint::ComplaintQuery {
                standing: Some(crate::store::complaint::CaseFilter::At(Step::Received)),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(at_receipt, [id]);
        // Nothing was deleted or rewritten: the step and its withdrawal, each in the trail.
        assert_eq!(
            rows(&store, id),
            [
                ("received".to_owned(), "王丽".to_owned()),
                ("responded".to_owned(), "王丽".to_owned()),
                (WITHDRAWN.to_owned(), "王丽".to_owned()),
            ]
        );
        let chained: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM record_versions WHERE table_name = 'case_steps'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(chained, 3);
        assert_eq!(store.verify().unwrap().first_break, None);
        // The case goes on; the step recorded again can be withdrawn again.
        store
            .record_step(id, Step::Responded, at(20, 11), "", at(20, 11))
            .unwrap();
        store.withdraw_step(id, at(20, 11)).unwrap();
        assert_eq!(live(&store, id), [Step::Received]);
    }

    #[test]
    fn a_reopening_withdrawn_leaves_the_case_closed_and_off_the_open_count() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_writer("王丽");
        let id = closed_case(&mut store);
        assert_eq!(store.open_case_count().unwrap(), 0);
        store
            .record_step(id, Step::Reopened, at(22, 9), "", at(22, 9))
            .unwrap();
        assert_eq!(store.open_case_count().unwrap(), 1);
        store.withdraw_step(id, at(22, 9)).unwrap();
        assert_eq!(store.open_case_count().unwrap(), 0, "closed again");
        assert!(
            store
                .clocks(Limits::default(), &Region::default())
                .unwrap()
                .is_empty()
        );
        // Reopened again, it counts again.
        store
            .record_step(id, Step::Reopened, at(22, 10), "", at(22, 10))
            .unwrap();
        assert_eq!(store.open_case_count().unwrap(), 1);
        let step: String = store
            .conn
            .query_row(
                "SELECT step FROM case_progress WHERE complaint_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(step, "reopened");
    }

    #[test]
    fn a_step_is_not_withdrawn_by_another_clerk_late_twice_or_when_a_form_recorded_it() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_writer("王丽");
        let id = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap()
            .id;
        let refused = |store: &Store, now| match store.withdraw_step(id, now) {
            Err(StoreError::StepNotWithdrawn(key)) => key,
            other => panic!("withdrawn: {other:?}"),
        };
        // The receipt that opened the case.
        assert_eq!(refused(&store, at(20, 9)), "error-withdraw-not-this-step");
        store
            .record_step(id, Step::Responded, at(20, 10), "", at(20, 10))
            .unwrap();
        store.set_writer("刘敏");
        assert_eq!(refused(&store, at(20, 10)), "error-withdraw-someone-else");
        store.set_writer("王丽");
        let late = at(20, 10) + Duration::minutes(WITHDRAW_WITHIN_MINUTES);
        assert_eq!(refused(&store, late), "error-withdraw-too-late");
        store.withdraw_step(id, at(20, 10)).unwrap();
        // Once: the receipt is the last step now, and a withdrawal the last row.
        assert_eq!(refused(&store, at(20, 10)), "error-withdraw-not-this-step");
        // A second withdrawal in a row, written by another tool, withdraws nothing more:
        // the case reads the same here, in the lists and in the clocks.
        store
            .conn
            .execute(
                "INSERT INTO case_steps (complaint_id, step, at, operator, recorded_at, uuid)
                 VALUES (?1, 'withdrawn', '2026-11-20 10:00:00', 'x', '2026-11-20 10:00:00', 'u')",
                [id],
            )
            .unwrap();
        assert_eq!(live(&store, id), [Step::Received]);
        assert_eq!(store.complaint_rows(&[id]).unwrap()[0].step, Step::Received);
        let clocks = store.clocks(Limits::default(), &Region::default()).unwrap();
        assert!(
            clocks.iter().any(|clock| clock.due == Due::Respond),
            "{clocks:?}"
        );
        // A report proves the visit: the step its saving recorded stays.
        store
            .record_step(id, Step::Responded, at(20, 11), "", at(20, 11))
            .unwrap();
        let report = crate::store::investigation::tests::report();
        store
            .save_investigation(id, &report, None, at(21, 15))
            .unwrap();
        assert_eq!(live(&store, id).last(), Some(&Step::OnSite));
        assert_eq!(refused(&store, at(21, 15)), "error-withdraw-not-this-step");
        // Saved again a minute later, the report still holds it.
        let revision = store.investigation_of(id).unwrap().unwrap().revision;
        store
            .save_investigation(
                id,
                &report,
                Some(revision),
                at(21, 15) + Duration::minutes(1),
            )
            .unwrap();
        assert_eq!(
            refused(&store, at(21, 15) + Duration::minutes(2)),
            "error-withdraw-not-this-step"
        );
        assert_eq!(
            live(&store, id),
            [Step::Received, Step::Responded, Step::OnSite]
        );
    }

    #[test]
    fn a_new_complaint_is_received_and_only_allowed_steps_are_recorded() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let recorded = store.steps_of(complaint.id).unwrap();
        assert_eq!(
            recorded.iter().map(|s| s.step).collect::<Vec<_>>(),
            [Step::Received]
        );
        assert_eq!(recorded[0].at, sample_complaint().received_at);
        assert!(matches!(
            store.record_step(complaint.id, Step::Closed, at(20, 10), "", at(20, 10)),
            Err(StoreError::StepNotAllowed { .. })
        ));
        store
            .record_step(complaint.id, Step::Responded, at(20, 10), "", at(20, 10))
            .unwrap();
        assert_eq!(
            store.steps_of(complaint.id).unwrap().last().unwrap().step,
            Step::Responded
        );
    }

    #[test]
    fn the_dashboards_clocks_leave_out_closed_cases_and_run_again_for_one_reopened() {
        let mut store = Store::open_in_memory().unwrap();
        let (limits, region) = (Limits::default(), Region::default());
        let ids = [closed_case(&mut store), closed_case(&mut store)];
        assert!(store.clocks(limits, &region).unwrap().is_empty());
        // The customer calls again about the second: reopened, its on-site clock runs.
        store
            .record_step(ids[1], Step::Reopened, at(22, 9), "", at(22, 9))
            .unwrap();
        let clocks = store.clocks(limits, &region).unwrap();
        assert!(!clocks.is_empty());
        assert!(
            clocks.iter().all(|c| c.complaint_id == ids[1]),
            "{clocks:?}"
        );
        assert_eq!(clocks, store.clocks_of(&ids, limits, &region).unwrap());
    }

    #[test]
    fn each_cases_step_now_is_its_last_recorded_step_whether_written_one_by_one_or_in_bulk() {
        let mut store = Store::open_in_memory().unwrap();
        // The demo writes its steps in bulk; this case's are recorded one by one.
        crate::demo::fill(&mut store, 400, 3, at(23, 12)).unwrap();
        let id = store
            .insert_complaint(&sample_complaint(), "CC", at(23, 13))
            .unwrap()
            .id;
        store
            .record_step(id, Step::Responded, at(23, 14), "", at(23, 14))
            .unwrap();
        let ids = store.complaint_ids(&Default::default()).unwrap();
        assert!(ids.len() > 40, "{}", ids.len());
        let mut closed = 0;
        for id in ids {
            let last = store.steps_of(id).unwrap().last().unwrap().step;
            let now: String = store
                .conn
                .query_row(
                    "SELECT step FROM case_progress WHERE complaint_id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(now, last.code(), "case {id}");
            closed += usize::from(last == Step::Closed);
        }
        assert!(closed > 0, "the demo closes cases");
    }

    #[test]
    fn an_unanswered_complaint_is_overdue_after_24_hours_and_leaves_the_list_when_answered() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let region = Region::default();
        assert!(
            store
                .overdue(at(21, 9), Limits::default(), &region)
                .unwrap()
                .iter()
                .all(|o| o.due != Due::Respond)
        );
        let late = store
            .overdue(at(21, 10), Limits::default(), &region)
            .unwrap();
        let respond = late
            .iter()
            .find(|o| o.due == Due::Respond)
            .expect("overdue");
        assert_eq!(respond.late, chrono::Duration::hours(1));
        store
            .record_step(complaint.id, Step::Responded, at(21, 11), "", at(21, 11))
            .unwrap();
        let late = store
            .overdue(at(21, 12), Limits::default(), &region)
            .unwrap();
        assert!(!late.iter().any(|o| o.due == Due::Respond));
    }

    #[test]
    fn forms_bring_the_case_forward_through_the_steps_they_prove() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        advance_to(
            &store.conn,
            complaint.id,
            Step::Resolved,
            at(22, 9),
            at(22, 9),
        )
        .unwrap();
        let steps: Vec<Step> = store
            .steps_of(complaint.id)
            .unwrap()
            .iter()
            .map(|s| s.step)
            .collect();
        assert_eq!(
            steps,
            [
                Step::Received,
                Step::Responded,
                Step::OnSite,
                Step::TreatmentDecided,
                Step::Resolved
            ]
        );
        advance_to(
            &store.conn,
            complaint.id,
            Step::OnSite,
            at(22, 10),
            at(22, 10),
        )
        .unwrap();
        assert_eq!(
            store.steps_of(complaint.id).unwrap().len(),
            5,
            "a case past the step is left alone"
        );
    }

    /// The case's steps as stored, field by field.
    fn stored_steps(store: &Store) -> Vec<(i64, String, String, String)> {
        store
            .conn
            .prepare("SELECT id, step, at, operator FROM case_steps ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn the_steps_of_a_case_cannot_be_deleted_or_rewritten() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        store
            .record_step(complaint.id, Step::Responded, at(20, 10), "", at(20, 10))
            .unwrap();
        let before = stored_steps(&store);
        assert_eq!(before.len(), 2);
        for (sql, refusal) in [
            (
                "DELETE FROM case_steps",
                "the steps of a case are kept permanently",
            ),
            (
                "UPDATE case_steps SET at = '2026-11-19 09:00:00'",
                "the steps of a case are kept as recorded",
            ),
            (
                "UPDATE case_steps SET step = 'closed' WHERE step = 'responded'",
                "the steps of a case are kept as recorded",
            ),
        ] {
            let error = store.write(|tx| Ok(tx.execute(sql, [])?)).expect_err(sql);
            assert!(
                matches!(&error, StoreError::Sqlite(inner) if inner.to_string().contains(refusal)),
                "{sql}: {error:?}"
            );
            assert_eq!(
                stored_steps(&store),
                before,
                "{sql}: the rows are unchanged"
            );
        }
    }

    /// A case received at 09:00 on the 20th from a customer at `address`, answered at once, in
    /// a store whose home province is 江西省 (remote regions as by default).
    fn answered_case(store: &mut Store, phone: &str, address: &str) -> i64 {
        let mut complaint = sample_complaint();
        // Another phone, another customer: each case files its own, with its province.
        complaint.customer_phone = phone.into();
        complaint.customer_address = address.into();
        let stored = store.insert_complaint(&complaint, "CC", at(20, 9)).unwrap();
        store
            .record_step(stored.id, Step::Responded, at(20, 9), "", at(20, 9))
            .unwrap();
        stored.id
    }

    fn on_site_deadline(store: &Store, id: i64) -> Option<NaiveDateTime> {
        let settings = crate::store::Settings {
            home_province: "江西省".into(),
            ..Default::default()
        };
        store
            .clocks(settings.limits(), &settings.region())
            .unwrap()
            .into_iter()
            .find(|c| c.complaint_id == id && c.due == Due::ArriveOnSite)
            .map(|c| c.deadline)
    }

    #[test]
    fn the_on_site_clock_runs_24_hours_at_home_72_in_a_remote_region_and_48_elsewhere() {
        let mut store = Store::open_in_memory().unwrap();
        let home = answered_case(
            &mut store,
            "13800138001",
            "江西省南昌市东湖区八一大道 88 号",
        );
        let remote = answered_case(
            &mut store,
            "13800138002",
            "西藏自治区拉萨市城关区北京中路 1 号",
        );
        let other = answered_case(&mut store, "13800138003", "湖南省长沙市岳麓区");
        let unknown = answered_case(&mut store, "13800138004", "Calle Mayor 1, Madrid");
        assert_eq!(store.province_of_complaint(home).unwrap(), "江西省");
        assert_eq!(store.province_of_complaint(remote).unwrap(), "西藏自治区");
        assert_eq!(store.province_of_complaint(unknown).unwrap(), "");
        assert_eq!(on_site_deadline(&store, home), Some(at(21, 9)));
        assert_eq!(on_site_deadline(&store, remote), Some(at(23, 9)));
        assert_eq!(on_site_deadline(&store, other), Some(at(22, 9)));
        assert_eq!(
            on_site_deadline(&store, unknown),
            Some(at(22, 9)),
            "an unknown province counts as another province"
        );
    }

    #[test]
    fn a_voided_complaint_has_no_clock_and_is_never_overdue() {
        let mut store = Store::open_in_memory().unwrap();
        let kept = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let voided = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let region = Region::default();
        let clocked = |store: &Store| -> Vec<i64> {
            let mut ids: Vec<i64> = store
                .clocks(Limits::default(), &region)
                .unwrap()
                .iter()
                .map(|c| c.complaint_id)
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        assert_eq!(clocked(&store), [kept.id, voided.id]);
        store
            .void(
                crate::store::audit::AuditedTable::Complaints,
                voided.id,
                "重复登记",
                at(20, 10),
            )
            .unwrap();
        assert_eq!(clocked(&store), [kept.id]);
        let late: Vec<i64> = store
            .overdue(at(23, 9), Limits::default(), &region)
            .unwrap()
            .iter()
            .map(|o| o.complaint_id)
            .collect();
        assert!(late.contains(&kept.id), "{late:?}");
        assert!(!late.contains(&voided.id), "{late:?}");
        assert!(
            store
                .clocks_of(&[voided.id], Limits::default(), &region)
                .unwrap()
                .is_empty()
        );
    }
}
