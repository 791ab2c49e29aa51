//! A complaint's life (DOMAIN.md, "A complaint's life") and the clocks on it ("The rules"):
//! which step may follow which, when each step is due, and how late it is. Pure functions of
//! the case's recorded steps and `now`; the numbers are settings.

use chrono::{Duration, NaiveDateTime};

/// A step of a case's life, in the order it normally happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Received,
    Responded,
    /// The dealer could not handle it and reported it to headquarters.
    EscalatedToHq,
    OnSite,
    TreatmentDecided,
    /// The confirmation form was signed.
    Resolved,
    ReturnVisitDone,
    Closed,
    /// A dissatisfied return visit sent the case back to the dealer.
    Reopened,
}

impl Step {
    pub const ALL: [Step; 9] = [
        Step::Received,
        Step::Responded,
        Step::EscalatedToHq,
        Step::OnSite,
        Step::TreatmentDecided,
        Step::Resolved,
        Step::ReturnVisitDone,
        Step::Closed,
        Step::Reopened,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Step::Received => "received",
            Step::Responded => "responded",
            Step::EscalatedToHq => "escalated",
            Step::OnSite => "on_site",
            Step::TreatmentDecided => "treatment_decided",
            Step::Resolved => "resolved",
            Step::ReturnVisitDone => "return_visit_done",
            Step::Closed => "closed",
            Step::Reopened => "reopened",
        }
    }

    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The step's name in the catalogue.
    pub fn message_key(self) -> super::MessageKey {
        match self {
            Step::Received => "step-received",
            Step::Responded => "step-responded",
            Step::EscalatedToHq => "step-escalated",
            Step::OnSite => "step-on-site",
            Step::TreatmentDecided => "step-treatment-decided",
            Step::Resolved => "step-resolved",
            Step::ReturnVisitDone => "step-return-visit-done",
            Step::Closed => "step-closed",
            Step::Reopened => "step-reopened",
        }
    }
}

impl Due {
    /// The clock's name in the catalogue.
    pub fn message_key(self) -> super::MessageKey {
        match self {
            Due::Respond => "due-respond",
            Due::EscalateToHq => "due-escalate",
            Due::ArriveOnSite => "due-on-site",
            Due::ReturnVisit => "due-return-visit",
        }
    }
}

/// The steps that may follow `step`.
pub fn next_steps(step: Step) -> &'static [Step] {
    match step {
        Step::Received => &[Step::Responded],
        Step::Responded => &[Step::EscalatedToHq, Step::OnSite],
        Step::EscalatedToHq => &[Step::OnSite],
        Step::OnSite => &[Step::TreatmentDecided],
        Step::TreatmentDecided => &[Step::Resolved],
        Step::Resolved => &[Step::ReturnVisitDone, Step::Reopened],
        Step::ReturnVisitDone => &[Step::Closed],
        Step::Closed => &[Step::Reopened],
        Step::Reopened => &[Step::OnSite, Step::TreatmentDecided],
    }
}

/// The hour and day limits of the rules (settings; defaults from DOMAIN.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub respond_hours: i64,
    pub escalate_hours: i64,
    pub on_site_home_hours: i64,
    pub on_site_other_hours: i64,
    pub on_site_remote_hours: i64,
    pub return_visit_days: i64,
    /// Resolve within this many working days of receipt (a seed: 3).
    pub resolve_working_days: i64,
    /// Bulk repairs: this many units a day (10 within 1 day, 20 within 2, …).
    pub repairs_per_day: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            respond_hours: 24,
            escalate_hours: 48,
            on_site_home_hours: 24,
            on_site_other_hours: 48,
            on_site_remote_hours: 72,
            return_visit_days: 3,
            resolve_working_days: 3,
            repairs_per_day: 10,
        }
    }
}

/// Where the company is and which regions are remote (settings).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Region {
    pub home_province: String,
    pub remote_provinces: Vec<String>,
}

/// Where the customer is, seen from the company: decides the on-site limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Distance {
    HomeProvince,
    OtherProvince,
    Remote,
}

/// The distance of a customer in `province`, given the home province and the remote regions
/// (settings). An unknown province counts as another province.
pub fn distance(province: &str, home_province: &str, remote: &[String]) -> Distance {
    if !province.is_empty() && remote.iter().any(|r| r == province) {
        Distance::Remote
    } else if !province.is_empty() && province == home_province {
        Distance::HomeProvince
    } else {
        Distance::OtherProvince
    }
}

/// A clock running on a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    Respond,
    EscalateToHq,
    ArriveOnSite,
    ReturnVisit,
}

/// The steps recorded on a case, with their times, in the order they happened.
pub type Timeline = [(Step, NaiveDateTime)];

fn last(timeline: &Timeline, step: Step) -> Option<NaiveDateTime> {
    timeline
        .iter()
        .rev()
        .find(|(s, _)| *s == step)
        .map(|(_, at)| *at)
}

/// The clocks running on a case now, each with its deadline. A clock stops when its step is
/// recorded; a reopened case runs the on-site clock again from the reopening. Only a complaint
/// received by a dealer has to be escalated to headquarters.
pub fn deadlines(
    timeline: &Timeline,
    limits: Limits,
    distance: Distance,
    received_by_dealer: bool,
) -> Vec<(Due, NaiveDateTime)> {
    let Some(received) = last(timeline, Step::Received) else {
        return Vec::new();
    };
    let current = timeline.last().map_or(Step::Received, |(step, _)| *step);
    let hours = Duration::hours;
    let mut due = Vec::new();
    // Any step after receipt (a visit, a resolution) answers the customer too.
    if timeline.iter().all(|(step, _)| *step == Step::Received) {
        due.push((Due::Respond, received + hours(limits.respond_hours)));
    }
    let resolved = last(timeline, Step::Resolved);
    let reopened = last(timeline, Step::Reopened);
    // Open until resolved, and again once reopened after the resolution (by order, not time).
    let position = |step| timeline.iter().rposition(|(s, _)| *s == step);
    let open = position(Step::Resolved).is_none_or(|r| position(Step::Reopened) > Some(r));
    if received_by_dealer
        && open
        && last(timeline, Step::EscalatedToHq).is_none()
        && last(timeline, Step::OnSite).is_none()
    {
        due.push((Due::EscalateToHq, received + hours(limits.escalate_hours)));
    }
    let on_site_hours = match distance {
        Distance::HomeProvince => limits.on_site_home_hours,
        Distance::OtherProvince => limits.on_site_other_hours,
        Distance::Remote => limits.on_site_remote_hours,
    };
    // The on-site clock runs from receipt, or from the reopening of a reopened case.
    // Order, not time, tells whether the visit came after the reopening: both may be typed
    // in the same minute.
    let (on_site_from, arrived) = match reopened {
        Some(reopened) if current == Step::Reopened => (reopened, None),
        _ => (received, last(timeline, Step::OnSite)),
    };
    if open && arrived.is_none() && current != Step::TreatmentDecided {
        due.push((Due::ArriveOnSite, on_site_from + hours(on_site_hours)));
    }
    if current == Step::Resolved
        && let Some(resolved) = resolved
    {
        due.push((
            Due::ReturnVisit,
            resolved + Duration::days(limits.return_visit_days),
        ));
    }
    due
}

/// How late a step due at `deadline` is at `now`; `None` while there is still time (a step
/// due exactly now is not late yet).
pub fn lateness(deadline: NaiveDateTime, now: NaiveDateTime) -> Option<Duration> {
    (now > deadline).then(|| now - deadline)
}

/// How long after a step happened it may be recorded without saying why.
pub const BACKDATE_GRACE_MINUTES: i64 = 10;

/// Checks the time typed for a step recorded by hand: not in the future, not before the step
/// it follows (steps keep their order), and a step recorded more than
/// [`BACKDATE_GRACE_MINUTES`] after it happened says why.
pub fn check_step_time(
    previous: Option<NaiveDateTime>,
    at: NaiveDateTime,
    now: NaiveDateTime,
    reason: &str,
) -> Result<(), super::MessageKey> {
    if at > now + Duration::minutes(1) {
        Err("error-step-in-future")
    } else if previous.is_some_and(|previous| at < previous) {
        Err("error-step-before-previous")
    } else if now - at > Duration::minutes(BACKDATE_GRACE_MINUTES) && reason.trim().is_empty() {
        Err("error-step-backdated-needs-reason")
    } else {
        Ok(())
    }
}

/// How long after recording a step whoever recorded it may withdraw it (issue 16: "undone
/// within a few minutes by the same operator").
pub const WITHDRAW_WITHIN_MINUTES: i64 = 5;

/// The step as recorded, as far as withdrawing it goes.
#[derive(Clone, Copy, Debug)]
pub struct LastStep<'a> {
    pub step: Step,
    /// Who recorded it.
    pub operator: &'a str,
    /// When it was recorded (not when it happened).
    pub recorded_at: NaiveDateTime,
    /// Recorded by saving a form (a report proves the visit, a confirmation the resolution):
    /// the form stands, so its step does too.
    pub with_a_form: bool,
}

/// Whether `operator` may withdraw the case's last step at `now`: only a step recorded by
/// hand, by them, less than [`WITHDRAW_WITHIN_MINUTES`] ago; never the receipt that opened the
/// case, nor a return visit (recorded with its outcome). The refusal's catalogue key says why.
pub fn may_withdraw(
    last: LastStep<'_>,
    operator: &str,
    now: NaiveDateTime,
) -> Result<(), super::MessageKey> {
    if matches!(last.step, Step::Received | Step::ReturnVisitDone) || last.with_a_form {
        Err("error-withdraw-not-this-step")
    } else if last.operator.trim() != operator.trim() {
        Err("error-withdraw-someone-else")
    } else if now - last.recorded_at >= Duration::minutes(WITHDRAW_WITHIN_MINUTES)
        || now < last.recorded_at
    {
        Err("error-withdraw-too-late")
    } else {
        Ok(())
    }
}

/// Days allowed to repair `units` received in bulk: 10 units within 1 day, 20 within 2, and so
/// on (`repairs_per_day` a day, rounded up; at least one day).
pub fn bulk_repair_days(units: u32, repairs_per_day: u32) -> u32 {
    units.div_ceil(repairs_per_day.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    proptest::proptest! {
        /// Whatever life a case had (every path the steps allow, reopened any number of
        /// times), once its last step is a closing it runs no clock: the dashboard's pass
        /// leaves closed cases out on the strength of this.
        #[test]
        fn a_closed_case_runs_no_clock_whatever_its_life_before(
            choices in proptest::collection::vec(0usize..4, 1..40),
            hours in proptest::collection::vec(0i64..200, 40),
            by_dealer: bool,
            distance in 0usize..3,
        ) {
            let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(9, 0, 0).unwrap();
            let mut at = start;
            let mut timeline = vec![(Step::Received, at)];
            for (i, choice) in choices.iter().enumerate() {
                let next = next_steps(timeline.last().unwrap().0);
                at += Duration::hours(hours[i]);
                timeline.push((next[choice % next.len()], at));
            }
            // Walk on to the closing by the first allowed step each time.
            while timeline.last().unwrap().0 != Step::Closed {
                let next = match timeline.last().unwrap().0 {
                    Step::Resolved => Step::ReturnVisitDone,
                    other => next_steps(other)[0],
                };
                at += Duration::hours(5);
                timeline.push((next, at));
            }
            let distance = [Distance::HomeProvince, Distance::OtherProvince, Distance::Remote][distance];
            proptest::prop_assert_eq!(
                deadlines(&timeline, Limits::default(), distance, by_dealer),
                Vec::new(),
                "{:?}",
                timeline
            );
        }
    }

    fn at(month: u32, day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, month, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    #[test]
    fn a_step_is_withdrawn_only_within_five_minutes_by_whoever_recorded_it_by_hand() {
        let recorded_at = at(11, 23, 9);
        let last = LastStep {
            step: Step::Responded,
            operator: "王丽",
            recorded_at,
            with_a_form: false,
        };
        let minutes = |m| recorded_at + Duration::minutes(m);
        assert_eq!(may_withdraw(last, "王丽", recorded_at), Ok(()));
        assert_eq!(may_withdraw(last, " 王丽 ", minutes(4)), Ok(()));
        let four_59 = recorded_at + Duration::seconds(299);
        assert_eq!(may_withdraw(last, "王丽", four_59), Ok(()));
        // At five minutes it is too late; so is a clock that went back before the step.
        assert_eq!(
            may_withdraw(last, "王丽", minutes(5)),
            Err("error-withdraw-too-late")
        );
        assert_eq!(
            may_withdraw(last, "王丽", minutes(-1)),
            Err("error-withdraw-too-late")
        );
        assert_eq!(
            may_withdraw(last, "刘敏", minutes(1)),
            Err("error-withdraw-someone-else")
        );
        for step in [Step::Received, Step::ReturnVisitDone] {
            let last = LastStep { step, ..last };
            assert_eq!(
                may_withdraw(last, "王丽", minutes(1)),
                Err("error-withdraw-not-this-step"),
                "{step:?}"
            );
        }
        // A step a saved form recorded stays while the form does.
        let by_form = LastStep {
            step: Step::OnSite,
            with_a_form: true,
            ..last
        };
        assert_eq!(
            may_withdraw(by_form, "王丽", minutes(1)),
            Err("error-withdraw-not-this-step")
        );
        for step in [
            Step::Responded,
            Step::EscalatedToHq,
            Step::OnSite,
            Step::TreatmentDecided,
            Step::Resolved,
            Step::Closed,
            Step::Reopened,
        ] {
            let last = LastStep { step, ..last };
            assert_eq!(may_withdraw(last, "王丽", minutes(1)), Ok(()), "{step:?}");
        }
    }

    fn due_of(timeline: &Timeline, distance: Distance) -> Vec<(Due, NaiveDateTime)> {
        deadlines(timeline, Limits::default(), distance, true)
    }

    #[test]
    fn only_the_allowed_transitions_are_offered() {
        // DOMAIN.md: received → responded → (escalated to HQ) → on site → treatment decided →
        // resolved → return visit done → closed; a dissatisfied visit reopens the case, and
        // so may a complaint about a closed one.
        let allowed = [
            (Step::Received, vec![Step::Responded]),
            (Step::Responded, vec![Step::EscalatedToHq, Step::OnSite]),
            (Step::EscalatedToHq, vec![Step::OnSite]),
            (Step::OnSite, vec![Step::TreatmentDecided]),
            (Step::TreatmentDecided, vec![Step::Resolved]),
            (Step::Resolved, vec![Step::ReturnVisitDone, Step::Reopened]),
            (Step::ReturnVisitDone, vec![Step::Closed]),
            (Step::Closed, vec![Step::Reopened]),
            (Step::Reopened, vec![Step::OnSite, Step::TreatmentDecided]),
        ];
        assert_eq!(
            allowed.iter().map(|(from, _)| *from).collect::<Vec<_>>(),
            Step::ALL,
            "every step, in order"
        );
        for (from, to) in allowed {
            assert_eq!(next_steps(from), to, "after {from:?}");
        }
        // Nothing goes back to receipt.
        for step in Step::ALL {
            assert!(!next_steps(step).contains(&Step::Received), "{step:?}");
        }
    }

    #[test]
    fn a_complaint_must_be_answered_within_24_hours_of_receipt() {
        let timeline = [(Step::Received, at(11, 23, 9))];
        let due = due_of(&timeline, Distance::HomeProvince);
        assert!(due.contains(&(Due::Respond, at(11, 24, 9))));
        // Exactly 24 hours is on time; a minute more is late.
        assert_eq!(lateness(at(11, 24, 9), at(11, 24, 9)), None);
        assert_eq!(
            lateness(at(11, 24, 9), at(11, 24, 9) + Duration::minutes(1)),
            Some(Duration::minutes(1))
        );
    }

    #[test]
    fn a_case_that_moved_on_in_any_way_has_been_answered() {
        let timeline = [(Step::Received, at(11, 1, 9)), (Step::OnSite, at(11, 3, 9))];
        assert!(
            !due_of(&timeline, Distance::HomeProvince)
                .iter()
                .any(|(d, _)| *d == Due::Respond)
        );
    }

    #[test]
    fn the_response_limit_is_a_setting() {
        let limits = Limits {
            respond_hours: 4,
            ..Limits::default()
        };
        let due = deadlines(
            &[(Step::Received, at(11, 23, 22))],
            limits,
            Distance::HomeProvince,
            true,
        );
        assert!(
            due.contains(&(Due::Respond, at(11, 24, 2))),
            "across midnight: {due:?}"
        );
    }

    #[test]
    fn an_unresolved_dealer_complaint_goes_to_hq_within_48_hours() {
        let timeline = [
            (Step::Received, at(11, 30, 10)),
            (Step::Responded, at(11, 30, 12)),
        ];
        let due = due_of(&timeline, Distance::HomeProvince);
        assert!(
            due.contains(&(Due::EscalateToHq, at(12, 2, 10))),
            "across the month end: {due:?}"
        );
        assert!(!due.iter().any(|(d, _)| *d == Due::Respond));
        let at_hq = deadlines(&timeline, Limits::default(), Distance::HomeProvince, false);
        assert!(
            !at_hq.iter().any(|(d, _)| *d == Due::EscalateToHq),
            "headquarters escalates to no one"
        );
    }

    #[test]
    fn on_site_arrival_is_due_within_24_48_or_72_hours_by_distance() {
        let timeline = [(Step::Received, at(11, 23, 9))];
        let arrive = |distance| {
            due_of(&timeline, distance)
                .into_iter()
                .find(|(d, _)| *d == Due::ArriveOnSite)
                .unwrap()
                .1
        };
        assert_eq!(arrive(Distance::HomeProvince), at(11, 24, 9));
        assert_eq!(arrive(Distance::OtherProvince), at(11, 25, 9));
        assert_eq!(arrive(Distance::Remote), at(11, 26, 9));
    }

    #[test]
    fn the_customers_province_decides_the_distance() {
        let remote = vec!["西藏自治区".to_owned(), "新疆维吾尔自治区".to_owned()];
        assert_eq!(
            distance("江西省", "江西省", &remote),
            Distance::HomeProvince
        );
        assert_eq!(
            distance("广东省", "江西省", &remote),
            Distance::OtherProvince
        );
        assert_eq!(distance("西藏自治区", "江西省", &remote), Distance::Remote);
        assert_eq!(distance("", "江西省", &remote), Distance::OtherProvince);
    }

    #[test]
    fn a_return_visit_is_due_three_days_after_resolution() {
        let timeline = [
            (Step::Received, at(11, 1, 9)),
            (Step::Responded, at(11, 1, 10)),
            (Step::OnSite, at(11, 2, 9)),
            (Step::TreatmentDecided, at(11, 2, 11)),
            (Step::Resolved, at(11, 28, 15)),
        ];
        let due = due_of(&timeline, Distance::HomeProvince);
        assert_eq!(due, [(Due::ReturnVisit, at(12, 1, 15))]);
    }

    #[test]
    fn a_case_reopened_in_the_minute_it_was_resolved_runs_its_clock_again() {
        let timeline = [
            (Step::Received, at(11, 20, 9)),
            (Step::OnSite, at(11, 20, 15)),
            (Step::TreatmentDecided, at(11, 21, 9)),
            (Step::Resolved, at(11, 21, 9)),
            (Step::Reopened, at(11, 21, 9)),
        ];
        assert_eq!(
            deadlines(&timeline, Limits::default(), Distance::HomeProvince, false),
            [(Due::ArriveOnSite, at(11, 22, 9))]
        );
        let visited = [&timeline[..], &[(Step::OnSite, at(11, 21, 9))]].concat();
        assert!(deadlines(&visited, Limits::default(), Distance::HomeProvince, false).is_empty());
    }

    #[test]
    fn a_reopened_case_runs_the_on_site_clock_again_from_the_reopening() {
        let timeline = [
            (Step::Received, at(11, 1, 9)),
            (Step::Responded, at(11, 1, 10)),
            (Step::OnSite, at(11, 2, 9)),
            (Step::TreatmentDecided, at(11, 2, 11)),
            (Step::Resolved, at(11, 5, 15)),
            (Step::Reopened, at(11, 7, 10)),
        ];
        let due = due_of(&timeline, Distance::OtherProvince);
        assert_eq!(due, [(Due::ArriveOnSite, at(11, 9, 10))]);
    }

    #[test]
    fn a_closed_case_has_no_clock_running() {
        let timeline = [
            (Step::Received, at(11, 1, 9)),
            (Step::Responded, at(11, 1, 10)),
            (Step::OnSite, at(11, 2, 9)),
            (Step::TreatmentDecided, at(11, 2, 11)),
            (Step::Resolved, at(11, 5, 15)),
            (Step::ReturnVisitDone, at(11, 6, 15)),
            (Step::Closed, at(11, 6, 16)),
        ];
        assert!(due_of(&timeline, Distance::HomeProvince).is_empty());
    }

    #[test]
    fn a_step_cannot_come_before_the_one_it_follows() {
        let responded = at(11, 5, 22);
        let now = at(11, 6, 9);
        assert_eq!(
            check_step_time(
                Some(responded),
                responded - Duration::minutes(1),
                now,
                "late"
            ),
            Err("error-step-before-previous")
        );
        assert_eq!(
            check_step_time(Some(responded), responded, now, "typed in the next morning"),
            Ok(())
        );
    }

    #[test]
    fn a_step_recorded_more_than_ten_minutes_late_says_why() {
        let now = at(11, 6, 9);
        let within = now - Duration::minutes(BACKDATE_GRACE_MINUTES);
        assert_eq!(check_step_time(None, within, now, ""), Ok(()));
        let beyond = within - Duration::minutes(1);
        assert_eq!(
            check_step_time(None, beyond, now, "  "),
            Err("error-step-backdated-needs-reason")
        );
        assert_eq!(check_step_time(None, beyond, now, "电话记录补录"), Ok(()));
    }

    #[test]
    fn a_step_cannot_be_recorded_in_the_future() {
        let now = at(11, 6, 9);
        assert_eq!(
            check_step_time(None, now + Duration::minutes(1), now, ""),
            Ok(()),
            "a minute of clock skew between machines is allowed"
        );
        assert_eq!(
            check_step_time(None, now + Duration::minutes(2), now, "x"),
            Err("error-step-in-future")
        );
    }

    #[test]
    fn bulk_repairs_allow_a_day_per_ten_units() {
        assert_eq!(bulk_repair_days(1, 10), 1);
        assert_eq!(bulk_repair_days(10, 10), 1);
        assert_eq!(bulk_repair_days(11, 10), 2);
        assert_eq!(bulk_repair_days(20, 10), 2);
        assert_eq!(bulk_repair_days(0, 10), 1);
        assert_eq!(bulk_repair_days(5, 0), 5, "a zero rate counts as one a day");
    }
}
